// How a session request proves who it is for. The session route calls one Authenticator: contract v1's
// API key, and (when configured) the signed per-user assertion Salesforce issues (./assertion.ts).
// Only the assertion binds a session to one agent: the API key names whichever user the body asks for.
import { timingSafeEqual, createHash } from 'node:crypto';
import { WIRE_ERROR } from '../../core/suite/errors';
import { ContractError } from '../errors';
import { AssertionError, type AssertionVerifier } from './assertion';

export interface SessionRequest {
    /** Header names in lower case. */
    headers: Record<string, string | string[] | undefined>;
    body: { email?: unknown; assertion?: unknown } & Record<string, unknown>;
}

/** How a session was proven: the shared API key, or an assertion Salesforce signed for this agent. */
export type SessionAuthMode = 'apiKey' | 'signedAssertion';

/** Who a session request proved to be, and how. */
export interface AuthenticatedUser {
    email: string;
    mode: SessionAuthMode;
    /** The agent's station as a signed assertion names it (its `extension` claim); never from the API key. */
    extension?: string;
    /** The agent's name as a signed assertion gives it (display text). */
    displayName?: string;
}

export interface Authenticator {
    /** Who the session is for, or a ContractError naming why not. */
    authenticate(request: SessionRequest): Promise<AuthenticatedUser>;
    /** What `GET /api/v1/server` adds to `features` for this way of signing in. */
    readonly features: readonly string[];
}

/** What a server that accepts assertions lists in `features` (the client's SIGNED_ASSERTION_FEATURE). */
export const SIGNED_ASSERTION_FEATURE = 'signedAssertion';
/** Listed beside it by a server that refuses the API key: a client in apiKey mode stops before sending it. */
export const SIGNED_ASSERTION_ONLY_FEATURE = 'signedAssertionOnly';

const digest = (value: string) => createHash('sha256').update(value).digest();

/** Contract v1's API key: `X-Api-Key` must be one of the configured keys; the body names the user. */
export class ApiKeyAuthenticator implements Authenticator {
    readonly features: readonly string[] = [];
    private readonly keys: Buffer[];

    constructor(keys: readonly string[]) {
        this.keys = keys.map(digest);
    }

    authenticate(request: SessionRequest): Promise<AuthenticatedUser> {
        const header = request.headers['x-api-key'];
        const key = typeof header === 'string' ? header : undefined;
        if (!key) return Promise.reject(new ContractError(401, 'api_key_missing', 'X-Api-Key is required'));
        const offered = digest(key);
        // Compared as digests in constant time, so neither length nor content leaks through timing.
        if (!this.keys.some((known) => timingSafeEqual(known, offered)))
            return Promise.reject(new ContractError(401, 'api_key_invalid', 'The API key is not valid'));
        const email = request.body.email;
        if (typeof email !== 'string' || !email)
            return Promise.reject(new ContractError(400, 'bad_request', 'email is required'));
        return Promise.resolve({ email, mode: 'apiKey' });
    }
}

/**
 * A request with an `assertion` is verified with the org's certificate. Any other takes the API-key
 * path when one is given (a legacy switch at the bridge), and is refused by name when none is. The
 * assertion's `sub` is the user; a body `email`, if sent, must name the same user.
 */
export class AssertionAuthenticator implements Authenticator {
    readonly features: readonly string[];
    private readonly verifier: AssertionVerifier;
    private readonly apiKeys: Authenticator | undefined;

    constructor(verifier: AssertionVerifier, apiKeys?: Authenticator) {
        this.verifier = verifier;
        this.apiKeys = apiKeys;
        this.features = apiKeys
            ? [...apiKeys.features, SIGNED_ASSERTION_FEATURE]
            : [SIGNED_ASSERTION_FEATURE, SIGNED_ASSERTION_ONLY_FEATURE];
    }

    async authenticate(request: SessionRequest): Promise<AuthenticatedUser> {
        const { assertion, email } = request.body;
        if (assertion === undefined) {
            if (this.apiKeys) return this.apiKeys.authenticate(request);
            throw new ContractError(
                401,
                WIRE_ERROR.apiKeyNotAccepted,
                'This server opens sessions only with an assertion Salesforce signed for the agent'
            );
        }
        try {
            const verified = await this.verifier.verify(typeof assertion === 'string' ? assertion : '');
            if (typeof email === 'string' && email.toLowerCase() !== verified.email.toLowerCase())
                throw new AssertionError('assertion_subject', 'the email is not the one the assertion names');
            return {
                email: verified.email,
                mode: 'signedAssertion',
                ...(verified.extension ? { extension: verified.extension } : {}),
                ...(verified.name ? { displayName: verified.name } : {})
            };
        } catch (error) {
            if (!(error instanceof AssertionError)) throw error;
            // The code names the check that failed (the client shows it); the message adds jose's detail.
            const status = error.code === 'assertion_replay_cache_full' ? 429 : 401;
            throw new ContractError(status, error.code, error.message);
        }
    }
}
