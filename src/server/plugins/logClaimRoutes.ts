// The log claim (docs/suite-api.md, "Log claims"): `POST /api/v1/calls/{callId}/log-claim` decides which
// of a user's browsers saves the call's Task. The first claimant wins; the user's other sessions hear of
// it as a `log.claimed` event, so a browser that has not asked yet knows not to save. A call is found on
// the session's own extension only: nobody claims, or learns about, a colleague's call.
import type { FastifyPluginAsync } from 'fastify';
import { ContractError } from '../errors';
import type { ContractHub } from '../hub';
import { bearerSession } from './bearer';

/** What `GET /api/v1/server` lists in `features` for a server that takes log claims. */
export const LOG_CLAIM_FEATURE = 'logClaim';
/** The event the user's other sessions get when one of theirs takes a call's claim. */
export const LOG_CLAIMED_EVENT = 'log.claimed';

const claimParams = {
    type: 'object',
    required: ['callId'],
    properties: { callId: { type: 'string', minLength: 1, maxLength: 64 } }
} as const;
const claimBody = {
    type: 'object',
    required: ['claimant'],
    properties: { claimant: { type: 'string', pattern: '^[A-Za-z0-9_-]{8,64}$' } }
} as const;

type ClaimRequest = { Params: { callId: string }; Body: { claimant: string } };

export const logClaimRoutes: FastifyPluginAsync<{ hub: ContractHub }> = async (app, { hub }) => {
    app.post<ClaimRequest>(
        '/api/v1/calls/:callId/log-claim',
        { schema: { params: claimParams, body: claimBody } },
        async (request, reply) => {
            const session = bearerSession(hub, request);
            const { callId } = request.params;
            const { claimant } = request.body;
            const call = hub.logClaims.callOf(session.extension, callId);
            if (!call) throw new ContractError(404, 'call_not_found', `No call ${callId} of yours to claim`);
            const answer = hub.logClaims.claim(session.email, session.extension, call, claimant);
            if (answer.isNew)
                for (const other of hub.sessions.sessionsOf(session.email))
                    if (other !== session) hub.sessions.emit(other, LOG_CLAIMED_EVENT, { callId, claimant });
            return reply.code(200).send({ callId, outcome: answer.outcome, certain: answer.certain });
        }
    );
};
