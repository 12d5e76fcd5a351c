// This tab's way to the Suite: its own client when it holds the agent's connection (or has no
// channel to the other tabs), else a mirror of the holder's through the tab channel. It follows
// the connection and the phone system link so the host can say honestly where things stand.
import type { AgentStorage } from '../storage/agentStorage';
import { electLeader, type Leadership, type LockManagerLike } from './leadership';
import { createSharedSuiteClient, type TabChannel } from './sharedSuiteClient';
import type { SoftphoneSettings } from '../settings/schema';
import type { SuiteCall, SuiteClient, SuiteConnection } from '../../suite/types';
import type { Diagnostics, DiagnosticsSink } from '../diagnostics';

export interface SuiteConnectionOptions {
    host: string;
    port: number;
    apiKey: string;
    email: string;
    /** signedAssertion mode: one runApex each time a session opens (start-up, expiry), never per call. */
    signAssertion?: () => Promise<string>;
    /** Where the client records the failures nobody waits on. */
    diagnostics?: DiagnosticsSink;
}

export function connectionOptions(
    settings: SoftphoneSettings,
    email: string,
    signAssertion: (settings: SoftphoneSettings) => Promise<string>,
    diagnostics?: DiagnosticsSink
): SuiteConnectionOptions {
    return {
        host: settings.suiteHost,
        port: settings.suitePort,
        apiKey: settings.apiKey,
        email,
        signAssertion: settings.authMode === 'signedAssertion' ? () => signAssertion(settings) : undefined,
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
    signAssertion(settings: SoftphoneSettings): Promise<string>;
    diagnostics: Diagnostics;
}

export interface SuiteSessionEvents {
    connection(): void;
    call(call: SuiteCall): void;
    snapshot(calls: SuiteCall[]): void;
    dnd(): void;
}

export class SuiteSession {
    client: SuiteClient | undefined;
    /** The client this tab runs itself (not a mirror of the holder's), for its counts. */
    private own: SuiteClient | undefined;
    private leadership: Leadership | undefined;
    pbxConnected = true;
    everOpen = false;

    private readonly options: SuiteSessionOptions;

    constructor(options: SuiteSessionOptions) {
        this.options = options;
    }

    /** (Re)connects with these settings; the previous client, if any, stops. */
    connect(settings: SoftphoneSettings, events: SuiteSessionEvents): SuiteClient {
        this.client?.stop();
        const { storage, locks } = this.options;
        const { email, signAssertion, diagnostics } = this.options;
        const connection = connectionOptions(settings, email, signAssertion, diagnostics);
        this.leadership ??= electLeader(locks, storage.connectionLock, { preferred: this.options.preferred });
        const channel = this.openChannel(storage.suiteChannel);
        const ownClient = () => {
            this.own = this.options.createSuite(connection);
            return this.own;
        };
        const suite = channel
            ? createSharedSuiteClient({
                  leadership: this.leadership,
                  locks,
                  leadershipLock: storage.connectionLock,
                  channel,
                  createClient: ownClient,
                  diagnostics: this.options.diagnostics
              })
            : ownClient();
        this.client = suite;
        suite.on('connection', (status) => {
            this.noteConnection(status);
            events.connection();
        });
        suite.on('call', (call) => events.call(call));
        suite.on('snapshot', (calls) => events.snapshot(calls));
        suite.on('dnd', () => events.dnd());
        suite.on('pbx', (connected) => {
            this.pbxConnected = connected;
            this.noteConnection(suite.connection);
            events.connection();
        });
        suite.start();
        return suite;
    }

    /** What this tab's own client dropped from a Suite that reported more than a phone can have. */
    dropped(): { liveCalls: number; endedCalls: number } {
        return {
            liveCalls: this.own?.stats?.droppedLiveCalls ?? 0,
            endedCalls: this.own?.stats?.droppedRecentCalls ?? 0
        };
    }

    stop(): void {
        this.client?.stop();
        this.leadership?.release();
    }

    private noteConnection(status: SuiteConnection): void {
        if (status.state === 'open') this.everOpen = true;
    }

    /** The channel to the agent's other tabs, or none when the browser refuses one: this tab acts alone. */
    private openChannel(name: string): TabChannel | undefined {
        try {
            return this.options.openTabChannel?.(name);
        } catch (error) {
            this.options.diagnostics.record('tabs.openChannel', error);
            return undefined;
        }
    }
}
