// What the server is and how it is: `GET /api/v1/server` (product, release, features) and
// `GET /api/v1/health` (the phone system's link and the counters).
import type { FastifyPluginAsync } from 'fastify';
import type { Authenticator } from '../auth/authenticator';
import type { ContractHub } from '../hub';
import { LOG_CLAIM_FEATURE } from './logClaimRoutes';

export const adminRoutes: FastifyPluginAsync<{ hub: ContractHub; authenticator: Authenticator }> = async (
    app,
    { hub, authenticator }
) => {
    const { phone } = hub;
    app.get('/api/v1/health', async () => ({
        status: phone.pbxConnected ? 'ok' : 'degraded',
        pbxConnected: phone.pbxConnected,
        link: phone.linkState,
        counters: {
            sessions: hub.sessions.size,
            sessionsOpened: hub.counters.sessionsOpened,
            channels: hub.channels.openCount(),
            calls: hub.counters.callsSeen,
            ...phone.counters
        }
    }));
    app.get('/api/v1/server', async () => ({
        product: phone.info.product,
        version: phone.info.version,
        ...phone.info.details,
        apiVersion: '1',
        features: [...phone.info.features, LOG_CLAIM_FEATURE, ...authenticator.features]
    }));
};
