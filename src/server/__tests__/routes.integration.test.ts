// The server's own routes around any phone system, over TLS (Fastify's inject needs a dependency this
// Jest configuration cannot load): what GET /api/v1/server and /health say, to an operator and to
// anyone else, and an unexpected failure of the phone system answered with the contract's 500 and survived.
import type { FastifyRequest } from 'fastify';
import { loadDevCa } from '../../stand-ins/dev-machine/devCa';
import { nodeFetch } from '../../../test/support/nodeTransport';
import { startContractServer, type ContractServer } from '../app';
import { ApiKeyAuthenticator, type Authenticator } from '../auth/authenticator';
import type { OaiPhoneSystem } from '../../bridge/phoneSystem';
import { startPhoneSystem, type PhoneSystemKind, type TestPhoneSystem } from './phoneSystems';

const ca = loadDevCa();
const tls = ca.issue(['localhost', '127.0.0.1']);
const API_KEY = 'server-test-key-0123';

let system: TestPhoneSystem;
let server: ContractServer;

async function start(
    kind: PhoneSystemKind,
    authenticator: Authenticator = new ApiKeyAuthenticator([API_KEY]),
    operator?: (request: FastifyRequest) => boolean
) {
    system = await startPhoneSystem(kind);
    server = await startContractServer({
        hub: system.hub,
        authenticator,
        tls,
        listen: { host: '127.0.0.1', port: 0 },
        operator
    });
}

/** Requests that say so come from elsewhere than the operator's machine (the tests all run on loopback). */
const operatorUnlessOutside = (request: FastifyRequest) => request.headers['x-test-from'] !== 'outside';
const outside = { headers: { 'X-Test-From': 'outside' } };

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

it('reports the link and the counters as GET /api/v1/health to an operator (by default, this machine)', async () => {
    await start('suite');
    system.hub.sessions.open('alice@example.com', '2001');
    await system.ring('01632960123');
    expect((await call('/api/v1/health')).body).toEqual({
        status: 'up',
        pbxConnected: true,
        link: 'ready',
        counters: { sessions: 1, sessionsOpened: 0, channels: 0, calls: 1 }
    });
});

describe('to anyone else', () => {
    it('GET /api/v1/health says up, degraded or down, and nothing more', async () => {
        await start('oai', undefined, operatorUnlessOutside);
        system.hub.sessions.open('alice@example.com', '2001');
        expect((await call('/api/v1/health', outside)).body).toEqual({ status: 'up' });
        (system.phone as OaiPhoneSystem).stop();
        expect((await call('/api/v1/health', outside)).body).toEqual({ status: 'down' });
    });

    it("GET /api/v1/server says what the client needs, without the phone system's details", async () => {
        await start('oai', undefined, operatorUnlessOutside);
        expect((await call('/api/v1/server', outside)).body).toEqual({
            product: 'MiVoice OAI bridge',
            version: '5.2',
            apiVersion: '1',
            features: ['dnd', 'consultTransfer', 'logClaim']
        });
        expect((await call('/api/v1/server')).body).toMatchObject({ bridgeVersion: '0.1.0' });
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
