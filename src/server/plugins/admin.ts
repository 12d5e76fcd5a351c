// What the server is and how it is: `GET /api/v1/server` (product, release, features) and
// `GET /api/v1/health` (`up`, `degraded` or `down`). Anyone may ask; only an operator (by default a
// request from this machine, see ../operators.ts) also gets the phone system's link, its details and
// the counters, which tell an outsider how busy the site is and when it is weak.
import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import type { Authenticator } from '../auth/authenticator';
import type { ContractHub } from '../hub';
import { LOG_CLAIM_FEATURE } from './logClaimRoutes';

export type HealthStatus = 'up' | 'degraded' | 'down';

/** `down` while the link to the phone system is down; `degraded` while it is up but stopped confirming commands. */
export function healthOf(hub: ContractHub): HealthStatus {
    if (!hub.phone.pbxConnected) return 'down';
    return hub.phone.commandsStalled ? 'degraded' : 'up';
}

export const adminRoutes: FastifyPluginAsync<{
    hub: ContractHub;
    authenticator: Authenticator;
    operator: (request: FastifyRequest) => boolean;
}> = async (app, { hub, authenticator, operator }) => {
    const { phone } = hub;
    app.get('/api/v1/health', async (request) => {
        const status = healthOf(hub);
        if (!operator(request)) return { status };
        return {
            status,
            pbxConnected: phone.pbxConnected,
            link: phone.linkState,
            counters: {
                sessions: hub.sessions.size,
                sessionsOpened: hub.counters.sessionsOpened,
                channels: hub.channels.openCount(),
                calls: hub.counters.callsSeen,
                ...phone.counters
            }
        };
    });
    app.get('/api/v1/server', async (request) => ({
        product: phone.info.product,
        version: phone.info.version,
        ...(operator(request) ? phone.info.details : {}),
        apiVersion: '1',
        features: [...phone.info.features, LOG_CLAIM_FEATURE, ...authenticator.features]
    }));
};
