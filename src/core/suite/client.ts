// The Suite client: it opens a session with the API key and the agent's email (or, in
// signedAssertion mode, with an assertion Salesforce signed for the agent), streams call events over
// one WebSocket into the tab's book of calls, resumes by sequence number after a drop, falls back to
// a snapshot, reconnects with capped, jittered backoff and stops on configuration errors. With
// wire.ts (what the Suite sends), suiteRequests.ts (its HTTP side) and commands.ts (what the agent
// asks of it), the only code that knows contract v1's paths, headers and frames (docs/suite-api.md).
import { CallBook } from './callBook';
import { CLOSE_CODE } from './closeCodes';
import { suiteCommands } from './commands';
import { SuiteError } from './errors';
import { Listeners } from './listeners';
import { LOG_CLAIMED_EVENT, readLogClaimed, requestLogClaim } from './logClaim';
import {
    closeSession,
    noAnswer,
    openSession,
    problem,
    request,
    serverInfo,
    suiteHttp,
    unreachable,
    type Session,
    type SuiteHttp
} from './suiteRequests';
import type {
    ServerCheck,
    SuiteCall,
    SuiteClient,
    SuiteClientOptions,
    SuiteClientStats,
    SuiteCommands,
    SuiteConnection,
    SuiteEvents,
    SuiteUser,
    WebSocketLike
} from './types';
import { parseCall, readFrame, readSnapshot, type Frame } from './wire';
import { reconnectDelay } from './reconnect';

export { SNAPSHOT_LIMITS } from './callBook';
export type { WireErrorCode } from './errors';

/** How long a new event channel may take to deliver its first snapshot. */
const OPEN_TIMEOUT_MS = 10_000;

export type { SuiteClientStats };

/**
 * A client's options, with what a tab shares between the clients it runs: the book of calls the
 * client fills and the listeners it calls (its own of each when none is given).
 */
export type CreateSuiteClientOptions = SuiteClientOptions & {
    book?: CallBook;
    listeners?: Listeners<SuiteEvents>;
};

export function createSuiteClient(
    options: CreateSuiteClientOptions
): SuiteClient & { readonly stats: SuiteClientStats } {
    const client = new HttpSuiteClient(options);
    return Object.assign(client, client.commands);
}

class HttpSuiteClient implements Omit<SuiteClient, keyof SuiteCommands> {
    user: SuiteUser | undefined;
    connection: SuiteConnection = { state: 'connecting' };
    dndEnabled = false;
    readonly stats: SuiteClientStats;
    readonly #book: CallBook;

    readonly #options: SuiteClientOptions;
    readonly #http: SuiteHttp;
    /** What the agent asks of the phone system, sent through this client's session. */
    readonly commands: SuiteCommands;
    readonly #listeners: Listeners<SuiteEvents>;
    readonly #now: () => number;
    readonly #random: () => number;
    #session: Session | undefined;
    #socket: WebSocketLike | undefined;
    #lastSeq = 0;
    #attempt = 0;
    #stopped = true;
    #retryTimer: ReturnType<typeof setTimeout> | undefined;
    #livenessTimer: ReturnType<typeof setTimeout> | undefined;
    #openTimer: ReturnType<typeof setTimeout> | undefined;
    #openedAt = 0;
    #renewedAt = 0;

    constructor(options: CreateSuiteClientOptions) {
        const book = options.book ?? new CallBook(options.now);
        this.#book = book;
        this.stats = {
            malformedFrames: 0,
            oversizedFrames: 0,
            reconnects: 0,
            eventsApplied: 0,
            get droppedLiveCalls() {
                return book.dropped.liveCalls;
            },
            get droppedRecentCalls() {
                return book.dropped.recentCalls;
            }
        };
        this.#options = options;
        this.#listeners = options.listeners ?? new Listeners<SuiteEvents>(options.onListenerError);
        this.#http = suiteHttp(options, () => this.#session?.token);
        this.commands = suiteCommands({
            request: (method, path, body) => request(this.#http, method, path, body),
            calls: this.calls,
            dndEnabled: () => this.dndEnabled,
            onConnection: (listener) => this.on('connection', listener),
            dropSession: () => {
                this.#session = undefined;
                this.#socket?.close(4001, 'session expired');
            }
        });
        this.#now = options.now ?? Date.now;
        this.#random = options.random ?? Math.random;
    }

    get calls(): ReadonlyMap<string, SuiteCall> {
        return this.#book.calls;
    }

    on<E extends keyof SuiteEvents>(event: E, listener: SuiteEvents[E]): () => void {
        return this.#listeners.on(event, listener);
    }

    #setConnection(status: SuiteConnection): void {
        this.connection = status;
        this.#listeners.emit('connection', status);
    }

    start(): void {
        if (!this.#stopped) return;
        this.#stopped = false;
        this.#setConnection({ state: 'connecting' });
        void this.#connect();
    }

    stop(): void {
        this.#stopped = true;
        clearTimeout(this.#retryTimer);
        clearTimeout(this.#livenessTimer);
        clearTimeout(this.#openTimer);
        const socket = this.#socket;
        this.#socket = undefined;
        socket?.close(1000, 'client stopped');
        const session = this.#session;
        this.#session = undefined;
        if (session) void closeSession(this.#http, session);
    }

    retryNow(): void {
        if (this.#stopped || this.connection.state === 'open' || this.connection.state === 'connecting')
            return;
        clearTimeout(this.#retryTimer);
        this.#attempt = 0;
        this.#setConnection({ state: 'connecting' });
        void this.#connect();
    }

    checkServer(): Promise<ServerCheck> {
        return serverInfo(this.#http);
    }

    readonly claimLog = (callId: string) =>
        requestLogClaim(this.#http, this.#session?.features ?? [], callId, this.#options.logClaimant);

    /** A new session: the agent it is for, and a fresh snapshot (sequence numbers belong to a session). */
    async #openSession(): Promise<Session> {
        const { session, user } = await openSession(this.#http);
        this.user = user;
        this.#lastSeq = 0;
        return session;
    }

    // ---- Event channel ------------------------------------------------------------------------

    async #connect(): Promise<void> {
        try {
            this.#session ??= await this.#openSession();
        } catch (error) {
            this.#failOrRetry(error);
            return;
        }
        if (this.#stopped) return;
        const url = `wss://${this.#options.host}:${this.#options.port}/api/v1/events?access_token=${encodeURIComponent(this.#session.token)}`;
        let socket: WebSocketLike;
        try {
            socket = this.#options.webSocket(url);
        } catch (error) {
            this.#failOrRetry(unreachable(this.#http, error instanceof Error ? error.message : undefined));
            return;
        }
        this.#socket = socket;
        let greeted = false;
        socket.onmessage = (event) => {
            if (this.#socket !== socket) return;
            this.#armLiveness();
            const frame = this.#parseFrame(event.data);
            if (!frame) return;
            if (frame.type === 'hello') {
                greeted = true;
                if (this.#lastSeq > 0)
                    socket.send(JSON.stringify({ type: 'resume', lastSeq: this.#lastSeq }));
                else socket.send(JSON.stringify({ type: 'subscribe', topics: ['calls', 'dnd', 'system'] }));
            } else if (frame.type === 'snapshot') {
                this.#applySnapshot(frame.data);
                this.#markOpen();
            } else if (frame.type === 'resumed') {
                this.#markOpen();
            } else if (frame.type === 'event') {
                this.#applyEvent(frame);
                if (greeted) this.#markOpen();
            } else if (frame.type === 'ping') {
                socket.send(
                    JSON.stringify({
                        type: 'pong',
                        t: (frame.data as { t?: unknown } | undefined)?.t ?? null
                    })
                );
            }
        };
        socket.onclose = (event) => {
            if (this.#socket !== socket) return;
            this.#socket = undefined;
            clearTimeout(this.#livenessTimer);
            if (greeted || event.code !== 1006) {
                this.#onClosed(event.code);
                return;
            }
            // Never opened: the browser may have refused it (WebSockets fall under Local Network Access
            // from Chrome 147), which no reconnect can get past.
            void noAnswer(this.#http, undefined).then((error) => {
                if (this.#stopped) return;
                if (error.code === 'localNetworkRefused') this.#fail(error);
                // The channel never opened: the Suite does not answer (the status line says so).
                else this.#onClosed(event.code, error);
            });
        };
        // The close that follows an error says what happened.
        socket.onerror = null;
        this.#armLiveness();
        // Pings alone do not make a usable connection: without a snapshot (or a resume) in time the
        // status would say "connecting" forever, so give up on this socket and try again.
        clearTimeout(this.#openTimer);
        this.#openTimer = setTimeout(() => {
            if (this.#socket !== socket || this.connection.state === 'open') return;
            this.#socket = undefined;
            socket.close(4000, 'no snapshot');
            this.#failOrRetry(problem(this.#http, 'suiteProtocolError', 'no snapshot'));
        }, OPEN_TIMEOUT_MS);
    }

    #markOpen(): void {
        if (this.connection.state === 'open') return;
        clearTimeout(this.#openTimer);
        this.#attempt = 0;
        this.#openedAt = this.#now();
        this.#setConnection({ state: 'open' });
    }

    #armLiveness(): void {
        clearTimeout(this.#livenessTimer);
        const heartbeatMs = (this.#session?.heartbeatSec ?? 20) * 1000;
        this.#livenessTimer = setTimeout(() => {
            // 2.5 heartbeats without any frame: the link is dead even if the socket says otherwise.
            const socket = this.#socket;
            this.#socket = undefined;
            socket?.close(4008, 'no heartbeat');
            this.#onClosed(4008);
        }, heartbeatMs * 2.5);
    }

    /** A frame of the event channel, or undefined for one refused (and counted). */
    #parseFrame(data: unknown): Frame | undefined {
        const frame = readFrame(data, this.#options.maxFrameBytes ?? 256 * 1024);
        if (frame === 'malformed') this.stats.malformedFrames++;
        else if (frame === 'oversized') this.stats.oversizedFrames++;
        else return frame;
        return undefined;
    }

    #applySnapshot(data: unknown): void {
        const snapshot = readSnapshot(data);
        const changes = this.#book.takeSnapshot(snapshot.calls, snapshot.recentCalls, parseCall, (change) =>
            this.#listeners.emit('call', change.entry.call, change)
        );
        if (snapshot.seq !== undefined) this.#lastSeq = snapshot.seq;
        if (snapshot.dnd !== undefined) this.#setDndState(snapshot.dnd);
        if (snapshot.pbxConnected !== undefined) this.#listeners.emit('pbx', snapshot.pbxConnected);
        this.#listeners.emit(
            'snapshot',
            changes.map((change) => change.entry.call),
            changes
        );
    }

    #applyEvent(frame: Frame): void {
        if (typeof frame.seq !== 'number' || frame.seq <= this.#lastSeq) return;
        this.#lastSeq = frame.seq;
        this.stats.eventsApplied++;
        const name = frame.event ?? '';
        if (name.startsWith('call.')) {
            const call = parseCall(frame.data);
            const change = call && this.#book.admit(call);
            if (!call) this.stats.malformedFrames++;
            else if (change) this.#listeners.emit('call', call, change);
        } else if (name === 'dnd.changed') {
            const enabled = (frame.data as { enabled?: unknown } | undefined)?.enabled;
            if (typeof enabled === 'boolean') this.#setDndState(enabled);
        } else if (name === LOG_CLAIMED_EVENT) {
            const claimed = readLogClaimed(frame.data, this.#options.logClaimant);
            if (claimed) this.#listeners.emit('logClaimed', claimed.callId, claimed.here);
        } else if (name === 'system.status') {
            const connected = (frame.data as { pbxConnected?: unknown } | undefined)?.pbxConnected;
            if (typeof connected === 'boolean') this.#listeners.emit('pbx', connected);
        }
    }

    #setDndState(enabled: boolean): void {
        this.dndEnabled = enabled;
        this.#listeners.emit('dnd', enabled);
    }

    #onClosed(code: number, lastError?: SuiteError): void {
        if (this.#stopped) return;
        if (code === 1000) {
            this.#failOrRetry(problem(this.#http, 'suiteError', 'the Suite ended the session'));
            return;
        }
        if (code === 4001 && this.#session) {
            // The token is no longer valid (expired, or the Suite restarted): open a new session at
            // once, once; if that does not help, the normal backoff applies.
            this.#session = undefined;
            if (this.#now() - this.#renewedAt > 10_000) {
                this.#renewedAt = this.#now();
                this.#setConnection({ state: 'connecting' });
                void this.#connect();
                return;
            }
        }
        if (code === 4003) {
            // Licence removed, user disabled or API key disabled: a new session says which.
            this.#session = undefined;
        }
        if (code === CLOSE_CODE.tooManyChannels || code === CLOSE_CODE.sessionReplaced) {
            // Replaced: the server ended this session for a newer one of the agent's (another browser).
            // Taking it back would end that one in turn, so the agent decides, with Retry.
            this.#fail(problem(this.#http, 'tooManyConnections'));
            return;
        }
        // A link that drops within seconds of opening is flapping: do not reconnect in a tight loop.
        if (this.connection.state === 'open' && this.#now() - this.#openedAt < 5_000)
            this.#attempt = Math.max(this.#attempt, 2);
        this.#scheduleReconnect(lastError);
    }

    #fail(error: SuiteError): void {
        this.#stopped = true;
        this.#session = undefined;
        this.#setConnection({ state: 'failed', error });
    }

    #failOrRetry(error: unknown): void {
        // Stopped meanwhile (a session was still opening): the client reports nothing more.
        if (this.#stopped) return;
        const suiteError =
            error instanceof SuiteError
                ? error
                : new SuiteError(
                      'suiteError',
                      {},
                      { detail: error instanceof Error ? error.message : String(error) }
                  );
        if (suiteError.code === 'sessionExpired') this.#session = undefined;
        if (suiteError.fatal) {
            this.#fail(suiteError);
            return;
        }
        this.#scheduleReconnect(suiteError);
    }

    #scheduleReconnect(lastError: SuiteError | undefined): void {
        if (this.#stopped) return;
        const delay = reconnectDelay(this.#attempt, lastError, this.#options.backoff, this.#random());
        this.#attempt++;
        this.stats.reconnects++;
        const nextAttemptAt = this.#now() + delay;
        this.#setConnection({ state: 'reconnecting', attempt: this.#attempt, nextAttemptAt, lastError });
        clearTimeout(this.#retryTimer);
        this.#retryTimer = setTimeout(() => {
            this.#setConnection({ state: 'connecting' });
            void this.#connect();
        }, delay);
    }
}
