// The Suite's HTTP side (contract v1, docs/suite-api.md): requests with their credentials, the
// server's release, and opening and closing a session. Every failure becomes a SuiteError that
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

export interface Session {
    token: string;
    heartbeatSec: number;
}

export class SuiteRequests {
    readonly #options: SuiteClientOptions;
    readonly #base: string;
    /** The token of the session open now, if any. */
    readonly #token: () => string | undefined;

    constructor(options: SuiteClientOptions, token: () => string | undefined) {
        this.#options = options;
        this.#base = `https://${options.host}:${options.port}`;
        this.#token = token;
    }

    unreachable(detail?: string): SuiteError {
        return suiteError('suiteUnreachable', this.#options, {}, { detail });
    }

    /**
     * Why a request or the event channel got no answer. Script cannot tell a firewall from an
     * untrusted certificate, but the browser can say whether its Local Network Access rule refused it.
     */
    async noAnswer(error: unknown): Promise<SuiteError> {
        const detail = error instanceof Error ? error.message : undefined;
        const refusal = await this.#options
            .localNetworkRefusal?.(this.#options.host)
            .catch((probe: unknown) => {
                // The browser could not say: the network is all the agent can be told about.
                this.#options.diagnostics?.record('suite.localNetworkRefusal', probe);
                return undefined;
            });
        if (!refusal) return this.unreachable(detail);
        return suiteError('localNetworkRefused', this.#options, refusal, { detail });
    }

    async request(
        method: string,
        path: string,
        body?: unknown,
        auth: 'key' | 'token' | 'none' = 'token'
    ): Promise<unknown> {
        const headers: Record<string, string> = { Accept: 'application/json' };
        if (body !== undefined) headers['Content-Type'] = 'application/json';
        if (auth === 'key') headers['X-Api-Key'] = this.#options.apiKey;
        const token = this.#token();
        if (auth === 'token' && token) headers.Authorization = `Bearer ${token}`;
        let response: Response;
        try {
            response = await this.#options.fetch(`${this.#base}${path}`, {
                method,
                headers,
                body: body === undefined ? undefined : JSON.stringify(body)
            });
        } catch (error) {
            throw await this.noAnswer(error);
        }
        const textBody = await response.text().catch((error: unknown) => {
            // A body cut off: read as an empty one, so the status alone says what happened.
            this.#options.diagnostics?.record('suite.readResponse', error);
            return '';
        });
        let parsed: unknown;
        try {
            parsed = textBody ? JSON.parse(textBody) : undefined;
        } catch {
            if (response.ok) throw this.problem('suiteProtocolError', `${path} did not answer JSON`);
        }
        if (response.ok) return parsed;
        const rawCode = (parsed as { error?: { code?: unknown } } | undefined)?.error?.code;
        const wireCode = text(rawCode, 64);
        throw suiteError(
            clientErrorCode(wireCode),
            this.#options,
            { email: this.#options.email, detail: wireCode || `HTTP ${response.status}` },
            { status: response.status }
        );
    }

    async serverInfo(): Promise<{ version: string; features: string[] }> {
        const server = (await this.request('GET', '/api/v1/server', undefined, 'none')) as
            { version?: string; features?: unknown } | undefined;
        const version = typeof server?.version === 'string' ? text(server.version, 32) || '0' : '0';
        if (compareVersions(version, MINIMUM_SUITE_VERSION) < 0) {
            throw suiteError('suiteTooOld', this.#options, { version, minimum: MINIMUM_SUITE_VERSION });
        }
        const features = Array.isArray(server?.features)
            ? server.features.filter((feature): feature is string => typeof feature === 'string')
            : [];
        return { version, features };
    }

    /** An error about this server, with what the message shows. */
    problem(code: SuiteErrorCode, detail?: string): SuiteError {
        return suiteError(code, this.#options, detail === undefined ? {} : { detail });
    }

    /** A fresh assertion from Salesforce; a failure there is the org's configuration, not the network. */
    async #freshAssertion(sign: () => Promise<string>): Promise<string> {
        const assertion = await sign().catch((error: unknown) => {
            throw this.problem(
                'assertionUnavailable',
                (error instanceof Error ? error.message : String(error)).slice(0, 300)
            );
        });
        if (!assertion) throw this.problem('assertionUnavailable', 'Salesforce returned no assertion');
        return assertion;
    }

    /** POST /sessions with the credential of the configured mode. */
    async #requestSession(features: string[]): Promise<unknown> {
        const { signAssertion: sign, email } = this.#options;
        if (!sign) {
            if (!this.#options.apiKey) throw this.problem('apiKeyMissing');
            return this.request('POST', '/api/v1/sessions', { email }, 'key');
        }
        if (!features.includes(SIGNED_ASSERTION_FEATURE))
            throw this.problem(
                'assertionRejected',
                `no ${SIGNED_ASSERTION_FEATURE} in the server's features`
            );
        const renewable = (error: unknown) =>
            error instanceof SuiteError && RENEWABLE_ASSERTION_CODES.has(error.params.detail ?? '');
        const open = async () =>
            this.request(
                'POST',
                '/api/v1/sessions',
                { email, assertion: await this.#freshAssertion(sign) },
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
    async openSession(): Promise<{ session: Session; user: SuiteUser }> {
        const { features } = await this.serverInfo();
        const reply = (await this.#requestSession(features)) as {
            token?: string;
            heartbeatSec?: number;
            user?: { email?: string; displayName?: string; primaryExtension?: string };
        };
        if (!reply?.token) throw this.problem('suiteProtocolError', 'the session reply has no token');
        const user = {
            email: text(reply.user?.email) || this.#options.email,
            displayName: displayText(reply.user?.displayName, 128),
            primaryExtension: text(reply.user?.primaryExtension, 32)
        };
        return { session: { token: reply.token, heartbeatSec: heartbeatSeconds(reply.heartbeatSec) }, user };
    }

    /** Best effort, also while the page unloads: a session should not outlive its tab on the Suite. */
    async closeSession(session: Session): Promise<void> {
        try {
            await this.#options.fetch(`${this.#base}/api/v1/sessions/current`, {
                method: 'DELETE',
                headers: { Authorization: `Bearer ${session.token}` },
                keepalive: true
            });
        } catch (error) {
            // Unreachable or already gone: the Suite expires the session on its own.
            this.#options.diagnostics?.record('suite.closeSession', error);
        }
    }
}
