// Upgrades reach the event channel through Fastify, over real TLS: a request target the URL parser
// cannot read (`//` made the old raw upgrade listener throw and end the process), a path that is not
// the event channel, or a foreign Origin is answered and logged, and the server carries on: an agent's
// channel opened before still gets its events, and the routes still answer.
import { randomBytes } from 'node:crypto';
import { connect } from 'node:tls';
import WebSocket from 'ws';
import { loadDevCa } from '../../stand-ins/dev-machine/devCa';
import { nodeFetch } from '../../../test/support/nodeTransport';
import { startContractServer, type ContractServer } from '../app';
import { ApiKeyAuthenticator } from '../auth/authenticator';
import { startPhoneSystem, TEST_SETTINGS, until, type TestPhoneSystem } from './phoneSystems';

const ORIGIN = TEST_SETTINGS.allowedOrigins[0];
const ca = loadDevCa();
const tls = ca.issue(['localhost', '127.0.0.1']);

let system: TestPhoneSystem;
let server: ContractServer;

beforeAll(async () => {
    system = await startPhoneSystem('suite');
    server = await startContractServer({
        hub: system.hub,
        authenticator: new ApiKeyAuthenticator(['server-test-key-0123']),
        tls,
        listen: { host: '127.0.0.1', port: 0 }
    });
});

afterAll(async () => {
    await server.close();
    await system.stop();
});

/** Sends an upgrade request as written, over TLS; resolves with the status line of the answer. */
function rawUpgrade(target: string, extraHeaders = ''): Promise<string> {
    return new Promise((resolve, reject) => {
        const socket = connect({
            host: '127.0.0.1',
            port: server.port,
            servername: 'localhost',
            ca: ca.certPem
        });
        let text = '';
        socket.on('secureConnect', () =>
            socket.write(
                `GET ${target} HTTP/1.1\r\nHost: localhost:${server.port}\r\nConnection: Upgrade\r\n` +
                    `Upgrade: websocket\r\nSec-WebSocket-Version: 13\r\n` +
                    `Sec-WebSocket-Key: ${randomBytes(16).toString('base64')}\r\n${extraHeaders}\r\n`
            )
        );
        socket.on('data', (chunk: Buffer) => {
            text += chunk.toString('latin1');
            if (text.includes('\r\n')) socket.destroy();
        });
        socket.on('close', () => resolve(text.split('\r\n')[0] || '(closed without an answer)'));
        socket.on('error', reject);
    });
}

/** An agent's event channel, with every frame it received. */
async function agentChannel(): Promise<{ socket: WebSocket; frames: { type: string; event?: string }[] }> {
    const { token } = system.hub.sessions.open('alice@example.com', '2001');
    const frames: { type: string; event?: string }[] = [];
    const socket = new WebSocket(`wss://localhost:${server.port}/api/v1/events?access_token=${token}`, {
        ca: ca.certPem,
        origin: ORIGIN
    });
    socket.on('message', (data) => frames.push(JSON.parse(String(data)) as { type: string }));
    await new Promise((resolve, reject) => socket.once('open', resolve).once('error', reject));
    socket.send(JSON.stringify({ type: 'subscribe' }));
    await until(() => frames.some((frame) => frame.type === 'snapshot'));
    return { socket, frames };
}

describe('an upgrade that is not for the event channel', () => {
    it.each([
        ['//', '//', 'HTTP/1.1 404 Not Found'],
        ['//api/v1/events', '//api/v1/events', 'HTTP/1.1 404 Not Found'],
        ['/api/v1/health', '/api/v1/health', 'HTTP/1.1 404 Not Found'],
        ['/api/v1/events/../../x', '/api/v1/events/../../x', 'HTTP/1.1 404 Not Found'],
        ['*', '*', 'HTTP/1.1 404 Not Found'],
        ['/%', '/%', 'HTTP/1.1 400 Bad Request'],
        ['http://[', 'http://[', 'HTTP/1.1 400 Bad Request'],
        ['a 6,000-character path', `/${'a'.repeat(6000)}`, 'HTTP/1.1 404 Not Found']
    ])('%s is answered, and the server carries on', async (_case, target, status) => {
        const agent = await agentChannel();
        expect(await rawUpgrade(target)).toBe(status);
        const callId = await system.ring('01632960123');
        await until(() =>
            agent.frames.some((frame) => frame.type === 'event' && frame.event === 'call.ringing')
        );
        expect(agent.socket.readyState).toBe(WebSocket.OPEN);
        const answer = await nodeFetch(ca.certPem)(`https://localhost:${server.port}/api/v1/server`);
        expect(answer.status).toBe(200);
        agent.socket.close();
        await system.phone.clear('2001', callId);
    });

    it('is logged as refused with its path, cut short', async () => {
        const before = system.hub.refusals.length;
        await rawUpgrade('//');
        await rawUpgrade(`/${'b'.repeat(6000)}`);
        expect(
            system.hub.refusals.slice(before).map((refusal) => [refusal.path.length, refusal.reason])
        ).toEqual([
            [2, 'no such path'],
            [201, 'no such path']
        ]);
    });
});

describe('an upgrade for the event channel', () => {
    it('from a foreign origin is refused with 403 and logged for that reason', async () => {
        const { token } = system.hub.sessions.open('alice@example.com', '2001');
        const status = await rawUpgrade(
            `/api/v1/events?access_token=${token}`,
            'Origin: https://evil.example.com\r\n'
        );
        expect(status).toBe('HTTP/1.1 403 Forbidden');
        expect(system.hub.refusals.at(-1)).toMatchObject({
            path: '/api/v1/events',
            status: 403,
            reason: 'origin https://evil.example.com not allowed'
        });
    });

    it('with a token the server does not know is upgraded, then closed with 4001', async () => {
        const socket = new WebSocket(`wss://localhost:${server.port}/api/v1/events?access_token=%ZZ`, {
            ca: ca.certPem,
            origin: ORIGIN
        });
        const code = await new Promise((resolve) => socket.once('close', resolve));
        expect(code).toBe(4001);
    });
});
