// This tab's way to the Suite: its own client when it has no channel to the agent's other tabs,
// and an honest view of the connection and the phone-system link.
import { AgentStorage } from '../../storage/agentStorage';
import { MemoryStore } from '../../storage/keyValueStore';
import { parseCallCenterSettings } from '../../settings/parse';
import type { SuiteClient, SuiteConnection, SuiteEvents } from '../../../suite/types';
import { Diagnostics } from '../../diagnostics';
import { DEFAULT_SETTINGS } from '../../../../stand-ins/opencti-emulator/emulator';
import { SuiteSession, connectionOptions, type SuiteConnectionOptions } from '../suiteSession';

function settings(overrides: Record<string, string> = {}) {
    const parsed = parseCallCenterSettings({ ...DEFAULT_SETTINGS, ...overrides });
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
    return parsed.settings;
}

class ScriptedClient {
    connection: SuiteConnection = { state: 'connecting' };
    started = 0;
    stopped = 0;
    readonly listeners = new Map<string, (...args: never[]) => void>();
    readonly options: SuiteConnectionOptions;
    constructor(options: SuiteConnectionOptions) {
        this.options = options;
    }
    on<E extends keyof SuiteEvents>(event: E, listener: SuiteEvents[E]) {
        this.listeners.set(event, listener as (...args: never[]) => void);
        return () => undefined;
    }
    emit(event: keyof SuiteEvents, ...args: unknown[]) {
        (this.listeners.get(event) as ((...values: unknown[]) => void) | undefined)?.(...args);
    }
    start() {
        this.started++;
    }
    stop() {
        this.stopped++;
    }
}

function session(openTabChannel?: () => never) {
    const clients: ScriptedClient[] = [];
    const diagnostics = new Diagnostics(() => 5);
    const suiteSession = new SuiteSession({
        storage: new AgentStorage(new MemoryStore(), 'alice@example.com'),
        email: 'alice@example.com',
        locks: undefined,
        createSuite: (options) => {
            const client = new ScriptedClient(options);
            clients.push(client);
            return client as unknown as SuiteClient;
        },
        openTabChannel,
        preferred: false,
        signAssertion: () => Promise.resolve('signed'),
        diagnostics
    });
    const seen: string[] = [];
    const events = {
        connection: () => seen.push('connection'),
        call: () => seen.push('call'),
        snapshot: () => seen.push('snapshot'),
        dnd: () => seen.push('dnd')
    };
    return { suiteSession, clients, diagnostics, seen, events };
}

describe('SuiteSession', () => {
    it('runs its own client, follows the connection and the phone-system link, and replaces the client on reconnect', () => {
        const { suiteSession, clients, seen, events, diagnostics } = session();
        suiteSession.connect(settings(), events);
        const [first] = clients;
        // The client records what fails unawaited where the setup check reads it.
        expect(first.options.diagnostics).toBe(diagnostics);
        expect(first.started).toBe(1);
        expect(first.options).toMatchObject({
            email: 'alice@example.com',
            port: 8204,
            signAssertion: undefined
        });
        expect(suiteSession.everOpen).toBe(false);
        first.emit('connection', { state: 'open' });
        expect(suiteSession.everOpen).toBe(true);
        first.emit('pbx', false);
        expect(suiteSession.pbxConnected).toBe(false);
        first.emit('call', {});
        expect(seen).toEqual(['connection', 'connection', 'call']);
        suiteSession.connect(settings(), events);
        expect(first.stopped).toBe(1);
        expect(suiteSession.client).toBe(clients[1]);
        expect(suiteSession.dropped()).toEqual({ liveCalls: 0, endedCalls: 0 });
    });

    it('acts alone when the browser refuses a channel to the other tabs, and records why', () => {
        const { suiteSession, clients, diagnostics, events } = session(() => {
            throw new Error('BroadcastChannel blocked');
        });
        suiteSession.connect(settings(), events);
        expect(clients).toHaveLength(1);
        expect(diagnostics.entries()).toEqual([
            { at: 5, operation: 'tabs.openChannel', detail: 'BroadcastChannel blocked' }
        ]);
    });
});

describe('connectionOptions', () => {
    it('signs a session assertion through Salesforce only in signedAssertion mode', async () => {
        const sign = jest.fn(() => Promise.resolve('signed'));
        expect(connectionOptions(settings(), 'alice@example.com', sign).signAssertion).toBeUndefined();
        const signed = connectionOptions(
            settings({ '/mivoiceSuite/authMode': 'signedAssertion' }),
            'alice@example.com',
            sign
        );
        await expect(signed.signAssertion?.()).resolves.toBe('signed');
        expect(sign).toHaveBeenCalledTimes(1);
    });
});
