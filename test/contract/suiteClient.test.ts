// The real Suite client against the real simulator, over real TLS with the development CA; and, from
// suiteClient.oai.test.ts, the same suite against the OAI bridge in front of the OAI PBX simulator.
import { startSimulator } from '../../src/stand-ins/suite-simulator/simulator';
import {
    backendKind,
    startContractBackend,
    type BackendKind,
    type ContractBackend
} from '../support/contractBackends';
import { createSuiteClient, SNAPSHOT_LIMITS } from '../../src/core/suite/client';
import {
    SuiteError,
    type SuiteCall,
    type SuiteClient,
    type SuiteClientOptions,
    type SuiteConnection
} from '../../src/core/suite/types';
import type { SimConfig } from '../../src/stand-ins/suite-simulator/config';
import { Diagnostics } from '../../src/core/telephony/diagnostics';
import { nodeFetch, nodeWebSocket } from '../support/nodeTransport';

jest.setTimeout(30_000);

const ORIGIN = 'https://acme--c.vf.force.com';
/**
 * A contract point only a Suite can show (docs/suite-api.md, "Optional for a server in front of a
 * PBX"): it runs against the Suite simulator, and against the bridge it is listed as skipped with the
 * reason it cannot apply there. Faults of the server itself (expired tokens, the resume window,
 * hostile frames and codes) come from the test harness around the one contract server, so they run
 * against both phone systems.
 */
function suiteOnly(name: string, notForAPbx: string, test: () => Promise<void>): void {
    if (backendKind() === 'suite') it(name, test);
    else it.skip(`${name} (not for a server in front of a PBX: ${notForAPbx})`, test);
}
const NO_LICENCES =
    'OAI has no per-user licence; the PBX licenses the link, and the bridge refuses a link without call control or events (pbxCalls.oai.test.ts)';
/** A call that ends at the far end: answered elsewhere where the phone system can say so, else hung up. */
const farEndGone = backendKind() === 'suite' ? 'answered-elsewhere' : 'remote-hangup';
/** An outside number as each phone system dials it: the PBX wants its trunk access code (9) first. */
const OUTSIDE_NUMBER = backendKind() === 'suite' ? '01632960999' : '901632960999';
/**
 * Caller names as each phone system can send them. A Suite sends any text. OAI carries a name as one
 * byte per character between `|`s (at most 32 by the manual, no `|`, CR or LF), which the bridge reads
 * as Latin-1: against it the same points are made with the bytes a PBX could put on the link.
 */
const CALLER_NAMES: Record<BackendKind, [string, string, string][]> = {
    suite: [
        ['control characters', 'ACME\u0000 LTD\u0007\r\n', 'ACME LTD'],
        ['a right-to-left override that would reverse the number next to it', '\u202eDTL EMCA', 'DTL EMCA'],
        ['10 KB of text', 'A'.repeat(10_240), 'A'.repeat(256)]
    ],
    oai: [
        ['control characters', 'ACME\u0000 LTD\u0007\u001b', 'ACME LTD'],
        // U+202E sent as UTF-8 (E2 80 AE): read as Latin-1 it is "â", a C1 control and "®", never an override.
        [
            'a right-to-left override that would reverse the number next to it, as UTF-8 bytes',
            '\u00e2\u0080\u00aeDTL EMCA',
            '\u00e2 \u00aeDTL EMCA'
        ],
        ['10 KB of text, beyond the 32 characters the manual allows', 'A'.repeat(10_240), 'A'.repeat(256)],
        [
            'the 32 characters the manual allows',
            'ACME INTERNATIONAL HOLDINGS LTD.',
            'ACME INTERNATIONAL HOLDINGS LTD.'
        ],
        ['Latin-1 letters', 'CAF\u00c9 M\u00dcLLER', 'CAF\u00c9 M\u00dcLLER']
    ]
};
/** A caller number with control characters in it (OAI: no right-to-left override, one byte each). */
const CALLER_NUMBER: Record<BackendKind, string> = {
    suite: '01632\u0000960123\u202e',
    oai: '01632\u0000960123\u0007'
};
let simulator: ContractBackend;
const clients: SuiteClient[] = [];

beforeAll(async () => {
    simulator = await startContractBackend(backendKind(), { heartbeatSec: 1, allowedOrigins: [ORIGIN] });
});

afterEach(async () => {
    for (const client of clients.splice(0)) client.stop();
    await control('POST', '/_sim/reset');
    await control('PUT', '/_sim/config', { heartbeatSec: 1, allowedOrigins: [ORIGIN] });
    await simulator.startProductApi();
});

afterAll(() => simulator.stop());

function control(method: string, path: string, body?: unknown): Promise<unknown> {
    return simulator.control(method, path, body);
}

function client(
    overrides: {
        email?: string;
        apiKey?: string;
        port?: number;
        ca?: string;
        socketOrigin?: string;
        onListenerError?: (error: unknown) => void;
        localNetworkRefusal?: SuiteClientOptions['localNetworkRefusal'];
        diagnostics?: SuiteClientOptions['diagnostics'];
    } = {}
) {
    const ca = overrides.ca ?? simulator.ca.certPem;
    const suite = createSuiteClient({
        onListenerError: overrides.onListenerError,
        host: 'localhost',
        port: overrides.port ?? simulator.port,
        apiKey: overrides.apiKey ?? 'dev-key-123',
        email: overrides.email ?? 'alice@example.com',
        fetch: nodeFetch(ca, ORIGIN),
        webSocket: nodeWebSocket(ca, overrides.socketOrigin ?? ORIGIN),
        backoff: { baseMs: 50, maxMs: 400 },
        localNetworkRefusal: overrides.localNetworkRefusal,
        diagnostics: overrides.diagnostics
    });
    clients.push(suite);
    return suite;
}

function until<T>(suite: SuiteClient, predicate: () => T | undefined | false, timeoutMs = 5000): Promise<T> {
    return new Promise((resolve, reject) => {
        const started = Date.now();
        const check = () => {
            const value = predicate();
            if (value) return resolve(value);
            if (Date.now() - started > timeoutMs)
                return reject(new Error(`timed out; connection ${JSON.stringify(suite.connection)}`));
            setTimeout(check, 10);
        };
        check();
    });
}

async function connected(suite: SuiteClient): Promise<void> {
    suite.start();
    await until(suite, () => suite.connection.state === 'open');
}

async function failure(suite: SuiteClient): Promise<Extract<SuiteConnection, { state: 'failed' }>['error']> {
    suite.start();
    return until(suite, () => (suite.connection.state === 'failed' ? suite.connection.error : undefined));
}

async function ring(
    from = { number: '01632960123', name: 'ACME LTD' },
    toExtension = '2001'
): Promise<string> {
    const { callId } = (await control('POST', '/_sim/calls/inbound', { toExtension, from })) as {
        callId: string;
    };
    return callId;
}

/** The far end acts on a call, unless a refused state change says it cannot (answered-elsewhere on a held call). */
async function remoteIfLive(callId: string, action: string): Promise<void> {
    try {
        await control('POST', `/_sim/calls/${callId}/${action}`);
    } catch (error) {
        if (!/answered 409/.test(String(error))) throw error;
    }
}

async function simulatorCalls(extension = '2001'): Promise<{ callId: string; state: string }[]> {
    const calls = (await control('GET', '/_sim/calls')) as {
        callId: string;
        state: string;
        extension: string;
    }[];
    return calls.filter((call) => call.extension === extension && call.state !== 'cleared');
}

describe('configuration errors: each names what is wrong and stops retrying', () => {
    it.each<[string, { apiKey?: string; email?: string }, string]>([
        ['a wrong API key', { apiKey: 'nope' }, 'apiKeyRejected'],
        ['a disabled API key', { apiKey: 'disabled-key-456' }, 'apiKeyRejected'],
        ['an empty API key', { apiKey: '' }, 'apiKeyMissing'],
        ['an email the Suite does not know', { email: 'stranger@example.com' }, 'userNotFound'],
        ['a disabled user', { email: 'disabled@example.com' }, 'userDisabled'],
        ['a user without a primary extension', { email: 'noext@example.com' }, 'noPrimaryExtension']
    ])('%s', async (_case, overrides, code) => {
        const error = await failure(client(overrides));
        expect(error.code).toBe(code);
        expect(error.fatal).toBe(true);
        if ('email' in overrides) expect(error.params.email).toBe(overrides.email);
        expect(JSON.stringify(error.params)).not.toContain('dev-key-123');
        expect(error.message).not.toContain('dev-key-123');
    });

    it('finds the user by email whatever its case', async () => {
        const suite = client({ email: 'Alice@Example.COM' });
        await connected(suite);
        expect(suite.user).toEqual({
            email: 'alice@example.com',
            displayName: 'Alice Agent',
            primaryExtension: '2001'
        });
    });

    suiteOnly('a user without a licence', NO_LICENCES, async () => {
        const error = await failure(client({ email: 'nolicence@example.com' }));
        expect(error).toMatchObject({ code: 'licenceRequired', fatal: true });
        expect(error.params.email).toBe('nolicence@example.com');
    });

    suiteOnly(
        'refuses a Suite older than 5.2',
        'its release is the contract level it implements (the bridge: 5.2), never an older Suite release',
        async () => {
            await control('PUT', '/_sim/config', { version: '5.1.9' });
            const error = await failure(client());
            expect(error).toMatchObject({
                code: 'suiteTooOld',
                params: { version: '5.1.9', minimum: '5.2' }
            });
        }
    );

    suiteOnly(
        'reports the API switched off on the Suite',
        'the bridge is the API: it has no switch but stopping it, which the client reports as unreachable',
        async () => {
            await control('PUT', '/_sim/config', { apiEnabled: false } satisfies Partial<SimConfig>);
            expect((await failure(client())).code).toBe('apiDisabled');
        }
    );

    suiteOnly('reports an exhausted licence pool', NO_LICENCES, async () => {
        await control('PUT', '/_sim/config', { licencePool: 1 });
        await connected(client({ email: 'bob@example.com' }));
        expect((await failure(client())).code).toBe('licenceRequired');
    });

    it('cannot tell an untrusted certificate from a firewall, and says so with host and port', async () => {
        const selfSigned = await startSimulator({ selfSigned: true });
        try {
            const suite = client({ port: selfSigned.port });
            suite.start();
            const status = await until(suite, () =>
                suite.connection.state === 'reconnecting' ? suite.connection : undefined
            );
            expect(status.lastError).toMatchObject({
                code: 'suiteUnreachable',
                fatal: false,
                params: { host: 'localhost', port: String(selfSigned.port) }
            });
        } finally {
            await selfSigned.stop();
        }
    });
});

describe('a refusal by the browser (Local Network Access)', () => {
    const REFUSAL = { origin: 'https://acme.lightning.force.com', permission: 'local-network: denied' };

    it('is reported as such, not as unreachable, and ends the retries', async () => {
        await simulator.stopProductApi();
        const error = await failure(client({ localNetworkRefusal: async () => REFUSAL }));
        expect(error).toMatchObject({
            code: 'localNetworkRefused',
            fatal: true,
            params: { host: 'localhost', port: String(simulator.port), ...REFUSAL }
        });
    });

    it('stops the reconnects when the event channel is refused after a drop', async () => {
        let refusing = false;
        const suite = client({ localNetworkRefusal: async () => (refusing ? REFUSAL : undefined) });
        await connected(suite);
        refusing = true;
        // The session stays valid, so the reconnect goes straight to the event channel.
        await simulator.stopProductApi();
        const error = await until(suite, () =>
            suite.connection.state === 'failed' ? suite.connection.error : undefined
        );
        expect(error).toMatchObject({ code: 'localNetworkRefused', params: REFUSAL });
    });

    it('is asked in vain when the browser cannot say: the agent sees an unreachable Suite, the setup check why', async () => {
        await simulator.stopProductApi();
        const diagnostics = new Diagnostics();
        const suite = client({
            diagnostics,
            localNetworkRefusal: () => Promise.reject(new Error('permissions API unavailable'))
        });
        suite.start();
        const status = await until(suite, () =>
            suite.connection.state === 'reconnecting' ? suite.connection : undefined
        );
        expect(status.lastError).toMatchObject({ code: 'suiteUnreachable', fatal: false });
        expect(diagnostics.entries()[0]).toMatchObject({
            operation: 'suite.localNetworkRefusal',
            detail: 'permissions API unavailable'
        });
    });
});

describe('sessions', () => {
    it('closes its session on the Suite when stopped, so a closed tab leaves none behind', async () => {
        const suite = client();
        await connected(suite);
        expect(simulator.sessionCount()).toBe(1);
        suite.stop();
        await until(suite, () => simulator.sessionCount() === 0);
        expect(simulator.openChannels()).toBe(0);
    });

    it('stops, and does not take its session back, when the server ended it for a newer one of the agent (4009)', async () => {
        // One session per user: the agent's second browser replaces the first one's session.
        await control('PUT', '/_sim/config', { maxSessionsPerUser: 1 });
        const older = client();
        await connected(older);
        const newer = client();
        await connected(newer);
        const error = await until(older, () =>
            older.connection.state === 'failed' ? older.connection.error : undefined
        );
        // The panel says too many softphones are open, and waits for the agent's Retry.
        expect(error.code).toBe('tooManyConnections');
        // The newer one is not fought over: it keeps its session and its events.
        const callId = await ring();
        await until(newer, () => newer.calls.get(callId));
        expect(newer.connection.state).toBe('open');
        expect(simulator.sessionCount()).toBe(1);
        expect(older.stats.reconnects).toBe(0);
    });
});

describe('origin checks', () => {
    it('answers CORS preflights for allowed origins only', async () => {
        const preflight = (origin: string) =>
            nodeFetch(simulator.ca.certPem, origin)(`${simulator.url}/api/v1/sessions`, {
                method: 'OPTIONS'
            });
        const allowed = await preflight(ORIGIN);
        expect(allowed.headers.get('access-control-allow-origin')).toBe(ORIGIN);
        const refused = await preflight('https://evil.example.com');
        expect(refused.status).toBe(403);
        expect(refused.headers.get('access-control-allow-origin')).toBeNull();
    });

    it('refuses a WebSocket upgrade from another origin, for that reason alone', async () => {
        const refusedUpgrades = async () =>
            ((await control('GET', '/_sim/log')) as { path: string; refused?: string }[]).filter(
                (entry) => entry.path === '/api/v1/events' && entry.refused
            );
        const foreign = client({ socketOrigin: 'https://evil.example.com' });
        foreign.start();
        await until(foreign, () => foreign.stats.reconnects >= 2);
        foreign.stop();
        expect(foreign.stats.eventsApplied).toBe(0);
        expect(simulator.openChannels()).toBe(0);
        const refusals = await refusedUpgrades();
        expect(refusals.length).toBeGreaterThanOrEqual(2);
        expect(new Set(refusals.map((entry) => entry.refused))).toEqual(
            new Set(['origin https://evil.example.com not allowed'])
        );

        // The same client with the allowed origin opens the channel, and the Suite refused nothing more.
        const allowed = client();
        await connected(allowed);
        expect(simulator.openChannels()).toBe(1);
        expect(await refusedUpgrades()).toHaveLength(refusals.length);
    });
});

describe('calls', () => {
    it('streams an inbound call through answer, hold, retrieve and hang up, with capabilities', async () => {
        const suite = client();
        await connected(suite);
        const seen: string[] = [];
        suite.on('call', (call) => seen.push(`${call.state}:${call.capabilities.join('+')}`));
        const callId = await ring();
        await until(suite, () => suite.calls.get(callId)?.state === 'ringing');
        expect(suite.calls.get(callId)?.remote).toEqual({ number: '01632960123', name: 'ACME LTD' });
        await suite.answer(callId);
        await until(suite, () => suite.calls.get(callId)?.state === 'connected');
        await suite.hold(callId);
        await until(suite, () => suite.calls.get(callId)?.state === 'held');
        await suite.retrieve(callId);
        await until(suite, () => suite.calls.get(callId)?.state === 'connected');
        await suite.clear(callId);
        await until(suite, () => !suite.calls.has(callId));
        expect(seen).toEqual([
            'ringing:answer+clear',
            'connected:hold+clear+transfer+consult',
            'held:retrieve+clear+transfer',
            'connected:hold+clear+transfer+consult',
            'cleared:'
        ]);
    });

    it.each(CALLER_NAMES[backendKind()])(
        'delivers a caller name with %s as plain, bounded text',
        async (_case, name, shown) => {
            const suite = client();
            await connected(suite);
            const callId = await ring({ number: CALLER_NUMBER[backendKind()], name });
            await until(suite, () => suite.calls.get(callId)?.state === 'ringing');
            expect(suite.calls.get(callId)?.remote).toEqual({ number: '01632 960123', name: shown });
        }
    );

    suiteOnly(
        'delivers a caller name in a right-to-left script as it is',
        'OAI text is one byte per character, so no right-to-left script reaches a PBX-backed server (its UTF-8 bytes arrive as Latin-1 letters, tested above)',
        async () => {
            const suite = client();
            await connected(suite);
            const callId = await ring({ number: '01632960123', name: 'شركة أكمي' });
            await until(suite, () => suite.calls.get(callId)?.state === 'ringing');
            expect(suite.calls.get(callId)?.remote.name).toBe('شركة أكمي');
        }
    );

    it('places an outside call: dialling until the far end answers, connected until it hangs up', async () => {
        const suite = client();
        await connected(suite);
        const seen: SuiteCall[] = [];
        suite.on('call', (call) => seen.push(call));
        await suite.makeCall(OUTSIDE_NUMBER);
        // The PBX says a call goes outside when it seizes a trunk (NT), just after the call begins (OR).
        const dialing = await until(suite, () =>
            [...suite.calls.values()].find(
                (call) => call.state === 'dialing' && call.direction === 'outbound'
            )
        );
        expect(dialing).toMatchObject({ remote: { number: '01632960999' }, capabilities: ['clear'] });
        await control('POST', `/_sim/calls/${dialing.callId}/remote-answer`);
        await until(suite, () => suite.calls.get(dialing.callId)?.state === 'connected');
        await control('POST', `/_sim/calls/${dialing.callId}/remote-hangup`);
        await until(suite, () => !suite.calls.has(dialing.callId));
        // A phone system may update a call without changing its state (the PBX: OR, then NT).
        const states = seen.filter((call) => call.callId === dialing.callId).map((call) => call.state);
        expect(states.filter((state, index) => state !== states[index - 1])).toEqual([
            'dialing',
            'connected',
            'cleared'
        ]);
        expect(seen.every((call) => call.callId === dialing.callId)).toBe(true);
    });

    it('treats a racing answer that already succeeded as harmless', async () => {
        const first = client();
        const second = client();
        await Promise.all([connected(first), connected(second)]);
        const callId = await ring();
        await until(second, () => second.calls.get(callId)?.state === 'ringing');
        await first.answer(callId);
        await until(second, () => second.calls.get(callId)?.state === 'connected');
        await expect(second.answer(callId)).resolves.toBeUndefined();
    });

    it('fans events out to two connections of one user', async () => {
        const first = client();
        const second = client();
        await Promise.all([connected(first), connected(second)]);
        const callId = await ring();
        const [seenByFirst, seenBySecond] = await Promise.all([
            until(first, () => first.calls.get(callId)),
            until(second, () => second.calls.get(callId))
        ]);
        expect(seenBySecond).toEqual(seenByFirst);
        expect(seenByFirst).toMatchObject({ state: 'ringing', remote: { name: 'ACME LTD' } });
    });

    it('rejects commands with typed errors', async () => {
        const suite = client();
        await connected(suite);
        const callId = await ring();
        await until(suite, () => suite.calls.has(callId));
        await expect(suite.hold(callId)).rejects.toMatchObject({ code: 'invalidState' });
        await expect(suite.makeCall('call me maybe')).rejects.toMatchObject({ code: 'invalidNumber' });
        await expect(suite.answer('c_nope')).rejects.toMatchObject({ code: 'callNotFound' });
    });

    it('runs blind and attended transfers', async () => {
        const suite = client();
        const bob = client({ email: 'bob@example.com' });
        await Promise.all([connected(suite), connected(bob)]);
        const first = await ring();
        await until(suite, () => suite.calls.has(first));
        await suite.answer(first);
        await until(suite, () => suite.calls.get(first)?.state === 'connected');
        const transferred = new Promise<SuiteCall>((resolve) =>
            suite.on('call', (call) => call.callId === first && call.state === 'cleared' && resolve(call))
        );
        await suite.blindTransfer(first, '2003');

        expect(await transferred).toMatchObject({ cause: 'transfer' });

        const second = await ring();
        await until(suite, () => suite.calls.has(second));
        await suite.answer(second);
        await until(suite, () => suite.calls.get(second)?.state === 'connected');
        await suite.consult(second, '2002');
        const consultCall = await until(suite, () =>
            [...suite.calls.values()].find((call) => call.relatedCallId === second)
        );
        const bobLeg = await until(bob, () =>
            [...bob.calls.values()].find((call) => call.state === 'ringing')
        );
        await bob.answer(bobLeg.callId);
        await until(suite, () =>
            suite.calls.get(consultCall.callId)?.capabilities.includes('completeTransfer')
        );
        const ended: SuiteCall[] = [];
        suite.on('call', (call) => call.state === 'cleared' && ended.push(call));
        await suite.completeTransfer(second, consultCall.callId);
        await until(suite, () => suite.calls.size === 0);
        expect(ended.map((call) => `${call.callId}:${call.cause}`).sort()).toEqual(
            [`${second}:transfer`, `${consultCall.callId}:transfer`].sort()
        );
        // Bob now talks to the original caller.
        const bobCall = await until(bob, () =>
            bob.calls.get(bobLeg.callId)?.remote.name === 'ACME LTD'
                ? bob.calls.get(bobLeg.callId)
                : undefined
        );
        expect(bobCall).toMatchObject({ state: 'connected', remote: { number: '01632960123' } });
    });

    it('follows do not disturb set at the phone', async () => {
        const suite = client();
        await connected(suite);
        const changes: boolean[] = [];
        suite.on('dnd', (enabled) => changes.push(enabled));
        await control('PUT', '/_sim/users/alice@example.com/dnd', { enabled: true });
        await until(suite, () => suite.dndEnabled);
        await suite.setDnd(false);
        await until(suite, () => !suite.dndEnabled);
        expect(changes).toEqual([true, false]);
        expect(simulator.dnd('2001')).toBe(false);
    });
});

describe('faults', () => {
    it('resumes after a dropped connection without losing or repeating an event', async () => {
        const suite = client();
        await connected(suite);
        const states: string[] = [];
        const callId = await ring();
        suite.on('call', (call) => call.callId === callId && states.push(call.state));
        const snapshots: SuiteCall[][] = [];
        suite.on('snapshot', (calls) => snapshots.push(calls));
        await until(suite, () => suite.calls.has(callId));
        await control('POST', '/_sim/ws/drop');
        await control('POST', `/_sim/calls/${callId}/${farEndGone}`);
        await until(suite, () => suite.connection.state === 'open' && !suite.calls.has(callId));
        expect(states).toEqual(['cleared']);
        // Resumed from the event buffer, not resynced from a snapshot; and the channel carries new calls.
        expect(snapshots).toEqual([]);
        const next = await ring();
        await until(suite, () => suite.calls.get(next)?.state === 'ringing');
    });

    it('resyncs from a snapshot when the resume window has passed, reporting calls that ended meanwhile', async () => {
        const suite = client();
        await connected(suite);
        const callId = await ring();
        await until(suite, () => suite.calls.has(callId));
        const endedPromise = new Promise<SuiteCall>((resolve) =>
            suite.on('call', (call) => call.state === 'cleared' && resolve(call))
        );
        await control('PUT', '/_sim/config', { resumeWindowSec: 0 });
        await control('POST', '/_sim/ws/drop');
        await control('POST', `/_sim/calls/${callId}/remote-hangup`);
        const ended = await endedPromise;
        expect(ended.callId).toBe(callId);
        await until(suite, () => suite.connection.state === 'open');
    });

    it('opens a new session when the token expires', async () => {
        const suite = client();
        await connected(suite);
        const states: string[] = [];
        suite.on('connection', (status) => states.push(status.state));
        await control('POST', '/_sim/sessions/expire');
        await until(suite, () => states.includes('connecting') && suite.connection.state === 'open');
        // Renewed at once, without waiting out a backoff step.
        expect(states).toEqual(['connecting', 'open']);
        const callId = await ring();
        const call = await until(suite, () => suite.calls.get(callId));
        expect(call.state).toBe('ringing');
    });

    it('sends a command again, once, when it was refused for an expired session', async () => {
        const suite = client();
        await connected(suite);
        const callId = await ring();
        await until(suite, () => suite.calls.get(callId));
        // The token lapses while the event channel stays up: the answer is the first to hear of it.
        await control('POST', '/_sim/sessions/expire', { keepSockets: true });
        await suite.answer(callId);
        const call = await until(suite, () =>
            suite.calls.get(callId)?.state === 'connected' ? suite.calls.get(callId) : undefined
        );
        expect(call.state).toBe('connected');
    });

    it('comes back after a Suite restart', async () => {
        const suite = client();
        await connected(suite);
        const states: string[] = [];
        suite.on('connection', (status) => states.push(status.state));
        await simulator.restart();
        await until(suite, () => states.includes('reconnecting') && suite.connection.state === 'open');
        // A new session on the restarted Suite, and calls reach the agent again.
        expect(simulator.sessionCount()).toBe(1);
        const callId = await ring();
        const call = await until(suite, () => suite.calls.get(callId));
        expect(call.state).toBe('ringing');
    });

    it('reports PBX link loss and refuses commands while it lasts', async () => {
        const suite = client();
        await connected(suite);
        const links: boolean[] = [];
        suite.on('pbx', (connected) => links.push(connected));
        const callId = await ring();
        await until(suite, () => suite.calls.has(callId));
        await control('PUT', '/_sim/pbx', { connected: false });
        await until(suite, () => links.includes(false));
        await expect(suite.answer(callId)).rejects.toMatchObject({ code: 'pbxLinkDown' });
        await control('PUT', '/_sim/pbx', { connected: true });
        await until(suite, () => links.at(-1) === true);
        await suite.answer(callId);
        await until(suite, () => suite.calls.get(callId)?.state === 'connected');
    });

    it('skips malformed, unknown and oversized frames without dropping the connection', async () => {
        const suite = createSuiteClient({
            host: 'localhost',
            port: simulator.port,
            apiKey: 'dev-key-123',
            email: 'alice@example.com',
            fetch: nodeFetch(simulator.ca.certPem, ORIGIN),
            webSocket: nodeWebSocket(simulator.ca.certPem, ORIGIN),
            maxFrameBytes: 1000
        });
        clients.push(suite);
        await connected(suite);
        for (const frame of [
            '{not json',
            '"just a string"',
            JSON.stringify({ type: 'event', event: 'call.ringing', seq: 1e9, data: { nonsense: true } }),
            JSON.stringify({ type: 'event', event: 'future.thing', seq: 1e9 + 1, data: {} }),
            'x'.repeat(5000)
        ]) {
            await control('POST', '/_sim/ws/raw', { frame });
        }
        await until(suite, () => suite.stats.oversizedFrames === 1 && suite.stats.malformedFrames === 3);
        expect(suite.stats.reconnects).toBe(0);
        expect(suite.calls.size).toBe(0);
    });
});

describe('a hostile Suite', () => {
    it.each(['constructor', 'toString', '__proto__', 'hasOwnProperty'])(
        'an error code %s is a plain Suite error, and the client retries',
        async (wireCode) => {
            await control('PUT', '/_sim/faults', { failNext: 1, failStatus: 400, failCode: wireCode });
            const suite = client();
            // The leader tab broadcasts every status to the other tabs: it must be cloneable.
            const statuses: SuiteConnection[] = [];
            suite.on('connection', (status) => {
                structuredClone(status);
                statuses.push(status);
            });
            await connected(suite);
            const retried = statuses.find((status) => status.state === 'reconnecting');
            expect(retried).toMatchObject({
                lastError: { code: 'suiteError', params: { detail: wireCode } }
            });
            expect(statuses.at(-1)).toEqual({ state: 'open' });
        }
    );

    it('a listener that throws on every status neither stops the reconnect nor goes unreported', async () => {
        await control('PUT', '/_sim/faults', { failNext: 2, failStatus: 500 });
        const reported: unknown[] = [];
        const suite = client({ onListenerError: (error) => reported.push(error) });
        suite.on('connection', (status) => {
            throw new Error(`listener broke on ${status.state}`);
        });
        await connected(suite);
        expect(suite.stats.reconnects).toBe(2);
        expect(reported.map(String)).toEqual([
            'Error: listener broke on connecting',
            'Error: listener broke on reconnecting',
            'Error: listener broke on connecting',
            'Error: listener broke on reconnecting',
            'Error: listener broke on connecting',
            'Error: listener broke on open'
        ]);
    });

    it('a heartbeat of 1e300 seconds is clamped, so the link does not flap', async () => {
        await control('PUT', '/_sim/config', { heartbeatSec: 1e300 });
        const suite = client();
        const states: string[] = [];
        suite.on('connection', (status) => states.push(status.state));
        await connected(suite);
        for (const number of ['01632960101', '01632960102']) {
            const callId = await ring({ number, name: 'ACME LTD' });
            await until(suite, () => suite.calls.get(callId)?.state === 'ringing');
            await suite.clear(callId);
            await until(suite, () => !suite.calls.has(callId));
        }
        expect(states).toEqual(['connecting', 'open']);
        expect(suite.stats.reconnects).toBe(0);
    });

    it('a snapshot with 400 live and 400 ended calls is cut to what a phone can have, and counted', async () => {
        const suite = client();
        await connected(suite);
        const realCall = await ring();
        await until(suite, () => suite.calls.has(realCall));
        const ended: string[] = [];
        suite.on('call', (call) => call.state === 'cleared' && ended.push(call.callId));
        const snapshots: number[] = [];
        suite.on('snapshot', (calls) => snapshots.push(calls.length));
        await control('POST', '/_sim/ws/flood', { liveCalls: 400, recentCalls: 400 });
        await until(suite, () => snapshots.length === 1);

        expect(snapshots).toEqual([SNAPSHOT_LIMITS.liveCalls]);
        // The call on screen before keeps its place.
        expect(suite.calls.has(realCall)).toBe(true);
        expect(suite.stats.droppedLiveCalls).toBe(401 - SNAPSHOT_LIMITS.liveCalls);
        expect(ended).toHaveLength(SNAPSHOT_LIMITS.recentCalls);
        expect(suite.stats.droppedRecentCalls).toBe(400 - SNAPSHOT_LIMITS.recentCalls);

        // A dropped call stays dropped: its end is no Task, and it takes no place freed later.
        await suite.clear(realCall);
        await until(suite, () => ended.includes(realCall));
        const applied = suite.stats.eventsApplied;
        const dropped = 'c_flood_ringing_399';
        await control('POST', '/_sim/ws/raw', {
            frame: JSON.stringify({
                type: 'event',
                event: 'call.ringing',
                seq: 1e6,
                data: { callId: dropped, state: 'ringing', remote: { number: '01632960399' } }
            })
        });
        await control('POST', '/_sim/ws/raw', {
            frame: JSON.stringify({
                type: 'event',
                event: 'call.cleared',
                seq: 1e6 + 1,
                data: { callId: dropped, state: 'cleared', remote: { number: '01632960399' } }
            })
        });
        await until(suite, () => suite.stats.eventsApplied === applied + 2);
        expect(suite.calls.has(dropped)).toBe(false);
        expect(ended).not.toContain(dropped);
        expect(suite.stats.droppedLiveCalls).toBe(401 - SNAPSHOT_LIMITS.liveCalls);
    });
});

describe('seeded random fault injection', () => {
    it('ends with the client call state equal to the simulator after 200 steps', async () => {
        let seed = 20261124;
        const random = () => {
            seed = (seed * 1103515245 + 12345) % 2 ** 31;
            return seed / 2 ** 31;
        };
        const suite = client();
        await connected(suite);
        const pick = <T>(items: T[]): T | undefined => items[Math.floor(random() * items.length)];
        // Each client command's outcome: done, or refused with the typed error a racing phone system
        // gives (the call changed state, ended or the line is busy meanwhile). Anything else fails.
        const outcomes = new Map<string, number>();
        const count = (key: string) => outcomes.set(key, (outcomes.get(key) ?? 0) + 1);
        const command = async (name: string, action: () => Promise<void>) => {
            try {
                await action();
                count(`${name}:done`);
            } catch (error) {
                count(`${name}:${error instanceof SuiteError ? error.code : String(error)}`);
            }
        };
        // The phone system's side (the control API) must always do what it is told.
        for (let step = 0; step < 200; step++) {
            const live = await simulatorCalls();
            const call = pick(live);
            const roll = random();
            if (roll < 0.2 || !call)
                await ring({ number: `0163296${String(step).padStart(4, '0')}`, name: `Caller ${step}` });
            else if (roll < 0.35) await command('answer', () => suite.answer(call.callId));
            else if (roll < 0.45) await command('hold', () => suite.hold(call.callId));
            else if (roll < 0.55) await command('retrieve', () => suite.retrieve(call.callId));
            else if (roll < 0.65) await command('clear', () => suite.clear(call.callId));
            else if (roll < 0.75) await remoteIfLive(call.callId, 'remote-hangup');
            else if (roll < 0.8) await remoteIfLive(call.callId, farEndGone);
            else if (roll < 0.86) await control('POST', '/_sim/ws/drop');
            else if (roll < 0.9) await control('POST', '/_sim/ws/raw', { frame: '{broken' });
            else if (roll < 0.95) {
                await control('PUT', '/_sim/pbx', { connected: false });
                await control('PUT', '/_sim/pbx', { connected: true });
            } else await command('makeCall', () => suite.makeCall(OUTSIDE_NUMBER));
        }
        const refusals = [...outcomes].filter(([key]) => !key.endsWith(':done'));
        for (const [key] of refusals)
            expect(key).toMatch(/:(invalidState|callNotFound|deviceBusy|pbxLinkDown|suiteUnreachable)$/);
        for (const name of ['answer', 'hold', 'retrieve', 'clear'])
            expect(outcomes.get(`${name}:done`) ?? 0).toBeGreaterThan(0);
        const expected = (await simulatorCalls()).map((call) => `${call.callId}:${call.state}`).sort();
        await until(
            suite,
            () => {
                const actual = [...suite.calls.values()].map((call) => `${call.callId}:${call.state}`).sort();
                return (
                    suite.connection.state === 'open' && JSON.stringify(actual) === JSON.stringify(expected)
                );
            },
            10_000
        );
    });
});
