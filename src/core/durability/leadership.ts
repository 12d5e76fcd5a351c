// One leader tab per browser owns the Suite connection, Task logging and the queue. Leadership is
// an exclusive Web Lock held for the life of the tab: the browser releases it the moment the tab
// closes or crashes, and hands it to the next waiting tab, so a new leader takes over at once.

/** The subset of the Web Locks API used here (navigator.locks). */
export interface LockManagerLike {
    request(
        name: string,
        options: { mode: 'exclusive'; signal?: AbortSignal },
        callback: () => Promise<void>
    ): Promise<unknown>;
}

export interface Leadership {
    readonly isLeader: boolean;
    onChange(listener: (isLeader: boolean) => void): () => void;
    /** Gives up leadership (or stops waiting for it). */
    release(): void;
}

export function electLeader(locks: LockManagerLike | undefined, name: string): Leadership {
    const listeners = new Set<(isLeader: boolean) => void>();
    let isLeader = false;
    let releaseLock: (() => void) | undefined;
    const abort = new AbortController();

    const become = (value: boolean) => {
        if (isLeader === value) return;
        isLeader = value;
        for (const listener of listeners) listener(value);
    };

    if (!locks) {
        // Without Web Locks there is no way to coordinate: every tab acts alone.
        queueMicrotask(() => become(true));
    } else {
        // Web Locks refused (a storage-restricted frame rejects, some engines throw at once):
        // nobody can coordinate, so act alone.
        const actAlone = () => {
            if (!abort.signal.aborted) become(true);
        };
        try {
            locks
                .request(name, { mode: 'exclusive', signal: abort.signal }, () => {
                    become(true);
                    return new Promise<void>((resolve) => {
                        releaseLock = resolve;
                    });
                })
                .catch(actAlone);
        } catch {
            queueMicrotask(actAlone);
        }
    }

    return {
        get isLeader() {
            return isLeader;
        },
        onChange(listener) {
            listeners.add(listener);
            return () => listeners.delete(listener);
        },
        release() {
            abort.abort();
            releaseLock?.();
            become(false);
        }
    };
}

/** An in-memory LockManager with the queueing semantics of navigator.locks (tests, workers). */
export class MemoryLockManager implements LockManagerLike {
    private readonly queues = new Map<string, { grant: () => void; signal?: AbortSignal }[]>();
    private readonly held = new Set<string>();

    request(
        name: string,
        options: { mode: 'exclusive'; signal?: AbortSignal },
        callback: () => Promise<void>
    ): Promise<unknown> {
        return new Promise((resolve, reject) => {
            const grant = () => {
                this.held.add(name);
                callback()
                    .then(resolve, reject)
                    .finally(() => {
                        this.held.delete(name);
                        this.grantNext(name);
                    });
            };
            options.signal?.addEventListener('abort', () => {
                const queue = this.queues.get(name) ?? [];
                const index = queue.findIndex((waiter) => waiter.grant === grant);
                if (index >= 0) {
                    queue.splice(index, 1);
                    reject(new DOMException('The lock request was aborted', 'AbortError'));
                }
            });
            if (this.held.has(name)) {
                const queue = this.queues.get(name) ?? [];
                queue.push({ grant, signal: options.signal });
                this.queues.set(name, queue);
            } else {
                grant();
            }
        });
    }

    private grantNext(name: string): void {
        const next = this.queues.get(name)?.shift();
        next?.grant();
    }
}
