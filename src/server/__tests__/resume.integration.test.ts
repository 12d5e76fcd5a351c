// Resume on the event channel (docs/suite-api.md): the events after the client's lastSeq are replayed
// while the server holds them all, within the resume window; any other lastSeq (below 0, past the
// session's seq, or older than the window) gets a fresh snapshot marked resync. The rule lives once, in
// the server, so both phone systems answer alike; the channel is injected (no network needed).
import type { FastifyInstance } from 'fastify';
import type WebSocket from 'ws';
import { buildContractApp } from '../app';
import { ApiKeyAuthenticator } from '../auth/authenticator';
import { startPhoneSystem, until, type PhoneSystemKind, type TestPhoneSystem } from './phoneSystems';

const API_KEY = 'server-test-key-0123';

interface Frame {
    type: string;
    event?: string;
    seq?: number;
    data?: { seq?: number; resync?: boolean; calls?: { callId: string }[] };
}

let clock = Date.now();
let system: TestPhoneSystem;
let app: FastifyInstance;
const sockets: WebSocket[] = [];

/** A session as POST /api/v1/sessions opens it for alice@example.com on 2001. */
function signIn(): string {
    return system.hub.sessions.open('alice@example.com', '2001').token;
}

/** A channel and every frame it receives; `first` is the client's first frame. */
async function channel(token: string, first: unknown): Promise<Frame[]> {
    const frames: Frame[] = [];
    const socket = await app.injectWS(
        `/api/v1/events?access_token=${token}`,
        {},
        {
            onInit: (ws) => ws.on('message', (data) => frames.push(JSON.parse(String(data)) as Frame))
        }
    );
    sockets.push(socket);
    socket.send(JSON.stringify(first));
    return frames;
}

/** The frames that answer the first one: events and `resumed`, or one snapshot. */
async function answer(frames: Frame[]): Promise<Frame[]> {
    await until(() => frames.some((frame) => frame.type === 'resumed' || frame.type === 'snapshot'));
    return frames.filter((frame) => frame.type !== 'hello' && frame.type !== 'ping');
}

describe.each<PhoneSystemKind>(['suite', 'oai'])('resume with the %s phone system', (kind) => {
    let token: string;
    /** The session's seq after two calls rang. */
    let seq: number;

    beforeEach(async () => {
        clock = Date.now();
        system = await startPhoneSystem(kind, () => clock);
        app = await buildContractApp({ hub: system.hub, authenticator: new ApiKeyAuthenticator([API_KEY]) });
        await app.ready();
        token = signIn();
        const live = await channel(token, { type: 'subscribe' });
        await answer(live);
        await system.ring('01632960123');
        await system.ring('01632960124');
        await until(() => live.filter((frame) => frame.type === 'event').length === 2);
        seq = live.filter((frame) => frame.type === 'event').at(-1)?.seq as number;
        expect(seq).toBe(2);
    });

    afterEach(async () => {
        for (const socket of sockets.splice(0)) socket.terminate();
        await app.close();
        await system.stop();
    });

    it('replays what the client missed, then resumed', async () => {
        const frames = await answer(await channel(token, { type: 'resume', lastSeq: 1 }));
        expect(frames.map((frame) => [frame.type, frame.seq ?? frame.data?.seq])).toEqual([
            ['event', 2],
            ['resumed', 2]
        ]);
    });

    it('answers resumed alone when the client missed nothing', async () => {
        const frames = await answer(await channel(token, { type: 'resume', lastSeq: seq }));
        expect(frames.map((frame) => frame.type)).toEqual(['resumed']);
    });

    it.each([
        ['below 0', -1],
        ['past the session', 3]
    ])('sends a resync snapshot for a lastSeq %s', async (_case, lastSeq) => {
        const frames = await answer(await channel(token, { type: 'resume', lastSeq }));
        expect(frames).toHaveLength(1);
        expect(frames[0]).toMatchObject({ type: 'snapshot', data: { seq, resync: true } });
        expect(frames[0].data?.calls).toHaveLength(2);
    });

    it('sends a resync snapshot once the missed events are older than the resume window', async () => {
        clock += system.hub.settings.resumeWindowSec * 1000 + 1;
        const frames = await answer(await channel(token, { type: 'resume', lastSeq: 1 }));
        expect(frames.map((frame) => [frame.type, frame.data?.resync])).toEqual([['snapshot', true]]);
    });

    it('replays up to the edge of the window', async () => {
        clock += system.hub.settings.resumeWindowSec * 1000 - 1;
        const frames = await answer(await channel(token, { type: 'resume', lastSeq: 1 }));
        expect(frames.map((frame) => frame.type)).toEqual(['event', 'resumed']);
    });
});
