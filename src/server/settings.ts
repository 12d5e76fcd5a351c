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
    limits: { bodyBytes: number; frameBytes: number; requestsPerMinute: number };
}

export const DEFAULT_SETTINGS: ServerSettings = {
    allowedOrigins: [],
    heartbeatSec: 20,
    resumeWindowSec: 120,
    tokenTtlSec: 28_800,
    maxChannelsPerUser: 5,
    limits: { bodyBytes: 16_384, frameBytes: 65_536, requestsPerMinute: 600 }
};

/** The heartbeat the server's own timers use: sane whatever is announced on the wire (at most an hour). */
export function heartbeatTimerMs(heartbeatSec: number): number {
    return Number.isFinite(heartbeatSec) && heartbeatSec > 0 ? Math.min(heartbeatSec, 3600) * 1000 : 20_000;
}
