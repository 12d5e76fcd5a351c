// Verifies the short-lived per-user assertion Salesforce signs (Apex SoftphoneAssertion, Auth.JWS with
// a certificate from Certificate and Key Management), so a bridge need not hand one shared API key to
// every browser. RS256 with the configured certificate only; issuer = the org, audience = this bridge;
// a few minutes' lifetime; each assertion opens at most one session (its jti is remembered until it
// expires). The org may put the agent's station in it (`extension`, from a User field only an admin
// can edit) and the agent's name (`name`): the signature vouches for both as for the email.
import { errors, importX509, jwtVerify, type JWTPayload } from 'jose';

export type AssertionErrorCode =
    | 'assertion_malformed'
    | 'assertion_algorithm'
    | 'assertion_signature'
    | 'assertion_issuer'
    | 'assertion_audience'
    | 'assertion_expired'
    | 'assertion_not_yet_valid'
    | 'assertion_lifetime'
    | 'assertion_subject'
    | 'assertion_extension'
    | 'assertion_replayed'
    | 'assertion_replay_cache_full';

export class AssertionError extends Error {
    readonly code: AssertionErrorCode;

    constructor(code: AssertionErrorCode, detail: string) {
        super(`${code}: ${detail}`);
        this.name = 'AssertionError';
        this.code = code;
    }
}

export interface AssertionVerifierOptions {
    /** The certificate exported from Certificate and Key Management, PEM (BEGIN CERTIFICATE). */
    certificatePem: string;
    /** The org Id, 15 or 18 characters; the assertion carries the 18-character form. */
    orgId: string;
    /** This bridge's audience, as set in the call center. */
    audience: string;
    clockSkewSec?: number;
    maxLifetimeSec?: number;
    /** How many assertion ids are remembered at most; beyond that new assertions are refused. */
    maxRemembered?: number;
    now?: () => number;
}

export interface VerifiedAssertion {
    email: string;
    /** The `extension` claim: the agent's station as the org's admin set it; absent when the org sent none. */
    extension?: string;
    /** The `name` claim, display text only. */
    name?: string;
    jti: string;
    /** Epoch ms. */
    expiresAt: number;
}

export interface AssertionVerifier {
    verify(token: string): Promise<VerifiedAssertion>;
    /** Assertion ids remembered now, for the counters. */
    readonly remembered: number;
}

export const ASSERTION_DEFAULTS = { clockSkewSec: 30, maxLifetimeSec: 300, maxRemembered: 100_000 };

const ORG_ID = /^00D[a-zA-Z0-9]{12}(?:[a-zA-Z0-9]{3})?$/;
const MAX_TOKEN_CHARS = 8192;
const MAX_JTI_CHARS = 128;
const EMAIL = /^[^\s@]{1,64}@[^\s@]{1,253}$/;
/** A station number as the bridge's directory takes one (src/bridge/config.ts). */
const EXTENSION = /^[0-9]{1,8}$/;
const MAX_NAME_CHARS = 128;

/** A 15-character org Id is the case-sensitive prefix of the 18-character one. */
function sameOrg(claimed: string, configured: string): boolean {
    if (claimed.length === configured.length) return claimed === configured;
    return claimed.length === 18 && configured.length === 15 && claimed.slice(0, 15) === configured;
}

function joseFailure(error: unknown): AssertionError {
    if (error instanceof errors.JWTExpired) return new AssertionError('assertion_expired', error.message);
    if (error instanceof errors.JWTClaimValidationFailed) {
        if (error.claim === 'aud') return new AssertionError('assertion_audience', error.message);
        if (error.claim === 'nbf') return new AssertionError('assertion_not_yet_valid', error.message);
        return new AssertionError('assertion_malformed', error.message);
    }
    if (error instanceof errors.JOSEAlgNotAllowed || error instanceof errors.JOSENotSupported)
        return new AssertionError('assertion_algorithm', error.message);
    if (error instanceof errors.JWSSignatureVerificationFailed)
        return new AssertionError('assertion_signature', error.message);
    return new AssertionError('assertion_malformed', error instanceof Error ? error.message : String(error));
}

/** Reads the configuration and the certificate once; throws a plain Error naming what is wrong. */
export async function createAssertionVerifier(options: AssertionVerifierOptions): Promise<AssertionVerifier> {
    if (!ORG_ID.test(options.orgId))
        throw new Error('assertion: orgId must be the org Id, 15 or 18 characters starting with 00D');
    if (!options.audience.trim()) throw new Error('assertion: audience must not be empty');
    let key: CryptoKey;
    try {
        key = await importX509(options.certificatePem, 'RS256');
    } catch (error) {
        throw new Error(
            `assertion: the certificate is not a PEM X.509 certificate with an RSA key (${
                error instanceof Error ? error.message : String(error)
            })`
        );
    }
    return new Verifier(key, options);
}

class Verifier implements AssertionVerifier {
    private readonly key: CryptoKey;
    private readonly options: AssertionVerifierOptions;
    private readonly skewSec: number;
    private readonly maxLifetimeSec: number;
    private readonly maxRemembered: number;
    private readonly now: () => number;
    /** jti → expiry (epoch ms), in insertion order. */
    private readonly seen = new Map<string, number>();

    constructor(key: CryptoKey, options: AssertionVerifierOptions) {
        this.key = key;
        this.options = options;
        this.skewSec = options.clockSkewSec ?? ASSERTION_DEFAULTS.clockSkewSec;
        this.maxLifetimeSec = options.maxLifetimeSec ?? ASSERTION_DEFAULTS.maxLifetimeSec;
        this.maxRemembered = options.maxRemembered ?? ASSERTION_DEFAULTS.maxRemembered;
        this.now = options.now ?? Date.now;
    }

    get remembered(): number {
        return this.seen.size;
    }

    async verify(token: string): Promise<VerifiedAssertion> {
        if (typeof token !== 'string' || token.length === 0 || token.length > MAX_TOKEN_CHARS)
            throw new AssertionError('assertion_malformed', 'not a compact JWT of a sensible size');
        const nowMs = this.now();
        let payload: JWTPayload;
        try {
            ({ payload } = await jwtVerify(token, this.key, {
                algorithms: ['RS256'],
                audience: this.options.audience,
                clockTolerance: this.skewSec,
                currentDate: new Date(nowMs),
                requiredClaims: ['iss', 'sub', 'aud', 'exp', 'iat', 'jti']
            }));
        } catch (error) {
            throw joseFailure(error);
        }
        const claims = this.checkClaims(payload, nowMs / 1000);
        this.remember(claims.jti, claims.expiresAt, nowMs);
        return claims;
    }

    private checkClaims(payload: JWTPayload, nowSec: number): VerifiedAssertion {
        const { iss, sub, iat, exp, jti, extension, name } = payload;
        if (typeof iss !== 'string' || !sameOrg(iss, this.options.orgId))
            throw new AssertionError('assertion_issuer', `issued by ${String(iss).slice(0, 40)}`);
        if (typeof iat !== 'number' || typeof exp !== 'number')
            throw new AssertionError('assertion_malformed', 'iat and exp must be numbers');
        if (iat > nowSec + this.skewSec)
            throw new AssertionError('assertion_not_yet_valid', 'issued in the future');
        if (exp - iat > this.maxLifetimeSec)
            throw new AssertionError(
                'assertion_lifetime',
                `valid for ${exp - iat} s, at most ${this.maxLifetimeSec} s allowed`
            );
        if (typeof sub !== 'string' || !EMAIL.test(sub))
            throw new AssertionError('assertion_subject', 'sub is not an email address');
        if (typeof jti !== 'string' || jti.length === 0 || jti.length > MAX_JTI_CHARS)
            throw new AssertionError('assertion_malformed', 'jti must be a short string');
        if (extension !== undefined && (typeof extension !== 'string' || !EXTENSION.test(extension)))
            throw new AssertionError('assertion_extension', 'extension must be 1 to 8 digits');
        return {
            email: sub,
            ...(extension === undefined ? {} : { extension }),
            ...(typeof name === 'string' && name.trim()
                ? { name: name.trim().slice(0, MAX_NAME_CHARS) }
                : {}),
            jti,
            expiresAt: (exp + this.skewSec) * 1000
        };
    }

    private remember(jti: string, expiresAt: number, nowMs: number): void {
        this.forgetExpired(nowMs, false);
        const known = this.seen.get(jti);
        if (known !== undefined && known > nowMs)
            throw new AssertionError('assertion_replayed', 'this assertion already opened a session');
        if (this.seen.size >= this.maxRemembered) {
            this.forgetExpired(nowMs, true);
            // Forgetting a live id would let it be replayed, so refuse instead (fail closed).
            if (this.seen.size >= this.maxRemembered)
                throw new AssertionError('assertion_replay_cache_full', 'too many live assertions');
        }
        this.seen.delete(jti);
        this.seen.set(jti, expiresAt);
    }

    /** The oldest entries first; `all` sweeps the whole map (lifetimes differ, so order is rough). */
    private forgetExpired(nowMs: number, all: boolean): void {
        for (const [jti, expiresAt] of this.seen) {
            if (expiresAt <= nowMs) this.seen.delete(jti);
            else if (!all) return;
        }
    }
}
