// The real Suite client against the real simulator, over real TLS with the development CA.
import { startSimulator, type Simulator } from '../../src/simulator/server';
import { createSuiteClient } from '../../src/core/suite/client';
import type { SuiteCall, SuiteClient, SuiteClientOptions, SuiteConnection } from '../../src/core/suite/types';
import type { SimConfig } from '../../src/simulator/model';
import { nodeFetch, nodeWebSocket } from '../support/nodeTransport';

jest.setTimeout(30_000);

const ORIGIN = 'https://acme--c.vf.force.com';
let simulator: Simulator;
const clients: SuiteClient[] = [];

beforeAll(async () => {
    simulator = await startSimulator({ config: { heartbeatSec: 1, allowedOrigins: [ORIGIN] } });
});

afterEach(async () => {
    for (const client of clients.splice(0)) client.stop();
    await control('POST', '/_sim/reset');
    await control('PUT', '/_sim/config', { heartbeatSec: 1, allowedOrigins: [ORIGIN] });
    await simulator.startProductApi();
});

afterAll(() => simulator.stop());

async function control(method: string, path: string, body?: unknown): Promise<unknown> {
    const response = await fetch(`${simulator.controlUrl}${path}`, {
        method,
        body: body === undefined ? undefined : JSON.stringify(body)
    });
    const value = await response.json();
    if (!response.ok) throw new Error(`${method} ${path}: ${JSON.stringify(value)}`);
    return value;
}

function client(
    overrides: {
        email?: string;
        apiKey?: string;
        port?: number;
        ca?: string;
        localNetworkRefusal?: SuiteClientOptions['localNetworkRefusal'];
    } = {}
) {
    const ca = overrides.ca ?? simulator.ca.certPem;
    const suite = createSuiteClient({
        host: 'localhost',
        port: overrides.port ?? simulator.port,
        apiKey: overrides.apiKey ?? 'dev-key-123',
        email: overrides.email ?? 'alice@example.com',
        fetch: nodeFetch(ca, ORIGIN),
        webSocket: nodeWebSocket(ca, ORIGIN),
        backoff: { baseMs: 50, maxMs: 400 },
        localNetworkRefusal: overrides.localNetworkRefusal
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

async function simulatorCalls(extension = '2001'): Promise<{ callId: string; state: string }[]> {
    const calls = (await control('GET', '/_sim/calls')) as {
        callId: string;
        state: string;
        extension: string;
    }[];
    return calls.filter((call) => call.extension === extension && call.state !== 'cleared');
}

describe('configuration errors: each names what is wrong and stops retrying', () => {
    it.each([
        ['a wrong API key', { apiKey: 'nope' }, 'apiKeyRejected'],
        ['a disabled API key', { apiKey: 'disabled-key-456' }, 'apiKeyRejected'],
        ['an empty API key', { apiKey: '' }, 'apiKeyMissing'],
        ['an email the Suite does not know', { email: 'stranger@example.com' }, 'userNotFound'],
        ['a disabled user', { email: 'disabled@example.com' }, 'userDisabled'],
        ['a user without a licence', { email: 'nolicence@example.com' }, 'licenceRequired'],
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

    it('refuses a Suite older than 5.2', async () => {
        await control('PUT', '/_sim/config', { version: '5.1.9' });
        const error = await failure(client());
        expect(error).toMatchObject({ code: 'suiteTooOld', params: { version: '5.1.9', minimum: '5.2' } });
    });

    it('reports the API switched off on the Suite', async () => {
        await control('PUT', '/_sim/config', { apiEnabled: false } satisfies Partial<SimConfig>);
        expect((await failure(client())).code).toBe('apiDisabled');
    });

    it('reports an exhausted licence pool', async () => {
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
});

describe('sessions', () => {
    it('closes its session on the Suite when stopped, so a closed tab leaves none behind', async () => {
        const suite = client();
        await connected(suite);
        expect(simulator.model.sessions.size).toBe(1);
        suite.stop();
        await until(suite, () => simulator.model.sessions.size === 0);
        expect(simulator.openChannels()).toBe(0);
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

    it('refuses a WebSocket upgrade from another origin', async () => {
        const suite = createSuiteClient({
            host: 'localhost',
            port: simulator.port,
            apiKey: 'dev-key-123',
            email: 'alice@example.com',
            fetch: nodeFetch(simulator.ca.certPem, ORIGIN),
            webSocket: nodeWebSocket(simulator.ca.certPem, 'https://evil.example.com'),
            backoff: { baseMs: 50, maxMs: 100 }
        });
        clients.push(suite);
        suite.start();
        await until(suite, () => suite.connection.state === 'reconnecting');
        expect(suite.connection.state).not.toBe('open');
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

    it.each([
        ['control characters', 'ACME\u0000 LTD\u0007\r\n', 'ACME LTD'],
        ['a right-to-left override that would reverse the number next to it', '\u202eDTL EMCA', 'DTL EMCA'],
        ['a right-to-left name, kept as it is', 'شركة أكمي', 'شركة أكمي'],
        ['10 KB of text', 'A'.repeat(10_240), 'A'.repeat(256)]
    ])('delivers a caller name with %s as plain, bounded text', async (_case, name, shown) => {
        const suite = client();
        await connected(suite);
        const callId = await ring({ number: '01632\u0000960123\u202e', name });
        await until(suite, () => suite.calls.get(callId)?.state === 'ringing');
        expect(suite.calls.get(callId)?.remote).toEqual({ number: '01632 960123', name: shown });
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
        await until(first, () => first.calls.has(callId));
        await until(second, () => second.calls.has(callId));
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
        await suite.completeTransfer(second, consultCall.callId);
        await until(suite, () => suite.calls.size === 0);
        await until(bob, () => bob.calls.get(bobLeg.callId)?.remote.name === 'ACME LTD');
    });

    it('follows do not disturb set at the phone', async () => {
        const suite = client();
        await connected(suite);
        await control('PUT', '/_sim/users/alice@example.com/dnd', { enabled: true });
        await until(suite, () => suite.dndEnabled);
        await suite.setDnd(false);
        await until(suite, () => !suite.dndEnabled);
    });
});

describe('faults', () => {
    it('resumes after a dropped connection without losing or repeating an event', async () => {
        const suite = client();
        await connected(suite);
        const states: string[] = [];
        const callId = await ring();
        suite.on('call', (call) => call.callId === callId && states.push(call.state));
        await until(suite, () => suite.calls.has(callId));
        await control('POST', '/_sim/ws/drop');
        await control('POST', `/_sim/calls/${callId}/answered-elsewhere`);
        await until(suite, () => suite.connection.state === 'open' && !suite.calls.has(callId));
        expect(states).toEqual(['cleared']);
        expect(suite.connection.state).toBe('open');
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
        const callId = await ring();
        await until(suite, () => suite.calls.has(callId));
    });

    it('comes back after a Suite restart', async () => {
        const suite = client();
        await connected(suite);
        const states: string[] = [];
        suite.on('connection', (status) => states.push(status.state));
        await simulator.restart();
        await until(suite, () => states.includes('reconnecting') && suite.connection.state === 'open');
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
        expect(suite.connection.state).toBe('open');
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
        for (let step = 0; step < 200; step++) {
            const live = await simulatorCalls();
            const call = pick(live);
            const roll = random();
            const attempt = async (action: () => Promise<unknown>) => {
                try {
                    await action();
                } catch {
                    // Refused commands are part of the run: the final states must still agree.
                }
            };
            if (roll < 0.2 || !call)
                await attempt(() =>
                    ring({ number: `0163296${String(step).padStart(4, '0')}`, name: `Caller ${step}` })
                );
            else if (roll < 0.35) await attempt(() => suite.answer(call.callId));
            else if (roll < 0.45) await attempt(() => suite.hold(call.callId));
            else if (roll < 0.55) await attempt(() => suite.retrieve(call.callId));
            else if (roll < 0.65) await attempt(() => suite.clear(call.callId));
            else if (roll < 0.75)
                await attempt(() => control('POST', `/_sim/calls/${call.callId}/remote-hangup`));
            else if (roll < 0.8)
                await attempt(() => control('POST', `/_sim/calls/${call.callId}/answered-elsewhere`));
            else if (roll < 0.86) await attempt(() => control('POST', '/_sim/ws/drop'));
            else if (roll < 0.9) await attempt(() => control('POST', '/_sim/ws/raw', { frame: '{broken' }));
            else if (roll < 0.95)
                await attempt(() =>
                    control('PUT', '/_sim/pbx', { connected: false }).then(() =>
                        control('PUT', '/_sim/pbx', { connected: true })
                    )
                );
            else await attempt(() => suite.makeCall('01632960999'));
        }
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
