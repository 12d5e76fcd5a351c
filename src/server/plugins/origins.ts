// Which browser pages may use the server: CORS for the allowed origins (with Chrome's Private Network
// Access answer), 403 for any other preflight, and a WebSocket upgrade refused unless it is for the
// event channel from an allowed origin (or from no browser at all).
import type { FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import cors from '@fastify/cors';
import { ContractError, errorBody } from '../errors';
import type { ContractHub } from '../hub';

export const EVENTS_PATH = '/api/v1/events';

/** Header values go into the log cut short: a refusal must not let a client grow the log at will. */
const shown = (value: string) => (value.length > 200 ? `${value.slice(0, 200)}…` : value);

function refuseUpgrade(
    hub: ContractHub,
    request: FastifyRequest,
    reply: FastifyReply,
    refusal: ContractError
) {
    const path = request.url.split('?')[0];
    hub.refuse({ path: shown(path), status: refusal.status, reason: refusal.message });
    request.log.warn({ path: shown(path), reason: refusal.message }, 'event channel refused');
    return reply.code(refusal.status).header('Connection', 'close').send(errorBody(refusal, request.id));
}

export const originChecks = fp<{ hub: ContractHub }>(async (app, { hub }) => {
    const allowed = (origin: string | undefined) =>
        origin !== undefined && hub.settings.allowedOrigins.includes(origin);

    app.addHook('onRequest', async (request, reply) => {
        const origin = request.headers.origin;
        if (request.ws) {
            if (request.routeOptions.url !== EVENTS_PATH)
                return refuseUpgrade(
                    hub,
                    request,
                    reply,
                    new ContractError(404, 'not_found', 'no such path')
                );
            if (origin !== undefined && !allowed(origin))
                return refuseUpgrade(
                    hub,
                    request,
                    reply,
                    new ContractError(403, 'forbidden', `origin ${shown(origin)} not allowed`)
                );
            return;
        }
        // A preflight from an origin not on the list gets 403 and no CORS headers.
        if (request.method === 'OPTIONS' && !allowed(origin)) return reply.code(403).send();
    });
    await app.register(cors, {
        origin: (origin, callback) => callback(null, allowed(origin)),
        allowedHeaders: ['Authorization', 'Content-Type', 'X-Api-Key', 'Idempotency-Key'],
        methods: ['GET', 'POST', 'PUT', 'DELETE', 'OPTIONS'],
        maxAge: 600,
        strictPreflight: false
    });
    app.addHook('onSend', async (request, reply) => {
        // Chrome's Private Network Access preflight asks for this before a public page calls a LAN host.
        if (request.method === 'OPTIONS' && allowed(request.headers.origin))
            reply.header('Access-Control-Allow-Private-Network', 'true');
    });
});
