// The contract's error answers (docs/suite-api.md, Errors). The wire codes come from the one catalogue
// the client and the Suite simulator share, so the bridge cannot send a code the client does not know.
import type { WireErrorCode } from '../core/suite/errors';
import type { AssertionErrorCode } from './auth/assertion';

/**
 * Codes the contract also uses that the client reads as a generic failure, and the assertion's own
 * (the client reads every `assertion_*` code as assertionRejected, naming the code).
 */
export type BridgeErrorCode = WireErrorCode | AssertionErrorCode | 'bad_request' | 'not_found' | 'internal';

export class BridgeError extends Error {
    readonly status: number;
    readonly code: BridgeErrorCode;

    constructor(status: number, code: BridgeErrorCode, message: string) {
        super(message);
        this.name = 'BridgeError';
        this.status = status;
        this.code = code;
    }
}

export function errorBody(error: BridgeError, requestId: string): Record<string, unknown> {
    return { error: { code: error.code, message: error.message }, requestId };
}
