// Which browser pages may use the server: CORS for the allowed origins (with Chrome's Private Network
// Access answer), 403 for any other preflight, and a WebSocket upgrade refused unless it is for the
// event channel from an allowed origin (or from no browser at all).
import type { FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import cors from '@fastify/cors';
import { ContractError, errorBody } from '../errors';
import type { ContractHub } from '../hub';
import { cut } from '../serverLog';
import { noteRefusal } from './requestNotes';

export const EVENTS_PATH = '/api/v1/events';

function refuseUpgrade(
    hub: ContractHub,
    request: FastifyRequest,
    reply: FastifyReply,
    refusal: ContractError,
    reason: string
) {
    const path = request.url.split('?')[0];
    hub.refuse({ path: cut(path), status: refusal.status, reason: refusal.message });
    // The log's line comes from ./requestLog.ts, under this reason.
    noteRefusal(request, reason);
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
                    new ContractError(404, 'not_found', 'no such path'),
                    'upgrade_not_found'
                );
            if (origin !== undefined && !allowed(origin))
                return refuseUpgrade(
                    hub,
                    request,
                    reply,
                    new ContractError(403, 'forbidden', `origin ${cut(origin)} not allowed`),
                    'upgrade_origin_not_allowed'
                );
            return;
        }
        // A preflight from an origin not on the list gets 403 and no CORS headers.
        if (request.method === 'OPTIONS' && !allowed(origin)) {
            noteRefusal(request, 'preflight_origin_not_allowed');
            return reply.code(403).send();
        }
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
