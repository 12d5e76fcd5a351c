// The contract server's settings. The server reads them as it goes (an origin check, a new session, a
// heartbeat), so a change to the object applies to what comes next; the body and frame limits are read
// once, at start.
export interface ServerSettings {
    /** Origins allowed for CORS and for the event channel (the org's Visualforce origin). */
    allowedOrigins: string[];
    heartbeatSec: number;
    resumeWindowSec: number;
    tokenTtlSec: number;
    maxChannelsPerUser: number;
    /**
     * Sessions one user may hold. A sign-in beyond it ends one of the user's others: the one longest
     * without an event channel, else the oldest, whose channels close with 4009 (session replaced).
     */
    maxSessionsPerUser: number;
    /** A session without an event channel for this long ends (a tab that closed without signing out). */
    idleSessionSec: number;
    /** How often expired and idle sessions are swept out. */
    sweepSec: number;
    limits: { bodyBytes: number; frameBytes: number; requestsPerMinute: number };
    /** What one event channel's client may do before the channel is closed (docs/suite-api.md, close codes). */
    channels: {
        /** Bytes sent to the client and not yet read by it: past this, 4010. */
        backlogBytes: number;
        /** Frames the client may send in a minute: past this, 4011. */
        framesPerMinute: number;
        /** Frames that are not JSON the client may send over the channel's life: past this, 4011. */
        badFrames: number;
    };
}

export const DEFAULT_SETTINGS: ServerSettings = {
    allowedOrigins: [],
    heartbeatSec: 20,
    resumeWindowSec: 120,
    tokenTtlSec: 28_800,
    maxChannelsPerUser: 5,
    maxSessionsPerUser: 10,
    idleSessionSec: 300,
    sweepSec: 15,
    limits: { bodyBytes: 16_384, frameBytes: 65_536, requestsPerMinute: 600 },
    channels: { backlogBytes: 1_048_576, framesPerMinute: 120, badFrames: 20 }
};

/** The heartbeat the server's own timers use: sane whatever is announced on the wire (at most an hour). */
export function heartbeatTimerMs(heartbeatSec: number): number {
    return Number.isFinite(heartbeatSec) && heartbeatSec > 0 ? Math.min(heartbeatSec, 3600) * 1000 : 20_000;
}
