// Visualforce's JavaScript remoting in the emulated connector page (what Visualforce serves as
// VFRemote.js): Visualforce.remoting.Manager.add(new $VFRM.RemotingProviderImpl({...})) registers the
// page's remote actions, and invokeAction('Controller.method', ...args, callback, options) posts them to
// /apexremote as {action, method, data, type: 'rpc', tid, ctx: {csrf, vid, ns, ver, authorization}}
// with Visualforce's headers, calls back with (result, event), HTML-escapes string results unless
// {escape: false}, batches calls made close together unless {buffer: false}, and gives up after the
// timeout (30 s by default, at most 120 s).

import type { RemoteMethod, RemotingProvider as ProviderConfig } from '../visualforcePage';

export interface RemotingEvent {
    status: boolean;
    statusCode: number;
    type: string;
    tid: number;
    ref: boolean;
    action: string;
    method: string;
    message?: string;
    where?: string;
    result?: unknown;
}

type Callback = (result: unknown, event: RemotingEvent) => void;

interface Pending {
    request: {
        action: string;
        method: string;
        data: unknown[] | null;
        type: 'rpc';
        tid: number;
        ctx: object;
    };
    callback: Callback;
    escape: boolean;
    timer: ReturnType<typeof setTimeout>;
}

const BUFFER_MS = 10;
const DEFAULT_TIMEOUT_MS = 30_000;
const MAX_TIMEOUT_MS = 120_000;

class RemotingProviderImpl {
    readonly config: ProviderConfig;

    constructor(config: ProviderConfig) {
        this.config = config;
    }
}

function escapeHtml(value: unknown): unknown {
    if (typeof value === 'string') return value.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
    if (Array.isArray(value)) return value.map(escapeHtml);
    if (value && typeof value === 'object')
        return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, escapeHtml(item)]));
    return value;
}

const providers: RemotingProviderImpl[] = [];
const pending = new Map<number, Pending>();
let buffered: Pending[] = [];
let flushTimer: ReturnType<typeof setTimeout> | undefined;
let nextTid = 2;

function failure(item: Pending, message: string, statusCode = 400): RemotingEvent {
    const { action, method, tid } = item.request;
    return {
        status: false,
        statusCode,
        type: 'exception',
        tid,
        ref: false,
        action,
        method,
        message,
        where: ''
    };
}

function finish(tid: number, event: RemotingEvent, result: unknown): void {
    const item = pending.get(tid);
    if (!item) return;
    pending.delete(tid);
    clearTimeout(item.timer);
    item.callback(event.status && item.escape ? escapeHtml(result) : result, event);
}

async function send(batch: Pending[], service: string): Promise<void> {
    try {
        const response = await fetch(`/${service}`, {
            method: 'POST',
            credentials: 'same-origin',
            headers: {
                'Content-Type': 'application/json',
                'X-User-Agent': 'Visualforce-Remoting',
                'X-Requested-With': 'XMLHttpRequest'
            },
            body: JSON.stringify(batch.length === 1 ? batch[0].request : batch.map((item) => item.request))
        });
        const answers = (await response.json()) as Omit<RemotingEvent, 'status'>[];
        for (const answer of answers) {
            const status = answer.type === 'rpc' && answer.statusCode === 200;
            finish(answer.tid, { ...answer, status }, answer.result);
        }
    } catch (error) {
        for (const item of batch) finish(item.request.tid, failure(item, String(error), 503), null);
    }
}

function locate(name: string): { method: RemoteMethod; action: string; provider: ProviderConfig } {
    const at = name.lastIndexOf('.');
    const action = name.slice(0, at);
    for (const { config } of providers) {
        const method = config.actions[action]?.ms.find((candidate) => candidate.name === name.slice(at + 1));
        if (method) return { method, action, provider: config };
    }
    throw new Error(`Unable to invoke action '${name}': no such remote action on this page`);
}

function invokeAction(name: string, ...rest: unknown[]): void {
    const options =
        typeof rest[rest.length - 1] === 'object' && typeof rest[rest.length - 2] === 'function'
            ? (rest.pop() as { escape?: boolean; buffer?: boolean; timeout?: number })
            : {};
    const callback = rest.pop() as Callback;
    if (typeof callback !== 'function') throw new Error('invokeAction needs a callback after the parameters');
    const { method, action, provider } = locate(name);
    const tid = nextTid++;
    const item: Pending = {
        request: {
            action,
            method: method.name,
            data: rest.length > 0 ? rest : null,
            type: 'rpc',
            tid,
            ctx: {
                csrf: method.csrf,
                vid: provider.vf.vid,
                ns: method.ns,
                ver: method.ver,
                authorization: method.authorization
            }
        },
        callback,
        escape: options.escape !== false,
        timer: setTimeout(
            () => finish(tid, failure(item, 'Remoting request timed out', 408), null),
            Math.min(options.timeout ?? DEFAULT_TIMEOUT_MS, MAX_TIMEOUT_MS)
        )
    };
    pending.set(tid, item);
    if (rest.length !== method.len) {
        const message = `Parameter length does not match remote action parameters: expected ${method.len} parameters, got ${rest.length}`;
        setTimeout(() => finish(tid, failure(item, message), null));
        return;
    }
    if (options.buffer === false) {
        void send([item], provider.service);
        return;
    }
    buffered.push(item);
    flushTimer ??= setTimeout(() => {
        const batch = buffered;
        buffered = [];
        flushTimer = undefined;
        void send(batch, provider.service);
    }, BUFFER_MS);
}

Object.assign(window, {
    $VFRM: { RemotingProviderImpl },
    Visualforce: {
        remoting: {
            Manager: {
                add(provider: RemotingProviderImpl) {
                    providers.push(provider);
                },
                invokeAction
            }
        }
    }
});

export {};
