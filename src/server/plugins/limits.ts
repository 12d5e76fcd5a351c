// Requests per minute and client address, upgrades included, answered with the contract's 429.
import fp from 'fastify-plugin';
import rateLimit from '@fastify/rate-limit';
import type { ServerSettings } from '../settings';

export const requestLimits = fp<{ settings: ServerSettings }>(async (app, { settings }) => {
    await app.register(rateLimit, {
        max: () => settings.limits.requestsPerMinute,
        timeWindow: 60_000,
        // A request whose socket is already gone has no address: it shares one bucket, not a 500.
        keyGenerator: (request) => request.ip ?? 'no address',
        errorResponseBuilder: (_request, context) => ({
            statusCode: 429,
            error: { code: 'rate_limited', message: `More than ${context.max} requests a minute` }
        })
    });
});
