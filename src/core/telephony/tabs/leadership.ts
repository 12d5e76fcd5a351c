// One leader tab per browser owns the Suite connection, Task logging and the queue. Leadership is
// an exclusive Web Lock held for the life of the tab: the browser releases it the moment the tab
// closes or crashes, and hands it to the next waiting tab, so a new leader takes over at once.

/** The subset of the Web Locks API used here (navigator.locks). */
export interface LockManagerLike {
    request(
        name: string,
        options: { mode: 'exclusive'; signal?: AbortSignal; steal?: boolean },
        callback: () => Promise<void>
    ): Promise<unknown>;
    /** Which client holds or waits for which lock (navigator.locks.query()). */
    query?(): Promise<LockManagerSnapshot>;
}

export interface LockInfo {
    name?: string;
    clientId?: string;
}

export interface LockManagerSnapshot {
    held?: LockInfo[];
    pending?: LockInfo[];
}

export interface Leadership {
    readonly isLeader: boolean;
    onChange(listener: (isLeader: boolean) => void): () => void;
    /** Gives up leadership (or stops waiting for it). */
    release(): void;
}

export interface LeadershipOptions {
    /**
     * Takes the lock from its holder at once (Web Locks' `steal`): the phone window does, so that it
     * holds the Suite connection. The tab it took it from steps down and waits for it again.
     */
    preferred?: boolean;
}

export function electLeader(
    locks: LockManagerLike | undefined,
    name: string,
    options: LeadershipOptions = {}
): Leadership {
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
        const request = (steal: boolean) => {
            let granted = false;
            const grant = () => {
                granted = true;
                become(true);
                return new Promise<void>((resolve) => {
                    releaseLock = resolve;
                });
            };
            // Web Locks refused (a storage-restricted frame rejects, some engines throw at once):
            // nobody can coordinate, so act alone.
            const actAlone = () => {
                if (!abort.signal.aborted) become(true);
            };
            try {
                locks
                    .request(
                        name,
                        steal
                            ? { mode: 'exclusive', steal: true }
                            : { mode: 'exclusive', signal: abort.signal },
                        grant
                    )
                    .catch(() => {
                        if (abort.signal.aborted) return;
                        if (granted) {
                            // Another tab took the lock (the phone window): follow it, and wait to lead again.
                            releaseLock = undefined;
                            become(false);
                            request(false);
                            return;
                        }
                        actAlone();
                    });
            } catch {
                queueMicrotask(actAlone);
            }
        };
        request(options.preferred === true);
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
