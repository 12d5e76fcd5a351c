// Signing in and out, the agent's snapshot and do not disturb (docs/suite-api.md, Session and Commands).
import type { FastifyPluginAsync } from 'fastify';
import type { Authenticator } from '../auth/authenticator';
import type { ContractHub } from '../hub';
import { bearerSession } from './bearer';
import { noteSession } from './requestNotes';

const signInBody = {
    type: 'object',
    properties: {
        email: { type: 'string', maxLength: 254 },
        assertion: { type: 'string', maxLength: 8192 }
    }
} as const;

const dndBody = {
    type: 'object',
    required: ['enabled'],
    properties: { enabled: { type: 'boolean' } }
} as const;

/** How a sign-in proved who it is for, as the authenticators tell (an assertion, else the API key). */
const authMode = (body: { assertion?: unknown } | undefined) =>
    body?.assertion === undefined ? 'apiKey' : 'signedAssertion';

export const sessionRoutes: FastifyPluginAsync<{ hub: ContractHub; authenticator: Authenticator }> = async (
    app,
    { hub, authenticator }
) => {
    app.post<{ Body: { email?: string; assertion?: string } }>(
        '/api/v1/sessions',
        { schema: { body: signInBody } },
        async (request, reply) => {
            const identity = await authenticator.authenticate({
                headers: request.headers,
                body: (request.body ?? {}) as Record<string, unknown>
            });
            const user = await hub.phone.signIn(identity, hub.sessions.emails());
            const session = hub.openSession(user.email, user.primaryExtension, {
                address: request.ip,
                auth: authMode(request.body)
            });
            noteSession(request, session);
            return reply.code(201).send({
                sessionId: session.sessionId,
                token: session.token,
                expiresAt: new Date(session.expiresAt).toISOString(),
                heartbeatSec: hub.settings.heartbeatSec,
                user: {
                    email: user.email,
                    displayName: user.displayName,
                    primaryExtension: user.primaryExtension
                }
            });
        }
    );
    app.delete('/api/v1/sessions/current', async (request, reply) => {
        hub.sessions.end(bearerSession(hub, request), 'signedOut');
        return reply.code(204).send();
    });
    app.get('/api/v1/users/me/status', async (request) => hub.snapshot(bearerSession(hub, request), false));
    app.put<{ Body: { enabled: boolean } }>(
        '/api/v1/users/me/dnd',
        { schema: { body: dndBody } },
        async (request, reply) => {
            const session = bearerSession(hub, request);
            await hub.phone.setDnd(session.extension, request.body.enabled);
            return reply.code(202).send({ requestId: request.id });
        }
    );
};
