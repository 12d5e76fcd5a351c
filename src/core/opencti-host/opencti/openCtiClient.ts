// The typed, promise-based client of sforce.opencti: the only code that touches it. Every call
// passes exactly one non-empty object (the library throws on {}), always with a callback, and
// every request is counted by method, because orgs pay for each one.
import { searchMatches, type SearchMatch } from './searchResult';

/** sforce.opencti, as far as the softphone uses it. */
export type OpenCtiApi = Record<string, unknown>;

export interface OpenCtiErrorDetail {
    code?: string;
    description?: string;
    /** saveLog only: why Salesforce refused the record (validation rule, required field, access). */
    details?: unknown;
}

export class OpenCtiError extends Error {
    readonly method: string;
    readonly code: string;
    readonly description: string;
    /** The `details` of the first error, as Salesforce sent it (saveLog puts record errors there). */
    readonly details: unknown;

    constructor(method: string, code: string, description?: string, details?: unknown) {
        super(`${method} failed: ${code}${description ? ` (${description})` : ''}`);
        this.name = 'OpenCtiError';
        this.method = method;
        this.code = code;
        this.description = description ?? '';
        this.details = details;
    }
}

export class OpenCtiTimeout extends Error {
    constructor(method: string) {
        super(`${method} did not answer in time`);
        this.name = 'OpenCtiTimeout';
    }
}

interface OpenCtiResponse {
    success?: boolean;
    returnValue?: unknown;
    errors?: OpenCtiErrorDetail[] | null;
}

export type ClickToDialPayload = {
    number?: unknown;
    recordId?: unknown;
    recordName?: unknown;
    objectType?: unknown;
    personAccount?: unknown;
    contactId?: unknown;
};
export type NavigationPayload = {
    url?: unknown;
    recordId?: unknown;
    recordName?: unknown;
    objectType?: unknown;
    /** On a record page of an org with Person Accounts: whether it is one, and then its person contact. */
    personAccount?: unknown;
    contactId?: unknown;
};

export class OpenCtiClient {
    readonly counts: Record<string, number> = {};
    readonly #api: OpenCtiApi;

    constructor(api: OpenCtiApi) {
        this.#api = api;
    }

    get total(): number {
        return Object.values(this.counts).reduce((sum, count) => sum + count, 0);
    }

    /** Sends one request and resolves with its returnValue. */
    call<T = unknown>(method: string, args: Record<string, unknown> = {}, timeoutMs?: number): Promise<T> {
        const fn = this.#api[method];
        if (typeof fn !== 'function') return Promise.reject(new OpenCtiError(method, 'NOT_AVAILABLE'));
        this.counts[method] = (this.counts[method] ?? 0) + 1;
        return new Promise<T>((resolve, reject) => {
            const timer = timeoutMs
                ? setTimeout(() => reject(new OpenCtiTimeout(method)), timeoutMs)
                : undefined;
            const callback = (response: OpenCtiResponse | undefined) => {
                clearTimeout(timer);
                if (response?.success) {
                    resolve(response.returnValue as T);
                } else {
                    const detail = response?.errors?.[0];
                    reject(
                        new OpenCtiError(
                            method,
                            detail?.code ?? 'GENERIC_ERROR',
                            detail?.description,
                            detail?.details
                        )
                    );
                }
            };
            try {
                (fn as (argument: Record<string, unknown>) => void).call(this.#api, { ...args, callback });
            } catch (error) {
                clearTimeout(timer);
                reject(
                    new OpenCtiError(
                        method,
                        'INVALID_PARAM',
                        error instanceof Error ? error.message : String(error)
                    )
                );
            }
        });
    }

    /** During start-up the container may not be ready yet: retry that error with backoff. */
    async callWhenReady<T = unknown>(
        method: string,
        args: Record<string, unknown> = {},
        attempts = 6,
        baseMs = 250
    ): Promise<T> {
        for (let attempt = 1; ; attempt++) {
            try {
                return await this.call<T>(method, args);
            } catch (error) {
                const notReady = error instanceof OpenCtiError && error.code === 'SOFTPHONE_CONTAINER_ERROR';
                if (!notReady || attempt >= attempts) throw error;
                await new Promise((resolve) => setTimeout(resolve, baseMs * 2 ** (attempt - 1)));
            }
        }
    }

    listen(method: 'onClickToDial', listener: (payload: ClickToDialPayload) => void): void;
    listen(method: 'onNavigationChange', listener: (payload: NavigationPayload) => void): void;
    listen(method: string, listener: (payload: never) => void): void {
        const fn = this.#api[method];
        if (typeof fn !== 'function') throw new OpenCtiError(method, 'NOT_AVAILABLE');
        this.counts[method] = (this.counts[method] ?? 0) + 1;
        (fn as (argument: Record<string, unknown>) => void).call(this.#api, { listener });
    }

    /**
     * Runs an Apex method. A method without parameters gets no methodParams at all: the guide
     * says to pass none or {}, not an empty query string. `timeoutMs` bounds the wait for an answer.
     */
    async runApex(
        apexClass: string,
        methodName: string,
        params: Record<string, string> = {},
        options: { startup?: boolean; timeoutMs?: number } = {}
    ): Promise<string> {
        const methodParams = Object.entries(params)
            .map(([key, value]) => `${encodeURIComponent(key)}=${encodeURIComponent(value)}`)
            .join('&');
        const args: Record<string, unknown> = methodParams
            ? { apexClass, methodName, methodParams }
            : { apexClass, methodName };
        const result = options.startup
            ? await this.callWhenReady<unknown>('runApex', args)
            : await this.call<unknown>('runApex', args, options.timeoutMs);
        const value = (result as { runApex?: unknown } | null)?.runApex ?? result;
        return typeof value === 'string' ? value : '';
    }

    /** Creates or updates a record; both documented return shapes (an Id, or an object holding it) are read. */
    async saveLog(value: Record<string, unknown>, timeoutMs: number): Promise<string> {
        const result = await this.call<unknown>('saveLog', { value }, timeoutMs);
        if (typeof result === 'string') return result;
        const holder = (result ?? {}) as { recordId?: unknown; id?: unknown; Id?: unknown };
        const id = holder.recordId ?? holder.id ?? holder.Id;
        if (typeof id !== 'string' || !id) throw new OpenCtiError('saveLog', 'NO_RECORD_ID');
        return id;
    }

    /** Opens a record (or a Task) in the console: screenPop of type SOBJECT. */
    async openRecord(recordId: string): Promise<void> {
        await this.call('screenPop', { type: 'sobject', params: { recordId } });
    }

    async searchAndScreenPop(
        number: string,
        callType: 'inbound' | 'outbound' | 'internal',
        deferred = false
    ): Promise<SearchMatch[]> {
        const result = await this.call<Record<string, unknown> | null>('searchAndScreenPop', {
            searchParams: number,
            queryParams: '',
            callType,
            deferred
        });
        return searchMatches(result, number);
    }
}
