// The Suite client: the ONLY module that knows the Server-Side API's paths, headers and frames
// (our contract v1, docs/suite-api.md). It opens a session with the API key and the agent's email (or,
// in signedAssertion mode, with an assertion Salesforce signed for the agent),
// streams call events over one WebSocket, resumes by sequence number after a drop, falls back to
// a snapshot, reconnects with capped, jittered backoff and stops on configuration errors.
import { CallBook } from './callBook';
import {
    RENEWABLE_ASSERTION_CODES,
    SuiteError,
    clientErrorCode,
    suiteError,
    type SuiteErrorCode
} from './errors';
import { Listeners } from './listeners';
import {
    MINIMUM_SUITE_VERSION,
    type CallCapability,
    type SuiteCall,
    type SuiteClient,
    type SuiteClientOptions,
    type SuiteClientStats,
    type SuiteConnection,
    type SuiteEvents,
    type SuiteUser,
    type WebSocketLike
} from './types';

export { SNAPSHOT_LIMITS } from './callBook';
export type { WireErrorCode } from './errors';

/** What a server that accepts signed assertions lists in `features`. */
export const SIGNED_ASSERTION_FEATURE = 'signedAssertion';

/** How long a new event channel may take to deliver its first snapshot. */
const OPEN_TIMEOUT_MS = 10_000;
/** How long a command refused for an expired session waits for the new session before failing. */
const COMMAND_RENEWAL_WAIT_MS = 5_000;

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

interface Session {
    token: string;
    heartbeatSec: number;
}

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

function text(value: unknown, max = 512): string {
    return typeof value === 'string' ? value.slice(0, max) : '';
}

// Control characters, and bidi embeddings, overrides and isolates that would reorder the text around
// a name on screen; right-to-left names themselves stay as they are.
const UNSAFE_FOR_DISPLAY = /[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;

/** Text the panel shows (names, numbers): no control characters, whitespace collapsed, bounded. */
function displayText(value: unknown, max: number): string {
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
    return new HttpSuiteClient(options);
}

class HttpSuiteClient implements SuiteClient {
    user: SuiteUser | undefined;
    connection: SuiteConnection = { state: 'connecting' };
    dndEnabled = false;
    readonly stats: SuiteClientStats;
    readonly #book: CallBook;

    readonly #options: SuiteClientOptions;
    readonly #base: string;
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
        this.#base = `https://${options.host}:${options.port}`;
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
        const socket = this.#socket;
        this.#socket = undefined;
        socket?.close(1000, 'client stopped');
        const session = this.#session;
        this.#session = undefined;
        if (session) void this.#closeSession(session);
    }

    /** Best effort, also while the page unloads: a session should not outlive its tab on the Suite. */
    async #closeSession(session: Session): Promise<void> {
        try {
            await this.#options.fetch(`${this.#base}/api/v1/sessions/current`, {
                method: 'DELETE',
                headers: { Authorization: `Bearer ${session.token}` },
                keepalive: true
            });
        } catch (error) {
            // Unreachable or already gone: the Suite expires the session on its own.
            this.#options.diagnostics?.record('suite.closeSession', error);
        }
    }

    retryNow(): void {
        if (this.#stopped || this.connection.state === 'open' || this.connection.state === 'connecting')
            return;
        clearTimeout(this.#retryTimer);
        this.#attempt = 0;
        this.#setConnection({ state: 'connecting' });
        void this.#connect();
    }

    // ---- HTTP -------------------------------------------------------------------------------

    #unreachable(detail?: string): SuiteError {
        return suiteError('suiteUnreachable', this.#options, {}, { detail });
    }

    /**
     * Why a request or the event channel got no answer. Script cannot tell a firewall from an
     * untrusted certificate, but the browser can say whether its Local Network Access rule refused it.
     */
    async #noAnswer(error: unknown): Promise<SuiteError> {
        const detail = error instanceof Error ? error.message : undefined;
        const refusal = await this.#options
            .localNetworkRefusal?.(this.#options.host)
            .catch((probe: unknown) => {
                // The browser could not say: the network is all the agent can be told about.
                this.#options.diagnostics?.record('suite.localNetworkRefusal', probe);
                return undefined;
            });
        if (!refusal) return this.#unreachable(detail);
        return suiteError('localNetworkRefused', this.#options, refusal, { detail });
    }

    async #request(
        method: string,
        path: string,
        body?: unknown,
        auth: 'key' | 'token' | 'none' = 'token'
    ): Promise<unknown> {
        const headers: Record<string, string> = { Accept: 'application/json' };
        if (body !== undefined) headers['Content-Type'] = 'application/json';
        if (auth === 'key') headers['X-Api-Key'] = this.#options.apiKey;
        if (auth === 'token' && this.#session) headers.Authorization = `Bearer ${this.#session.token}`;
        let response: Response;
        try {
            response = await this.#options.fetch(`${this.#base}${path}`, {
                method,
                headers,
                body: body === undefined ? undefined : JSON.stringify(body)
            });
        } catch (error) {
            throw await this.#noAnswer(error);
        }
        const textBody = await response.text().catch((error: unknown) => {
            // A body cut off: read as an empty one, so the status alone says what happened.
            this.#options.diagnostics?.record('suite.readResponse', error);
            return '';
        });
        let parsed: unknown;
        try {
            parsed = textBody ? JSON.parse(textBody) : undefined;
        } catch {
            if (response.ok) throw this.#problem('suiteProtocolError', `${path} did not answer JSON`);
        }
        if (response.ok) return parsed;
        const rawCode = (parsed as { error?: { code?: unknown } } | undefined)?.error?.code;
        const wireCode = text(rawCode, 64);
        throw suiteError(
            clientErrorCode(wireCode),
            this.#options,
            { email: this.#options.email, detail: wireCode || `HTTP ${response.status}` },
            { status: response.status }
        );
    }

    async checkServer(): Promise<{ version: string }> {
        const { version } = await this.#serverInfo();
        return { version };
    }

    async #serverInfo(): Promise<{ version: string; features: string[] }> {
        const server = (await this.#request('GET', '/api/v1/server', undefined, 'none')) as
            { version?: string; features?: unknown } | undefined;
        const version = typeof server?.version === 'string' ? text(server.version, 32) || '0' : '0';
        if (compareVersions(version, MINIMUM_SUITE_VERSION) < 0) {
            throw suiteError('suiteTooOld', this.#options, { version, minimum: MINIMUM_SUITE_VERSION });
        }
        const features = Array.isArray(server?.features)
            ? server.features.filter((feature): feature is string => typeof feature === 'string')
            : [];
        return { version, features };
    }

    /** An error about this server, with what the message shows. */
    #problem(code: SuiteErrorCode, detail?: string): SuiteError {
        return suiteError(code, this.#options, detail === undefined ? {} : { detail });
    }

    /** A fresh assertion from Salesforce; a failure there is the org's configuration, not the network. */
    async #freshAssertion(sign: () => Promise<string>): Promise<string> {
        const assertion = await sign().catch((error: unknown) => {
            throw this.#problem(
                'assertionUnavailable',
                (error instanceof Error ? error.message : String(error)).slice(0, 300)
            );
        });
        if (!assertion) throw this.#problem('assertionUnavailable', 'Salesforce returned no assertion');
        return assertion;
    }

    /** POST /sessions with the credential of the configured mode. */
    async #requestSession(features: string[]): Promise<unknown> {
        const { signAssertion: sign, email } = this.#options;
        if (!sign) {
            if (!this.#options.apiKey) throw this.#problem('apiKeyMissing');
            return this.#request('POST', '/api/v1/sessions', { email }, 'key');
        }
        if (!features.includes(SIGNED_ASSERTION_FEATURE))
            throw this.#problem(
                'assertionRejected',
                `no ${SIGNED_ASSERTION_FEATURE} in the server's features`
            );
        const renewable = (error: unknown) =>
            error instanceof SuiteError && RENEWABLE_ASSERTION_CODES.has(error.params.detail ?? '');
        const open = async () =>
            this.#request(
                'POST',
                '/api/v1/sessions',
                { email, assertion: await this.#freshAssertion(sign) },
                'none'
            );
        try {
            return await open();
        } catch (error) {
            // Clocks a little apart, or the first assertion already used: one more, freshly signed.
            if (!renewable(error)) throw error;
            return open().catch((again: unknown) => {
                if (!renewable(again)) throw again;
                const { params, status } = again as SuiteError;
                throw new SuiteError('assertionRejected', params, { status });
            });
        }
    }

    async #openSession(): Promise<Session> {
        const { features } = await this.#serverInfo();
        const reply = (await this.#requestSession(features)) as {
            token?: string;
            heartbeatSec?: number;
            user?: { email?: string; displayName?: string; primaryExtension?: string };
        };
        if (!reply?.token) throw this.#problem('suiteProtocolError', 'the session reply has no token');
        this.user = {
            email: text(reply.user?.email) || this.#options.email,
            displayName: displayText(reply.user?.displayName, 128),
            primaryExtension: text(reply.user?.primaryExtension, 32)
        };
        // Sequence numbers belong to a session: a new session starts from a fresh snapshot.
        this.#lastSeq = 0;
        return { token: reply.token, heartbeatSec: heartbeatSeconds(reply.heartbeatSec) };
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
            this.#failOrRetry(this.#unreachable(error instanceof Error ? error.message : undefined));
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
            void this.#noAnswer(undefined).then((error) => {
                if (this.#stopped) return;
                if (error.code === 'localNetworkRefused') this.#fail(error);
                else this.#onClosed(event.code);
            });
        };
        // The close that follows an error says what happened.
        socket.onerror = null;
        this.#armLiveness();
        // Pings alone do not make a usable connection: without a snapshot (or a resume) in time the
        // status would say "connecting" forever, so give up on this socket and try again.
        setTimeout(() => {
            if (this.#socket !== socket || this.connection.state === 'open') return;
            this.#socket = undefined;
            socket.close(4000, 'no snapshot');
            this.#failOrRetry(this.#problem('suiteProtocolError', 'no snapshot'));
        }, OPEN_TIMEOUT_MS);
    }

    #markOpen(): void {
        if (this.connection.state === 'open') return;
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

    #parseFrame(data: unknown): { type: string; event?: string; seq?: number; data?: unknown } | undefined {
        if (typeof data !== 'string') {
            this.stats.malformedFrames++;
            return undefined;
        }
        if (data.length > (this.#options.maxFrameBytes ?? 256 * 1024)) {
            this.stats.oversizedFrames++;
            return undefined;
        }
        try {
            const frame = JSON.parse(data) as { type?: unknown };
            if (!frame || typeof frame !== 'object' || typeof frame.type !== 'string')
                throw new Error('no type');
            return frame as { type: string };
        } catch {
            this.stats.malformedFrames++;
            return undefined;
        }
    }

    #applySnapshot(data: unknown): void {
        const snapshot = (data ?? {}) as {
            seq?: unknown;
            calls?: unknown;
            recentCalls?: unknown;
            dnd?: { enabled?: unknown };
            system?: { pbxConnected?: unknown };
        };
        const reported = Array.isArray(snapshot.calls)
            ? snapshot.calls.map(parseCall).filter((call): call is SuiteCall => !!call)
            : [];
        const recentCalls: unknown[] = Array.isArray(snapshot.recentCalls) ? snapshot.recentCalls : [];
        const changes = this.#book.takeSnapshot(reported, recentCalls, parseCall, (change) =>
            this.#listeners.emit('call', change.entry.call, change)
        );
        if (typeof snapshot.seq === 'number') this.#lastSeq = snapshot.seq;
        if (typeof snapshot.dnd?.enabled === 'boolean') this.#setDndState(snapshot.dnd.enabled);
        if (typeof snapshot.system?.pbxConnected === 'boolean')
            this.#listeners.emit('pbx', snapshot.system.pbxConnected);
        this.#listeners.emit(
            'snapshot',
            changes.map((change) => change.entry.call),
            changes
        );
    }

    #applyEvent(frame: { event?: string; seq?: number; data?: unknown }): void {
        if (typeof frame.seq !== 'number' || frame.seq <= this.#lastSeq) return;
        this.#lastSeq = frame.seq;
        this.stats.eventsApplied++;
        const name = frame.event ?? '';
        if (name.startsWith('call.')) {
            const call = parseCall(frame.data);
            if (!call) {
                this.stats.malformedFrames++;
                return;
            }
            const change = this.#book.admit(call);
            if (change) this.#listeners.emit('call', call, change);
        } else if (name === 'dnd.changed') {
            const enabled = (frame.data as { enabled?: unknown } | undefined)?.enabled;
            if (typeof enabled === 'boolean') this.#setDndState(enabled);
        } else if (name === 'system.status') {
            const connected = (frame.data as { pbxConnected?: unknown } | undefined)?.pbxConnected;
            if (typeof connected === 'boolean') this.#listeners.emit('pbx', connected);
        }
    }

    #setDndState(enabled: boolean): void {
        this.dndEnabled = enabled;
        this.#listeners.emit('dnd', enabled);
    }

    #onClosed(code: number): void {
        if (this.#stopped) return;
        if (code === 1000) {
            this.#failOrRetry(this.#problem('suiteError', 'the Suite ended the session'));
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
        if (code === 4029) {
            this.#fail(this.#problem('tooManyConnections'));
            return;
        }
        // A link that drops within seconds of opening is flapping: do not reconnect in a tight loop.
        if (this.connection.state === 'open' && this.#now() - this.#openedAt < 5_000)
            this.#attempt = Math.max(this.#attempt, 2);
        this.#scheduleReconnect(undefined);
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
        const { baseMs, maxMs } = this.#options.backoff ?? { baseMs: 1000, maxMs: 30_000 };
        // The first retry after a drop is quick (a restarted Suite is usually back at once);
        // then 1, 2, 4... seconds up to the cap, each ± 20 % so many agents do not retry in step.
        const step = this.#attempt === 0 ? baseMs / 4 : Math.min(baseMs * 2 ** (this.#attempt - 1), maxMs);
        const delay = step * (0.8 + 0.4 * this.#random());
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

    // ---- Commands -----------------------------------------------------------------------------

    async #command(
        path: string,
        body: unknown,
        goalReached?: () => boolean,
        method = 'POST',
        renewed = false
    ): Promise<void> {
        try {
            await this.#request(method, path, body);
        } catch (error) {
            // Two tabs (or the desk phone) raced us to the same goal: that is not a failure.
            if (error instanceof SuiteError && error.code === 'invalidState' && goalReached?.()) return;
            if (error instanceof SuiteError && error.code === 'sessionExpired') {
                // The server checks the token before it acts, so the command did nothing: once a new
                // session is open (the server restarted, the token lapsed), it is sent again, once.
                const reopened = renewed ? undefined : this.#nextOpen(COMMAND_RENEWAL_WAIT_MS);
                this.#session = undefined;
                this.#socket?.close(4001, 'session expired');
                if (reopened && (await reopened)) return this.#command(path, body, goalReached, method, true);
            }
            throw error;
        }
    }

    /** Resolves true when the connection next opens, false when it fails or `timeoutMs` passes first. */
    #nextOpen(timeoutMs: number): Promise<boolean> {
        return new Promise((resolve) => {
            const done = (opened: boolean) => {
                clearTimeout(timer);
                stopListening();
                resolve(opened);
            };
            const timer = setTimeout(() => done(false), timeoutMs);
            const stopListening = this.on('connection', (status) => {
                if (status.state === 'open') done(true);
                else if (status.state === 'failed') done(false);
            });
        });
    }

    #callPath(callId: string, action: string): string {
        return `/api/v1/calls/${encodeURIComponent(callId)}/${action}`;
    }

    makeCall(to: string): Promise<void> {
        return this.#command('/api/v1/calls', { to });
    }

    answer(callId: string): Promise<void> {
        return this.#command(
            this.#callPath(callId, 'answer'),
            {},
            () => this.calls.get(callId)?.state === 'connected'
        );
    }

    hold(callId: string): Promise<void> {
        return this.#command(
            this.#callPath(callId, 'hold'),
            {},
            () => this.calls.get(callId)?.state === 'held'
        );
    }

    retrieve(callId: string): Promise<void> {
        return this.#command(
            this.#callPath(callId, 'retrieve'),
            {},
            () => this.calls.get(callId)?.state === 'connected'
        );
    }

    clear(callId: string): Promise<void> {
        return this.#command(this.#callPath(callId, 'clear'), {}, () => !this.calls.has(callId));
    }

    blindTransfer(callId: string, to: string): Promise<void> {
        return this.#command(this.#callPath(callId, 'transfer'), { mode: 'blind', to });
    }

    consult(callId: string, to: string): Promise<void> {
        return this.#command(this.#callPath(callId, 'consult'), { to });
    }

    completeTransfer(callId: string, consultCallId: string): Promise<void> {
        return this.#command(this.#callPath(callId, 'transfer'), { mode: 'attended', consultCallId });
    }

    setDnd(enabled: boolean): Promise<void> {
        return this.#command('/api/v1/users/me/dnd', { enabled }, () => this.dndEnabled === enabled, 'PUT');
    }
}
