/** The subset of the Web Storage API the durable pieces need (localStorage in the browser). */
export interface KeyValueStore {
    getItem(key: string): string | null;
    setItem(key: string, value: string): void;
    removeItem(key: string): void;
    key(index: number): string | null;
    readonly length: number;
}

/** A KeyValueStore in memory, for tests and for browsers where storage is blocked. */
export class MemoryStore implements KeyValueStore {
    readonly #items = new Map<string, string>();
    #keyList: string[] | undefined;

    get length(): number {
        return this.#items.size;
    }

    getItem(key: string): string | null {
        return this.#items.get(key) ?? null;
    }

    setItem(key: string, value: string): void {
        if (!this.#items.has(key)) this.#keyList = undefined;
        this.#items.set(key, String(value));
    }

    removeItem(key: string): void {
        if (this.#items.delete(key)) this.#keyList = undefined;
    }

    key(index: number): string | null {
        this.#keyList ??= [...this.#items.keys()];
        return this.#keyList[index] ?? null;
    }
}

export function keysWithPrefix(store: KeyValueStore, prefix: string): string[] {
    const keys: string[] = [];
    for (let index = 0; index < store.length; index++) {
        const key = store.key(index);
        if (key !== null && key.startsWith(prefix)) keys.push(key);
    }
    return keys;
}
