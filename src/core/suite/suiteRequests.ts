// The Suite's HTTP side (contract v1, docs/suite-api.md), as functions of one client's SuiteHttp:
// requests with their credentials, the server's release, and opening and closing a session. Every failure becomes a SuiteError that
// says what the agent or the admin can do; one that got no answer asks the browser first whether
// its Local Network Access rule refused it.
import {
    RENEWABLE_ASSERTION_CODES,
    SuiteError,
    clientErrorCode,
    suiteError,
    type SuiteErrorCode
} from './errors';
import { MINIMUM_SUITE_VERSION, type SuiteClientOptions, type SuiteUser } from './types';
import { compareVersions, displayText, heartbeatSeconds, text } from './wire';

/** What a server that accepts signed assertions lists in `features`. */
export const SIGNED_ASSERTION_FEATURE = 'signedAssertion';
/** Listed beside it by a server that refuses the API key (the bridge without its legacy switch). */
export const SIGNED_ASSERTION_ONLY_FEATURE = 'signedAssertionOnly';

export interface Session {
    token: string;
    heartbeatSec: number;
    /** What the server listed in `features` when the session opened (a log claim asks for `logClaim`). */
    features: readonly string[];
}

/** One client's way to the Suite's HTTP side: its options, and the token of the session open now. */
export interface SuiteHttp {
    readonly options: SuiteClientOptions;
    readonly base: string;
    token(): string | undefined;
}

export function suiteHttp(options: SuiteClientOptions, token: () => string | undefined): SuiteHttp {
    return { options, base: `https://${options.host}:${options.port}`, token };
}

export function unreachable(http: SuiteHttp, detail?: string): SuiteError {
    return suiteError('suiteUnreachable', http.options, {}, { detail });
}

/**
 * Why a request or the event channel got no answer. Script cannot tell a firewall from an
 * untrusted certificate, but the browser can say whether its Local Network Access rule refused it.
 */
export async function noAnswer(http: SuiteHttp, error: unknown): Promise<SuiteError> {
    const detail = error instanceof Error ? error.message : undefined;
    const refusal = await http.options.localNetworkRefusal?.(http.options.host).catch((probe: unknown) => {
        // The browser could not say: the network is all the agent can be told about.
        http.options.diagnostics?.record('suite.localNetworkRefusal', probe);
        return undefined;
    });
    if (!refusal) return unreachable(http, detail);
    return suiteError('localNetworkRefused', http.options, refusal, { detail });
}

export async function request(
    http: SuiteHttp,
    method: string,
    path: string,
    body?: unknown,
    auth: 'key' | 'token' | 'none' = 'token'
): Promise<unknown> {
    const headers: Record<string, string> = { Accept: 'application/json' };
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    if (auth === 'key') headers['X-Api-Key'] = http.options.apiKey;
    const token = http.token();
    if (auth === 'token' && token) headers.Authorization = `Bearer ${token}`;
    let response: Response;
    try {
        response = await http.options.fetch(`${http.base}${path}`, {
            method,
            headers,
            body: body === undefined ? undefined : JSON.stringify(body)
        });
    } catch (error) {
        throw await noAnswer(http, error);
    }
    const textBody = await response.text().catch((error: unknown) => {
        // A body cut off: read as an empty one, so the status alone says what happened.
        http.options.diagnostics?.record('suite.readResponse', error);
        return '';
    });
    let parsed: unknown;
    try {
        parsed = textBody ? JSON.parse(textBody) : undefined;
    } catch {
        if (response.ok) throw problem(http, 'suiteProtocolError', `${path} did not answer JSON`);
    }
    if (response.ok) return parsed;
    const rawCode = (parsed as { error?: { code?: unknown } } | undefined)?.error?.code;
    const wireCode = text(rawCode, 64);
    throw suiteError(
        clientErrorCode(wireCode),
        http.options,
        { email: http.options.email, detail: wireCode || `HTTP ${response.status}` },
        { status: response.status }
    );
}

export async function serverInfo(http: SuiteHttp): Promise<{ version: string; features: string[] }> {
    const server = (await request(http, 'GET', '/api/v1/server', undefined, 'none')) as
        { version?: string; features?: unknown } | undefined;
    const version = typeof server?.version === 'string' ? text(server.version, 32) || '0' : '0';
    if (compareVersions(version, MINIMUM_SUITE_VERSION) < 0) {
        throw suiteError('suiteTooOld', http.options, { version, minimum: MINIMUM_SUITE_VERSION });
    }
    const features = Array.isArray(server?.features)
        ? server.features.filter((feature): feature is string => typeof feature === 'string')
        : [];
    return { version, features };
}

/** An error about this server, with what the message shows. */
export function problem(http: SuiteHttp, code: SuiteErrorCode, detail?: string): SuiteError {
    return suiteError(code, http.options, detail === undefined ? {} : { detail });
}

/** A fresh assertion from Salesforce; a failure there is the org's configuration, not the network. */
async function freshAssertion(http: SuiteHttp, sign: () => Promise<string>): Promise<string> {
    const assertion = await sign().catch((error: unknown) => {
        throw problem(
            http,
            'assertionUnavailable',
            (error instanceof Error ? error.message : String(error)).slice(0, 300)
        );
    });
    if (!assertion) throw problem(http, 'assertionUnavailable', 'Salesforce returned no assertion');
    return assertion;
}

/** POST /sessions with the credential of the configured mode. */
async function requestSession(http: SuiteHttp, features: string[]): Promise<unknown> {
    const { signAssertion: sign, email } = http.options;
    if (!sign) {
        // The key is not even sent to a server that says it will not take it.
        if (features.includes(SIGNED_ASSERTION_ONLY_FEATURE)) throw problem(http, 'apiKeyNotAccepted');
        if (!http.options.apiKey) throw problem(http, 'apiKeyMissing');
        return request(http, 'POST', '/api/v1/sessions', { email }, 'key');
    }
    if (!features.includes(SIGNED_ASSERTION_FEATURE)) throw problem(http, 'assertionNotAccepted');
    const renewable = (error: unknown) =>
        error instanceof SuiteError && RENEWABLE_ASSERTION_CODES.has(error.params.detail ?? '');
    const open = async () =>
        request(
            http,
            'POST',
            '/api/v1/sessions',
            { email, assertion: await freshAssertion(http, sign) },
            'none'
        );
    try {
        return await open();
    } catch (error) {
        // Clocks a little apart, or the first assertion already used: one more, freshly signed.
        if (!renewable(error)) throw error;
        return open().catch((again: unknown) => {
            if (!renewable(again)) throw again;
            const { params, status } = again as SuiteError;
            throw new SuiteError('assertionRejected', params, { status });
        });
    }
}

/** Opens a session: the Suite's release first, then the credential of the configured mode. */
export async function openSession(http: SuiteHttp): Promise<{ session: Session; user: SuiteUser }> {
    const { features } = await serverInfo(http);
    const reply = (await requestSession(http, features)) as {
        token?: string;
        heartbeatSec?: number;
        user?: { email?: string; displayName?: string; primaryExtension?: string };
    };
    if (!reply?.token) throw problem(http, 'suiteProtocolError', 'the session reply has no token');
    const user = {
        email: text(reply.user?.email) || http.options.email,
        displayName: displayText(reply.user?.displayName, 128),
        primaryExtension: text(reply.user?.primaryExtension, 32)
    };
    const session = { token: reply.token, heartbeatSec: heartbeatSeconds(reply.heartbeatSec), features };
    return { session, user };
}

/** Best effort, also while the page unloads: a session should not outlive its tab on the Suite. */
export async function closeSession(http: SuiteHttp, session: Session): Promise<void> {
    try {
        await http.options.fetch(`${http.base}/api/v1/sessions/current`, {
            method: 'DELETE',
            headers: { Authorization: `Bearer ${session.token}` },
            keepalive: true
        });
    } catch (error) {
        // Unreachable or already gone: the Suite expires the session on its own.
        http.options.diagnostics?.record('suite.closeSession', error);
    }
}
