// What the OAI phone system (./phoneSystem.ts) keeps besides its call models: the calls each station
// ended lately, which a snapshot reports, and the callers waiting for the first resync since start.
import type { SuiteCall } from '../core/suite/types';

/** How many ended calls a snapshot reports, and for how long. */
const RECENT = { calls: 50, ms: 5 * 60_000 };

export class RecentCalls {
    private readonly byStation = new Map<string, { at: number; call: SuiteCall }[]>();
    private readonly now: () => number;

    constructor(now: () => number) {
        this.now = now;
    }

    /** Keeps a call that has just ended at `extension`. */
    ended(extension: string, call: SuiteCall): void {
        const list = this.byStation.get(extension) ?? [];
        list.push({ at: this.now(), call });
        while (list.length > RECENT.calls) list.shift();
        this.byStation.set(extension, list);
    }

    of(extension: string): SuiteCall[] {
        const cutoff = this.now() - RECENT.ms;
        return (this.byStation.get(extension) ?? [])
            .filter((entry) => entry.at >= cutoff)
            .map((entry) => entry.call);
    }
}

/** Opens once (the first resync has ended); each waiter resolves then, or after its own timeout. */
export class FirstResync {
    private done = false;
    private readonly waiters = new Set<() => void>();

    wait(timeoutMs: number): Promise<void> {
        if (this.done) return Promise.resolve();
        return new Promise((resolve) => {
            const release = () => {
                clearTimeout(timer);
                this.waiters.delete(release);
                resolve();
            };
            const timer = setTimeout(release, timeoutMs);
            this.waiters.add(release);
        });
    }

    /** The first resync has ended: every waiter goes on, and later ones do not wait. */
    open(): void {
        this.done = true;
        this.releaseWaiters();
    }

    /** Stopping: nobody waits any longer. */
    releaseWaiters(): void {
        for (const waiter of [...this.waiters]) waiter();
    }
}
