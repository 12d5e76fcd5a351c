// The event channel (docs/suite-api.md, Event channel): `hello`, then the client's first frame asks for
// a snapshot or a resume, then events as they happen and a `ping` every heartbeat. The upgrade comes
// through Fastify (@fastify/websocket), so the Origin check, the rate limit and the error handling of
// every other request apply to it (./origins.ts). What the client sends is bounded (../frameBudget.ts),
// and a frame that makes the server fail is answered and logged, never thrown out of the socket.
import type { FastifyBaseLogger, FastifyPluginAsync } from 'fastify';
import type { RawData, WebSocket } from 'ws';
import '@fastify/websocket';
import { CLOSE_CODE } from '../../core/suite/closeCodes';
import { FrameBudget } from '../frameBudget';
import type { ContractHub } from '../hub';
import type { Session } from '../sessions';
import { heartbeatTimerMs } from '../settings';
import { EVENTS_PATH } from './origins';

/** How long, after a start, a channel's first snapshot waits for the phone system's first resync. */
const FIRST_SNAPSHOT_WAIT_MS = 5000;

type FirstFrame = { type?: unknown; lastSeq?: unknown };

/** Which session a new channel belongs to, or the close code that says why none (4001, 4003, 4029). */
function admit(
    hub: ContractHub,
    token: unknown
): Session | { refused: number; reason: string; session?: Session } {
    let session: Session;
    try {
        session = hub.sessions.find(typeof token === 'string' ? token : '');
    } catch {
        return { refused: CLOSE_CODE.sessionEnded, reason: 'token rejected' };
    }
    try {
        hub.phone.checkUser(session.email);
    } catch {
        return { refused: CLOSE_CODE.userWithdrawn, reason: 'user withdrawn', session };
    }
    if (hub.channels.countFor(session.email) >= hub.settings.maxChannelsPerUser)
        return { refused: CLOSE_CODE.tooManyChannels, reason: 'too many connections', session };
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

/** The client's side of one channel: its first frame, its pongs, and what it may not do. */
function readFrames(hub: ContractHub, socket: WebSocket, session: Session, log: FastifyBaseLogger) {
    const send = (value: unknown) => hub.channels.send(socket, value);
    const budget = new FrameBudget(() => hub.settings.channels);
    let greeted = false;
    let failed = false;
    const refuse = (reason: string) => {
        hub.log.refused({
            reason,
            user: session.email,
            sessionId: session.sessionId,
            address: session.opener.address
        });
        socket.close(CLOSE_CODE.tooManyFrames, reason.replace(/_/g, ' '));
    };
    // Anything that goes wrong with one frame is answered and logged once, and the channel carries on.
    const failure = (error: unknown) => {
        if (!failed) log.error({ err: error, sessionId: session.sessionId }, 'event channel frame failed');
        failed = true;
        send({ type: 'error', data: { code: 'internal', message: 'Internal error' } });
    };
    return (data: RawData, isBinary: boolean) => {
        // Frames that arrive while the channel closes are not read: it was refused once.
        if (socket.readyState !== socket.OPEN) return;
        try {
            if (budget.frame() === 'close') return refuse('too_many_frames');
            let frame: FirstFrame;
            try {
                if (isBinary) throw new Error('binary');
                frame = JSON.parse(String(data)) as FirstFrame;
            } catch {
                const verdict = budget.badFrame();
                if (verdict === 'close') return refuse('bad_frames');
                if (verdict === 'answer')
                    send({ type: 'error', data: { code: 'bad_frame', message: 'Frames must be JSON text' } });
                return;
            }
            if (greeted) return;
            greeted = true;
            // Just after a start the phone system's calls are not known yet: the first snapshot waits for them.
            hub.phone
                .firstResync(FIRST_SNAPSHOT_WAIT_MS)
                .then(() => greet(hub, socket, session, frame))
                .catch(failure);
        } catch (error) {
            failure(error);
        }
    };
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
    let lastHeard = Date.now();
    const ping = setInterval(() => {
        if (Date.now() - lastHeard > heartbeatMs * 2.5)
            socket.close(CLOSE_CODE.heartbeatTimeout, 'heartbeat timeout');
        else send({ type: 'ping', data: { t: new Date().toISOString() } });
    }, heartbeatMs);
    const read = readFrames(hub, socket, session, log);
    socket.on('message', (data, isBinary) => {
        lastHeard = Date.now();
        read(data, isBinary);
    });
    socket.on('close', () => {
        clearInterval(ping);
        hub.channels.delete(socket);
        hub.channelClosed(session);
    });
}

export const eventChannel: FastifyPluginAsync<{ hub: ContractHub }> = async (app, { hub }) => {
    app.get<{ Querystring: { access_token?: string } }>(
        EVENTS_PATH,
        { websocket: true },
        (socket, request) => {
            const admitted = admit(hub, request.query.access_token);
            if ('refused' in admitted) {
                hub.log.refused({
                    reason: admitted.reason.replace(/ /g, '_'),
                    address: request.ip,
                    user: admitted.session?.email,
                    sessionId: admitted.session?.sessionId,
                    path: EVENTS_PATH
                });
                socket.close(admitted.refused, admitted.reason);
            } else serveChannel(hub, socket, admitted, request.log);
        }
    );
};
