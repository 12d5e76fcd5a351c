// The call commands (docs/suite-api.md, Commands): each answers 202 once the phone system took it;
// the outcome arrives as events.
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { ContractError } from '../errors';
import type { ContractHub } from '../hub';
import { bearerSession } from './bearer';

const CALL_ID = { type: 'string', minLength: 1, maxLength: 64 } as const;
const DIAL = { type: 'string' } as const;
const callParams = { type: 'object', required: ['callId'], properties: { callId: CALL_ID } } as const;
const dialBody = { type: 'object', required: ['to'], properties: { to: DIAL } } as const;
const transferBody = {
    type: 'object',
    required: ['mode'],
    properties: { mode: { enum: ['blind', 'attended'] }, to: DIAL, consultCallId: CALL_ID }
} as const;

/** The dial string exactly as the PBX dials it; anything else is refused, never cleaned up. */
export function dialString(to: unknown): string {
    if (typeof to !== 'string' || !/^[0-9*#]{1,32}$/.test(to))
        throw new ContractError(400, 'invalid_number', 'The number must be 1 to 32 of 0-9, * and #');
    return to;
}

const accepted = (request: FastifyRequest, reply: FastifyReply, extra: Record<string, unknown> = {}) =>
    reply.code(202).send({ requestId: request.id, ...extra });

type CallParams = { Params: { callId: string } };
type Transfer = CallParams & { Body: { mode: 'blind' | 'attended'; to?: string; consultCallId?: string } };

export const callRoutes: FastifyPluginAsync<{ hub: ContractHub }> = async (app, { hub }) => {
    const { phone } = hub;
    app.post<{ Body: { to: string } }>(
        '/api/v1/calls',
        { schema: { body: dialBody } },
        async (request, reply) => {
            const session = bearerSession(hub, request);
            const callId = await phone.makeCall(session.extension, dialString(request.body.to));
            return accepted(request, reply, { callId });
        }
    );
    for (const action of ['answer', 'hold', 'retrieve', 'clear'] as const) {
        app.post<CallParams>(
            `/api/v1/calls/:callId/${action}`,
            { schema: { params: callParams } },
            async (request, reply) => {
                const session = bearerSession(hub, request);
                await phone[action](session.extension, request.params.callId);
                return accepted(request, reply);
            }
        );
    }
    app.post<Transfer>(
        '/api/v1/calls/:callId/transfer',
        { schema: { params: callParams, body: transferBody } },
        async (request, reply) => {
            const session = bearerSession(hub, request);
            const { mode, to, consultCallId } = request.body;
            if (mode === 'attended') {
                if (!consultCallId) throw new ContractError(400, 'bad_request', 'consultCallId is required');
                await phone.completeTransfer(session.extension, request.params.callId, consultCallId);
            } else {
                await phone.blindTransfer(session.extension, request.params.callId, dialString(to));
            }
            return accepted(request, reply);
        }
    );
    app.post<CallParams & { Body: { to: string } }>(
        '/api/v1/calls/:callId/consult',
        { schema: { params: callParams, body: dialBody } },
        async (request, reply) => {
            const session = bearerSession(hub, request);
            const to = dialString(request.body.to);
            const callId = await phone.consult(session.extension, request.params.callId, to);
            return accepted(request, reply, { callId });
        }
    );
};
