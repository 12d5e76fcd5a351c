// What the server learns about a request while it runs, for its line in the log (./requestLog.ts):
// the session it acted for, and why it was refused when the answer alone does not say.
import type { FastifyRequest } from 'fastify';
import type { Session } from '../sessions';

const sessions = new WeakMap<FastifyRequest, Session>();
const refusals = new WeakMap<FastifyRequest, string>();

export const noteSession = (request: FastifyRequest, session: Session) => sessions.set(request, session);
export const sessionOf = (request: FastifyRequest) => sessions.get(request);
export const noteRefusal = (request: FastifyRequest, reason: string) => refusals.set(request, reason);
export const refusalOf = (request: FastifyRequest) => refusals.get(request);
