// Options, events, counters and states of the OAI client (./client.ts).
import type { OaiConfirmation, OaiEvent, OaiLineError } from './events';
import { DEFAULT_MAX_FRAME_BYTES } from './framing';
import type { TraceSink } from './trace';

/**
 * `loggingIn` until the PBX's RS and RD, `monitoring` while the monitors start, `resyncing` until
 * every station's RD, `ready` when commands go out, `waiting` between attempts, `refused` when the
 * PBX's RS says the link cannot serve the bridge (`refusal` says why; it is tried again later).
 */
export const OAI_LINK_STATES = [
    'stopped',
    'connecting',
    'loggingIn',
    'monitoring',
    'resyncing',
    'ready',
    'waiting',
    'refused'
] as const;
export type OaiLinkState = (typeof OAI_LINK_STATES)[number];

export interface OaiClientOptions {
    host: string;
    port: number;
    password: string;
    applicationName: string;
    /** Stations to monitor as devices. */
    extensions: readonly string[];
    /** Hunt groups to monitor as calls via device (they report every event of a call, and Call Cleared). */
    huntGroups?: readonly string[];
    /** `_NO` period; the PBX's own limit is 4.5 minutes by default. */
    keepAliveMs?: number;
    confirmationTimeoutMs?: number;
    /** From TCP connect to the PBX's RS + RD. */
    loginTimeoutMs?: number;
    /** From a resync request to its RD; a large system can take minutes. */
    resyncTimeoutMs?: number;
    /** The shortest time between two resyncs of every station (the manual: three minutes). */
    resyncIntervalMs?: number;
    /** How long a command sent while a resync runs may wait for its end. */
    holdTimeoutMs?: number;
    /** Reconnect delay: min(base · 2^n, max) ± 20 %. */
    backoff?: { baseMs: number; maxMs: number };
    random?: () => number;
    maxFrameBytes?: number;
    /** Where every frame is written (./trace.ts); by default the process's `--record` trace, if any. */
    trace?: TraceSink;
}

export interface OaiClientEvents {
    state(state: OaiLinkState, detail?: string): void;
    /** Every event from the PBX, resync ones included (they carry a resync code). */
    event(event: OaiEvent): void;
    /** A resync of every station starts on a link that was ready: what it does not report has ended. */
    resyncStarted(): void;
    /** A resync has ended: the events before this were the full picture. */
    resynced(): void;
    monitorFailed(device: string, detail: string): void;
    /** A line the bridge does not read; `firstOfKind` once per reason and code, for the log. */
    lineError(error: OaiLineError, firstOfKind: boolean): void;
    /** A command's confirmation arrived (success or refusal), `elapsedMs` after the command went out. */
    confirmed(confirmation: OaiConfirmation, elapsedMs: number): void;
    /** A confirmation for no command waiting: it came after its timeout. */
    lateConfirmation(confirmation: OaiConfirmation): void;
}

export interface OaiClientCounters {
    connects: number;
    reconnects: number;
    confirmationsTimedOut: number;
    confirmationsLate: number;
    confirmationsRejected: number;
    /** Lines of a kind the bridge reads that could not be read. */
    lineErrors: number;
    /** Well-formed lines of kinds neither reading of the manual lists. */
    unknownLines: number;
    /** Lines of kinds the manual lists that the bridge does not use (agent events, forwarding…). */
    ignoredLines: number;
    /** `_NO`s unconfirmed in time on a link that was still sending: not taken as a dead link. */
    keepAlivesUnanswered: number;
    /** Resyncs of every station asked for mid-link (after an unreadable call event), paced. */
    resyncsRequested: number;
}

export function newCounters(): OaiClientCounters {
    return {
        connects: 0,
        reconnects: 0,
        confirmationsTimedOut: 0,
        confirmationsLate: 0,
        confirmationsRejected: 0,
        lineErrors: 0,
        unknownLines: 0,
        ignoredLines: 0,
        keepAlivesUnanswered: 0,
        resyncsRequested: 0
    };
}

/** Events about calls: one the bridge could not read may have changed a call it follows. */
export const CALL_EVENT_CODES: ReadonlySet<string> = new Set([
    'DE',
    'ES',
    'OR',
    'NT',
    'HE',
    'RE',
    'TR',
    'XC',
    'CC',
    'QU',
    'DI',
    'CO',
    'FA'
]);

/** Counts the lines the client does not read, by kind, so each kind is logged once. */
export class LineErrorTally {
    private readonly kinds = new Set<string>();

    private readonly counters: OaiClientCounters;

    constructor(counters: OaiClientCounters) {
        this.counters = counters;
    }

    /** Whether this is the first line of its reason and code; undefined for an ignored kind (not logged). */
    count(error: OaiLineError): boolean | undefined {
        if (error.reason === 'ignored') {
            this.counters.ignoredLines++;
            return undefined;
        }
        if (error.reason === 'unknown') this.counters.unknownLines++;
        else this.counters.lineErrors++;
        const kind = `${error.reason} ${error.code ?? ''}`;
        if (this.kinds.has(kind)) return false;
        this.kinds.add(kind);
        return true;
    }
}

/** The resync of every station: one at a time, no sooner than `intervalMs` after the last (the manual's three minutes). */
export class FullResyncPacing {
    running = false;
    lastAt = 0;
    private timer: NodeJS.Timeout | undefined;
    private readonly intervalMs: number;

    constructor(intervalMs: number) {
        this.intervalMs = intervalMs;
    }

    /** Runs `start` once the interval since the last has passed; false when one is asked for or running already. */
    schedule(start: () => void): boolean {
        if (this.timer || this.running) return false;
        const wait = Math.max(0, this.lastAt + this.intervalMs - Date.now());
        this.timer = setTimeout(() => {
            this.timer = undefined;
            start();
        }, wait);
        this.timer.unref();
        return true;
    }

    cancel(): void {
        clearTimeout(this.timer);
        this.timer = undefined;
    }
}

export type ClientSettings = Required<Omit<OaiClientOptions, 'trace'>> & { trace?: TraceSink };

export function withDefaults(options: OaiClientOptions): ClientSettings {
    return {
        huntGroups: [],
        keepAliveMs: 30_000,
        confirmationTimeoutMs: 5_000,
        loginTimeoutMs: 10_000,
        resyncTimeoutMs: 180_000,
        resyncIntervalMs: 180_000,
        holdTimeoutMs: options.confirmationTimeoutMs ?? 5_000,
        backoff: { baseMs: 250, maxMs: 30_000 },
        random: Math.random,
        maxFrameBytes: DEFAULT_MAX_FRAME_BYTES,
        ...options
    };
}
