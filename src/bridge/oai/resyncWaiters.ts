// Who waits for which Resync Ended (RD): each resync the bridge asks for ends with an RD carrying its
// invoke id (or code 1 for `RR`) and the station it named (docs/oai-protocol.md, "Login and resync").
import type { ResyncEndedEvent } from './events';
import type { ResyncWait } from './linkSetup';
import { OaiCommandError, type OaiCommandFailure } from './pending';

interface Waiter {
    match: (event: ResyncEndedEvent) => boolean;
    resolve: () => void;
    reject: (error: Error) => void;
    timer: NodeJS.Timeout;
}

export class ResyncWaiters {
    private readonly waiters = new Set<Waiter>();

    wait(match: Waiter['match'], timeoutMs: number): ResyncWait {
        let waiter!: Waiter;
        const done = new Promise<void>((resolve, reject) => {
            waiter = {
                match,
                resolve,
                reject,
                timer: setTimeout(() => {
                    this.waiters.delete(waiter);
                    reject(new OaiCommandError('timeout', 'RD'));
                }, timeoutMs)
            };
            this.waiters.add(waiter);
        });
        // Whoever waits awaits `done`; this only keeps a cancelled or early-failed wait from counting as unhandled.
        done.catch(() => undefined);
        return {
            done,
            cancel: () => {
                clearTimeout(waiter.timer);
                this.waiters.delete(waiter);
            }
        };
    }

    /** Ends the first wait this RD answers; false if none does. */
    ended(event: ResyncEndedEvent): boolean {
        for (const waiter of this.waiters)
            if (waiter.match(event)) {
                this.waiters.delete(waiter);
                clearTimeout(waiter.timer);
                waiter.resolve();
                return true;
            }
        return false;
    }

    failAll(reason: OaiCommandFailure): void {
        for (const waiter of this.waiters) {
            clearTimeout(waiter.timer);
            waiter.reject(new OaiCommandError(reason, 'RD'));
        }
        this.waiters.clear();
    }
}
