// The event channel (docs/suite-api.md, Event channel): `hello`, then the client's first frame asks for
// a snapshot or a resume, then events as they happen and a `ping` every heartbeat. The upgrade comes
// through Fastify (@fastify/websocket), so the Origin check, the rate limit and the error handling of
// every other request apply to it (./origins.ts).
import type { FastifyBaseLogger, FastifyPluginAsync } from 'fastify';
import type { WebSocket } from 'ws';
import '@fastify/websocket';
import type { ContractHub } from '../hub';
import type { Session } from '../sessions';
import { heartbeatTimerMs } from '../settings';
import { EVENTS_PATH } from './origins';

/** How long, after a start, a channel's first snapshot waits for the phone system's first resync. */
const FIRST_SNAPSHOT_WAIT_MS = 5000;

type FirstFrame = { type?: unknown; lastSeq?: unknown };

/** Which session a new channel belongs to, or the close code that says why none (4001, 4003, 4029). */
function admit(hub: ContractHub, token: unknown): Session | { refused: number; reason: string } {
    let session: Session;
    try {
        session = hub.sessions.find(typeof token === 'string' ? token : '');
    } catch {
        return { refused: 4001, reason: 'token rejected' };
    }
    try {
        hub.phone.checkUser(session.email);
    } catch {
        return { refused: 4003, reason: 'user withdrawn' };
    }
    if (hub.channels.countFor(session.email) >= hub.settings.maxChannelsPerUser)
        return { refused: 4029, reason: 'too many connections' };
    return session;
}

/** The answer to the first frame: the missed events and `resumed`, or a snapshot. */
function greet(hub: ContractHub, socket: WebSocket, session: Session, frame: FirstFrame): void {
    const send = (value: unknown) => hub.channels.send(socket, value);
    if (frame?.type === 'resume' && typeof frame.lastSeq === 'number') {
        const missed = hub.sessions.replay(session, frame.lastSeq);
        if (missed) {
            for (const event of missed) send(event);
            send({ type: 'resumed', data: { seq: session.seq } });
            return;
        }
        send({ type: 'snapshot', data: hub.snapshot(session, true) });
        return;
    }
    send({ type: 'snapshot', data: hub.snapshot(session, false) });
}

function serveChannel(hub: ContractHub, socket: WebSocket, session: Session, log: FastifyBaseLogger): void {
    const send = (value: unknown) => hub.channels.send(socket, value);
    hub.channels.add(socket, session);
    send({
        type: 'hello',
        data: {
            sessionId: session.sessionId,
            heartbeatSec: hub.settings.heartbeatSec,
            resumeWindowSec: hub.settings.resumeWindowSec,
            serverTime: new Date().toISOString()
        }
    });
    const heartbeatMs = heartbeatTimerMs(hub.settings.heartbeatSec);
    let greeted = false;
    let lastHeard = Date.now();
    const ping = setInterval(() => {
        if (Date.now() - lastHeard > heartbeatMs * 2.5) socket.close(4008, 'heartbeat timeout');
        else send({ type: 'ping', data: { t: new Date().toISOString() } });
    }, heartbeatMs);
    socket.on('message', (data) => {
        lastHeard = Date.now();
        let frame: FirstFrame;
        try {
            frame = JSON.parse(String(data)) as FirstFrame;
        } catch {
            send({ type: 'error', data: { code: 'bad_frame', message: 'Frames must be JSON' } });
            return;
        }
        if (greeted) return;
        greeted = true;
        // Just after a start the phone system's calls are not known yet: the first snapshot waits for them.
        hub.phone.firstResync(FIRST_SNAPSHOT_WAIT_MS).then(
            () => greet(hub, socket, session, frame),
            (error: unknown) => log.error({ err: error }, 'first snapshot not sent')
        );
    });
    socket.on('close', () => {
        clearInterval(ping);
        hub.channels.delete(socket);
    });
}

export const eventChannel: FastifyPluginAsync<{ hub: ContractHub }> = async (app, { hub }) => {
    app.get<{ Querystring: { access_token?: string } }>(
        EVENTS_PATH,
        { websocket: true },
        (socket, request) => {
            const admitted = admit(hub, request.query.access_token);
            if ('refused' in admitted) socket.close(admitted.refused, admitted.reason);
            else serveChannel(hub, socket, admitted, request.log);
        }
    );
};
