// The simulator's control API (docs/suite-api.md, "Simulator control API"): plain HTTP on its own
// loopback port, for tests and the workbench only. The server's own faults go to the harness around it
// (../server-harness); the rest drives the simulated Suite: calls, the far end, the PBX link, DND.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WIRE_ERROR } from '../../core/suite/errors';
import { ContractError } from '../../server/errors';
import { wireCall } from '../../server/wire';
import { foreignRequestReason } from '../dev-machine/localOnly';
import { NOT_SERVER_CONTROL, serverControl, type ServerLifecycle } from '../server-harness/control';
import type { ServerHarness } from '../server-harness/harness';
import type { FarEndAction } from './callLegs';
import { splitConfig, type SimConfig } from './config';
import { requireBody, requireCallee } from './controlBodies';
import type { SimulatedSuite } from './suite';

export interface ControlRequest {
    method: string;
    path: string;
    body: Record<string, unknown>;
}

export interface SuiteControlTarget {
    suite: SimulatedSuite;
    harness: ServerHarness;
    lifecycle: ServerLifecycle;
    /** Back to the simulator's start: configuration, calls, sessions and channels. */
    reset(): void;
}

const MAX_BODY = 64 * 1024;
const FAR_END =
    /^\/_sim\/calls\/([^/]+)\/(remote-answer|remote-hangup|remote-busy|no-answer|answered-elsewhere)$/;
const USER_DND = /^\/_sim\/users\/([^/]+)\/dnd$/;

async function readBody(request: IncomingMessage): Promise<Record<string, unknown>> {
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of request) {
        size += (chunk as Buffer).length;
        if (size > MAX_BODY) throw new ContractError(413, WIRE_ERROR.badRequest, 'The body is too large');
        chunks.push(chunk as Buffer);
    }
    const text = Buffer.concat(chunks).toString('utf8');
    if (!text) return {};
    let body: unknown;
    try {
        body = JSON.parse(text);
    } catch {
        throw new ContractError(400, WIRE_ERROR.badRequest, 'The body is not JSON');
    }
    if (body === null || typeof body !== 'object' || Array.isArray(body))
        throw new ContractError(400, WIRE_ERROR.badRequest, 'The body must be a JSON object');
    return body as Record<string, unknown>;
}

function sendJson(response: ServerResponse, status: number, body: unknown): void {
    response.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8' });
    response.end(JSON.stringify(body));
}

/** The Suite's own controls; undefined for a path it does not know. Each body is checked first. */
function suiteControl(target: SuiteControlTarget, { method, path, body }: ControlRequest): unknown {
    const { suite } = target;
    const ok = { ok: true };
    let match: RegExpExecArray | null;
    if (method === 'POST' && path === '/_sim/reset') {
        requireBody('reset', body);
        return (target.reset(), ok);
    }
    if (method === 'PUT' && path === '/_sim/config') {
        requireBody('config', body);
        const { server, suite: own } = splitConfig(body as Partial<SimConfig>);
        target.harness.configure(server);
        suite.config = { ...suite.config, ...own };
        return { ...suite.config, ...server };
    }
    if (method === 'GET' && path === '/_sim/calls')
        return [...suite.legs.values()].map((leg) => wireCall(leg.extension, suite.callOf(leg)));
    if (method === 'POST' && path === '/_sim/calls/inbound') return ringInbound(suite, body);
    if (method === 'POST' && (match = FAR_END.exec(path))) {
        requireBody('farEnd', body);
        suite.remote(decodeURIComponent(match[1]), match[2].replace(/^remote-/, '') as FarEndAction);
        return ok;
    }
    if (method === 'PUT' && path === '/_sim/pbx') {
        requireBody('pbx', body);
        return (suite.setPbxConnected(body.connected === true), ok);
    }
    if (method === 'PUT' && (match = USER_DND.exec(path))) {
        requireBody('dnd', body);
        const user = suite.userByEmail(decodeURIComponent(match[1]));
        if (!user?.primaryExtension) throw new ContractError(404, WIRE_ERROR.userNotFound, 'No such user');
        void suite.setDnd(user.primaryExtension, body.enabled === true);
        return ok;
    }
    return undefined;
}

/** POST /_sim/calls/inbound: rings a user's extension from the caller given, and only then. */
function ringInbound(suite: SimulatedSuite, body: Record<string, unknown>): { callId: string } {
    requireBody('inbound', body);
    const {
        toExtension,
        from,
        huntGroup = null
    } = body as {
        toExtension: string;
        from: { number: string; name?: string };
        huntGroup?: string | null;
    };
    requireCallee(toExtension, huntGroup, suite.userByExtension(toExtension));
    const leg = suite.ringInbound(toExtension, { number: from.number, name: from.name ?? '' }, huntGroup);
    return { callId: leg.callId };
}

async function answer(
    target: SuiteControlTarget,
    request: ControlRequest
): Promise<{ status: number; body: unknown }> {
    try {
        const server = await serverControl(target.harness, target.lifecycle, request);
        const result = server === NOT_SERVER_CONTROL ? suiteControl(target, request) : server;
        if (result !== undefined) return { status: 200, body: result };
        return {
            status: 404,
            body: {
                error: { code: WIRE_ERROR.notFound, message: `No route ${request.method} ${request.path}` }
            }
        };
    } catch (error) {
        if (error instanceof ContractError)
            return { status: error.status, body: { error: { code: error.code, message: error.message } } };
        return { status: 500, body: { error: { code: WIRE_ERROR.internal, message: String(error) } } };
    }
}

export interface ControlApi {
    url: string;
    port: number;
    close(): Promise<void>;
}

/** Listens on `host`; refuses a foreign Host (DNS rebinding), any Origin, and a body that is not JSON. */
export async function startControlApi(
    target: SuiteControlTarget,
    listen: { host: string; port: number }
): Promise<ControlApi> {
    // No browser page is meant to use the control API: any Origin is foreign to it.
    const hosts = [...new Set(['127.0.0.1', 'localhost', '::1', listen.host.toLowerCase()])];
    const server: Server = createServer((request, response) => {
        const path = new URL(request.url ?? '/', 'http://control.invalid').pathname;
        const method = request.method ?? 'GET';
        const refused = foreignRequestReason(request, { hosts, port: port(), origins: [] });
        if (refused)
            return sendJson(response, 403, { error: { code: WIRE_ERROR.forbidden, message: refused } });
        (method === 'GET' ? Promise.resolve({}) : readBody(request))
            .then((body) => answer(target, { method, path, body }))
            .catch((error: unknown) =>
                error instanceof ContractError
                    ? { status: error.status, body: { error: { code: error.code, message: error.message } } }
                    : { status: 500, body: { error: { code: WIRE_ERROR.internal, message: String(error) } } }
            )
            .then(({ status, body }) => sendJson(response, status, body))
            .catch(() => response.destroy());
    });
    const port = () => (server.address() as AddressInfo).port;
    await new Promise<void>((resolve, reject) => {
        server.once('error', reject);
        server.listen(listen.port, listen.host, () => resolve());
    });
    return {
        url: `http://127.0.0.1:${port()}`,
        port: port(),
        async close() {
            server.closeAllConnections();
            await new Promise<void>((resolve) => server.close(() => resolve()));
        }
    };
}
