// `GET /metrics` in Prometheus text format (../metrics.ts), for the addresses on the allow-list (by
// default loopback only) or a scraper showing the configured bearer token; anyone else gets 403.
// Every refused request and upgrade is counted by the error code it was answered with.
import { createHash, timingSafeEqual } from 'node:crypto';
import fp from 'fastify-plugin';
import { ContractError } from '../errors';
import type { ContractHub } from '../hub';
import { addressAllowed, type ContractMetrics, type MetricsAccess } from '../metrics';

export const METRICS_PATH = '/metrics';

export interface MetricsPluginOptions {
    hub: ContractHub;
    metrics: ContractMetrics;
    access: MetricsAccess;
    /** Every state the phone system's link can be in (each gets a series). */
    linkStates?: readonly string[];
}

const digest = (text: string) => createHash('sha256').update(text).digest();

function tokenMatches(expected: string | undefined, header: string | undefined): boolean {
    if (!expected || !header) return false;
    const shown = header.replace(/^Bearer\s+/i, '');
    return timingSafeEqual(digest(shown), digest(expected));
}

/** The contract error code of an answer's body, if it is one (`{"error":{"code":…}}`). */
function errorCode(payload: unknown): string | undefined {
    if (typeof payload !== 'string' || !payload.startsWith('{')) return undefined;
    try {
        const code = (JSON.parse(payload) as { error?: { code?: unknown } }).error?.code;
        return typeof code === 'string' && /^[a-z_]{1,40}$/.test(code) ? code : undefined;
    } catch {
        return undefined;
    }
}

export const metricsRoute = fp<MetricsPluginOptions>(async (app, { hub, metrics, access, linkStates }) => {
    metrics.watch(hub, linkStates);
    const allowed = addressAllowed(access.allowFrom);
    app.addHook('onSend', async (request, reply, payload) => {
        if (reply.statusCode >= 400 && reply.statusCode < 500)
            metrics.refused(errorCode(payload) ?? `http_${reply.statusCode}`);
        return payload;
    });
    app.get(METRICS_PATH, async (request, reply) => {
        if (
            !allowed(request.socket.remoteAddress) &&
            !tokenMatches(access.token, request.headers.authorization)
        )
            throw new ContractError(403, 'forbidden', 'Metrics are not open to this address');
        const text = await metrics.registry.metrics();
        return reply.header('Content-Type', metrics.registry.contentType).send(text);
    });
});
