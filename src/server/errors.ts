// The contract's error answers (docs/suite-api.md, Errors). The wire codes come from the one catalogue
// the client shares (src/core/suite/errors.ts), so no phone system can send a code the client does not know.
import type { WireErrorCode } from '../core/suite/errors';
import type { AssertionErrorCode } from './auth/assertion';

/**
 * Codes the contract also uses that the client reads as a generic failure, and the assertion's own
 * (the client reads every `assertion_*` code as assertionRejected, naming the code).
 */
export type ContractErrorCode = WireErrorCode | AssertionErrorCode | 'bad_request' | 'not_found' | 'internal';

/** A refusal with its HTTP status and contract code; a phone system throws these from its commands. */
export class ContractError extends Error {
    readonly status: number;
    readonly code: ContractErrorCode;

    constructor(status: number, code: ContractErrorCode, message: string) {
        super(message);
        this.name = 'ContractError';
        this.status = status;
        this.code = code;
    }
}

export function errorBody(error: ContractError, requestId: string): Record<string, unknown> {
    return { error: { code: error.code, message: error.message }, requestId };
}
