// The session a request's bearer token belongs to, as long as its user may still use the API.
import type { FastifyRequest } from 'fastify';
import type { ContractHub } from '../hub';
import type { Session } from '../sessions';

export function bearerSession(hub: ContractHub, request: FastifyRequest): Session {
    const token = (request.headers.authorization ?? '').replace(/^Bearer\s+/i, '');
    const session = hub.sessions.find(token);
    hub.phone.checkUser(session.email);
    return session;
}
