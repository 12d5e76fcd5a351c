// A durable queue of pending Task saves. Every call's Task is keyed by its Suite call id, so the
// same call can never be logged twice: a save whose outcome is unknown (the page died or the
// request timed out mid-save) is resolved by looking the Task up, never by saving again blindly.
import { keysWithPrefix, type KeyValueStore } from './keyValueStore';

export type TaskFields = Record<string, string | number | boolean>;

export interface TaskSaver {
    /** Creates the Task (saveLog). Rejects with TaskSaveTimeout when the outcome is unknown. */
    save(fields: TaskFields): Promise<{ taskId: string }>;
    /** Finds a Task already saved for this call (CallObject), or null. */
    findByCallObject(callObject: string): Promise<string | null>;
}

/** The save may or may not have reached Salesforce. */
export class TaskSaveTimeout extends Error {
    constructor() {
        super('The Task save did not answer in time');
        this.name = 'TaskSaveTimeout';
    }
}

type EntryState = 'pending' | 'inFlight' | 'unknown';

export interface QueueEntry {
    callObject: string;
    fields: TaskFields;
    state: EntryState;
    attempts: number;
    nextAttemptAt: number;
    lastError?: string;
}

/** What is remembered of a call once its Task is saved (small: agents handle many calls a day). */
interface SavedMark {
    taskId: string;
    savedAt: number;
}

export interface TaskLogQueueOptions {
    store: KeyValueStore;
    saver: TaskSaver;
    /** Separates agents sharing a browser profile. */
    namespace: string;
    now?: () => number;
    /** Delay before attempt n+1 after n failures. */
    backoffMs?: (failures: number) => number;
    /** How long a saved entry is remembered to refuse duplicates. */
    rememberSavedMs?: number;
    /**
     * How long to wait before resolving a save interrupted by a page reload: the request may
     * still be landing in Salesforce, which keeps working when the softphone frame goes away.
     */
    settleMs?: number;
    onChange?: (entries: QueueEntry[]) => void;
}

const DAY_MS = 24 * 60 * 60 * 1000;

export function defaultBackoffMs(failures: number): number {
    return Math.min(1000 * 2 ** Math.max(0, failures - 1), 60_000);
}

export class TaskLogQueue {
    private readonly prefix: string;
    private readonly savedPrefix: string;
    private lastPruneAt: number;
    private readonly now: () => number;
    private readonly backoffMs: (failures: number) => number;
    private readonly rememberSavedMs: number;
    private draining: Promise<void> | undefined;
    private readonly options: TaskLogQueueOptions;

    constructor(options: TaskLogQueueOptions) {
        this.options = options;
        this.prefix = `mivoice.taskLog.${options.namespace}.`;
        this.savedPrefix = `mivoice.taskSaved.${options.namespace}.`;
        this.now = options.now ?? Date.now;
        this.backoffMs = options.backoffMs ?? defaultBackoffMs;
        this.rememberSavedMs = options.rememberSavedMs ?? DAY_MS;
        this.lastPruneAt = this.now();
        this.recoverInterruptedSaves();
    }

    /**
     * Queues the Task for a call. A second enqueue for the same call id is ignored, whatever
     * state the first is in: the first report of a call is the one with the agent's notes.
     * Returns false when the call is already logged or being logged.
     */
    enqueue(callObject: string, fields: TaskFields): boolean {
        if (this.savedTaskId(callObject) || this.read(callObject)) return false;
        this.write({
            callObject,
            fields: { ...fields, CallObject: callObject },
            state: 'pending',
            attempts: 0,
            nextAttemptAt: this.now()
        });
        return true;
    }

    /** The Id of the Task saved for this call, if it was saved. */
    savedTaskId(callObject: string): string | undefined {
        try {
            return (
                JSON.parse(
                    this.options.store.getItem(this.savedPrefix + callObject) ?? 'null'
                ) as SavedMark | null
            )?.taskId;
        } catch {
            return undefined;
        }
    }

    /** Entries still waiting for Salesforce. */
    entries(): QueueEntry[] {
        return keysWithPrefix(this.options.store, this.prefix)
            .map((key) => this.parse(this.options.store.getItem(key)))
            .filter((entry): entry is QueueEntry => entry !== undefined)
            .sort((a, b) => a.nextAttemptAt - b.nextAttemptAt);
    }

    outstanding(): QueueEntry[] {
        return this.entries();
    }

    /** The earliest time a waiting entry is due, for scheduling the next drain. */
    nextDueAt(): number | undefined {
        return this.outstanding()[0]?.nextAttemptAt;
    }

    /** Saves every due entry, one at a time. Concurrent calls share one drain. */
    drain(): Promise<void> {
        this.draining ??= this.drainDue().finally(() => {
            this.draining = undefined;
        });
        return this.draining;
    }

    private async drainDue(): Promise<void> {
        this.forgetOldSaves();
        for (const entry of this.outstanding()) {
            if (entry.nextAttemptAt > this.now()) continue;
            await this.process(entry);
        }
    }

    private async process(entry: QueueEntry): Promise<void> {
        if (entry.state === 'unknown' || entry.state === 'inFlight') {
            let found: string | null;
            try {
                found = await this.options.saver.findByCallObject(entry.callObject);
            } catch (error) {
                this.retryLater(entry, 'unknown', error);
                return;
            }
            if (found) {
                this.markSaved(entry, found);
                return;
            }
        }
        this.write({ ...entry, state: 'inFlight', attempts: entry.attempts + 1 });
        try {
            const { taskId } = await this.options.saver.save(entry.fields);
            this.markSaved(entry, taskId);
        } catch (error) {
            this.retryLater(
                { ...entry, attempts: entry.attempts + 1 },
                error instanceof TaskSaveTimeout ? 'unknown' : 'pending',
                error
            );
        }
    }

    private markSaved(entry: QueueEntry, taskId: string): void {
        const mark: SavedMark = { taskId, savedAt: this.now() };
        this.options.store.setItem(this.savedPrefix + entry.callObject, JSON.stringify(mark));
        this.options.store.removeItem(this.prefix + entry.callObject);
        this.options.onChange?.(this.entries());
    }

    private retryLater(entry: QueueEntry, state: 'pending' | 'unknown', error: unknown): void {
        this.write({
            ...entry,
            state,
            nextAttemptAt: this.now() + this.backoffMs(Math.max(1, entry.attempts)),
            lastError: error instanceof Error ? error.message : String(error)
        });
    }

    /** A save that was in flight when the page went away has an unknown outcome. */
    private recoverInterruptedSaves(): void {
        const settleMs = this.options.settleMs ?? 5000;
        for (const entry of this.entries()) {
            if (entry.state === 'inFlight') {
                this.write({ ...entry, state: 'unknown', nextAttemptAt: this.now() + settleMs });
            }
        }
    }

    /** Saved marks are kept a day to refuse late duplicates; pruned at most once an hour. */
    private forgetOldSaves(): void {
        if (this.now() - this.lastPruneAt < 60 * 60 * 1000) return;
        this.lastPruneAt = this.now();
        const cutoff = this.now() - this.rememberSavedMs;
        for (const key of keysWithPrefix(this.options.store, this.savedPrefix)) {
            try {
                if ((JSON.parse(this.options.store.getItem(key) ?? '{}') as SavedMark).savedAt < cutoff)
                    this.options.store.removeItem(key);
            } catch {
                this.options.store.removeItem(key);
            }
        }
    }

    private read(callObject: string): QueueEntry | undefined {
        return this.parse(this.options.store.getItem(this.prefix + callObject));
    }

    private write(entry: QueueEntry): void {
        this.options.store.setItem(this.prefix + entry.callObject, JSON.stringify(entry));
        this.options.onChange?.(this.entries());
    }

    private parse(text: string | null): QueueEntry | undefined {
        if (!text) return undefined;
        try {
            const entry = JSON.parse(text) as QueueEntry;
            return typeof entry.callObject === 'string' && typeof entry.state === 'string'
                ? entry
                : undefined;
        } catch {
            return undefined;
        }
    }
}
