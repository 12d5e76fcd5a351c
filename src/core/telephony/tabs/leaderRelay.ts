// The leading tab's side of the shared connection: it broadcasts what its own client reports (the
// connection, each call, the snapshots, DND and the phone-system link) to the agent's other tabs,
// sealed so that they know it comes from the lock holder (leaderSeal.ts), and runs the commands
// they send it. Any script of the origin can post on the channel too, so a command runs only on a
// call this tab holds live, with the dial string normalised again.
import { SuiteError } from '../../suite/errors';
import type { SuiteCall, SuiteClient, SuiteCommands } from '../../suite/types';
import { normaliseDialString, type DialingOptions } from '../dialNumber';
import type { LeaderSeal } from './leaderSeal';
import type { TabChannel } from './tabChannel';
import {
    COMMAND_ARGS,
    parseFollowerMessage,
    toWireError,
    type CommandName,
    type FollowerMessage,
    type LeaderMessage,
    type WireError,
    type WireState
} from './tabMessages';

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
export function runOn(client: SuiteCommands, name: CommandName, args: unknown[]): Promise<void> {
    return (client[name] as (...values: unknown[]) => Promise<void>).apply(client, args);
}

export interface LeaderRelayOptions {
    /** This tab's own client, which holds the connection. */
    real: SuiteClient;
    channel: TabChannel;
    seal: LeaderSeal;
    /** The tab's view of the connection, as the followers are to take it. */
    state(): WireState;
    /** A follower asked for a reconnect now. */
    retry(): void;
    /** A failure nobody waits on. */
    failed(operation: string, error: unknown): void;
}

export class LeaderRelay {
    readonly #options: LeaderRelayOptions;
    readonly #unsubscribe: (() => void)[];
    /** Sealing is asynchronous; this keeps the leader's messages in order. */
    #outbox: Promise<void> = Promise.resolve();
    #stopped = false;

    constructor(options: LeaderRelayOptions) {
        this.#options = options;
        const { real } = options;
        this.#unsubscribe = [
            real.on('connection', () => this.#broadcastState()),
            real.on('call', (call) => this.#post({ kind: 'call', call })),
            real.on('snapshot', (calls) => this.#post({ kind: 'snapshot', calls })),
            real.on('dnd', () => this.#broadcastState()),
            real.on('pbx', () => this.#broadcastState())
        ];
    }

    /** A message from another tab: a follower's hello, command or retry; anything else is ignored. */
    receive(data: unknown): void {
        const message = parseFollowerMessage(data);
        if (message?.kind === 'hello') this.#broadcastState(message.from);
        else if (message?.kind === 'command') void this.#runCommand(message);
        else if (message?.kind === 'claim') void this.#runClaim(message);
        else if (message?.kind === 'retry') this.#options.retry();
    }

    stop(): void {
        this.#stopped = true;
        for (const unsubscribe of this.#unsubscribe) unsubscribe();
        this.#options.seal.release();
    }

    #broadcastState(to?: string): void {
        this.#post({ kind: 'state', to, ...this.#options.state() });
    }

    async #runCommand(message: Extract<FollowerMessage, { kind: 'command' }>): Promise<void> {
        const { real } = this.#options;
        let error: WireError | undefined;
        try {
            await runOn(real, message.name, checkedArgs(message.name, message.args, real.calls));
        } catch (caught) {
            error = toWireError(caught);
        }
        this.#post({ kind: 'reply', id: message.id, to: message.from, error });
    }

    /** A claim to log a call, made with this browser's own claimant name (never one from the message). */
    async #runClaim(message: Extract<FollowerMessage, { kind: 'claim' }>): Promise<void> {
        const outcome = (await this.#options.real.claimLog?.(message.callId)) ?? 'unsupported';
        this.#post({ kind: 'claimed', id: message.id, to: message.from, outcome });
    }

    #post(message: LeaderMessage): void {
        // A command may finish after this tab stopped leading; nothing more goes out then.
        if (this.#stopped) return;
        const { seal, channel } = this.#options;
        this.#outbox = this.#outbox
            .then(async () => {
                const sealed = await seal.seal(JSON.stringify(message));
                if (!this.#stopped) channel.postMessage(sealed);
            })
            .catch((error: unknown) => this.#options.failed('tabs.seal', error));
    }
}
