// The contract v1 server (docs/suite-api.md) in front of the PBX: HTTPS routes with JSON-schema
// validation, CORS and rate limits on Fastify, and the event channel on `ws` with its Origin check.
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import cors from '@fastify/cors';
import rateLimit from '@fastify/rate-limit';
import { WebSocketServer, type WebSocket } from 'ws';
import type { BridgeConfig } from '../config';
import type { Authenticator } from '../authenticator';
import type { Directory } from '../directory';
import { BridgeError, errorBody } from '../errors';
import type { PhoneSystem, PhoneSystemChange } from '../phoneSystem';
import { SessionStore, type BridgeSession } from './sessions';
import { callEventName, wireCall } from './wire';

/** What the bridge reports as its release: the contract level the softphone requires (5.2). */
export const CONTRACT_RELEASE = '5.2';
export const BRIDGE_VERSION = '0.1.0';

export interface BridgeCounters {
    sessionsOpened: number;
    callsSeen: number;
    refusedUpgrades: number;
}

export interface BridgeServer {
    readonly port: number;
    readonly sessions: SessionStore;
    readonly counters: BridgeCounters;
    /** Event channels open now. */
    openChannels(): number;
    /** Refused WebSocket upgrades, newest last, with the reason (for the log and tests). */
    readonly refusals: { at: number; path: string; reason: string }[];
    /** Fresh snapshots to every channel; the PBX link came back. */
    resyncAll(): void;
    change(change: PhoneSystemChange): void;
    /** Closes every event channel with `code` (1012 service restart: clients reconnect and resume); none: cut. */
    closeChannels(code?: number): void;
    /** The directory changed: sessions of users who may no longer sign in are closed (4003). */
    directoryChanged(): void;
    close(): Promise<void>;
}

export interface BridgeServerOptions {
    config: BridgeConfig;
    tls: { key: string | Buffer; cert: string | Buffer };
    authenticator: Authenticator;
    directory: Directory;
    phone: PhoneSystem;
    /** Where Fastify's request log (JSON lines) goes; none: no request log. */
    requestLog?: { write(line: string): void };
}

const CALL_ID = { type: 'string', minLength: 1, maxLength: 64 } as const;
/** How long, after a start, a channel's first snapshot waits for the PBX's first resync. */
const FIRST_SNAPSHOT_WAIT_MS = 5000;
const DIAL = { type: 'string' } as const;

export async function startBridgeServer(options: BridgeServerOptions): Promise<BridgeServer> {
    const { config, directory, phone } = options;
    const allowed = new Set(config.allowedOrigins);
    const sessions = new SessionStore(config.sessions);
    const sockets = new Map<WebSocket, BridgeSession>();
    const counters: BridgeCounters = { sessionsOpened: 0, callsSeen: 0, refusedUpgrades: 0 };
    const seenCalls = new Set<string>();
    const refusals: { at: number; path: string; reason: string }[] = [];

    const app: FastifyInstance = Fastify({
        https: { key: options.tls.key, cert: options.tls.cert },
        bodyLimit: config.limits.bodyBytes,
        genReqId: () => `r_${randomBytes(6).toString('hex')}`,
        logger: options.requestLog
            ? {
                  level: config.log.level,
                  stream: options.requestLog,
                  serializers: {
                      // Method, path and origin only: no headers (API key, bearer token) and no query
                      // (an event channel's URL carries its token).
                      req: (request: FastifyRequest) => ({
                          method: request.method,
                          path: request.url.split('?')[0],
                          origin: request.headers.origin
                      })
                  }
              }
            : false,
        ajv: { customOptions: { removeAdditional: false, allErrors: true } }
    });

    sessions.onEvent = (session, frame) => {
        for (const [socket, owner] of sockets) if (owner === session) socket.send(JSON.stringify(frame));
    };

    // A preflight from an origin not on the list gets 403 and no CORS headers.
    app.addHook('onRequest', async (request, reply) => {
        const origin = request.headers.origin;
        if (request.method === 'OPTIONS' && (!origin || !allowed.has(origin))) {
            await reply.code(403).send();
        }
    });
    await app.register(cors, {
        origin: (origin, callback) => callback(null, origin !== undefined && allowed.has(origin)),
        allowedHeaders: ['Authorization', 'Content-Type', 'X-Api-Key', 'Idempotency-Key'],
        methods: ['GET', 'POST', 'PUT', 'DELETE', 'OPTIONS'],
        maxAge: 600,
        strictPreflight: false
    });
    app.addHook('onSend', async (request, reply) => {
        // Chrome's Private Network Access preflight asks for this before a public page calls a LAN host.
        const origin = request.headers.origin;
        if (request.method === 'OPTIONS' && origin && allowed.has(origin))
            reply.header('Access-Control-Allow-Private-Network', 'true');
    });
    await app.register(rateLimit, {
        max: config.limits.requestsPerMinute,
        timeWindow: 60_000,
        errorResponseBuilder: (_request, context) => ({
            statusCode: 429,
            error: { code: 'rate_limited', message: `More than ${context.max} requests a minute` }
        })
    });

    app.setErrorHandler((error: unknown, request, reply) => {
        if (error instanceof BridgeError) return reply.code(error.status).send(errorBody(error, request.id));
        const failure = error as {
            statusCode?: number;
            validation?: unknown;
            code?: string;
            message?: string;
        };
        if (failure.statusCode === 429)
            return reply.code(429).send({ ...(error as object), requestId: request.id });
        if (failure.validation || failure.statusCode === 400 || failure.statusCode === 415)
            return reply
                .code(400)
                .send(
                    errorBody(
                        new BridgeError(400, 'bad_request', failure.message ?? 'Bad request'),
                        request.id
                    )
                );
        if (failure.statusCode === 413)
            return reply
                .code(413)
                .send(errorBody(new BridgeError(413, 'bad_request', 'The body is too large'), request.id));
        request.log.error({ err: error }, 'request failed');
        return reply
            .code(500)
            .send(errorBody(new BridgeError(500, 'internal', 'Internal error'), request.id));
    });
    app.setNotFoundHandler((request, reply) =>
        reply
            .code(404)
            .send(
                errorBody(
                    new BridgeError(
                        404,
                        'not_found',
                        `No route ${request.method} ${request.url.split('?')[0]}`
                    ),
                    request.id
                )
            )
    );

    const sessionOf = (request: FastifyRequest): BridgeSession => {
        const token = (request.headers.authorization ?? '').replace(/^Bearer\s+/i, '');
        const session = sessions.find(token);
        if (!directory.current(session.email))
            throw new BridgeError(403, 'user_disabled', 'The user can no longer use the API');
        return session;
    };
    const accepted = (request: FastifyRequest, reply: FastifyReply, extra: Record<string, unknown> = {}) =>
        reply.code(202).send({ requestId: request.id, ...extra });

    app.get('/api/v1/health', async () => ({
        status: phone.pbxConnected ? 'ok' : 'degraded',
        pbxConnected: phone.pbxConnected,
        oaiLink: phone.linkState,
        counters: {
            sessions: sessions.size,
            sessionsOpened: counters.sessionsOpened,
            channels: sockets.size,
            calls: counters.callsSeen,
            ...phone.counters
        }
    }));
    app.get('/api/v1/server', async () => ({
        product: 'MiVoice OAI bridge',
        version: CONTRACT_RELEASE,
        bridgeVersion: BRIDGE_VERSION,
        apiVersion: '1',
        features: ['dnd', 'consultTransfer', ...options.authenticator.features]
    }));

    app.post<{ Body: { email?: string; assertion?: string } }>(
        '/api/v1/sessions',
        {
            schema: {
                body: {
                    type: 'object',
                    properties: {
                        email: { type: 'string', maxLength: 254 },
                        assertion: { type: 'string', maxLength: 8192 }
                    }
                }
            }
        },
        async (request, reply) => {
            const email = await options.authenticator.authenticate({
                headers: request.headers,
                body: (request.body ?? {}) as Record<string, unknown>
            });
            const user = directory.signIn(email);
            const session = sessions.open(user.email, user.primaryExtension);
            counters.sessionsOpened++;
            request.log.info(
                { session: session.sessionId, extension: user.primaryExtension },
                'session opened'
            );
            return reply.code(201).send({
                sessionId: session.sessionId,
                token: session.token,
                expiresAt: new Date(session.expiresAt).toISOString(),
                heartbeatSec: config.sessions.heartbeatSec,
                user: {
                    email: user.email,
                    displayName: user.displayName,
                    primaryExtension: user.primaryExtension
                }
            });
        }
    );
    app.delete('/api/v1/sessions/current', async (request, reply) => {
        const session = sessionOf(request);
        sessions.close(session);
        for (const [socket, owner] of sockets) if (owner === session) socket.close(4001, 'session closed');
        return reply.code(204).send();
    });
    app.get('/api/v1/users/me/status', async (request) => snapshot(sessionOf(request), false));
    app.put<{ Body: { enabled: boolean } }>(
        '/api/v1/users/me/dnd',
        {
            schema: {
                body: {
                    type: 'object',
                    required: ['enabled'],
                    properties: { enabled: { type: 'boolean' } }
                }
            }
        },
        async (request, reply) => {
            const session = sessionOf(request);
            await phone.setDnd(session.extension, request.body.enabled);
            return accepted(request, reply);
        }
    );
    app.post<{ Body: { to: string } }>(
        '/api/v1/calls',
        { schema: { body: { type: 'object', required: ['to'], properties: { to: DIAL } } } },
        async (request, reply) => {
            const session = sessionOf(request);
            const to = dialString(request.body.to);
            const callId = await phone.makeCall(session.extension, to);
            return accepted(request, reply, { callId });
        }
    );
    const callParams = {
        type: 'object',
        required: ['callId'],
        properties: { callId: CALL_ID }
    } as const;
    for (const action of ['answer', 'hold', 'retrieve', 'clear'] as const) {
        app.post<{ Params: { callId: string } }>(
            `/api/v1/calls/:callId/${action}`,
            { schema: { params: callParams } },
            async (request, reply) => {
                const session = sessionOf(request);
                await phone[action](session.extension, request.params.callId);
                return accepted(request, reply);
            }
        );
    }
    app.post<{
        Params: { callId: string };
        Body: { mode: 'blind' | 'attended'; to?: string; consultCallId?: string };
    }>(
        '/api/v1/calls/:callId/transfer',
        {
            schema: {
                params: callParams,
                body: {
                    type: 'object',
                    required: ['mode'],
                    properties: { mode: { enum: ['blind', 'attended'] }, to: DIAL, consultCallId: CALL_ID }
                }
            }
        },
        async (request, reply) => {
            const session = sessionOf(request);
            const { mode, to, consultCallId } = request.body;
            if (mode === 'attended') {
                if (!consultCallId) throw new BridgeError(400, 'bad_request', 'consultCallId is required');
                await phone.completeTransfer(session.extension, request.params.callId, consultCallId);
            } else {
                await phone.blindTransfer(session.extension, request.params.callId, dialString(to));
            }
            return accepted(request, reply);
        }
    );
    app.post<{ Params: { callId: string }; Body: { to: string } }>(
        '/api/v1/calls/:callId/consult',
        {
            schema: {
                params: callParams,
                body: { type: 'object', required: ['to'], properties: { to: DIAL } }
            }
        },
        async (request, reply) => {
            const session = sessionOf(request);
            const callId = await phone.consult(
                session.extension,
                request.params.callId,
                dialString(request.body.to)
            );
            return accepted(request, reply, { callId });
        }
    );

    function snapshot(session: BridgeSession, resync: boolean): Record<string, unknown> {
        return {
            seq: session.seq,
            resync,
            calls: phone.calls(session.extension).map((call) => wireCall(session.extension, call)),
            recentCalls: phone
                .recentCalls(session.extension)
                .map((call) => wireCall(session.extension, call)),
            dnd: { enabled: phone.dnd(session.extension) },
            system: { pbxConnected: phone.pbxConnected, version: CONTRACT_RELEASE }
        };
    }

    // ---- Event channel -------------------------------------------------------------------

    const socketServer = new WebSocketServer({ noServer: true, maxPayload: config.limits.frameBytes });
    const refuse = (socket: Duplex, path: string, status: number, text: string, reason: string) => {
        counters.refusedUpgrades++;
        refusals.push({ at: Date.now(), path, reason });
        if (refusals.length > 1000) refusals.shift();
        app.log.warn({ path, reason }, 'event channel refused');
        socket.end(`HTTP/1.1 ${status} ${text}\r\nConnection: close\r\n\r\n`);
    };
    app.server.on('upgrade', (request: IncomingMessage, socket: Duplex, head: Buffer) => {
        const url = new URL(request.url ?? '/', 'https://bridge.invalid');
        const origin = request.headers.origin;
        if (url.pathname !== '/api/v1/events')
            return refuse(socket, url.pathname, 404, 'Not Found', 'no such path');
        if (origin && !allowed.has(origin))
            return refuse(socket, url.pathname, 403, 'Forbidden', `origin ${origin} not allowed`);
        socketServer.handleUpgrade(request, socket, head, (ws) => {
            let session: BridgeSession;
            try {
                session = sessions.find(url.searchParams.get('access_token') ?? '');
            } catch {
                ws.close(4001, 'token rejected');
                return;
            }
            if (!directory.current(session.email)) {
                ws.close(4003, 'user withdrawn');
                return;
            }
            const open = [...sockets.values()].filter((owner) => owner.email === session.email).length;
            if (open >= config.sessions.maxChannelsPerUser) {
                ws.close(4029, 'too many connections');
                return;
            }
            channel(ws, session);
        });
    });

    function channel(socket: WebSocket, session: BridgeSession): void {
        sockets.set(socket, session);
        const heartbeatMs = config.sessions.heartbeatSec * 1000;
        const send = (frame: unknown) => socket.send(JSON.stringify(frame));
        send({
            type: 'hello',
            data: {
                sessionId: session.sessionId,
                heartbeatSec: config.sessions.heartbeatSec,
                resumeWindowSec: config.sessions.resumeWindowSec,
                serverTime: new Date().toISOString()
            }
        });
        let greeted = false;
        let lastHeard = Date.now();
        const ping = setInterval(() => {
            if (Date.now() - lastHeard > heartbeatMs * 2.5) {
                socket.close(4008, 'heartbeat timeout');
                return;
            }
            send({ type: 'ping', data: { t: new Date().toISOString() } });
        }, heartbeatMs);
        socket.on('message', (data) => {
            lastHeard = Date.now();
            let frame: { type?: unknown; lastSeq?: unknown };
            try {
                frame = JSON.parse(String(data)) as typeof frame;
            } catch {
                send({ type: 'error', data: { code: 'bad_frame', message: 'Frames must be JSON' } });
                return;
            }
            if (greeted) return;
            greeted = true;
            // Just after a start the PBX's calls are not known yet: the first snapshot waits for them.
            phone.firstResync(FIRST_SNAPSHOT_WAIT_MS).then(
                () => socket.readyState === socket.OPEN && greet(frame),
                (error: unknown) => app.log.error({ err: error }, 'first snapshot not sent')
            );
        });
        const greet = (frame: { type?: unknown; lastSeq?: unknown }) => {
            if (frame?.type === 'resume' && typeof frame.lastSeq === 'number') {
                const missed = sessions.replay(session, frame.lastSeq);
                if (missed) {
                    for (const event of missed) send(event);
                    send({ type: 'resumed', data: { seq: session.seq } });
                    return;
                }
                send({ type: 'snapshot', data: snapshot(session, true) });
                return;
            }
            send({ type: 'snapshot', data: snapshot(session, false) });
        };
        // An oversized or broken frame: ws closes the channel (1009 / 1002); the bridge carries on.
        socket.on('error', (error) =>
            app.log.warn({ session: session.sessionId, reason: error.message }, 'event channel error')
        );
        socket.on('close', () => {
            clearInterval(ping);
            sockets.delete(socket);
        });
    }

    await app.listen({ host: config.listen.host, port: config.listen.port });
    const port = (app.server.address() as AddressInfo).port;

    return {
        port,
        sessions,
        counters,
        refusals,
        openChannels: () => [...sockets.keys()].filter((socket) => socket.readyState === socket.OPEN).length,
        resyncAll() {
            for (const [socket, session] of sockets)
                socket.send(JSON.stringify({ type: 'snapshot', data: snapshot(session, true) }));
        },
        change(change) {
            if (change.kind === 'call') {
                if (!seenCalls.has(change.call.callId)) {
                    seenCalls.add(change.call.callId);
                    counters.callsSeen++;
                }
                if (change.call.state === 'cleared') seenCalls.delete(change.call.callId);
                sessions.emitToExtension(
                    change.extension,
                    callEventName(change.call),
                    wireCall(change.extension, change.call)
                );
            } else if (change.kind === 'dnd') {
                sessions.emitToExtension(change.extension, 'dnd.changed', { enabled: change.enabled });
            } else {
                sessions.emitToAll('system.status', { pbxConnected: change.pbxConnected });
            }
        },
        directoryChanged() {
            const withdrawn = sessions.closeWhere((session) => {
                const user = directory.current(session.email);
                return !user || user.primaryExtension !== session.extension;
            });
            for (const [socket, owner] of sockets)
                if (withdrawn.includes(owner)) socket.close(4003, 'user withdrawn');
        },
        closeChannels(code) {
            for (const socket of sockets.keys()) {
                if (code) socket.close(code, 'closing');
                else socket.terminate();
            }
        },
        async close() {
            for (const socket of sockets.keys()) socket.close(1012, 'bridge stopping');
            sockets.clear();
            socketServer.close();
            await app.close();
        }
    };
}

function dialString(to: unknown): string {
    if (typeof to !== 'string' || !/^[0-9*#]{1,32}$/.test(to))
        throw new BridgeError(400, 'invalid_number', 'The number must be 1 to 32 of 0-9, * and #');
    return to;
}
