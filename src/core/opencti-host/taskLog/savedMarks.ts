// What the Task log queue remembers of a call once its Task is saved, dismissed or logged by another of
// the agent's browsers: a small mark per call (many calls a day), kept a day to refuse late duplicates.
import { keysWithPrefix, type KeyValueStore } from '../../telephony/storage/keyValueStore';

export interface SavedMark {
    /** The Task's Id; empty when this browser saved none (dismissed, or logged elsewhere). */
    taskId: string;
    savedAt: number;
    dismissed?: boolean;
    /** Another of the agent's browsers logs the call (its log claim): no Task of this browser's. */
    elsewhere?: boolean;
}

export class SavedMarks {
    readonly #store: KeyValueStore;
    readonly #prefix: string;

    constructor(store: KeyValueStore, prefix: string) {
        this.#store = store;
        this.#prefix = prefix;
    }

    read(callObject: string): SavedMark | undefined {
        try {
            const mark = JSON.parse(
                this.#store.getItem(this.#prefix + callObject) ?? 'null'
            ) as SavedMark | null;
            return mark && typeof mark === 'object' && typeof mark.savedAt === 'number' ? mark : undefined;
        } catch {
            return undefined;
        }
    }

    write(callObject: string, mark: SavedMark): void {
        this.#store.setItem(this.#prefix + callObject, JSON.stringify(mark));
    }

    /** Forgets the marks older than `cutoff` (and any that cannot be read). */
    forgetBefore(cutoff: number): void {
        for (const key of keysWithPrefix(this.#store, this.#prefix)) {
            try {
                if ((JSON.parse(this.#store.getItem(key) ?? '{}') as SavedMark).savedAt < cutoff)
                    this.#store.removeItem(key);
            } catch {
                this.#store.removeItem(key);
            }
        }
    }
}
