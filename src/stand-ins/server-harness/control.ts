// The control API's requests for the server itself (docs/suite-api.md, control API): channels dropped,
// raw and flooded frames, expired sessions, injected failures, the request log, and the server stopped,
// started or restarted. Each phone system's own control (calls, the PBX link) is answered elsewhere.
import type { Faults, ServerHarness } from './harness';

export interface ServerLifecycle {
    /** The product API goes away (an outage); sessions are kept. */
    stop(): Promise<void>;
    start(): Promise<void>;
    /** A restart loses every session and channel. */
    restart(): Promise<void>;
}

/** What serverControl returns for a path that is not the server's. */
export const NOT_SERVER_CONTROL = Symbol('not a server control');

/** Takes only the known fault settings, of the right types, from a control request. */
function faultSettings(body: Record<string, unknown>): Partial<Faults> {
    const settings: Partial<Faults> = {};
    for (const key of ['delayMs', 'failNext', 'failStatus'] as const)
        if (Object.hasOwn(body, key) && typeof body[key] === 'number') settings[key] = body[key];
    if (Object.hasOwn(body, 'failCode') && typeof body.failCode === 'string')
        settings.failCode = body.failCode;
    return settings;
}

/** A count from a control body, 0 to 5000. */
const count = (value: unknown) =>
    typeof value === 'number' && Number.isInteger(value) ? Math.min(Math.max(value, 0), 5000) : 0;

export async function serverControl(
    harness: ServerHarness,
    lifecycle: ServerLifecycle,
    request: { method: string; path: string; body: Record<string, unknown> }
): Promise<unknown> {
    const { body } = request;
    const ok = { ok: true };
    switch (`${request.method} ${request.path}`) {
        case 'POST /_sim/ws/drop':
            harness.dropChannels(typeof body.code === 'number' ? body.code : undefined);
            return ok;
        case 'POST /_sim/ws/raw':
            harness.sendRaw(String(body.frame ?? ''));
            return ok;
        case 'POST /_sim/ws/flood':
            harness.flood(count(body.liveCalls), count(body.recentCalls));
            return ok;
        case 'POST /_sim/sessions/expire':
            harness.expireSessions(body.keepSockets === true);
            return ok;
        case 'PUT /_sim/faults':
            return harness.setFaults(faultSettings(body));
        case 'GET /_sim/log':
            return harness.log();
        case 'POST /_sim/stop':
            await lifecycle.stop();
            return ok;
        case 'POST /_sim/start':
            await lifecycle.start();
            return ok;
        case 'POST /_sim/restart':
            await lifecycle.restart();
            return ok;
        default:
            return NOT_SERVER_CONTROL;
    }
}
