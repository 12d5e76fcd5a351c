// Every failure answered in the contract's error body (docs/suite-api.md, Errors): a ContractError as
// it is, a schema or parse failure as 400 bad_request, anything else as 500 internal, logged once.
import fp from 'fastify-plugin';
import { ContractError, errorBody } from '../errors';

interface FrameworkError {
    statusCode?: number;
    validation?: unknown;
    message?: string;
}

function contractErrorOf(error: unknown): ContractError | undefined {
    if (error instanceof ContractError) return error;
    const failure = error as FrameworkError;
    if (failure.validation || failure.statusCode === 400 || failure.statusCode === 415)
        return new ContractError(400, 'bad_request', failure.message ?? 'Bad request');
    if (failure.statusCode === 413) return new ContractError(413, 'bad_request', 'The body is too large');
    return undefined;
}

export const errorAnswers = fp(async (app) => {
    app.setErrorHandler((error: unknown, request, reply) => {
        // The rate limiter's answer is already in the contract's form (see ./limits.ts).
        if ((error as FrameworkError).statusCode === 429)
            return reply.code(429).send({ ...(error as object), requestId: request.id });
        const known = contractErrorOf(error);
        if (known) return reply.code(known.status).send(errorBody(known, request.id));
        request.log.error({ err: error }, 'request failed');
        return reply
            .code(500)
            .send(errorBody(new ContractError(500, 'internal', 'Internal error'), request.id));
    });
    app.setNotFoundHandler((request, reply) =>
        reply
            .code(404)
            .send(
                errorBody(
                    new ContractError(
                        404,
                        'not_found',
                        `No route ${request.method} ${request.url.split('?')[0]}`
                    ),
                    request.id
                )
            )
    );
});
