// Requests per minute, answered with the contract's 429: per user once a request carries a live token
// (a bearer token, or an event channel's access token: upgrades go through the limiter too), and per
// client address before that. So the agents behind one VPN or NAT address do not share one budget, and
// a token does not get a fresh one from each address it is used from.
import type { FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import rateLimit from '@fastify/rate-limit';
import type { ContractHub } from '../hub';
import { presentedToken } from './bearer';

/** Whose budget a request spends: its user's, or (not signed in yet) its address's. */
export function limitKey(hub: ContractHub, request: FastifyRequest): string {
    const session = hub.sessions.peek(presentedToken(request));
    // A request whose socket is already gone has no address: it shares one bucket, not a 500.
    return session ? `user ${session.email}` : `address ${request.ip ?? 'none'}`;
}

export const requestLimits = fp<{ hub: ContractHub }>(async (app, { hub }) => {
    await app.register(rateLimit, {
        max: () => hub.settings.limits.requestsPerMinute,
        timeWindow: 60_000,
        keyGenerator: (request) => limitKey(hub, request),
        errorResponseBuilder: (_request, context) => ({
            statusCode: 429,
            error: { code: 'rate_limited', message: `More than ${context.max} requests a minute` }
        })
    });
});
