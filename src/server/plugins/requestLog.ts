// One line per request the server answered, through ../serverLog.ts: a refusal (4xx) as a refusal,
// aggregated by its reason (the contract's error code, or what the hooks noted); a request that acted
// for a user at `info` with the user and session; anything else (a health probe) at `debug`. Paths
// without their query (an event channel's carries its token), header values cut short.
import type { FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import type { ContractHub } from '../hub';
import { cut } from '../serverLog';
import { presentedToken } from './bearer';
import { refusalOf, sessionOf } from './requestNotes';

const SESSIONS_PATH = '/api/v1/sessions';

/** The contract error code of an answer's body, if it is one (`{"error":{"code":…}}`). */
function errorCode(payload: unknown): string | undefined {
    if (typeof payload !== 'string' || !payload.startsWith('{') || payload.length > 4096) return undefined;
    try {
        const code = (JSON.parse(payload) as { error?: { code?: unknown } }).error?.code;
        return typeof code === 'string' && /^[a-z_]{1,40}$/.test(code) ? code : undefined;
    } catch {
        return undefined;
    }
}

const pathOf = (request: FastifyRequest) => cut(request.url.split('?')[0]);

/** Who a refused request was for, as far as it says: a live token's user, or the email a sign-in names. */
function claimed(hub: ContractHub, request: FastifyRequest) {
    const session = sessionOf(request) ?? hub.sessions.peek(presentedToken(request));
    if (session) return { user: session.email, sessionId: session.sessionId, auth: session.opener.auth };
    if (request.method !== 'POST' || pathOf(request) !== SESSIONS_PATH) return {};
    const body = request.body as { email?: unknown; assertion?: unknown } | undefined;
    return {
        user: typeof body?.email === 'string' ? body.email : undefined,
        auth: body?.assertion === undefined ? 'apiKey' : 'signedAssertion'
    };
}

export const requestLog = fp<{ hub: ContractHub }>(async (app, { hub }) => {
    app.addHook('onSend', async (request, reply, payload) => {
        const status = reply.statusCode;
        if (status < 400 || status >= 500) return payload;
        hub.log.refused({
            reason:
                refusalOf(request) ??
                errorCode(payload) ??
                (request.method === 'OPTIONS' ? 'preflight_refused' : `http_${status}`),
            status,
            address: request.ip,
            ...claimed(hub, request),
            method: request.method,
            path: pathOf(request),
            origin: request.headers.origin
        });
        return payload;
    });
    app.addHook('onResponse', async (request, reply) => {
        if (reply.statusCode >= 400) return;
        const session = sessionOf(request);
        const fields = {
            event: 'request',
            method: request.method,
            path: pathOf(request),
            status: reply.statusCode,
            ms: Math.round(reply.elapsedTime),
            ...(session ? { user: session.email, sessionId: session.sessionId } : {})
        };
        if (session) request.log.info(fields, 'request');
        else request.log.debug(fields, 'request');
    });
});
