// One place for the failures nobody is waiting on (a notification Salesforce did not acknowledge, a
// retry that gave up): they are not worth a message on the agent's screen, but an admin reading the
// setup check should see them. Bounded, newest last.

export interface DiagnosticEntry {
    /** Epoch ms. */
    at: number;
    /** What was being done, e.g. `opencti.refreshView` or `transfer.retrieveAfterCancel`. */
    operation: string;
    /** The error's code or message, at most 200 characters. */
    detail: string;
}

export interface DiagnosticsSink {
    record(operation: string, error: unknown): void;
    entries(): readonly DiagnosticEntry[];
}

export const MAX_DIAGNOSTIC_ENTRIES = 20;

export class Diagnostics implements DiagnosticsSink {
    readonly #recorded: DiagnosticEntry[] = [];
    readonly #now: () => number;

    constructor(now: () => number = Date.now) {
        this.#now = now;
    }

    record(operation: string, error: unknown): void {
        this.#recorded.push({ at: this.#now(), operation, detail: describeError(error) });
        if (this.#recorded.length > MAX_DIAGNOSTIC_ENTRIES) this.#recorded.shift();
    }

    entries(): readonly DiagnosticEntry[] {
        return [...this.#recorded];
    }

    /** Runs a request whose failure nobody awaits; the failure is recorded instead of lost. */
    settle(operation: string, request: Promise<unknown>): Promise<void> {
        return request.then(
            () => undefined,
            (error: unknown) => this.record(operation, error)
        );
    }
}

export function describeError(error: unknown): string {
    const code = typeof error === 'object' && error !== null ? (error as { code?: unknown }).code : undefined;
    if (typeof code === 'string' && code) return code.slice(0, 200);
    return (error instanceof Error ? error.message : String(error)).slice(0, 200);
}
