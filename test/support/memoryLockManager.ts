// An in-memory LockManager with the queueing semantics of navigator.locks, for tests and tools that
// run several "tabs" in one process.
import type { LockManagerLike, LockManagerSnapshot } from '../../src/core/telephony/tabs/leadership';

interface HeldLock {
    clientId: string;
    /** Fails the holder's request: its lock was stolen. */
    reject(error: unknown): void;
}

/**
 * Each `forTab()` view shares the locks and has its own client id, as the tabs of one browser do.
 */
export class MemoryLockManager implements LockManagerLike {
    readonly clientId: string;
    private readonly locks: {
        queues: Map<string, { grant: () => void; clientId: string }[]>;
        held: Map<string, HeldLock>;
    };

    constructor(shared?: MemoryLockManager) {
        this.locks = shared?.locks ?? { queues: new Map(), held: new Map() };
        this.clientId = Math.random().toString(36).slice(2);
    }

    /** Another tab of the same browser: the same locks, its own client id. */
    forTab(): MemoryLockManager {
        return new MemoryLockManager(this);
    }

    request(
        name: string,
        options: { mode: 'exclusive'; signal?: AbortSignal; steal?: boolean },
        callback: () => Promise<void>
    ): Promise<unknown> {
        const { queues, held } = this.locks;
        return new Promise((resolve, reject) => {
            const holder: HeldLock = { clientId: this.clientId, reject };
            const grant = () => {
                held.set(name, holder);
                callback()
                    .then(resolve, reject)
                    .finally(() => {
                        // A stolen lock was already handed on.
                        if (held.get(name) !== holder) return;
                        held.delete(name);
                        this.grantNext(name);
                    });
            };
            options.signal?.addEventListener('abort', () => {
                const queue = queues.get(name) ?? [];
                const index = queue.findIndex((waiter) => waiter.grant === grant);
                if (index >= 0) {
                    queue.splice(index, 1);
                    reject(new DOMException('The lock request was aborted', 'AbortError'));
                }
            });
            const current = held.get(name);
            if (current && options.steal) {
                // As navigator.locks does: the holder's request fails, and the thief holds the lock.
                held.delete(name);
                current.reject(new DOMException('The lock was stolen', 'AbortError'));
                grant();
            } else if (current) {
                const queue = queues.get(name) ?? [];
                queue.push({ grant, clientId: this.clientId });
                queues.set(name, queue);
            } else {
                grant();
            }
        });
    }

    query(): Promise<LockManagerSnapshot> {
        const { queues, held } = this.locks;
        return Promise.resolve({
            held: [...held].map(([name, holder]) => ({ name, clientId: holder.clientId })),
            pending: [...queues].flatMap(([name, queue]) =>
                queue.map((waiter) => ({ name, clientId: waiter.clientId }))
            )
        });
    }

    private grantNext(name: string): void {
        const next = this.locks.queues.get(name)?.shift();
        next?.grant();
    }
}
