// The server's own routes around any phone system, over TLS (Fastify's inject needs a dependency this
// Jest configuration cannot load): what GET /api/v1/server and /health say, and an unexpected failure of
// the phone system answered with the contract's 500 and survived.
import { loadDevCa } from '../../stand-ins/dev-machine/devCa';
import { nodeFetch } from '../../../test/support/nodeTransport';
import { startContractServer, type ContractServer } from '../app';
import { ApiKeyAuthenticator, type Authenticator } from '../auth/authenticator';
import { startPhoneSystem, type PhoneSystemKind, type TestPhoneSystem } from './phoneSystems';

const ca = loadDevCa();
const tls = ca.issue(['localhost', '127.0.0.1']);
const API_KEY = 'server-test-key-0123';

let system: TestPhoneSystem;
let server: ContractServer;

async function start(
    kind: PhoneSystemKind,
    authenticator: Authenticator = new ApiKeyAuthenticator([API_KEY])
) {
    system = await startPhoneSystem(kind);
    server = await startContractServer({
        hub: system.hub,
        authenticator,
        tls,
        listen: { host: '127.0.0.1', port: 0 }
    });
}

afterEach(async () => {
    await server.close();
    await system.stop();
});

async function call(path: string, init: RequestInit = {}) {
    const response = await nodeFetch(ca.certPem)(`https://localhost:${server.port}${path}`, init);
    const text = await response.text();
    return { status: response.status, body: (text ? JSON.parse(text) : {}) as Record<string, unknown> };
}

it('reports the phone system and the ways of signing in as GET /api/v1/server', async () => {
    await start('oai', {
        features: ['signedAssertion'],
        authenticate: () => Promise.reject(new Error('unused'))
    });
    expect((await call('/api/v1/server')).body).toEqual({
        product: 'MiVoice OAI bridge',
        version: '5.2',
        bridgeVersion: '0.1.0',
        apiVersion: '1',
        features: ['dnd', 'consultTransfer', 'logClaim', 'signedAssertion']
    });
});

it('reports the link and the counters as GET /api/v1/health', async () => {
    await start('suite');
    system.hub.sessions.open('alice@example.com', '2001');
    await system.ring('01632960123');
    expect((await call('/api/v1/health')).body).toEqual({
        status: 'ok',
        pbxConnected: true,
        link: 'ready',
        counters: { sessions: 1, sessionsOpened: 0, channels: 0, calls: 1 }
    });
});

it('answers a phone system that fails unexpectedly with 500 internal, and the next request as usual', async () => {
    await start('suite');
    const { token } = system.hub.sessions.open('alice@example.com', '2001');
    const callId = await system.ring('01632960123');
    system.phone.hold = () => Promise.reject(new TypeError('the phone system broke'));
    const authorization = { Authorization: `Bearer ${token}` };
    const failed = await call(`/api/v1/calls/${callId}/hold`, { method: 'POST', headers: authorization });
    expect(failed).toMatchObject({
        status: 500,
        body: { error: { code: 'internal', message: 'Internal error' } }
    });
    expect(JSON.stringify(failed.body)).not.toContain('broke');
    const answered = await call(`/api/v1/calls/${callId}/answer`, { method: 'POST', headers: authorization });
    expect(answered.status).toBe(202);
});
