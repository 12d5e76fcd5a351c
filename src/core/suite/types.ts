// The Suite as the rest of the softphone sees it: calls, errors and a client. No wire details
// here (paths, headers, frames live in client.ts only), so the real protocol can replace ours.
import type { SuiteError } from './errors';

export { SuiteError, type SuiteErrorCode } from './errors';

export type CallState = SoftphoneCallState;
export type CallDirection = SoftphoneCallDirection;
export type CallCapability = SoftphoneCapability;

export interface SuiteCall {
    callId: string;
    state: CallState;
    direction: CallDirection;
    remote: { number: string; name: string };
    huntGroup?: string;
    relatedCallId?: string;
    /** Epoch ms. */
    startTime: number;
    answerTime?: number;
    endTime?: number;
    /** Why the call reached this state (answered, normalClear, busy, callNotAnswered, transfer, answeredElsewhere...). */
    cause: string;
    capabilities: CallCapability[];
    transferredTo?: string;
}

/**
 * A call known to be live that the Suite no longer reports: it ended while nobody was listening.
 * Reported as cleared so it is logged; the cause it had while live says nothing about its end.
 */
export function endedWhileAway(call: SuiteCall, now: number): SuiteCall {
    return {
        ...call,
        state: 'cleared',
        capabilities: [],
        endTime: call.endTime ?? now,
        cause: call.cause === 'answered' || !call.cause ? 'resync' : call.cause
    };
}

/** A live call as a tab holds it (CallBook): the Suite's call and what the Suite does not say. */
export interface BookedCall {
    readonly call: SuiteCall;
    /** The call rang at the agent's phone (rather than being placed from it). */
    readonly incoming: boolean;
    /** When the agent's side was answered (a call may be answered, held and retrieved). */
    readonly answeredAt?: number;
}

/** What one report from the Suite did to the calls a tab holds. */
export type CallChange =
    | {
          kind: 'live';
          entry: BookedCall;
          /** First report of the call. */
          isNew: boolean;
          /** This report is the one that answered it. */
          answered: boolean;
          /** The call's state before this report; undefined for a new call. */
          previous?: CallState;
      }
    | {
          kind: 'ended';
          entry: BookedCall;
          /**
           * False when the call started and ended while nobody was listening: it arrives cleared,
           * with its answer time if it had one. Either way the call is to be logged.
           */
          seenLive: boolean;
      };

export interface SuiteUser {
    email: string;
    displayName: string;
    primaryExtension: string;
}

/** Connection status, for an honest status line. */
export type SuiteConnection = ConnectionStatus<SuiteError>;

/** A connection status whose errors are `E` (a SuiteError here, its plain form between tabs). */
export type ConnectionStatus<E> =
    | { state: 'connecting' }
    | { state: 'open' }
    | { state: 'reconnecting'; attempt: number; nextAttemptAt: number; lastError?: E }
    | { state: 'failed'; error: E };

export interface SuiteEvents {
    connection(status: SuiteConnection): void;
    /** A call appeared or changed: the complete call after the change, and what it did to the calls held. */
    call(call: SuiteCall, change: CallChange): void;
    /**
     * The full picture after a (re)connect or a resync: every live call, and what each did to the
     * calls held. Calls the client knew and that are missing here have ended (they were reported
     * through `call` as cleared first).
     */
    snapshot(calls: SuiteCall[], changes: readonly CallChange[]): void;
    dnd(enabled: boolean): void;
    pbx(connected: boolean): void;
    /** One of the agent's browsers took the claim to log a call (`here`: this browser did). */
    logClaimed(callId: string, here: boolean): void;
}

/**
 * What the server said to a claim to log a call (docs/suite-api.md, "Log claims"): this browser logs it
 * (`won`; `wonUncertain` when the server started after the call did and may have forgotten an earlier
 * claim), another of the agent's browsers does (`lost`), the server takes no claims (`unsupported`) or
 * no longer knows the call (`unknownCall`), or no answer came (`failed`: down, timed out, refused).
 */
export type LogClaimOutcome = 'won' | 'wonUncertain' | 'lost' | 'unsupported' | 'unknownCall' | 'failed';

/** What the client counted, for diagnostics: frames it refused and calls over its limits. */
export interface SuiteClientStats {
    malformedFrames: number;
    oversizedFrames: number;
    reconnects: number;
    eventsApplied: number;
    /** Live calls the Suite reported beyond the limit a desk phone can have: not shown, not logged. */
    droppedLiveCalls: number;
    /** Recently ended calls beyond the limit of one snapshot: not logged. */
    droppedRecentCalls: number;
}

/** What the server says of itself without a session: its release, and the contract features it offers. */
export interface ServerCheck {
    version: string;
    /** `signedAssertion` when it accepts assertions, `signedAssertionOnly` when it refuses the API key. */
    features: string[];
}

export interface SuiteClient extends SuiteCommands {
    readonly user: SuiteUser | undefined;
    /** Present on a client that talks to the Suite itself (not on a mirror of another tab's). */
    readonly stats?: Readonly<SuiteClientStats>;
    readonly connection: SuiteConnection;
    /** Live calls on the primary extension, as last reported. */
    readonly calls: ReadonlyMap<string, SuiteCall>;
    readonly dndEnabled: boolean;
    start(): void;
    stop(): void;
    /** Connect now instead of waiting for the next backoff step. */
    retryNow(): void;
    /**
     * Asks the Suite for its release without a session: throws `suiteUnreachable` (network or an
     * untrusted certificate) or `suiteTooOld`. Works whether or not the client was started.
     */
    checkServer(): Promise<ServerCheck>;
    /** Claims the logging of a call for this browser; absent on a client that cannot claim. */
    claimLog?(callId: string): Promise<LogClaimOutcome>;
    on<E extends keyof SuiteEvents>(event: E, listener: SuiteEvents[E]): () => void;
}

/** What an agent can ask of the phone system. */
export interface SuiteCommands {
    makeCall(to: string): Promise<void>;
    answer(callId: string): Promise<void>;
    hold(callId: string): Promise<void>;
    retrieve(callId: string): Promise<void>;
    clear(callId: string): Promise<void>;
    blindTransfer(callId: string, to: string): Promise<void>;
    consult(callId: string, to: string): Promise<void>;
    completeTransfer(callId: string, consultCallId: string): Promise<void>;
    setDnd(enabled: boolean): Promise<void>;
}

/** The browser's WebSocket, or `ws` in Node. */
export interface WebSocketLike {
    readonly readyState: number;
    onopen: ((event: unknown) => void) | null;
    onmessage: ((event: { data: unknown }) => void) | null;
    onclose: ((event: { code: number; reason: string }) => void) | null;
    onerror: ((event: unknown) => void) | null;
    send(data: string): void;
    close(code?: number, reason?: string): void;
}

export type WebSocketFactory = (url: string) => WebSocketLike;

export interface SuiteClientOptions {
    host: string;
    port: number;
    apiKey: string;
    email: string;
    /**
     * In signedAssertion mode: a fresh assertion of the agent's email signed in Salesforce, asked for
     * each time a session opens (never per call); the API key is then not sent.
     */
    signAssertion?: () => Promise<string>;
    fetch: typeof fetch;
    webSocket: WebSocketFactory;
    now?: () => number;
    random?: () => number;
    /** Reconnect backoff: min(base * 2^n, max) ± 20 %. */
    backoff?: { baseMs: number; maxMs: number };
    /** Frames larger than this are refused. */
    maxFrameBytes?: number;
    /**
     * Where an exception thrown by an event listener goes. The client's own state (its reconnect
     * timer above all) never depends on its listeners; by default the exception is rethrown on a
     * fresh task, so the browser reports it as it does for a failing DOM event listener.
     */
    onListenerError?: (error: unknown) => void;
    /**
     * Asked when a request or the event channel got no answer: whether the browser refused it under
     * Local Network Access (src/core/suite/localNetworkAccess.ts), with what the message shows.
     */
    localNetworkRefusal?(host: string): Promise<{ origin: string; permission: string } | undefined>;
    /** Where failures nobody waits on go (a probe that failed, a session that could not be closed). */
    diagnostics?: { record(operation: string, error: unknown): void };
    /** This browser's name in log claims (per agent, kept in its storage); without it nothing is claimed. */
    logClaimant?: string;
}

export const MINIMUM_SUITE_VERSION = '5.2';
