// A tab that follows: it takes the leading tab's connection, calls, DND and phone-system link from
// the tab channel into the tab's book of calls and its listeners, and sends its commands to the
// leader, which runs them and answers. Any script of the origin can use the channel too, so only
// what the lock holder sealed is taken (leaderSeal.ts), read with a schema (tabMessages.ts).
import type { CallBook } from '../../suite/callBook';
import { SuiteError } from '../../suite/errors';
import type { Listeners } from '../../suite/listeners';
import type { CallChange, LogClaimOutcome, SuiteEvents, SuiteUser } from '../../suite/types';
import type { SealVerifier } from './leaderSeal';
import type { TabChannel } from './tabChannel';
import {
    fromWireError,
    parseLeaderMessage,
    withErrorAs,
    type CommandName,
    type FollowerMessage,
    type LeaderMessage,
    type WireState
} from './tabMessages';

export interface FollowerOptions {
    channel: TabChannel;
    verifier: SealVerifier;
    /** The tab's one copy of the calls. */
    book: CallBook;
    /** The tab's listeners: what the leader reports reaches them as from a client of this tab. */
    listeners: Listeners<SuiteEvents>;
    /** How long a command waits for the leader to answer. */
    commandTimeoutMs?: number;
    /** A failure nobody waits on. */
    failed(operation: string, error: unknown): void;
}

interface PendingCommand {
    resolve(): void;
    reject(error: unknown): void;
    timer: ReturnType<typeof setTimeout>;
}

export class FollowerClient {
    /** The agent as the leader last told. */
    user: SuiteUser | undefined;
    readonly #options: FollowerOptions;
    readonly #tabId = Math.random().toString(36).slice(2);
    readonly #pending = new Map<number, PendingCommand>();
    /** Claims to log a call sent to the leader, by id: each settles with its outcome. */
    readonly #claims = new Map<number, (outcome: LogClaimOutcome) => void>();
    #nextCommandId = 1;
    /** DND and the phone-system link as last told, so that only a change is reported. */
    #told = { dnd: false, pbx: true };
    /** Checking a seal is asynchronous; this keeps the leader's messages in order. */
    #inbox: Promise<void> = Promise.resolve();
    #following = false;
    #lastStaleHelloAt = -Infinity;

    constructor(options: FollowerOptions) {
        this.#options = options;
    }

    /** Starts following, from the DND and link this tab knows, and asks the leader for its state. */
    follow(known: { dnd: boolean; pbx: boolean }): void {
        this.#following = true;
        this.#told = { ...known };
        this.#send({ kind: 'hello', from: this.#tabId });
    }

    /** This tab leads now, or stopped: what is still on its way from a leader is dropped. */
    unfollow(reason: string): void {
        this.#following = false;
        this.rejectPending(reason);
    }

    /** Asks the leader to reconnect now. */
    retry(): void {
        this.#send({ kind: 'retry' });
    }

    /** A command for the leading tab to run; settles with its answer. */
    command(name: CommandName, args: unknown[]): Promise<void> {
        const id = this.#nextCommandId++;
        return new Promise<void>((resolve, reject) => {
            const timer = setTimeout(() => {
                this.#pending.delete(id);
                reject(new SuiteError('suiteError', { detail: 'the leading tab did not answer' }));
            }, this.#options.commandTimeoutMs ?? 10_000);
            this.#pending.set(id, { resolve, reject, timer });
            this.#send({ kind: 'command', id, from: this.#tabId, name, args });
        });
    }

    /** A claim to log a call, made by the leading tab; `failed` when it does not answer in time. */
    claimLog(callId: string): Promise<LogClaimOutcome> {
        const id = this.#nextCommandId++;
        return new Promise<LogClaimOutcome>((resolve) => {
            const settle = (outcome: LogClaimOutcome) => {
                clearTimeout(timer);
                this.#claims.delete(id);
                resolve(outcome);
            };
            const timer = setTimeout(() => settle('failed'), this.#options.commandTimeoutMs ?? 10_000);
            this.#claims.set(id, settle);
            if (this.#following) this.#send({ kind: 'claim', id, from: this.#tabId, callId });
            else settle('failed');
        });
    }

    /** Fails the commands still waiting for a leader's answer. */
    rejectPending(detail: string): void {
        for (const settle of [...this.#claims.values()]) settle('failed');
        for (const command of this.#pending.values()) {
            clearTimeout(command.timer);
            command.reject(new SuiteError('suiteError', { detail }));
        }
        this.#pending.clear();
    }

    /** A message on the tab channel, taken in the order it came once its seal is checked. */
    receive(data: unknown): void {
        this.#inbox = this.#inbox
            .then(() => this.#open(data))
            .catch((error: unknown) => this.#options.failed('tabs.open', error));
    }

    async #open(data: unknown): Promise<void> {
        const opened = await this.#options.verifier.open(data);
        // This tab may have taken the lead while the seal was checked.
        if (!this.#following) return;
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
        if (message) this.#take(message);
    }

    #take(message: LeaderMessage): void {
        const { book, listeners } = this.#options;
        switch (message.kind) {
            case 'state':
                if (message.to === undefined || message.to === this.#tabId) this.#takeState(message);
                return;
            case 'call':
                listeners.emit('call', message.call, book.apply(message.call));
                return;
            case 'snapshot':
                listeners.emit('snapshot', message.calls, book.follow(message.calls, this.#reportEnded));
                return;
            case 'reply':
                if (message.to === this.#tabId) this.#settle(message.id, message.error);
                return;
            case 'claimed':
                if (message.to === this.#tabId) this.#claims.get(message.id)?.(message.outcome);
                return;
        }
    }

    #takeState(state: WireState): void {
        const { book, listeners } = this.#options;
        this.user = state.user;
        if (state.dnd !== this.#told.dnd) {
            this.#told.dnd = state.dnd;
            listeners.emit('dnd', state.dnd);
        }
        if (state.pbx !== this.#told.pbx) {
            this.#told.pbx = state.pbx;
            listeners.emit('pbx', state.pbx);
        }
        const changes = book.follow(state.calls, this.#reportEnded);
        listeners.emit('connection', withErrorAs(state.connection, fromWireError));
        listeners.emit('snapshot', state.calls, changes);
    }

    /** A call the leader no longer has: it ended while this tab was not listening. */
    readonly #reportEnded = (change: CallChange): void =>
        this.#options.listeners.emit('call', change.entry.call, change);

    #settle(id: number, error: Extract<LeaderMessage, { kind: 'reply' }>['error']): void {
        const command = this.#pending.get(id);
        if (!command) return;
        this.#pending.delete(id);
        clearTimeout(command.timer);
        if (error) command.reject(fromWireError(error));
        else command.resolve();
    }

    /** Asks the leader for its state after an old message; at most once a second, however many come. */
    #askForFreshState(): void {
        const now = Date.now();
        if (now - this.#lastStaleHelloAt < 1000) return;
        this.#lastStaleHelloAt = now;
        this.#send({ kind: 'hello', from: this.#tabId });
    }

    #send(message: FollowerMessage): void {
        // Once this tab leads or stopped, the channel is not a follower's (a stopped tab's is closed).
        if (this.#following) this.#options.channel.postMessage(message);
    }
}
