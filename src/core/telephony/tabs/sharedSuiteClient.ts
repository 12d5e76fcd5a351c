// One Suite connection per browser: the leader tab's. The tab that holds the leadership (a Web Lock)
// runs the real client and relays it to the agent's other tabs (leaderRelay.ts); the others follow
// it through the tab channel (followerClient.ts). Either way the tab has one book of calls and one
// set of listeners, which the side in charge fills and calls directly. When the leader closes, the
// next tab is handed the leadership and opens the connection itself: its first snapshot ends, and
// reports, the calls it followed that ended meanwhile, so nothing is lost. Without a channel between
// tabs every tab keeps its own connection (suiteSession.ts).
import type { CallBook } from '../../suite/callBook';
import { Listeners } from '../../suite/listeners';
import type {
    LogClaimOutcome,
    ServerCheck,
    SuiteClient,
    SuiteCommands,
    SuiteConnection,
    SuiteEvents,
    SuiteUser
} from '../../suite/types';
import type { DiagnosticsSink } from '../diagnostics';
import { FollowerClient } from './followerClient';
import type { Leadership, LockManagerLike } from './leadership';
import { createLeaderSeal, createSealVerifier } from './leaderSeal';
import { LeaderRelay, runOn } from './leaderRelay';
import type { TabChannel } from './tabChannel';
import {
    COMMAND_ARGS,
    COMMANDS,
    toWireError,
    withErrorAs,
    type CommandName,
    type WireState
} from './tabMessages';

/** What a tab's own client is made with: the tab's book of calls, and the listeners it calls. */
export interface TabClientParts {
    book: CallBook;
    listeners: Listeners<SuiteEvents>;
}

export interface SharedSuiteOptions {
    leadership: Leadership;
    /** The Web Locks the leadership is held with, and the leadership lock's name: who the leader is. */
    locks: LockManagerLike | undefined;
    leadershipLock: string;
    channel: TabChannel;
    /** The tab's one copy of the calls. */
    book: CallBook;
    /** Creates the real client with the tab's book and listeners; called when this tab leads. */
    createClient(parts: TabClientParts): SuiteClient;
    /** How long a follower waits for the leader to answer a command. */
    commandTimeoutMs?: number;
    /** Where failures nobody waits on go (a message that could not be signed or checked). */
    diagnostics?: DiagnosticsSink;
}

/** The client's commands, each handing its name and the arguments it takes to the client. */
function commandProxy(client: SharedSuiteClient): SuiteCommands {
    return Object.fromEntries(
        COMMANDS.map((name) => [
            name,
            (...args: unknown[]) => client.command(name, args.slice(0, COMMAND_ARGS[name].length))
        ])
    ) as unknown as SuiteCommands;
}

/** What a failure nobody waits on is, for the console when there is no setup check to list it. */
const FAILURES: Record<string, string> = {
    'tabs.seal': 'The softphone could not sign a message to its other tabs',
    'tabs.open': 'The softphone could not take a message from its leading tab'
};

export function createSharedSuiteClient(options: SharedSuiteOptions): SuiteClient {
    const client = new SharedSuiteClient(options);
    return Object.assign(client, commandProxy(client));
}

class SharedSuiteClient implements Omit<SuiteClient, CommandName> {
    /** The tab's view of the connection, whichever side reports it. */
    connection: SuiteConnection = { state: 'connecting' };
    user: SuiteUser | undefined;
    dndEnabled = false;
    pbxConnected = true;

    readonly #options: SharedSuiteOptions;
    readonly #listeners = new Listeners<SuiteEvents>();
    readonly #follower: FollowerClient;
    #leader: { real: SuiteClient; relay: LeaderRelay } | undefined;
    #started = false;
    #unsubscribeLeadership: (() => void) | undefined;

    constructor(options: SharedSuiteOptions) {
        this.#options = options;
        const failed = (operation: string, error: unknown) => this.#failed(operation, error);
        this.#follower = new FollowerClient({
            channel: options.channel,
            verifier: createSealVerifier(options.locks, options.leadershipLock),
            book: options.book,
            listeners: this.#listeners,
            commandTimeoutMs: options.commandTimeoutMs,
            failed
        });
        // First of the tab's listeners, so that every other one reads the view as it now is.
        this.#listeners.on('connection', (status) => {
            this.connection = status;
            this.user = this.#leader ? this.#leader.real.user : this.#follower.user;
        });
        this.#listeners.on('dnd', (enabled) => (this.dndEnabled = enabled));
        this.#listeners.on('pbx', (connected) => (this.pbxConnected = connected));
    }

    get calls(): SuiteClient['calls'] {
        return this.#options.book.calls;
    }

    on<E extends keyof SuiteEvents>(event: E, listener: SuiteEvents[E]): () => void {
        return this.#listeners.on(event, listener);
    }

    start(): void {
        if (this.#started) return;
        this.#started = true;
        this.#options.channel.onmessage = (event) =>
            (this.#leader?.relay ?? this.#follower).receive(event.data);
        this.#unsubscribeLeadership = this.#options.leadership.onChange((isLeader) => {
            if (isLeader) this.#lead();
            else this.#stepDown();
        });
        if (this.#options.leadership.isLeader) this.#lead();
        else this.#follower.follow({ dnd: this.dndEnabled, pbx: this.pbxConnected });
    }

    stop(): void {
        this.#started = false;
        this.#unsubscribeLeadership?.();
        this.#stopLeading();
        this.#follower.unfollow('the softphone stopped');
        this.#options.channel.onmessage = null;
        this.#options.channel.close();
    }

    retryNow(): void {
        if (this.#leader) this.#retryReal();
        else this.#follower.retry();
    }

    checkServer(): Promise<ServerCheck> {
        const { book, createClient } = this.#options;
        return createClient({ book, listeners: new Listeners() }).checkServer();
    }

    /** A command: run by this tab's own client while it leads, else sent to the leading tab. */
    command(name: CommandName, args: unknown[]): Promise<void> {
        return this.#leader ? runOn(this.#leader.real, name, args) : this.#follower.command(name, args);
    }

    /** A claim to log a call: made by this tab's own client while it leads, else by the leading tab. */
    claimLog(callId: string): Promise<LogClaimOutcome> {
        if (!this.#leader) return this.#follower.claimLog(callId);
        return this.#leader.real.claimLog?.(callId) ?? Promise.resolve('unsupported');
    }

    #lead(): void {
        if (this.#leader || !this.#started) return;
        this.#follower.unfollow('the leading tab closed');
        const { locks, leadershipLock, diagnostics, book } = this.#options;
        // The calls followed so far stay in the book: the new connection's first snapshot ends, and
        // reports, those it lacks.
        const real = this.#options.createClient({ book, listeners: this.#listeners });
        const relay = new LeaderRelay({
            real,
            channel: this.#options.channel,
            seal: createLeaderSeal(locks, leadershipLock, Date.now, diagnostics),
            state: () => this.#state(),
            retry: () => this.#retryReal(),
            failed: (operation, error) => this.#failed(operation, error)
        });
        this.#leader = { real, relay };
        real.start();
    }

    /**
     * The phone window took the lead: close this tab's connection and follow the new leader. The
     * calls stay on screen until its state arrives; one that ended meanwhile is reported then.
     */
    #stepDown(): void {
        if (!this.#leader || !this.#started) return;
        this.#stopLeading();
        this.#follower.follow({ dnd: this.dndEnabled, pbx: this.pbxConnected });
    }

    /** A failed connection (a configuration error) is retried with a fresh client. */
    #retryReal(): void {
        if (this.#leader?.real.connection.state === 'failed') {
            this.#stopLeading();
            this.#lead();
        } else {
            this.#leader?.real.retryNow();
        }
    }

    #stopLeading(): void {
        const leader = this.#leader;
        this.#leader = undefined;
        leader?.relay.stop();
        leader?.real.stop();
    }

    #state(): WireState {
        return {
            connection: withErrorAs(this.connection, toWireError),
            user: this.user,
            calls: [...this.calls.values()],
            dnd: this.dndEnabled,
            pbx: this.pbxConnected
        };
    }

    /** A failure nobody waits on: for the setup check when there is one, else for the console. */
    #failed(operation: string, error: unknown): void {
        if (this.#options.diagnostics) this.#options.diagnostics.record(operation, error);
        else console.error(FAILURES[operation] ?? operation, error);
    }
}
