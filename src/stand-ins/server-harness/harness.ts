// A test harness around a running contract server (src/server): the faults a test injects without a
// second server. It hooks the server's requests (delays, injected failures, a request log) through a
// Fastify plugin given at start, and reaches the sessions and channels through the server's hub:
// tokens that lapse, channels dropped, raw or flooded frames, and settings changed while it runs.
import type { FastifyPluginAsync } from 'fastify';
import fp from 'fastify-plugin';
import type { ContractHub } from '../../server/hub';
import type { ServerSettings } from '../../server/settings';
import { floodedSnapshot } from './flood';

export interface Faults {
    delayMs: number;
    failNext: number;
    failStatus: number;
    /** The error code of an injected failure (a hostile server may send any string). */
    failCode: string;
}

export interface LogEntry {
    at: number;
    method: string;
    path: string;
    status: number;
    /** Why an upgrade was refused (refusals only). */
    refused?: string;
}

/** The settings a test may change while the server runs (PUT /_sim/config). */
export type LiveSettings = Pick<
    ServerSettings,
    'allowedOrigins' | 'heartbeatSec' | 'resumeWindowSec' | 'tokenTtlSec' | 'maxSessionsPerUser'
>;

const LOG_KEPT = 5000;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export class ServerHarness {
    readonly faults: Faults = { delayMs: 0, failNext: 0, failStatus: 500, failCode: 'internal' };
    /** Hooks on every product request; give it to the server at start (its `plugins`). */
    readonly plugin: FastifyPluginAsync;
    private readonly requests: LogEntry[] = [];
    private readonly hub: () => ContractHub;
    private readonly initial: LiveSettings;

    /** `hub` is read at each use: the server it belongs to may be replaced (a restart). */
    constructor(hub: () => ContractHub, initial: LiveSettings) {
        this.hub = hub;
        this.initial = structuredClone(initial);
        this.plugin = fp(async (app) => {
            app.addHook('onRequest', async (request, reply) => {
                if (request.ws || request.method === 'OPTIONS') return;
                if (this.faults.delayMs > 0) await sleep(this.faults.delayMs);
                if (this.faults.failNext > 0 && request.url.split('?')[0] !== '/api/v1/server') {
                    this.faults.failNext--;
                    return reply
                        .code(this.faults.failStatus)
                        .send({ error: { code: this.faults.failCode, message: 'Injected failure' } });
                }
            });
            app.addHook('onResponse', async (request, reply) => {
                if (request.ws) return;
                this.requests.push({
                    at: Date.now(),
                    method: request.method,
                    path: request.url.split('?')[0],
                    status: reply.statusCode
                });
                if (this.requests.length > LOG_KEPT) this.requests.shift();
            });
        });
    }

    /** Requests and refused upgrades, oldest first. */
    log(): LogEntry[] {
        const refusals = this.hub().refusals.map((refusal) => ({
            at: refusal.at,
            method: 'GET',
            path: refusal.path,
            status: refusal.status,
            refused: refusal.reason
        }));
        return [...this.requests, ...refusals].sort((a, b) => a.at - b.at).slice(-1000);
    }

    setFaults(faults: Partial<Faults>): Faults {
        Object.assign(this.faults, faults);
        return this.faults;
    }

    configure(settings: Partial<LiveSettings>): void {
        Object.assign(this.hub().settings, settings);
    }

    resetSettings(): void {
        Object.assign(this.hub().settings, structuredClone(this.initial));
    }

    /**
     * Every token lapses. The channels close with 4001, unless `keepSockets`: then the next request is
     * the first to hear of it (a token's time running out between frames).
     */
    expireSessions(keepSockets: boolean): void {
        for (const session of this.hub().sessions.all()) session.expiresAt = 0;
        if (!keepSockets) this.hub().channels.closeAll(4001, 'token expired');
    }

    /** Every channel closed with `code`, or cut without a closing handshake. */
    dropChannels(code?: number): void {
        this.hub().channels.closeAll(code, 'dropped');
    }

    /** A frame as it is, on every channel (what no correct server sends). */
    sendRaw(frame: string): void {
        for (const [socket] of this.hub().channels.entries()) this.hub().channels.send(socket, frame);
    }

    /** A resync snapshot with made-up calls added, on every channel: a misbehaving server. */
    flood(liveCalls: number, recentCalls: number): void {
        const hub = this.hub();
        for (const [socket, session] of hub.channels.entries())
            hub.channels.send(socket, {
                type: 'snapshot',
                data: floodedSnapshot(hub.snapshot(session, true), {
                    liveCalls,
                    recentCalls,
                    extension: session.extension
                })
            });
    }
}
