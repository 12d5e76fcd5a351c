// The contract v1 server (docs/suite-api.md) in front of any phone system (./phoneSystem.ts): Fastify
// with one plugin per concern (errors, origins, limits, the server's own routes, sessions, calls, the
// event channel on @fastify/websocket). The OAI bridge serves it at a customer's site; the simulated
// Suite in the workbench and the tests serves the same code.
import { randomBytes } from 'node:crypto';
import type { Server as HttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import Fastify, {
    LogController,
    type FastifyInstance,
    type FastifyPluginAsync,
    type FastifyRequest
} from 'fastify';
import websocket from '@fastify/websocket';
import { stdTimeFunctions } from 'pino';
import type { Authenticator } from './auth/authenticator';
import type { ContractHub } from './hub';
import { adminRoutes } from './plugins/admin';
import { callRoutes } from './plugins/callRoutes';
import { errorAnswers } from './plugins/errors';
import { eventChannel } from './plugins/eventChannel';
import { requestLimits } from './plugins/limits';
import { logClaimRoutes } from './plugins/logClaimRoutes';
import { metricsRoute, type MetricsPluginOptions } from './plugins/metrics';
import { originChecks } from './plugins/origins';
import { requestLog } from './plugins/requestLog';
import { sessionRoutes } from './plugins/sessionRoutes';
import { fromLoopback } from './operators';
import { PinoServerLog } from './serverLog';

export interface ContractAppOptions {
    /** The phone system, its settings and what outlives one listener (sessions, channels). */
    hub: ContractHub;
    authenticator: Authenticator;
    /** Without it the app answers only `inject` (tests of routes where no network matters). */
    tls?: { key: string | Buffer; cert: string | Buffer };
    /** Where Fastify's request log (JSON lines) goes; none: no request log. */
    requestLog?: { write(line: string): void };
    logLevel?: 'fatal' | 'error' | 'warn' | 'info' | 'debug';
    /** More plugins, registered before the routes (a test harness's hooks around the server). */
    plugins?: FastifyPluginAsync[];
    /** `GET /metrics` and who may read it (./plugins/metrics.ts); none: no metrics. */
    metrics?: Omit<MetricsPluginOptions, 'hub'>;
    /** Who sees the health counters and the phone system's details; by default requests from this machine. */
    operator?: (request: FastifyRequest) => boolean;
}

export interface ContractServerOptions extends ContractAppOptions {
    tls: { key: string | Buffer; cert: string | Buffer };
    listen: { host: string; port: number };
}

/** The close code a stopping server gives its event channels: the client reconnects without an error. */
export const SERVICE_RESTART = { code: 1012, reason: 'service restart' } as const;

export interface ContractServer {
    readonly port: number;
    readonly hub: ContractHub;
    /** Event channels open now. */
    openChannels(): number;
    /** Serves another certificate to new connections from now on; open ones keep theirs. */
    setTls(tls: { key: string | Buffer; cert: string | Buffer }): void;
    /** Closes every event channel with 1012 (clients reconnect and resume) and stops listening. */
    close(): Promise<void>;
}

function logger(options: ContractAppOptions) {
    if (!options.requestLog) return false;
    return {
        level: options.logLevel ?? 'info',
        stream: options.requestLog,
        // ISO times, as the bridge's own log (src/bridge/log.ts) writes them.
        timestamp: stdTimeFunctions.isoTime,
        serializers: {
            // Method, path and origin only: no headers (API key, bearer token) and no query (an event
            // channel's URL carries its token).
            req: (request: FastifyRequest) => ({
                method: request.method,
                path: request.url.split('?')[0].slice(0, 200),
                origin: request.headers.origin?.slice(0, 200)
            })
        }
    };
}

export async function buildContractApp(options: ContractAppOptions): Promise<FastifyInstance> {
    const { hub, authenticator } = options;
    const app = Fastify({
        ...(options.tls ? { https: { key: options.tls.key, cert: options.tls.cert } } : {}),
        bodyLimit: hub.settings.limits.bodyBytes,
        genReqId: () => `r_${randomBytes(6).toString('hex')}`,
        logger: logger(options),
        // One line per request comes from ./plugins/requestLog.ts instead, refusals aggregated.
        logController: new LogController({ disableRequestLogging: true }),
        ajv: { customOptions: { removeAdditional: false, allErrors: true } }
    });
    await app.register(websocket, {
        options: { maxPayload: hub.settings.limits.frameBytes },
        // A broken or oversized frame: ws closes that channel (1002 / 1009); the server carries on.
        errorHandler: (error, socket, request) => {
            request.log.warn({ reason: error.message }, 'event channel error');
            socket.terminate();
        }
    });
    // --- The server's log of its clients (./serverLog.ts), written from here on ---
    hub.log = new PinoServerLog(app.log);
    app.addHook('onClose', async () => hub.log.close());
    await app.register(requestLog, { hub });
    // ---
    await app.register(errorAnswers);
    await app.register(originChecks, { hub });
    await app.register(requestLimits, { hub });
    if (options.metrics) await app.register(metricsRoute, { hub, ...options.metrics });
    for (const plugin of options.plugins ?? []) await app.register(plugin);
    await app.register(adminRoutes, { hub, authenticator, operator: options.operator ?? fromLoopback });
    await app.register(sessionRoutes, { hub, authenticator });
    await app.register(callRoutes, { hub });
    await app.register(logClaimRoutes, { hub });
    await app.register(eventChannel, { hub });
    return app;
}

export async function startContractServer(options: ContractServerOptions): Promise<ContractServer> {
    const app = await buildContractApp(options);
    await app.listen({ host: options.listen.host, port: options.listen.port });
    const { hub } = options;
    // Expired sessions, and those left without a channel (a tab closed without signing out), go.
    const sweeper = setInterval(() => hub.sweep(), hub.settings.sweepSec * 1000).unref();
    return {
        port: (app.server.address() as AddressInfo).port,
        hub,
        openChannels: () => hub.channels.openCount(),
        setTls(tls) {
            (app.server as HttpsServer).setSecureContext({ key: tls.key, cert: tls.cert });
        },
        async close() {
            clearInterval(sweeper);
            hub.channels.closeAll(SERVICE_RESTART.code, SERVICE_RESTART.reason);
            await app.close();
        }
    };
}
