// Signing in to the OAI bridge, over real TLS in front of the OAI PBX simulator: with the org's
// certificate configured it announces signedAssertion and opens sessions from assertions the real
// Suite client sends, refusing each bad one with the code the client shows (assertionRejected and
// the check that failed); the API key keeps working beside it, and a bridge without the certificate
// does not announce the mode.
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
let plain: ContractBackend;
const clients: SuiteClient[] = [];

beforeAll(async () => {
    signer = createTestSigner();
    forger = createTestSigner();
    bridge = await startContractBackend('oai', {
        heartbeatSec: 1,
        allowedOrigins: [ORIGIN],
        assertion: { certificatePem: signer.certificatePem, issuer: TEST_ORG_ID, audience: TEST_AUDIENCE }
    });
    plain = await startContractBackend('oai', { heartbeatSec: 1, allowedOrigins: [ORIGIN] });
});

afterEach(() => {
    for (const client of clients.splice(0)) client.stop();
});

afterAll(async () => {
    await bridge.stop();
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

async function refusal(sign: () => Promise<string>, email?: string) {
    const connection = await settled(client({ sign, email }));
    if (connection.state !== 'failed') throw new Error(`the bridge accepted it: ${connection.state}`);
    return connection.error;
}

async function features(backend: ContractBackend): Promise<string[]> {
    const response = await nodeFetch(backend.ca.certPem, ORIGIN)(`${backend.url}/api/v1/server`);
    return ((await response.json()) as { features: string[] }).features;
}

describe('a bridge configured with the org certificate', () => {
    it('announces signedAssertion, and a bridge without one does not', async () => {
        expect(await features(bridge)).toContain('signedAssertion');
        expect(await features(plain)).not.toContain('signedAssertion');
    });

    it('opens the session from a valid assertion, with no API key', async () => {
        const before = bridge.sessionCount();
        const connection = await settled(client({ sign: () => signer.sign('alice@example.com') }));
        expect(connection.state).toBe('open');
        expect(bridge.sessionCount()).toBe(before + 1);
    });

    it('still opens sessions with the API key', async () => {
        expect((await settled(client({ apiKey: 'dev-key-123' }))).state).toBe('open');
    });

    it('still refuses a wrong API key', async () => {
        const connection = await settled(client({ apiKey: 'not-the-key-0' }));
        expect(connection).toMatchObject({ state: 'failed', error: { code: 'apiKeyRejected' } });
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

    it('names the user the directory does not know, after a valid assertion', async () => {
        const error = await refusal(() => signer.sign('stranger@example.com'), 'stranger@example.com');
        expect(error.code).toBe('userNotFound');
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
        expect(connection).toMatchObject({ state: 'failed', error: { code: 'assertionRejected' } });
        expect(asked).toBe(0);
    });
});
