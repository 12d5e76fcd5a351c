// What the Suite sends, as the softphone reads it (contract v1, docs/suite-api.md): calls, frames of
// the event channel, versions and heartbeats. Nothing from the wire is used as it came: unknown
// fields are ignored, text is bounded and made safe to show.
import type { CallCapability, SuiteCall } from './types';

/** Heartbeats outside this range (seconds) would make the liveness check fire at once or never. */
const HEARTBEAT_SEC = { min: 1, max: 300, fallback: 20 };

/** The session's heartbeat: absent or nonsense takes the default, the rest is clamped (1e400 is Infinity). */
export function heartbeatSeconds(value: unknown): number {
    const seconds = Number(value);
    if (Number.isNaN(seconds) || seconds <= 0) return HEARTBEAT_SEC.fallback;
    return Math.min(HEARTBEAT_SEC.max, Math.max(HEARTBEAT_SEC.min, seconds));
}

const CALL_STATES = new Set(['dialing', 'ringing', 'queued', 'connected', 'held', 'cleared']);
const DIRECTIONS = new Set(['inbound', 'outbound', 'internal']);
const CAPABILITIES = new Set<CallCapability>([
    'answer',
    'hold',
    'retrieve',
    'clear',
    'transfer',
    'consult',
    'completeTransfer',
    'cancelTransfer'
]);

export function compareVersions(a: string, b: string): number {
    const parts = (version: string) => version.split('.').map((part) => Number.parseInt(part, 10) || 0);
    const [left, right] = [parts(a), parts(b)];
    for (let index = 0; index < Math.max(left.length, right.length); index++) {
        const difference = (left[index] ?? 0) - (right[index] ?? 0);
        if (difference !== 0) return Math.sign(difference);
    }
    return 0;
}

function toTime(value: unknown): number | undefined {
    if (typeof value === 'number') return value;
    if (typeof value !== 'string') return undefined;
    const time = Date.parse(value);
    return Number.isNaN(time) ? undefined : time;
}

/** Text from the wire, cut to a bound; anything else is empty. */
export function text(value: unknown, max = 512): string {
    return typeof value === 'string' ? value.slice(0, max) : '';
}

// Control characters, and bidi embeddings, overrides and isolates that would reorder the text around
// a name on screen; right-to-left names themselves stay as they are.
const UNSAFE_FOR_DISPLAY = /[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;

/** Text the panel shows (names, numbers): no control characters, whitespace collapsed, bounded. */
export function displayText(value: unknown, max: number): string {
    if (typeof value !== 'string') return '';
    return value
        .slice(0, max * 4)
        .replace(UNSAFE_FOR_DISPLAY, ' ')
        .replace(/\s+/g, ' ')
        .trim()
        .slice(0, max);
}

/** Reads a call from the wire, or undefined if it is not one. Unknown fields are ignored. */
export function parseCall(data: unknown): SuiteCall | undefined {
    if (!data || typeof data !== 'object') return undefined;
    const raw = data as Record<string, unknown>;
    if (typeof raw.callId !== 'string' || !raw.callId) return undefined;
    const remote = (raw.remote && typeof raw.remote === 'object' ? raw.remote : {}) as Record<
        string,
        unknown
    >;
    const state = CALL_STATES.has(String(raw.state)) ? (raw.state as SuiteCall['state']) : 'connected';
    return {
        callId: raw.callId.slice(0, 128),
        state,
        direction: DIRECTIONS.has(String(raw.direction))
            ? (raw.direction as SuiteCall['direction'])
            : 'inbound',
        remote: { number: displayText(remote.number, 64), name: displayText(remote.name, 256) },
        huntGroup: displayText(raw.huntGroup, 64) || undefined,
        relatedCallId: text(raw.relatedCallId, 128) || undefined,
        startTime: toTime(raw.startTime) ?? Date.now(),
        answerTime: toTime(raw.answerTime),
        endTime: toTime(raw.endTime),
        cause: text(raw.cause, 64),
        capabilities: Array.isArray(raw.capabilities)
            ? raw.capabilities.filter((capability): capability is CallCapability =>
                  CAPABILITIES.has(capability)
              )
            : [],
        transferredTo: text(raw.transferredTo, 64) || undefined
    };
}

/** A frame of the event channel: its type, and for an event its name, sequence number and data. */
export interface Frame {
    type: string;
    event?: string;
    seq?: number;
    data?: unknown;
}

/** A frame as it came over the socket, or why it is refused. */
export function readFrame(data: unknown, maxBytes: number): Frame | 'malformed' | 'oversized' {
    if (typeof data !== 'string') return 'malformed';
    if (data.length > maxBytes) return 'oversized';
    try {
        const frame = JSON.parse(data) as { type?: unknown };
        if (!frame || typeof frame !== 'object' || typeof frame.type !== 'string') return 'malformed';
        return frame as Frame;
    } catch {
        return 'malformed';
    }
}

/** A snapshot frame's data: the live calls (those that read as calls), the recently ended ones as they came, and the rest when present. */
export function readSnapshot(data: unknown): {
    seq?: number;
    calls: SuiteCall[];
    recentCalls: unknown[];
    dnd?: boolean;
    pbxConnected?: boolean;
} {
    const snapshot = (data ?? {}) as {
        seq?: unknown;
        calls?: unknown;
        recentCalls?: unknown;
        dnd?: { enabled?: unknown };
        system?: { pbxConnected?: unknown };
    };
    const boolean = (value: unknown) => (typeof value === 'boolean' ? value : undefined);
    return {
        seq: typeof snapshot.seq === 'number' ? snapshot.seq : undefined,
        calls: Array.isArray(snapshot.calls)
            ? snapshot.calls.map(parseCall).filter((call): call is SuiteCall => !!call)
            : [],
        recentCalls: Array.isArray(snapshot.recentCalls) ? snapshot.recentCalls : [],
        dnd: boolean(snapshot.dnd?.enabled),
        pbxConnected: boolean(snapshot.system?.pbxConnected)
    };
}
