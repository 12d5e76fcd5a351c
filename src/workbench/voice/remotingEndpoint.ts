// Visualforce's /apexremote as the emulated org answers it: each request (one, or a batch) must name a
// remote action of the page it came from with that page's tokens and the action's parameter count and
// types, and is answered in Visualforce's shape: {statusCode: 200, type: 'rpc', tid, ref, action,
// method, result}, or {statusCode: 400, type: 'exception', …, message, where} when the Apex threw.
import type { RemotingProvider } from './visualforcePage';

export interface RemotingRequest {
    action: string;
    method: string;
    data: unknown[] | null;
    type: string;
    tid: number;
    ctx: { csrf?: string; vid?: string; ns?: string; ver?: number; authorization?: string };
}

export interface RemotingAnswer {
    statusCode: number;
    type: 'rpc' | 'exception';
    tid: number;
    ref: false;
    action: string;
    method: string;
    result?: unknown;
    message?: string;
    where?: string;
}

/** A remote action's Apex: its arguments as Apex received them, its return value or its exception. */
export type RemoteAction = (args: unknown[]) => Promise<unknown>;

export interface RemotingTarget {
    provider: RemotingProvider;
    /** Apex parameter types of each remote action, by `Controller.method`. */
    signatures: Record<string, string[]>;
    actions: Record<string, RemoteAction>;
}

const SESSION_INVALID = 'Remoting request invalid for your session. Refresh page and re-submit request';

class RemotingRefusal extends Error {}

function checked(request: RemotingRequest, target: RemotingTarget): { name: string; args: unknown[] } {
    if (request?.type !== 'rpc' || typeof request.tid !== 'number')
        throw new RemotingRefusal('Not a remoting request');
    const method = target.provider.actions[request.action]?.ms.find((m) => m.name === request.method);
    if (!method)
        throw new RemotingRefusal(`No remote action ${String(request.action)}.${String(request.method)}`);
    const { ctx } = request;
    if (
        ctx?.csrf !== method.csrf ||
        ctx.authorization !== method.authorization ||
        ctx.vid !== target.provider.vf.vid ||
        ctx.ns !== method.ns ||
        ctx.ver !== method.ver
    )
        throw new RemotingRefusal(SESSION_INVALID);
    const args = request.data ?? [];
    if (!Array.isArray(args) || args.length !== method.len)
        throw new RemotingRefusal(
            `Parameter length does not match remote action parameters: expected ${method.len} parameters, got ${Array.isArray(args) ? args.length : 0}`
        );
    const name = `${request.action}.${request.method}`;
    (target.signatures[name] ?? []).forEach((type, index) => {
        const value = args[index];
        if (type === 'String' && value !== null && typeof value !== 'string')
            throw new RemotingRefusal(`Unable to convert ${JSON.stringify(value)} to Apex type String`);
    });
    return { name, args };
}

async function answerOne(request: RemotingRequest, target: RemotingTarget): Promise<RemotingAnswer> {
    const base = { tid: request?.tid, ref: false as const, action: request?.action, method: request?.method };
    try {
        const { name, args } = checked(request, target);
        const result = await target.actions[name](args);
        return { statusCode: 200, type: 'rpc', ...base, result };
    } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        return { statusCode: 400, type: 'exception', ...base, message, where: '' };
    }
}

/** POST /apexremote: a request or a batch, answered as an array in the same order. */
export function answerRemoting(body: unknown, target: RemotingTarget): Promise<RemotingAnswer[]> {
    const requests = (Array.isArray(body) ? body : [body]) as RemotingRequest[];
    return Promise.all(requests.map((request) => answerOne(request, target)));
}
