// The session a request's bearer token belongs to, as long as its user may still use the API.
import type { FastifyRequest } from 'fastify';
import '@fastify/websocket';
import type { ContractHub } from '../hub';
import type { Session } from '../sessions';
import { noteSession } from './requestNotes';

/** The token of an `Authorization: Bearer` header, if the request has one. */
export function bearerToken(request: FastifyRequest): string | undefined {
    const header = request.headers.authorization;
    return typeof header === 'string' ? header.replace(/^Bearer\s+/i, '') : undefined;
}

/** The token a request presents: its bearer token, or an event channel upgrade's `access_token`. */
export function presentedToken(request: FastifyRequest): string | undefined {
    const channelToken = request.ws
        ? (request.query as { access_token?: unknown } | undefined)?.access_token
        : undefined;
    return bearerToken(request) ?? (typeof channelToken === 'string' ? channelToken : undefined);
}

export function bearerSession(hub: ContractHub, request: FastifyRequest): Session {
    const session = hub.sessions.find(bearerToken(request) ?? '');
    noteSession(request, session);
    hub.phone.checkUser(session.email);
    return session;
}
