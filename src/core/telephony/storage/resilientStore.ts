// localStorage that never stops a call or a save. A write the browser refuses (QuotaExceededError
// when the origin's storage is full, SecurityError when storage is denied) first makes room by
// dropping what is ours and safe to lose; if the write still fails, the store carries on in memory
// (this tab only, not surviving a reload) and says so once, so the panel can tell the agent.
import { DROPPABLE_PREFIXES, OWN_KEY_PREFIX, SAVED_MARK_PREFIX } from './agentStorage';
import { MemoryStore, type KeyValueStore } from './keyValueStore';

// What may go when storage is full is named in agentStorage.ts; a mark of a saved Task (which
// refuses a late duplicate) goes only once it is older than the Suite could still report the call.
const SAVED_MARK_DROPPABLE_AFTER_MS = 60 * 60 * 1000;

function oldSavedMark(value: string | null, now: number): boolean {
    try {
        const savedAt = (JSON.parse(value ?? 'null') as { savedAt?: unknown } | null)?.savedAt;
        return typeof savedAt !== 'number' || now - savedAt > SAVED_MARK_DROPPABLE_AFTER_MS;
    } catch {
        return true;
    }
}

export class ResilientStore implements KeyValueStore {
    readonly #backing: KeyValueStore;
    #memory: MemoryStore | undefined;
    readonly #fallbackListeners = new Set<() => void>();
    readonly #now: () => number;

    constructor(backing: KeyValueStore, now: () => number = Date.now) {
        this.#backing = backing;
        this.#now = now;
    }

    /** True once writes go to memory only. */
    get inMemory(): boolean {
        return this.#memory !== undefined;
    }

    /** Called once, when the store falls back to memory. */
    onFallback(listener: () => void): void {
        this.#fallbackListeners.add(listener);
        if (this.#memory) listener();
    }

    get length(): number {
        return this.#memory ? this.#memory.length : this.#guard(() => this.#backing.length, 0);
    }

    key(index: number): string | null {
        return this.#memory ? this.#memory.key(index) : this.#guard(() => this.#backing.key(index), null);
    }

    getItem(key: string): string | null {
        return this.#memory ? this.#memory.getItem(key) : this.#guard(() => this.#backing.getItem(key), null);
    }

    setItem(key: string, value: string): void {
        if (this.#memory) return this.#memory.setItem(key, value);
        try {
            this.#backing.setItem(key, value);
            return;
        } catch {
            // Full or denied: make room, then try once more.
        }
        this.#dropExpendable(key);
        try {
            this.#backing.setItem(key, value);
        } catch {
            this.#fallBackToMemory().setItem(key, value);
        }
    }

    removeItem(key: string): void {
        if (this.#memory) return this.#memory.removeItem(key);
        this.#guard(() => this.#backing.removeItem(key), undefined);
    }

    #guard<T>(read: () => T, fallback: T): T {
        try {
            return read();
        } catch {
            this.#fallBackToMemory();
            return fallback;
        }
    }

    #dropExpendable(keep: string): void {
        const keys: string[] = [];
        try {
            for (let index = 0; index < this.#backing.length; index++) {
                const key = this.#backing.key(index);
                if (key !== null && key !== keep) keys.push(key);
            }
        } catch {
            return;
        }
        const droppable = (key: string) =>
            DROPPABLE_PREFIXES.some((prefix) => key.startsWith(prefix)) ||
            (key.startsWith(SAVED_MARK_PREFIX) && oldSavedMark(this.#backing.getItem(key), this.#now()));
        try {
            for (const key of keys.filter(droppable)) this.#backing.removeItem(key);
        } catch {
            // Storage refuses even removals: the caller falls back to memory.
        }
    }

    /** Copies our keys into memory (what can still be read) and works there from now on. */
    #fallBackToMemory(): MemoryStore {
        if (this.#memory) return this.#memory;
        const memory = new MemoryStore();
        try {
            for (let index = 0; index < this.#backing.length; index++) {
                const key = this.#backing.key(index);
                const value = key?.startsWith(OWN_KEY_PREFIX) ? this.#backing.getItem(key) : null;
                if (key && value !== null) memory.setItem(key, value);
            }
        } catch {
            // Nothing readable: start empty.
        }
        this.#memory = memory;
        for (const listener of this.#fallbackListeners) listener();
        return memory;
    }
}

export function resilient(store: KeyValueStore): ResilientStore {
    return store instanceof ResilientStore ? store : new ResilientStore(store);
}
