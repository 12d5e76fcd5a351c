// Whether the PBX still confirms commands. A command it did not confirm in time makes the link
// stalled (the health answer's `degraded`) until it confirms one again, a refusal being an answer too;
// meanwhile a no-op every few seconds asks whether it does, so the state clears without an agent's
// command. A link that goes down is down, not stalled: a new link starts unstalled.
import { OaiCommandError } from './oai/client';

export class StallWatch {
    private readonly probe: (noop: { code: '_NO' }) => Promise<unknown>;
    private readonly probeMs: number;
    private timer: NodeJS.Timeout | undefined;
    private stalledNow = false;

    /**
     * `probe` sends the no-op `_NO` (it rejects with an OaiCommandError as any command does), every
     * confirmation timeout but at most once a second.
     */
    constructor(probe: (noop: { code: '_NO' }) => Promise<unknown>, confirmationTimeoutMs = 5000) {
        this.probe = probe;
        this.probeMs = Math.max(1000, confirmationTimeoutMs);
    }

    get stalled(): boolean {
        return this.stalledNow;
    }

    confirmed(): void {
        this.stalledNow = false;
    }

    /** A command failed: a timeout stalls the link, a refusal by the PBX clears it. */
    failed(error: unknown): void {
        if (!(error instanceof OaiCommandError)) return;
        if (error.reason === 'rejected' || error.reason === 'unsupported') this.stalledNow = false;
        if (error.reason !== 'timeout') return;
        this.stalledNow = true;
        this.timer ??= setTimeout(() => {
            this.timer = undefined;
            if (this.stalledNow)
                this.probe({ code: '_NO' }).then(
                    () => this.confirmed(),
                    (failure: unknown) => this.failed(failure)
                );
        }, this.probeMs).unref();
    }

    /** A new link (or none): nothing is known to be stalled. */
    reset(): void {
        clearTimeout(this.timer);
        this.timer = undefined;
        this.stalledNow = false;
    }
}
