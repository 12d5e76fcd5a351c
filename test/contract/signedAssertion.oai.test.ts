// Signing in to the OAI bridge, over real TLS in front of the OAI PBX simulator: with the org's
// certificate configured it announces signedAssertion and opens sessions from assertions the real
// Suite client sends, refusing each bad one with the code the client shows (assertionRejected and
// the check that failed). The station an assertion names is the agent's, with no directory entry
// needed, once the PBX says it is a station (stationNotFound otherwise). The API key is refused beside
// assertions unless the legacy switch is on, and a bridge without the certificate does not announce
// the mode.
import { createSuiteClient } from '../../src/core/suite/client';
import type { SuiteClient, SuiteConnection } from '../../src/core/suite/types';
import { createTestSigner, TEST_AUDIENCE, TEST_ORG_ID, type TestSigner } from '../support/assertionSigner';
import { startContractBackend, type ContractBackend } from '../support/contractBackends';
import { nodeFetch, nodeWebSocket } from '../support/nodeTransport';

jest.setTimeout(30_000);

const ORIGIN = 'https://acme--c.vf.force.com';
let signer: TestSigner;
let forger: TestSigner;
let bridge: ContractBackend;
let legacy: ContractBackend;
let plain: ContractBackend;
const clients: SuiteClient[] = [];

beforeAll(async () => {
    signer = createTestSigner();
    forger = createTestSigner();
    const assertion = { certificatePem: signer.certificatePem, issuer: TEST_ORG_ID, audience: TEST_AUDIENCE };
    bridge = await startContractBackend('oai', { heartbeatSec: 1, allowedOrigins: [ORIGIN], assertion });
    legacy = await startContractBackend('oai', {
        heartbeatSec: 1,
        allowedOrigins: [ORIGIN],
        assertion: { ...assertion, legacyApiKeys: true }
    });
    plain = await startContractBackend('oai', { heartbeatSec: 1, allowedOrigins: [ORIGIN] });
});

afterEach(() => {
    for (const client of clients.splice(0)) client.stop();
});

afterAll(async () => {
    await bridge.stop();
    await legacy.stop();
    await plain.stop();
});

function client(options: {
    backend?: ContractBackend;
    email?: string;
    apiKey?: string;
    sign?: () => Promise<string>;
}): SuiteClient {
    const backend = options.backend ?? bridge;
    const suite = createSuiteClient({
        host: 'localhost',
        port: backend.port,
        apiKey: options.apiKey ?? '',
        email: options.email ?? 'alice@example.com',
        signAssertion: options.sign,
        fetch: nodeFetch(backend.ca.certPem, ORIGIN),
        webSocket: nodeWebSocket(backend.ca.certPem, ORIGIN),
        backoff: { baseMs: 50, maxMs: 400 }
    });
    clients.push(suite);
    return suite;
}

function settled(suite: SuiteClient): Promise<SuiteConnection> {
    suite.start();
    return new Promise((resolve, reject) => {
        const started = Date.now();
        const check = () => {
            const connection = suite.connection;
            if (connection.state === 'open' || connection.state === 'failed') return resolve(connection);
            if (Date.now() - started > 10_000)
                return reject(new Error(`timed out; connection ${JSON.stringify(connection)}`));
            setTimeout(check, 10);
        };
        check();
    });
}

async function refusal(sign: () => Promise<string>, email?: string, backend?: ContractBackend) {
    const connection = await settled(client({ sign, email, backend }));
    if (connection.state !== 'failed') throw new Error(`the bridge accepted it: ${connection.state}`);
    return connection.error;
}

async function features(backend: ContractBackend): Promise<string[]> {
    const response = await nodeFetch(backend.ca.certPem, ORIGIN)(`${backend.url}/api/v1/server`);
    return ((await response.json()) as { features: string[] }).features;
}

/** POST /api/v1/sessions with the API key, as a script would, without the client's own checks. */
async function signInWithKey(backend: ContractBackend, email: string) {
    const response = await nodeFetch(backend.ca.certPem, ORIGIN)(`${backend.url}/api/v1/sessions`, {
        method: 'POST',
        headers: { 'X-Api-Key': 'dev-key-123', 'Content-Type': 'application/json' },
        body: JSON.stringify({ email })
    });
    return { status: response.status, body: (await response.json()) as { error?: { code: string } } };
}

describe('a bridge configured with the org certificate', () => {
    it('announces signedAssertion (only it, without the legacy switch), and a bridge without one does not', async () => {
        expect(await features(bridge)).toEqual(
            expect.arrayContaining(['signedAssertion', 'signedAssertionOnly'])
        );
        expect(await features(legacy)).toContain('signedAssertion');
        expect(await features(legacy)).not.toContain('signedAssertionOnly');
        expect(await features(plain)).not.toContain('signedAssertion');
    });

    it('opens the session from a valid assertion, with no API key', async () => {
        const before = bridge.sessionCount();
        const connection = await settled(client({ sign: () => signer.sign('alice@example.com') }));
        expect(connection.state).toBe('open');
        expect(bridge.sessionCount()).toBe(before + 1);
    });

    it('refuses the API key by name, and the client stops with apiKeyNotAccepted without sending it', async () => {
        const before = bridge.sessionCount();
        expect(await signInWithKey(bridge, 'alice@example.com')).toEqual({
            status: 401,
            body: expect.objectContaining({
                error: expect.objectContaining({ code: 'api_key_not_accepted' })
            })
        });
        const connection = await settled(client({ apiKey: 'dev-key-123' }));
        expect(connection).toMatchObject({ state: 'failed', error: { code: 'apiKeyNotAccepted' } });
        // The test before may still be closing its session: none was opened, at least.
        expect(bridge.sessionCount()).toBeLessThanOrEqual(before);
    });

    it('with the legacy switch on, still opens sessions with the API key, and refuses a wrong one', async () => {
        expect((await signInWithKey(legacy, 'alice@example.com')).status).toBe(201);
        expect((await settled(client({ backend: legacy, apiKey: 'dev-key-123' }))).state).toBe('open');
        const wrong = await settled(client({ backend: legacy, apiKey: 'not-the-key-0' }));
        expect(wrong).toMatchObject({ state: 'failed', error: { code: 'apiKeyRejected' } });
    });

    it('with the legacy switch on, still opens sessions from assertions', async () => {
        const connection = await settled(
            client({ backend: legacy, sign: () => signer.sign('alice@example.com') })
        );
        expect(connection.state).toBe('open');
    });

    it.each<[string, () => Promise<string>, string]>([
        [
            'expired (a clock ten minutes behind)',
            () => signer.sign('alice@example.com', {}, Date.now() - 600_000),
            'assertion_expired'
        ],
        [
            'for another audience',
            () => signer.sign('alice@example.com', { aud: 'https://other.example.com:8204' }),
            'assertion_audience'
        ],
        [
            'from another org',
            () => signer.sign('alice@example.com', { iss: '00D000000000001AAA' }),
            'assertion_issuer'
        ],
        ['with a forged signature', () => forger.sign('alice@example.com'), 'assertion_signature'],
        [
            'valid for an hour',
            () => signer.sign('alice@example.com', { exp: Date.now() / 1000 + 3600 }),
            'assertion_lifetime'
        ]
    ])('refuses an assertion %s as assertionRejected naming the check', async (_name, sign, detail) => {
        const before = bridge.sessionCount();
        expect(await refusal(sign)).toMatchObject({ code: 'assertionRejected', params: { detail } });
        expect(bridge.sessionCount()).toBe(before);
    });

    it('refuses a replayed assertion, also when the client asks once more', async () => {
        const token = await signer.sign('alice@example.com');
        expect((await settled(client({ sign: () => Promise.resolve(token) }))).state).toBe('open');
        let asked = 0;
        const error = await refusal(() => {
            asked++;
            return Promise.resolve(token);
        });
        expect(error).toMatchObject({ code: 'assertionRejected', params: { detail: 'assertion_replayed' } });
        expect(asked).toBe(2);
    });

    it('refuses an assertion for one user sent with the email of another', async () => {
        const error = await refusal(() => signer.sign('alice@example.com'), 'bob@example.com');
        expect(error).toMatchObject({ code: 'assertionRejected', params: { detail: 'assertion_subject' } });
    });

    it('names the user the directory does not know, after a valid assertion that names no station', async () => {
        const error = await refusal(() => signer.sign('stranger@example.com'), 'stranger@example.com');
        expect(error.code).toBe('userNotFound');
    });
});

describe('the station a signed assertion names', () => {
    it('is the agent station with no directory entry, and calls to it reach the agent', async () => {
        const dana = client({
            email: 'dana@example.com',
            sign: () => signer.sign('dana@example.com', { extension: '2003', name: 'Dana Agent' })
        });
        expect((await settled(dana)).state).toBe('open');
        expect(dana.user).toEqual({
            email: 'dana@example.com',
            displayName: 'Dana Agent',
            primaryExtension: '2003'
        });
        const rung = new Promise<string>((resolve) => dana.on('call', (call) => resolve(call.state)));
        await bridge.control('POST', '/_sim/calls/inbound', {
            toExtension: '2003',
            from: { number: '01632960123', name: 'ACME LTD' }
        });
        expect(await rung).toBe('ringing');
    });

    it('wins over the directory entry of the same agent', async () => {
        const bob = client({
            email: 'bob@example.com',
            sign: () => signer.sign('bob@example.com', { extension: '2003' })
        });
        expect((await settled(bob)).state).toBe('open');
        expect(bob.user?.primaryExtension).toBe('2003');
    });

    it.each<[string, string]>([
        ['a station the PBX does not have', '2999'],
        ['a hunt group, which is no station', '2100'],
        ['a trunk, which is no station', '9001']
    ])('is refused by name when it is %s: stationNotFound', async (_name, extension) => {
        const before = bridge.sessionCount();
        const error = await refusal(() => signer.sign('erin@example.com', { extension }), 'erin@example.com');
        expect(error).toMatchObject({ code: 'stationNotFound', params: { email: 'erin@example.com' } });
        expect(bridge.sessionCount()).toBeLessThanOrEqual(before);
    });

    it('is refused as assertionRejected when it is no extension at all', async () => {
        const error = await refusal(
            () => signer.sign('erin@example.com', { extension: '20 03' }),
            'erin@example.com'
        );
        expect(error).toMatchObject({ code: 'assertionRejected', params: { detail: 'assertion_extension' } });
    });
});

describe('a bridge with API keys only', () => {
    it('is refused by a client in signedAssertion mode before any assertion is asked for', async () => {
        let asked = 0;
        const connection = await settled(
            client({
                backend: plain,
                sign: () => {
                    asked++;
                    return signer.sign('alice@example.com');
                }
            })
        );
        expect(connection).toMatchObject({ state: 'failed', error: { code: 'assertionNotAccepted' } });
        expect(asked).toBe(0);
    });
});
