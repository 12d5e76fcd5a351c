// This tab's way to the Suite: its own client when it holds the agent's connection (or has no
// channel to the other tabs), else the holder's through the tab channel; either way one book of
// the calls for the tab. It follows the connection and the phone system link so the host can say
// honestly where things stand.
import { CallBook } from '../../suite/callBook';
import type { Listeners } from '../../suite/listeners';
import type { SuiteClient, SuiteConnection, SuiteEvents } from '../../suite/types';
import type { Diagnostics, DiagnosticsSink } from '../diagnostics';
import type { SoftphoneSettings } from '../settings/schema';
import type { AgentStorage } from '../storage/agentStorage';
import { electLeader, type Leadership, type LockManagerLike } from './leadership';
import { createSharedSuiteClient } from './sharedSuiteClient';
import type { TabChannel } from './tabChannel';

export interface SuiteConnectionOptions {
    host: string;
    port: number;
    apiKey: string;
    email: string;
    /** signedAssertion mode: one runApex each time a session opens (start-up, expiry), never per call. */
    signAssertion?: () => Promise<string>;
    /** Where the client records the failures nobody waits on. */
    diagnostics?: DiagnosticsSink;
    /** The tab's book of calls, which the client fills (a book of its own when absent). */
    book?: CallBook;
    /** The tab's listeners, which the client calls (when the tab shares the connection). */
    listeners?: Listeners<SuiteEvents>;
    /** This browser's name in log claims (AgentStorage.logClaimant). */
    logClaimant?: string;
}

export function connectionOptions(
    settings: SoftphoneSettings,
    email: string,
    signAssertion: () => Promise<string>,
    diagnostics?: DiagnosticsSink
): SuiteConnectionOptions {
    return {
        host: settings.suiteHost,
        port: settings.suitePort,
        apiKey: settings.apiKey,
        email,
        signAssertion: settings.authMode === 'signedAssertion' ? signAssertion : undefined,
        diagnostics
    };
}

export interface SuiteSessionOptions {
    storage: AgentStorage;
    email: string;
    locks: LockManagerLike | undefined;
    createSuite(options: SuiteConnectionOptions): SuiteClient;
    openTabChannel?(name: string): TabChannel;
    /** The phone window takes the connection from any tab that holds it. */
    preferred: boolean;
    /** Asks Salesforce for a signed assertion (signedAssertion mode). */
    signAssertion(): Promise<string>;
    diagnostics: Diagnostics;
    now?: () => number;
}

/** What the host hears: the connection or the phone-system link changed, calls as the book took them, DND. */
export interface SuiteSessionEvents extends Pick<SuiteEvents, 'call' | 'snapshot'> {
    connection(): void;
    dnd(): void;
    /** One of the agent's browsers claimed the logging of a call (heard by the tab with the connection). */
    logClaimed?: SuiteEvents['logClaimed'];
}

export class SuiteSession {
    client: SuiteClient | undefined;
    /** The tab's one copy of the calls, kept across reconnects and changes of leader. */
    readonly book: CallBook;
    #leadership: Leadership | undefined;
    pbxConnected = true;
    everOpen = false;
    /** Since when the connection that was open is lost (epoch ms); undefined while it is open. */
    lostAt: number | undefined;

    readonly #options: SuiteSessionOptions;

    constructor(options: SuiteSessionOptions) {
        this.#options = options;
        this.book = new CallBook(options.now);
    }

    /** (Re)connects with these settings; the previous client, if any, stops. */
    connect(settings: SoftphoneSettings, events: SuiteSessionEvents): SuiteClient {
        this.client?.stop();
        const { storage, locks } = this.#options;
        const { email, signAssertion, diagnostics } = this.#options;
        const connection = {
            ...connectionOptions(settings, email, signAssertion, diagnostics),
            logClaimant: storage.logClaimant()
        };
        this.#leadership ??= electLeader(locks, storage.connectionLock, {
            preferred: this.#options.preferred
        });
        const channel = this.#openChannel(storage.suiteChannel);
        const { book } = this;
        const suite = channel
            ? createSharedSuiteClient({
                  leadership: this.#leadership,
                  locks,
                  leadershipLock: storage.connectionLock,
                  channel,
                  book,
                  createClient: (parts) => this.#options.createSuite({ ...connection, ...parts }),
                  diagnostics: this.#options.diagnostics
              })
            : this.#options.createSuite({ ...connection, book });
        this.client = suite;
        suite.on('connection', (status) => {
            this.#noteConnection(status);
            events.connection();
        });
        // Straight to the host: the book has taken the call before any listener hears of it.
        suite.on('call', events.call);
        suite.on('snapshot', events.snapshot);
        suite.on('dnd', () => events.dnd());
        suite.on('logClaimed', (callId, here) => events.logClaimed?.(callId, here));
        suite.on('pbx', (connected) => {
            this.pbxConnected = connected;
            this.#noteConnection(suite.connection);
            events.connection();
        });
        suite.start();
        return suite;
    }

    /** What this tab dropped from a Suite that reported more than a phone can have. */
    dropped(): { liveCalls: number; endedCalls: number } {
        return { liveCalls: this.book.dropped.liveCalls, endedCalls: this.book.dropped.recentCalls };
    }

    stop(): void {
        this.client?.stop();
        this.#leadership?.release();
    }

    #noteConnection(status: SuiteConnection): void {
        if (status.state === 'open') {
            this.everOpen = true;
            this.lostAt = undefined;
        } else if (this.everOpen) this.lostAt ??= (this.#options.now ?? Date.now)();
    }

    /** The channel to the agent's other tabs, or none when the browser refuses one: this tab acts alone. */
    #openChannel(name: string): TabChannel | undefined {
        try {
            return this.#options.openTabChannel?.(name);
        } catch (error) {
            this.#options.diagnostics.record('tabs.openChannel', error);
            return undefined;
        }
    }
}
