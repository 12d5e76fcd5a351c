// What one client may hold and do, over real TLS with real event channels: a user's sessions are
// capped (a flood of sign-ins leaves the live session alone; when every session is live the oldest
// closes with 4009); an expired session leaves the store and its channel closes without its token
// coming back; a tab gone without signing out leaves no session for long; a channel whose client does
// not read, or that sends garbage or a flood of frames, is closed with its own code (4010, 4011), and
// garbage gets a bounded number of answers.
import { loadDevCa } from '../../stand-ins/dev-machine/devCa';
import { startContractServer, type ContractServer } from '../app';
import { ApiKeyAuthenticator } from '../auth/authenticator';
import { ERROR_REPLIES } from '../frameBudget';
import type { ServerSettings } from '../settings';
import { startPhoneSystem, until, type TestPhoneSystem } from './phoneSystems';
import { API_KEY, tlsClients, type Channel } from './tlsClients';

jest.setTimeout(20_000);

const ca = loadDevCa();
const tls = ca.issue(['localhost', '127.0.0.1']);

let system: TestPhoneSystem;
let server: ContractServer;
const channels: Channel[] = [];
const clients = tlsClients(ca, () => server.port);

/** What the server logged, one JSON line each. */
let logged: string[] = [];

async function start(settings: Partial<ServerSettings> = {}) {
    system = await startPhoneSystem('suite');
    Object.assign(system.hub.settings, settings);
    logged = [];
    server = await startContractServer({
        hub: system.hub,
        authenticator: new ApiKeyAuthenticator([API_KEY]),
        tls,
        listen: { host: '127.0.0.1', port: 0 },
        requestLog: { write: (line) => logged.push(line) }
    });
}

afterEach(async () => {
    for (const channel of channels.splice(0)) channel.socket.terminate();
    await server.close();
    await system.stop();
});

/** Alice's agent: signed in, a channel open and its snapshot received. */
async function agent(email = 'alice@example.com'): Promise<Channel & { token: string }> {
    const { token } = await clients.signIn(email);
    const channel = await clients.channel(token);
    channels.push(channel);
    channel.socket.send(JSON.stringify({ type: 'subscribe' }));
    await until(() => channel.frames.some((frame) => frame.type === 'snapshot'));
    return { ...channel, token };
}

const ringingEvents = (channel: Channel) =>
    channel.frames.filter((frame) => frame.type === 'event' && frame.event === 'call.ringing').length;

describe('sessions', () => {
    it('a flood of sign-ins for one user leaves at most the cap, and the agent working keeps its channel', async () => {
        await start({ maxSessionsPerUser: 5 });
        const working = await agent();
        for (let index = 0; index < 60; index++) await clients.signIn('alice@example.com');
        expect(system.hub.sessions.size).toBe(5);
        await system.ring('01632960123');
        await until(() => ringingEvents(working) === 1);
    });

    it("when every one of the user's sessions is live, the oldest closes with 4009 for the newest", async () => {
        await start({ maxSessionsPerUser: 2 });
        const [first, second] = [await agent(), await agent()];
        await agent();
        expect(await first.closed).toBe(4009);
        expect(second.socket.readyState).toBe(second.socket.OPEN);
    });

    it('an expired session leaves the store and its channel closes with 4001, without its token coming back', async () => {
        await start({ tokenTtlSec: 1, sweepSec: 0.1 });
        const expiring = await agent();
        expect(await expiring.closed).toBe(4001);
        expect(system.hub.sessions.size).toBe(0);
    });

    it('a tab gone without signing out (its DELETE lost) leaves no session after the idle time', async () => {
        await start({ idleSessionSec: 1, sweepSec: 0.1 });
        const gone = await agent();
        const staying = await agent('bob@example.com');
        // The tab closes: its channel is cut, and its DELETE never arrives.
        gone.socket.terminate();
        await until(() => system.hub.sessions.size === 1, 5000);
        expect(system.hub.sessions.all().map((session) => session.email)).toEqual(['bob@example.com']);
        expect(staying.socket.readyState).toBe(staying.socket.OPEN);
    });
});

describe('channels', () => {
    it('one whose client does not read is closed with 4010 once its backlog passes the bound', async () => {
        await start({ channels: { backlogBytes: 256 * 1024, framesPerMinute: 120, badFrames: 20 } });
        const stalled = await agent();
        const other = await agent('bob@example.com');
        // The client stops reading; the server keeps sending (64 KB frames, as a flood of events would).
        const socket = stalled.socket as unknown as { _socket: { pause(): void; resume(): void } };
        socket._socket.pause();
        const [serverSide] = system.hub.channels
            .entries()
            .filter(([, session]) => session.email === 'alice@example.com')
            .map(([channel]) => channel);
        const frame = JSON.stringify({ type: 'ping', data: { t: 'x'.repeat(64 * 1024) } });
        for (let index = 0; index < 400 && serverSide.readyState === serverSide.OPEN; index++) {
            system.hub.channels.send(serverSide, frame);
            await new Promise((resolve) => setImmediate(resolve));
        }
        expect(serverSide.readyState).not.toBe(serverSide.OPEN);
        // Nothing more is queued for it: what it holds stays near the bound.
        system.hub.channels.send(serverSide, frame);
        expect(serverSide.bufferedAmount).toBeLessThan(256 * 1024 + 2 * frame.length);
        socket._socket.resume();
        expect(await stalled.closed).toBe(4010);
        // Another agent's channel carries on.
        await system.ring('01632960123');
        expect(other.socket.readyState).toBe(other.socket.OPEN);
    });

    it('one that sends garbage gets a few error frames, then is closed with 4011', async () => {
        await start({ channels: { backlogBytes: 1 << 20, framesPerMinute: 1000, badFrames: 20 } });
        const hostile = await agent();
        for (let index = 0; index < 40; index++) hostile.socket.send(`{garbage ${index}`);
        expect(await hostile.closed).toBe(4011);
        const errors = hostile.frames.filter((frame) => frame.type === 'error');
        expect(errors).toHaveLength(ERROR_REPLIES);
        // Refused once: what came after, while it closed, is not read (nor logged again).
        await server.close();
        const refusals = logged.filter((line) => line.includes('"event":"refused"'));
        expect(refusals).toEqual([expect.stringContaining('"reason":"bad_frames"')]);
    });

    it('a frame the server fails on is answered with an error and logged once; the channel and the server carry on', async () => {
        const uncaught: unknown[] = [];
        const record = (error: unknown) => uncaught.push(error);
        process.on('unhandledRejection', record).on('uncaughtException', record);
        try {
            await start();
            const phone = system.hub.phone as { calls: (extension: string) => unknown[] };
            const calls = phone.calls.bind(phone);
            phone.calls = () => {
                throw new TypeError('the phone system broke');
            };
            const { token } = await clients.signIn('alice@example.com');
            const failing = await clients.channel(token);
            channels.push(failing);
            failing.socket.send(JSON.stringify({ type: 'subscribe' }));
            failing.socket.send(JSON.stringify({ type: 'pong' }));
            await until(() => failing.frames.some((frame) => frame.type === 'error'));
            expect(failing.frames.find((frame) => frame.type === 'error')).toEqual({
                type: 'error',
                data: { code: 'internal', message: 'Internal error' }
            });
            // The phone system recovers: the channel is still there, and the server answers as before.
            phone.calls = calls;
            await system.ring('01632960123');
            await until(() => ringingEvents(failing) === 1);
            expect((await clients.call('/api/v1/server')).status).toBe(200);
            expect(uncaught).toEqual([]);
            const failures = logged.filter((line) => line.includes('"msg":"event channel frame failed"'));
            expect(failures).toHaveLength(1);
            expect(failures[0]).toContain('the phone system broke');
        } finally {
            process.off('unhandledRejection', record).off('uncaughtException', record);
        }
    });

    it('one that sends frames faster than a client of the contract ever does is closed with 4011', async () => {
        await start({ channels: { backlogBytes: 1 << 20, framesPerMinute: 50, badFrames: 20 } });
        const hostile = await agent();
        for (let index = 0; index < 60; index++) hostile.socket.send(JSON.stringify({ type: 'pong' }));
        expect(await hostile.closed).toBe(4011);
    });
});
