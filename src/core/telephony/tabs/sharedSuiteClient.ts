// One Suite connection per browser: the leader tab's. The leader runs the real client and
// broadcasts its events to the other tabs of the same agent; those mirror the connection, the
// calls and DND from the broadcast and send their commands to the leader, which runs them and
// answers. When the leader closes, the next tab is handed the leadership (a Web Lock) and opens
// the connection itself; the client it starts reports calls that ended meanwhile, so nothing is
// lost. Without a channel between tabs every tab keeps its own connection, as before.
// Any script of the origin can use the channel too: every message is read with a schema
// (tabMessages.ts), followers take only what the lock holder sealed (leaderSeal.ts), and the leader
// runs a command only on a call it holds live, with the dial string normalised again.
import { CallMirror } from '../../suite/callMirror';
import { SuiteError } from '../../suite/errors';
import { Listeners } from '../../suite/listeners';
import type { DiagnosticsSink } from '../diagnostics';
import type {
    ConnectionStatus,
    SuiteCall,
    SuiteClient,
    SuiteCommands,
    SuiteConnection,
    SuiteEvents,
    SuiteUser
} from '../../suite/types';
import { normaliseDialString, type DialingOptions } from '../dialNumber';
import type { Leadership, LockManagerLike } from './leadership';
import { createLeaderSeal, createSealVerifier, type LeaderSeal, type SealVerifier } from './leaderSeal';
import {
    COMMAND_ARGS,
    COMMANDS,
    parseFollowerMessage,
    parseLeaderMessage,
    type CommandName,
    type FollowerMessage,
    type LeaderMessage,
    type TabMessage,
    type WireError,
    type WireState
} from './tabMessages';

/** The part of BroadcastChannel used here. */
export interface TabChannel {
    postMessage(message: unknown): void;
    onmessage: ((event: { data: unknown }) => void) | null;
    close(): void;
}

/** The channel shape of BroadcastChannel in browsers and in Node. */
interface BroadcastChannelLike {
    postMessage(message: unknown): void;
    onmessage: unknown;
    close(): void;
}

/** Wraps a BroadcastChannel (browser or Node) as a TabChannel. */
export function tabChannel(channel: BroadcastChannelLike): TabChannel {
    const wrapper: TabChannel = {
        postMessage: (message) => channel.postMessage(message),
        onmessage: null,
        close: () => channel.close()
    };
    channel.onmessage = (event: { data: unknown }) => wrapper.onmessage?.({ data: event.data });
    return wrapper;
}

/**
 * A dial string from a follower is already in the PBX's form (the follower's controller normalised
 * it with the call center's prefixes); normalising it again without prefixes checks that it is one
 * and leaves it as it is.
 */
const NO_PREFIXES: DialingOptions = {
    outsidePrefix: '',
    longDistancePrefix: '',
    internationalPrefix: '',
    siteCountryCode: '',
    siteNationalPrefix: ''
};

export interface SharedSuiteOptions {
    leadership: Leadership;
    /** The Web Locks the leadership is held with, and the leadership lock's name: who the leader is. */
    locks: LockManagerLike | undefined;
    leadershipLock: string;
    channel: TabChannel;
    /** Creates the real client; called when this tab leads. */
    createClient(): SuiteClient;
    /** How long a follower waits for the leader to answer a command. */
    commandTimeoutMs?: number;
    /** Where failures nobody waits on go (a message that could not be signed or checked). */
    diagnostics?: DiagnosticsSink;
}

const toWireError = (error: unknown): WireError =>
    error instanceof SuiteError
        ? { code: error.code, params: error.params, status: error.status, message: error.message }
        : {
              code: 'suiteError',
              params: { detail: String(error instanceof Error ? error.message : error) },
              message: String(error)
          };

const LEADER_KINDS: ReadonlySet<string> = new Set<LeaderMessage['kind']>([
    'state',
    'call',
    'snapshot',
    'reply'
]);
const isLeaderMessage = (message: TabMessage): message is LeaderMessage => LEADER_KINDS.has(message.kind);

/**
 * A follower's command as the leader runs it: on calls the leader holds live only, and with the
 * dial string normalised again (the message may not come from a tab of ours).
 */
function checkedArgs(name: CommandName, args: unknown[], live: ReadonlyMap<string, SuiteCall>): unknown[] {
    const kinds = COMMAND_ARGS[name];
    kinds.forEach((kind, index) => {
        const callId = String(args[index]);
        if (kind === 'callId' && !live.has(callId))
            throw new SuiteError('callNotFound', { callId: callId.slice(0, 128) });
    });
    return kinds.map((kind, index) => {
        if (kind !== 'dial') return args[index];
        const dial = normaliseDialString(String(args[index]), NO_PREFIXES);
        if (!dial.ok) throw new SuiteError('invalidNumber', { detail: dial.reason });
        return dial.dial;
    });
}

/** Runs a command on a client by its name. */
function runOn(client: SuiteCommands, name: CommandName, args: unknown[]): Promise<void> {
    return (client[name] as (...values: unknown[]) => Promise<void>).apply(client, args);
}

/** The client's commands, each handing its name and the arguments it takes to `send`. */
function commandProxy(send: (name: CommandName, args: unknown[]) => Promise<void>): SuiteCommands {
    return Object.fromEntries(
        COMMANDS.map((name) => [
            name,
            (...args: unknown[]) => send(name, args.slice(0, COMMAND_ARGS[name].length))
        ])
    ) as unknown as SuiteCommands;
}

function fromWireError(wire: WireError): SuiteError {
    const detail = wire.message.startsWith(`${wire.code}: `)
        ? wire.message.slice(wire.code.length + 2)
        : undefined;
    return new SuiteError(wire.code, wire.params, { status: wire.status, detail });
}

/** The same status with its error in another form: plain between tabs, a SuiteError in a tab. */
function withErrorAs<From, To>(
    connection: ConnectionStatus<From>,
    convert: (error: From) => To
): ConnectionStatus<To> {
    switch (connection.state) {
        case 'reconnecting':
            return {
                ...connection,
                lastError: connection.lastError ? convert(connection.lastError) : undefined
            };
        case 'failed':
            return { state: 'failed', error: convert(connection.error) };
        default:
            return connection;
    }
}

const idsOf = (calls: readonly SuiteCall[]): Set<string> => new Set(calls.map((call) => call.callId));

export function createSharedSuiteClient(options: SharedSuiteOptions): SuiteClient {
    const client = new SharedSuiteClient(options);
    return Object.assign(
        client,
        commandProxy((name, args) => client.command(name, args))
    );
}

class SharedSuiteClient implements Omit<SuiteClient, CommandName> {
    user: SuiteUser | undefined;
    connection: SuiteConnection = { state: 'connecting' };
    dndEnabled = false;
    readonly #mirror = new CallMirror();

    readonly #options: SharedSuiteOptions;
    readonly #tabId = Math.random().toString(36).slice(2);
    readonly #listeners = new Listeners<SuiteEvents>();
    readonly #pending = new Map<
        number,
        { resolve: () => void; reject: (error: unknown) => void; timer: ReturnType<typeof setTimeout> }
    >();
    #real: SuiteClient | undefined;
    #realUnsubscribers: (() => void)[] = [];
    #pbxConnected = true;
    /**
     * Calls mirrored before this tab took the lead stay until the new connection's first snapshot,
     * which ends those it lacks.
     */
    #awaitingFirstSnapshot = false;
    #nextCommandId = 1;
    #started = false;
    #unsubscribeLeadership: (() => void) | undefined;
    /** This tab's signing key while it leads. */
    #seal: LeaderSeal | undefined;
    /** Sealing is asynchronous; this keeps the leader's messages in order. */
    #outbox: Promise<void> = Promise.resolve();
    readonly #verifier: SealVerifier;
    /** Checking a seal is asynchronous; this keeps the leader's messages in order. */
    #inbox: Promise<void> = Promise.resolve();
    #lastStaleHelloAt = -Infinity;

    constructor(options: SharedSuiteOptions) {
        this.#options = options;
        this.#verifier = createSealVerifier(options.locks, options.leadershipLock);
    }

    get calls(): ReadonlyMap<string, SuiteCall> {
        return this.#mirror.calls;
    }

    on<E extends keyof SuiteEvents>(event: E, listener: SuiteEvents[E]): () => void {
        return this.#listeners.on(event, listener);
    }

    #emit<E extends keyof SuiteEvents>(event: E, ...args: Parameters<SuiteEvents[E]>): void {
        this.#listeners.emit(event, ...args);
    }

    #post(message: TabMessage): void {
        // A command may finish after this tab stopped; a closed channel refuses messages.
        if (!this.#started) return;
        if (!isLeaderMessage(message)) {
            this.#options.channel.postMessage(message);
            return;
        }
        const seal = this.#seal;
        if (!seal) return;
        this.#outbox = this.#outbox
            .then(async () => {
                const sealed = await seal.seal(JSON.stringify(message));
                if (this.#started && this.#seal === seal) this.#options.channel.postMessage(sealed);
            })
            .catch((error: unknown) =>
                this.#failed('tabs.seal', 'The softphone could not sign a message to its other tabs', error)
            );
    }

    start(): void {
        if (this.#started) return;
        this.#started = true;
        this.#options.channel.onmessage = (event) => this.#receive(event.data);
        this.#unsubscribeLeadership = this.#options.leadership.onChange((isLeader) => {
            if (isLeader) this.#lead();
            else this.#stepDown();
        });
        if (this.#options.leadership.isLeader) this.#lead();
        else this.#post({ kind: 'hello', from: this.#tabId });
    }

    /** Asks the leader for its state after an old message; at most once a second, however many come. */
    #askForFreshState(): void {
        const now = Date.now();
        if (now - this.#lastStaleHelloAt < 1000) return;
        this.#lastStaleHelloAt = now;
        this.#post({ kind: 'hello', from: this.#tabId });
    }

    stop(): void {
        this.#started = false;
        this.#unsubscribeLeadership?.();
        this.#stopReal();
        this.#options.channel.onmessage = null;
        this.#options.channel.close();
        this.#rejectPending('the softphone stopped');
    }

    /** Fails the commands still waiting for a leader's answer. */
    #rejectPending(detail: string): void {
        for (const command of this.#pending.values()) {
            clearTimeout(command.timer);
            command.reject(new SuiteError('suiteError', { detail }));
        }
        this.#pending.clear();
    }

    retryNow(): void {
        if (this.#real) this.#retryReal();
        else this.#post({ kind: 'retry' });
    }

    checkServer(): Promise<{ version: string }> {
        return this.#options.createClient().checkServer();
    }

    // ---- Leader --------------------------------------------------------------------------

    #lead(): void {
        if (this.#real || !this.#started) return;
        this.#rejectPending('the leading tab closed');
        // Calls mirrored so far stay on screen until the new connection's snapshot; any of them that
        // ended meanwhile and that the Suite does not report is reported cleared then, so it is logged.
        this.#awaitingFirstSnapshot = true;
        this.#seal = createLeaderSeal(
            this.#options.locks,
            this.#options.leadershipLock,
            Date.now,
            this.#options.diagnostics
        );
        const real = this.#options.createClient();
        this.#real = real;
        this.#realUnsubscribers = [
            real.on('connection', (connection) => {
                this.connection = connection;
                this.user = real.user;
                this.#broadcastState();
                this.#emit('connection', connection);
            }),
            real.on('call', (call) => this.#relayCall(call)),
            real.on('snapshot', (calls) => {
                // Calls the new connection knows it reported itself; the ones it lacks ended meanwhile.
                if (this.#awaitingFirstSnapshot) {
                    this.#awaitingFirstSnapshot = false;
                    this.#mirror.endMissing(idsOf(calls), Date.now(), (ended) => this.#relayCall(ended));
                }
                this.#mirror.replace(calls);
                this.#post({ kind: 'snapshot', calls });
                this.#emit('snapshot', calls);
            }),
            real.on('dnd', (enabled) => {
                this.dndEnabled = enabled;
                this.#broadcastState();
                this.#emit('dnd', enabled);
            }),
            real.on('pbx', (connected) => {
                this.#pbxConnected = connected;
                this.#broadcastState();
                this.#emit('pbx', connected);
            })
        ];
        real.start();
    }

    /**
     * The phone window took the lead: close this tab's connection and mirror the new leader's. The
     * calls stay on screen until its state arrives; one that ended meanwhile is reported then.
     */
    #stepDown(): void {
        if (!this.#real || !this.#started) return;
        this.#stopReal();
        this.#awaitingFirstSnapshot = false;
        this.#post({ kind: 'hello', from: this.#tabId });
    }

    #relayCall(call: SuiteCall): void {
        this.#mirror.apply(call);
        this.#post({ kind: 'call', call });
        this.#emit('call', call);
    }

    /** A failed connection (a configuration error) is retried with a fresh client. */
    #retryReal(): void {
        if (this.#real?.connection.state === 'failed') {
            this.#stopReal();
            this.#lead();
        } else {
            this.#real?.retryNow();
        }
    }

    #stopReal(): void {
        for (const unsubscribe of this.#realUnsubscribers) unsubscribe();
        this.#realUnsubscribers = [];
        this.#real?.stop();
        this.#real = undefined;
        this.#seal?.release();
        this.#seal = undefined;
    }

    #state(): WireState {
        return {
            connection: withErrorAs(this.connection, toWireError),
            user: this.user,
            calls: [...this.calls.values()],
            dnd: this.dndEnabled,
            pbx: this.#pbxConnected
        };
    }

    #broadcastState(to?: string): void {
        this.#post({ kind: 'state', to, ...this.#state() });
    }

    async #runCommand(message: Extract<FollowerMessage, { kind: 'command' }>): Promise<void> {
        const real = this.#real;
        let error: WireError | undefined;
        try {
            if (!real) throw new SuiteError('suiteError', { detail: 'no leader tab' });
            await runOn(real, message.name, checkedArgs(message.name, message.args, real.calls));
        } catch (caught) {
            error = toWireError(caught);
        }
        this.#post({ kind: 'reply', id: message.id, to: message.from, error });
    }

    // ---- Follower ------------------------------------------------------------------------

    /** A command: run by this tab's own client while it leads, else sent to the leading tab. */
    command(name: CommandName, args: unknown[]): Promise<void> {
        const real = this.#real;
        if (real) return runOn(real, name, args);
        const id = this.#nextCommandId++;
        return new Promise<void>((resolve, reject) => {
            const timer = setTimeout(() => {
                this.#pending.delete(id);
                reject(new SuiteError('suiteError', { detail: 'the leading tab did not answer' }));
            }, this.#options.commandTimeoutMs ?? 10_000);
            this.#pending.set(id, { resolve, reject, timer });
            this.#post({ kind: 'command', id, from: this.#tabId, name, args });
        });
    }

    #receive(data: unknown): void {
        if (this.#real) {
            // The leader answers followers; it takes no state from anyone.
            const message = parseFollowerMessage(data);
            if (message?.kind === 'hello') this.#broadcastState(message.from);
            else if (message?.kind === 'command') void this.#runCommand(message);
            else if (message?.kind === 'retry') this.#retryReal();
            return;
        }
        this.#inbox = this.#inbox
            .then(() => this.#receiveFromLeader(data))
            .catch((error: unknown) =>
                this.#failed(
                    'tabs.open',
                    'The softphone could not take a message from its leading tab',
                    error
                )
            );
    }

    /** A failure nobody waits on: for the setup check when there is one, else for the console. */
    #failed(operation: string, what: string, error: unknown): void {
        if (this.#options.diagnostics) this.#options.diagnostics.record(operation, error);
        else console.error(what, error);
    }

    async #receiveFromLeader(data: unknown): Promise<void> {
        const opened = await this.#verifier.open(data);
        // This tab may have taken the lead while the seal was checked.
        if (this.#real || !this.#started) return;
        if (!opened.ok) {
            // Too old to trust as the first word of a leader (this tab was frozen, or it is a copy):
            // ask the leader for its state as it is now.
            if (opened.stale) this.#askForFreshState();
            return;
        }
        let parsed: unknown;
        try {
            parsed = JSON.parse(opened.body);
        } catch {
            return;
        }
        const message = parseLeaderMessage(parsed);
        if (!message) return;
        switch (message.kind) {
            case 'state':
                if (message.to === undefined || message.to === this.#tabId) this.#applyState(message);
                return;
            case 'call':
                this.#mirror.apply(message.call);
                this.#emit('call', message.call);
                return;
            case 'snapshot':
                this.#mirror.replace(message.calls);
                this.#emit('snapshot', message.calls);
                return;
            case 'reply': {
                if (message.to !== this.#tabId) return;
                const command = this.#pending.get(message.id);
                if (!command) return;
                this.#pending.delete(message.id);
                clearTimeout(command.timer);
                if (message.error) command.reject(fromWireError(message.error));
                else command.resolve();
                return;
            }
        }
    }

    #applyState(state: WireState): void {
        this.user = state.user;
        if (state.dnd !== this.dndEnabled) {
            this.dndEnabled = state.dnd;
            this.#emit('dnd', state.dnd);
        }
        if (state.pbx !== this.#pbxConnected) {
            this.#pbxConnected = state.pbx;
            this.#emit('pbx', state.pbx);
        }
        // A call the leader no longer has ended while this tab was not listening.
        this.#mirror.endMissing(idsOf(state.calls), Date.now(), (ended) => this.#emit('call', ended));
        this.#mirror.replace(state.calls);
        this.connection = withErrorAs(state.connection, fromWireError);
        this.#emit('connection', this.connection);
        this.#emit('snapshot', state.calls);
    }
}
