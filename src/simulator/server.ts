// The Suite simulator: a real HTTPS + WebSocket server speaking contract v1 (docs/suite-api.md),
// and a control API on its own port for tests and the workbench. Startable in-process on free
// ports, or from the command line (npm run simulator).
import {
    createServer as createHttpServer,
    type IncomingMessage,
    type Server as HttpServer,
    type ServerResponse
} from 'node:http';
import { createServer as createHttpsServer, type Server as HttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { randomBytes } from 'node:crypto';
import { WebSocketServer, type WebSocket } from 'ws';
import { AssertionError, type AssertionVerifier } from '../bridge/auth/assertion';
import { WIRE_ERROR } from '../core/suite/errors';
import { loadDevCa, selfSignedCertificate, type DevCa } from './devCa';
import { foreignRequestReason } from './localOnly';
import { CommandError, SuiteModel, type Session, type SimConfig } from './model';
import seed from './seed.json';

export interface SimulatorOptions {
    port?: number;
    controlPort?: number;
    host?: string;
    /** Serve an untrusted self-signed certificate instead of one from the development CA. */
    selfSigned?: boolean;
    certDir?: string;
    hostnames?: string[];
    config?: Partial<SimConfig>;
    /**
     * Accept signed assertions (contract v1's optional signedAssertion), verified as the bridge verifies
     * them (src/bridge/auth/assertion.ts); without it the simulator knows API keys only.
     */
    assertions?: AssertionVerifier;
}

export interface Simulator {
    url: string;
    controlUrl: string;
    port: number;
    controlPort: number;
    ca: DevCa;
    model: SuiteModel;
    /** Event channels (WebSockets) open right now. */
    openChannels(): number;
    /** Stops the product API (as if the Suite went down); the control API stays up. */
    stopProductApi(): Promise<void>;
    startProductApi(): Promise<void>;
    /** A restart loses every session and socket, like the real service restarting. */
    restart(): Promise<void>;
    stop(): Promise<void>;
}

interface Faults {
    delayMs: number;
    failNext: number;
    failStatus: number;
    /** The error code of an injected failure (a hostile Suite may send any string). */
    failCode: string;
}

/** Takes only the known fault settings, of the right types, from a control request. */
function faultSettings(body: Record<string, unknown>): Partial<Faults> {
    const settings: Partial<Faults> = {};
    for (const key of ['delayMs', 'failNext', 'failStatus'] as const)
        if (Object.hasOwn(body, key) && typeof body[key] === 'number') settings[key] = body[key];
    if (Object.hasOwn(body, 'failCode') && typeof body.failCode === 'string')
        settings.failCode = body.failCode;
    return settings;
}

/** A snapshot with made-up calls added: `liveCalls` ringing and `recentCalls` ended (ids c_flood_…). */
function floodedSnapshot(
    snapshot: Record<string, unknown>,
    flood: { liveCalls: number; recentCalls: number; extension: string }
): Record<string, unknown> {
    const call = (index: number, state: string) => ({
        callId: `c_flood_${state}_${index}`,
        extension: flood.extension,
        state,
        direction: 'inbound',
        type: 'external',
        remote: { number: `0163296${String(index).padStart(4, '0')}`, name: `Flood ${index}` },
        startTime: new Date().toISOString(),
        endTime: state === 'cleared' ? new Date().toISOString() : null,
        cause: state === 'cleared' ? 'normalClear' : 'newCall',
        capabilities: state === 'cleared' ? [] : ['answer', 'clear']
    });
    const made = (count: number, state: string) =>
        Array.from({ length: count }, (_, index) => call(index, state));
    return {
        ...snapshot,
        calls: [...(snapshot.calls as unknown[]), ...made(flood.liveCalls, 'ringing')],
        recentCalls: [...(snapshot.recentCalls as unknown[]), ...made(flood.recentCalls, 'cleared')]
    };
}

/** The simulator's own timers stay sane whatever heartbeat a test announces on the wire. */
function timerHeartbeatMs(heartbeatSec: number): number {
    return Number.isFinite(heartbeatSec) && heartbeatSec > 0 ? Math.min(heartbeatSec, 3600) * 1000 : 20_000;
}

export function defaultConfig(overrides: Partial<SimConfig> = {}): SimConfig {
    return { ...(structuredClone(seed) as SimConfig), ...overrides };
}

const MAX_BODY = 64 * 1024;

async function readBody(request: IncomingMessage): Promise<unknown> {
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of request) {
        size += (chunk as Buffer).length;
        if (size > MAX_BODY) throw new CommandError(413, WIRE_ERROR.badRequest, 'The body is too large');
        chunks.push(chunk as Buffer);
    }
    const text = Buffer.concat(chunks).toString('utf8');
    if (!text) return {};
    try {
        return JSON.parse(text);
    } catch {
        throw new CommandError(400, WIRE_ERROR.badRequest, 'The body is not JSON');
    }
}

function sendJson(
    response: ServerResponse,
    status: number,
    body: unknown,
    headers: Record<string, string> = {}
): void {
    response.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', ...headers });
    response.end(body === undefined ? '' : JSON.stringify(body));
}

/** The email a verified assertion proves; a body email, if sent, must be the same. */
async function verifiedEmail(verifier: AssertionVerifier, body: { email?: unknown; assertion?: unknown }) {
    try {
        const { email } = await verifier.verify(typeof body.assertion === 'string' ? body.assertion : '');
        if (typeof body.email === 'string' && body.email.toLowerCase() !== email.toLowerCase())
            throw new AssertionError('assertion_subject', 'the email is not the one the assertion names');
        return email;
    } catch (error) {
        if (error instanceof AssertionError) {
            const status = error.code === WIRE_ERROR.assertionReplayCacheFull ? 429 : 401;
            throw new CommandError(status, error.code, error.message);
        }
        throw error;
    }
}

export async function startSimulator(options: SimulatorOptions = {}): Promise<Simulator> {
    const host = options.host ?? '127.0.0.1';
    const hostnames = options.hostnames ?? ['localhost', '127.0.0.1', '::1'];
    const ca = loadDevCa(options.certDir);
    const tls = options.selfSigned ? selfSignedCertificate(hostnames) : ca.issue(hostnames);
    const model = new SuiteModel(defaultConfig(options.config));
    const sockets = new Map<WebSocket, Session>();
    const faults: Faults = { delayMs: 0, failNext: 0, failStatus: 500, failCode: WIRE_ERROR.internal };
    /** Every product API request and refused upgrade, with the reason for a refusal. */
    const log: { at: number; method: string; path: string; status: number; refused?: string }[] = [];

    model.onEvent = (session, frame) => {
        for (const [socket, owner] of sockets) if (owner === session) socket.send(JSON.stringify(frame));
    };

    const cors = (request: IncomingMessage): Record<string, string> => {
        const origin = request.headers.origin;
        if (!origin || !model.config.allowedOrigins.includes(origin)) return {};
        return {
            'Access-Control-Allow-Origin': origin,
            'Access-Control-Allow-Headers': 'Authorization, Content-Type, X-Api-Key, Idempotency-Key',
            'Access-Control-Allow-Methods': 'GET, POST, PUT, DELETE, OPTIONS',
            'Access-Control-Max-Age': '600',
            'Access-Control-Allow-Private-Network': 'true',
            Vary: 'Origin'
        };
    };

    const productRoute = async (request: IncomingMessage, response: ServerResponse): Promise<number> => {
        const headers = cors(request);
        const url = new URL(request.url ?? '/', 'https://suite.invalid');
        const path = url.pathname;
        const method = request.method ?? 'GET';
        if (method === 'OPTIONS') {
            sendJson(response, Object.keys(headers).length > 0 ? 204 : 403, undefined, headers);
            return 204;
        }
        if (faults.delayMs > 0) await new Promise((resolve) => setTimeout(resolve, faults.delayMs));
        if (faults.failNext > 0 && path !== '/api/v1/server') {
            faults.failNext--;
            sendJson(
                response,
                faults.failStatus,
                { error: { code: faults.failCode, message: 'Injected failure' } },
                headers
            );
            return faults.failStatus;
        }
        const reply = (status: number, body?: unknown) => {
            sendJson(response, status, body, headers);
            return status;
        };
        const requestId = `r_${randomBytes(4).toString('hex')}`;
        try {
            if (method === 'GET' && path === '/api/v1/health') return reply(200, { status: 'ok' });
            if (method === 'GET' && path === '/api/v1/server') {
                return reply(200, {
                    product: 'MiVoice Office Application Suite (simulator)',
                    version: model.config.version,
                    apiVersion: '1',
                    features: ['dnd', 'consultTransfer', ...(options.assertions ? ['signedAssertion'] : [])]
                });
            }
            if (method === 'POST' && path === '/api/v1/sessions') {
                const body = (await readBody(request)) as { email?: unknown; assertion?: unknown };
                const apiKey = request.headers['x-api-key'];
                const session =
                    options.assertions && body.assertion !== undefined
                        ? model.openSessionVerified(await verifiedEmail(options.assertions, body))
                        : model.openSession(typeof apiKey === 'string' ? apiKey : undefined, body.email);
                const user = model.userByEmail(session.email);
                return reply(201, {
                    sessionId: session.sessionId,
                    token: session.token,
                    expiresAt: new Date(session.expiresAt).toISOString(),
                    heartbeatSec: model.config.heartbeatSec,
                    user: {
                        email: user?.email,
                        displayName: user?.displayName,
                        primaryExtension: user?.primaryExtension,
                        licences: { phoneManagerApi: true }
                    }
                });
            }
            const token = (request.headers.authorization ?? '').replace(/^Bearer\s+/i, '');
            const session = model.sessionFor(token);
            const body = method === 'GET' ? {} : ((await readBody(request)) as Record<string, unknown>);
            if (method === 'GET' && path === '/api/v1/users/me/status')
                return reply(200, model.snapshot(session, false));
            if (method === 'DELETE' && path === '/api/v1/sessions/current') {
                model.sessions.delete(session.token);
                for (const [socket, owner] of sockets)
                    if (owner === session) socket.close(4001, 'session closed');
                return reply(204);
            }
            if (method === 'PUT' && path === '/api/v1/users/me/dnd') {
                if (typeof body.enabled !== 'boolean')
                    throw new CommandError(400, WIRE_ERROR.badRequest, 'enabled must be true or false');
                model.setDnd(model.extensionOf(session), body.enabled);
                return reply(202, { requestId });
            }
            if (method === 'POST' && path === '/api/v1/calls') {
                const leg = model.makeCall(session, body.to, requestId);
                return reply(202, { requestId, callId: leg.callId });
            }
            const command = /^\/api\/v1\/calls\/([^/]+)\/(answer|hold|retrieve|clear|transfer|consult)$/.exec(
                path
            );
            if (method === 'POST' && command) {
                const callId = decodeURIComponent(command[1]);
                switch (command[2]) {
                    case 'answer':
                        model.answer(session, callId);
                        break;
                    case 'hold':
                        model.hold(session, callId);
                        break;
                    case 'retrieve':
                        model.retrieve(session, callId);
                        break;
                    case 'clear':
                        model.clear(session, callId);
                        break;
                    case 'transfer':
                        if (body.mode === 'attended')
                            model.completeTransfer(session, callId, body.consultCallId);
                        else model.blindTransfer(session, callId, body.to);
                        break;
                    case 'consult':
                        model.consult(session, callId, body.to, requestId);
                        break;
                }
                return reply(202, { requestId });
            }
            return reply(404, {
                error: { code: WIRE_ERROR.notFound, message: `No route ${method} ${path}` }
            });
        } catch (error) {
            if (error instanceof CommandError)
                return reply(error.status, {
                    error: { code: error.code, message: error.message },
                    requestId
                });
            return reply(500, { error: { code: WIRE_ERROR.internal, message: 'Internal error' }, requestId });
        }
    };

    const handleSocket = (socket: WebSocket, session: Session) => {
        sockets.set(socket, session);
        socket.send(
            JSON.stringify({
                type: 'hello',
                data: {
                    sessionId: session.sessionId,
                    heartbeatSec: model.config.heartbeatSec,
                    resumeWindowSec: model.config.resumeWindowSec,
                    serverTime: new Date().toISOString()
                }
            })
        );
        let greeted = false;
        let lastHeard = Date.now();
        const heartbeatMs = timerHeartbeatMs(model.config.heartbeatSec);
        const sendSnapshot = (resync: boolean) =>
            socket.send(JSON.stringify({ type: 'snapshot', data: model.snapshot(session, resync) }));
        const fresh = setTimeout(() => {
            if (!greeted) {
                greeted = true;
                sendSnapshot(false);
            }
        }, 2000);
        const ping = setInterval(() => {
            if (Date.now() - lastHeard > heartbeatMs * 2.5) {
                socket.close(4008, 'heartbeat timeout');
                return;
            }
            socket.send(JSON.stringify({ type: 'ping', data: { t: new Date().toISOString() } }));
        }, heartbeatMs);
        socket.on('message', (data) => {
            lastHeard = Date.now();
            let frame: { type?: unknown; lastSeq?: unknown };
            try {
                frame = JSON.parse(String(data)) as typeof frame;
            } catch {
                socket.send(
                    JSON.stringify({
                        type: 'error',
                        data: { code: WIRE_ERROR.badFrame, message: 'Frames must be JSON' }
                    })
                );
                return;
            }
            if (greeted) return;
            greeted = true;
            clearTimeout(fresh);
            if (frame.type === 'resume' && typeof frame.lastSeq === 'number') {
                const missed = model.replay(session, frame.lastSeq);
                if (missed) {
                    for (const event of missed) socket.send(JSON.stringify(event));
                    socket.send(JSON.stringify({ type: 'resumed', data: { seq: session.seq } }));
                } else {
                    sendSnapshot(true);
                }
            } else {
                sendSnapshot(false);
            }
        });
        socket.on('close', () => {
            clearTimeout(fresh);
            clearInterval(ping);
            sockets.delete(socket);
        });
    };

    let productServer: HttpsServer | undefined;
    let wss: WebSocketServer | undefined;
    let port = options.port ?? 0;

    const startProductApi = async () => {
        if (productServer) return;
        const server = createHttpsServer({ key: tls.key, cert: tls.cert }, (request, response) => {
            const started = { method: request.method ?? 'GET', path: (request.url ?? '/').split('?')[0] };
            productRoute(request, response).then(
                (status) => log.push({ at: Date.now(), ...started, status }),
                () => response.destroy()
            );
        });
        const socketServer = new WebSocketServer({ noServer: true, maxPayload: 64 * 1024 });
        server.on('upgrade', (request, socket, head) => {
            const url = new URL(request.url ?? '/', 'https://suite.invalid');
            const origin = request.headers.origin;
            const reject = (status: number, text: string, refused: string) => {
                log.push({ at: Date.now(), method: 'GET', path: url.pathname, status, refused });
                socket.end(`HTTP/1.1 ${status} ${text}\r\nConnection: close\r\n\r\n`);
            };
            if (url.pathname !== '/api/v1/events') return reject(404, 'Not Found', 'no such path');
            if (origin && !model.config.allowedOrigins.includes(origin))
                return reject(403, 'Forbidden', `origin ${origin} not allowed`);
            socketServer.handleUpgrade(request, socket, head, (ws) => {
                const token = url.searchParams.get('access_token') ?? '';
                let session: Session;
                try {
                    session = model.sessionFor(token);
                } catch (error) {
                    ws.close(
                        error instanceof CommandError && error.status === 403 ? 4003 : 4001,
                        'token rejected'
                    );
                    return;
                }
                const open = [...sockets.values()].filter((owner) => owner.email === session.email).length;
                if (open >= 5) {
                    ws.close(4029, 'too many connections');
                    return;
                }
                handleSocket(ws, session);
            });
        });
        await new Promise<void>((resolve, reject) => {
            server.once('error', reject);
            server.listen(port, host, () => resolve());
        });
        port = (server.address() as AddressInfo).port;
        productServer = server;
        wss = socketServer;
    };

    const stopProductApi = async () => {
        const server = productServer;
        if (!server) return;
        productServer = undefined;
        for (const socket of sockets.keys()) socket.terminate();
        sockets.clear();
        wss?.close();
        server.closeAllConnections();
        await new Promise<void>((resolve) => server.close(() => resolve()));
    };

    const controlRoute = async (request: IncomingMessage, response: ServerResponse): Promise<void> => {
        const path = new URL(request.url ?? '/', 'http://control.invalid').pathname;
        const method = request.method ?? 'GET';
        const refused = foreignRequestReason(request, {
            hosts: controlHosts,
            port: controlPortOf(),
            origins: []
        });
        if (refused) {
            sendJson(response, 403, { error: { code: WIRE_ERROR.forbidden, message: refused } });
            return;
        }
        const body = method === 'GET' ? {} : ((await readBody(request)) as Record<string, unknown>);
        const ok = (value: unknown = { ok: true }) => sendJson(response, 200, value);
        try {
            let match: RegExpExecArray | null;
            if (method === 'POST' && path === '/_sim/reset') {
                model.config = defaultConfig(options.config);
                model.legs.clear();
                model.sessions.clear();
                model.dnd.clear();
                model.pbxConnected = true;
                for (const socket of sockets.keys()) socket.close(4001, 'reset');
                return ok();
            }
            if (method === 'PUT' && path === '/_sim/config') {
                model.config = { ...model.config, ...(body as Partial<SimConfig>) };
                return ok(model.config);
            }
            if (method === 'GET' && path === '/_sim/calls')
                return ok([...model.legs.values()].map((leg) => model.callJson(leg)));
            if (method === 'POST' && path === '/_sim/calls/inbound') {
                const from = (body.from ?? {}) as { number?: string; name?: string };
                const leg = model.ringInbound(
                    String(body.toExtension ?? ''),
                    { number: String(from.number ?? ''), name: String(from.name ?? '') },
                    (body.huntGroup as string | null) ?? null
                );
                return ok({ callId: leg.callId });
            }
            if (
                method === 'POST' &&
                (match =
                    /^\/_sim\/calls\/([^/]+)\/(remote-answer|remote-hangup|remote-busy|no-answer|answered-elsewhere)$/.exec(
                        path
                    ))
            ) {
                const action = match[2].replace(/^remote-/, '') as
                    'answer' | 'hangup' | 'busy' | 'no-answer' | 'answered-elsewhere';
                model.remote(decodeURIComponent(match[1]), action);
                return ok();
            }
            if (method === 'PUT' && path === '/_sim/pbx') {
                const connected = body.connected === true;
                model.setPbxConnected(connected);
                if (connected) {
                    for (const [socket, session] of sockets)
                        socket.send(
                            JSON.stringify({ type: 'snapshot', data: model.snapshot(session, true) })
                        );
                }
                return ok();
            }
            if (method === 'PUT' && (match = /^\/_sim\/users\/([^/]+)\/dnd$/.exec(path))) {
                const user = model.userByEmail(decodeURIComponent(match[1]));
                if (!user?.primaryExtension)
                    throw new CommandError(404, WIRE_ERROR.userNotFound, 'No such user');
                model.setDnd(user.primaryExtension, body.enabled === true);
                return ok();
            }
            if (method === 'POST' && path === '/_sim/ws/drop') {
                const code = typeof body.code === 'number' ? body.code : undefined;
                for (const socket of sockets.keys()) {
                    if (code) socket.close(code, 'dropped');
                    else socket.terminate();
                }
                return ok();
            }
            if (method === 'POST' && path === '/_sim/ws/flood') {
                // A misbehaving Suite: a snapshot reporting far more calls than a phone can have.
                const count = (value: unknown) =>
                    typeof value === 'number' && Number.isInteger(value)
                        ? Math.min(Math.max(value, 0), 5000)
                        : 0;
                for (const [socket, session] of sockets)
                    socket.send(
                        JSON.stringify({
                            type: 'snapshot',
                            data: floodedSnapshot(model.snapshot(session, true), {
                                liveCalls: count(body.liveCalls),
                                recentCalls: count(body.recentCalls),
                                extension: model.extensionOf(session)
                            })
                        })
                    );
                return ok();
            }
            if (method === 'POST' && path === '/_sim/ws/raw') {
                for (const socket of sockets.keys()) socket.send(String(body.frame ?? ''));
                return ok();
            }
            if (method === 'POST' && path === '/_sim/sessions/expire') {
                for (const session of model.sessions.values()) session.expiresAt = 0;
                // { keepSockets: true }: the tokens lapse but the event channels stay up, so the next
                // request is the first to hear of it (a token's time running out between frames).
                const keepSockets = body.keepSockets === true;
                if (!keepSockets) for (const socket of sockets.keys()) socket.close(4001, 'token expired');
                return ok();
            }
            if (method === 'PUT' && path === '/_sim/faults') {
                Object.assign(faults, faultSettings(body));
                return ok(faults);
            }
            if (method === 'POST' && path === '/_sim/stop') {
                await stopProductApi();
                return ok();
            }
            if (method === 'POST' && path === '/_sim/start') {
                await startProductApi();
                return ok();
            }
            if (method === 'POST' && path === '/_sim/restart') {
                await simulator.restart();
                return ok();
            }
            if (method === 'GET' && path === '/_sim/log') return ok(log.slice(-1000));
            sendJson(response, 404, {
                error: { code: WIRE_ERROR.notFound, message: `No route ${method} ${path}` }
            });
        } catch (error) {
            if (error instanceof CommandError)
                sendJson(response, error.status, { error: { code: error.code, message: error.message } });
            else sendJson(response, 500, { error: { code: WIRE_ERROR.internal, message: String(error) } });
        }
    };

    // No browser page is meant to use the control API: any Origin is foreign to it.
    const controlHosts = [...new Set(['127.0.0.1', 'localhost', '::1', host.toLowerCase()])];
    const controlPortOf = () => (controlServer.address() as AddressInfo).port;
    const controlServer: HttpServer = createHttpServer((request, response) => {
        controlRoute(request, response).catch(() => response.destroy());
    });
    await new Promise<void>((resolve, reject) => {
        controlServer.once('error', reject);
        controlServer.listen(options.controlPort ?? 0, host, () => resolve());
    });
    await startProductApi();
    const controlPort = (controlServer.address() as AddressInfo).port;

    const simulator: Simulator = {
        get url() {
            return `https://localhost:${port}`;
        },
        get port() {
            return port;
        },
        controlUrl: `http://127.0.0.1:${controlPort}`,
        controlPort,
        ca,
        model,
        openChannels: () => [...sockets.keys()].filter((socket) => socket.readyState === socket.OPEN).length,
        stopProductApi,
        startProductApi,
        async restart() {
            await stopProductApi();
            model.sessions.clear();
            await startProductApi();
        },
        async stop() {
            await stopProductApi();
            controlServer.closeAllConnections();
            await new Promise<void>((resolve) => controlServer.close(() => resolve()));
        }
    };
    return simulator;
}
