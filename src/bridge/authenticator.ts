// How a session request proves who it is for. The session route calls one Authenticator; the API-key
// mode is here, the signed per-user assertion mode (src/bridge/auth/) plugs in through the same seam.
import { timingSafeEqual, createHash } from 'node:crypto';
import { BridgeError } from './errors';

export interface SessionRequest {
    /** Header names in lower case. */
    headers: Record<string, string | string[] | undefined>;
    body: { email?: unknown } & Record<string, unknown>;
}

export interface Authenticator {
    /** The email the session is for, or a BridgeError naming why not. */
    authenticate(request: SessionRequest): Promise<string>;
}

const digest = (value: string) => createHash('sha256').update(value).digest();

/** Contract v1's API key: `X-Api-Key` must be one of the configured keys; the body names the user. */
export class ApiKeyAuthenticator implements Authenticator {
    private readonly keys: Buffer[];

    constructor(keys: readonly string[]) {
        this.keys = keys.map(digest);
    }

    authenticate(request: SessionRequest): Promise<string> {
        const header = request.headers['x-api-key'];
        const key = typeof header === 'string' ? header : undefined;
        if (!key) return Promise.reject(new BridgeError(401, 'api_key_missing', 'X-Api-Key is required'));
        const offered = digest(key);
        // Compared as digests in constant time, so neither length nor content leaks through timing.
        if (!this.keys.some((known) => timingSafeEqual(known, offered)))
            return Promise.reject(new BridgeError(401, 'api_key_invalid', 'The API key is not valid'));
        const email = request.body.email;
        if (typeof email !== 'string' || !email)
            return Promise.reject(new BridgeError(400, 'bad_request', 'email is required'));
        return Promise.resolve(email);
    }
}
