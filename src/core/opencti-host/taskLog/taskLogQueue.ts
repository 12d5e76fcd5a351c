// A durable queue of pending Task saves. Every call's Task is keyed by its Suite call id, so the
// same call can never be logged twice: a save whose outcome is unknown (the page died or the
// request timed out mid-save) is resolved by looking the Task up, never by saving again blindly.
// A save no retry can fix (Salesforce refused the record), or one that failed too often, stops
// being retried: it stays in the queue as failed, visible to the agent, until saved or dismissed.
import { taskLogKeys } from '../../telephony/storage/agentStorage';
import { keysWithPrefix, type KeyValueStore } from '../../telephony/storage/keyValueStore';
import { SavedMarks, type SavedMark } from './savedMarks';
import { elsewhereUpdate, parseQueueEntry, type QueueEntry } from './queueEntry';
import { taskFromFields, taskUpdateFromFields, type TaskFields } from './taskFields';
import { TaskSaveRefused, TaskSaveTimeout, type TaskSaver } from './taskSaver';
import { CLAIM_RETRY_MS } from './logClaims';

export { TaskSaveRefused, TaskSaveTimeout, type TaskSaver } from './taskSaver';

/** Why the agent's edits of a call another browser logs still wait. */
const ELSEWHERE_NOT_FOUND = 'The Task your other browser logs for this call is not in Salesforce yet';

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
    /** Attempts (saves and lookups) before a retryable failure counts as failed. */
    maxAttempts?: number;
    /** How long another tab's save in flight is left alone before it counts as interrupted. */
    claimTtlMs?: number;
    onChange?: (entries: QueueEntry[]) => void;
}

export const DEFAULT_MAX_ATTEMPTS = 10;

const DAY_MS = 24 * 60 * 60 * 1000;
const DRAIN_PASSES = 4;

export function defaultBackoffMs(failures: number): number {
    return Math.min(1000 * 2 ** Math.max(0, failures - 1), 60_000);
}

export class TaskLogQueue {
    readonly #prefix: string;
    readonly #marks: SavedMarks;
    #lastPruneAt: number;
    readonly #now: () => number;
    readonly #backoffMs: (failures: number) => number;
    readonly #rememberSavedMs: number;
    #draining: Promise<void> | undefined;
    readonly #options: TaskLogQueueOptions;
    readonly #tabId = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 8)}`;

    constructor(options: TaskLogQueueOptions) {
        this.#options = options;
        const keys = taskLogKeys(options.namespace);
        this.#prefix = keys.pending;
        this.#marks = new SavedMarks(options.store, keys.saved);
        this.#now = options.now ?? Date.now;
        this.#backoffMs = options.backoffMs ?? defaultBackoffMs;
        this.#rememberSavedMs = options.rememberSavedMs ?? DAY_MS;
        this.#lastPruneAt = this.#now();
        this.#recoverInterruptedSaves();
    }

    /**
     * Queues the Task for a call. A second enqueue for the same call id is ignored, whatever
     * state the first is in: the first report of a call is the one with the agent's notes.
     * Returns false when the call is already logged or being logged.
     */
    enqueue(callObject: string, fields: TaskFields, options: { lookUpFirst?: boolean } = {}): boolean {
        const task = taskFromFields(fields, callObject);
        if (!task || this.#mark(callObject) || this.#read(callObject)) return false;
        this.#write({
            callObject,
            fields: task,
            // A call this browser never saw live may have been logged by another (a second browser,
            // a cleared profile): its Task is looked up before it is saved, as after an unknown outcome.
            state: options.lookUpFirst ? 'unknown' : 'pending',
            attempts: 0,
            nextAttemptAt: this.#now()
        });
        return true;
    }

    /**
     * Changes the call's Task after the agent edited it (wrap-up). Before the Task is saved they go
     * into the Task to be saved; while its save is in flight or its outcome unknown they wait for its
     * Id; once it is saved they become one update by Id (saveLog with Id). Returns false when the
     * call has no Task here (never queued, or dismissed).
     */
    amend(callObject: string, changes: TaskFields): boolean {
        const update = taskUpdateFromFields(changes);
        if (!update || Object.keys(update).length === 0) return false;
        const entry = this.#read(callObject);
        if (entry) {
            // Until the call's log is claimed, its Task may be another browser's: the edits wait apart.
            const claimed = entry.logClaimed || entry.taskId !== undefined || !this.#options.saver.claim;
            const mergeable =
                (entry.state === 'pending' && claimed) ||
                (entry.state === 'failed' && !entry.unknownOutcome) ||
                (entry.elsewhere && entry.state !== 'inFlight');
            if (mergeable && !entry.update) {
                const fields =
                    entry.taskId || entry.elsewhere
                        ? taskUpdateFromFields({ ...entry.fields, ...update })
                        : taskFromFields({ ...entry.fields, ...update }, callObject);
                if (!fields) return false;
                this.#write({ ...entry, fields });
            } else {
                this.#write({ ...entry, update: { ...entry.update, ...update } });
            }
            return true;
        }
        if (this.#mark(callObject)?.elsewhere) {
            this.#write(elsewhereUpdate(callObject, update, this.#now()));
            return true;
        }
        const taskId = this.savedTaskId(callObject);
        if (!taskId) return false;
        this.#write({
            callObject,
            taskId,
            fields: update,
            state: 'pending',
            attempts: 0,
            nextAttemptAt: this.#now()
        });
        return true;
    }

    /** The Id of the Task saved for this call, if it was saved. */
    savedTaskId(callObject: string): string | undefined {
        return this.#mark(callObject)?.taskId || undefined;
    }

    #mark(callObject: string): SavedMark | undefined {
        return this.#marks.read(callObject);
    }

    /** Every entry not yet saved or dismissed, failed ones included. */
    entries(): QueueEntry[] {
        return keysWithPrefix(this.#options.store, this.#prefix)
            .map((key) => parseQueueEntry(this.#options.store.getItem(key)))
            .filter((entry): entry is QueueEntry => entry !== undefined)
            .sort((a, b) => a.nextAttemptAt - b.nextAttemptAt);
    }

    /** Entries the queue is still working on (not failed). */
    outstanding(): QueueEntry[] {
        return this.entries().filter((entry) => entry.state !== 'failed');
    }

    /** Entries that stopped being retried: they wait for the agent to retry or dismiss them. */
    failed(): QueueEntry[] {
        return this.entries().filter((entry) => entry.state === 'failed');
    }

    /** True when nothing is waiting and no drain runs: no save for a queued call can still happen. */
    idle(): boolean {
        return this.#draining === undefined && this.outstanding().length === 0;
    }

    /** The agent asks to try a failed entry again. Returns false when there is no such entry. */
    retry(callObject: string): boolean {
        const entry = this.#read(callObject);
        if (entry?.state !== 'failed') return false;
        const { unknownOutcome, ...rest } = entry;
        this.#write({
            ...rest,
            state: unknownOutcome ? 'unknown' : 'pending',
            attempts: 0,
            nextAttemptAt: this.#now()
        });
        return true;
    }

    /** The agent gives up on a failed entry (logged by hand): it is forgotten and never saved. */
    dismiss(callObject: string): boolean {
        const entry = this.#read(callObject);
        if (entry?.state !== 'failed') return false;
        const mark: SavedMark = { taskId: '', savedAt: this.#now(), dismissed: true };
        this.#marks.write(callObject, mark);
        this.#options.store.removeItem(this.#prefix + callObject);
        this.#options.onChange?.(this.entries());
        return true;
    }

    /** The earliest time a waiting entry is due, for scheduling the next drain. */
    nextDueAt(): number | undefined {
        return this.outstanding()[0]?.nextAttemptAt;
    }

    /** Saves every due entry, one at a time. Concurrent calls share one drain. */
    drain(): Promise<void> {
        this.#draining ??= this.#drainDue().finally(() => {
            this.#draining = undefined;
        });
        return this.#draining;
    }

    async #drainDue(): Promise<void> {
        this.#forgetOldSaves();
        // A save can leave an update of its Task due at once (edits made meanwhile): a few passes.
        for (let pass = 0, processed = 1; pass < DRAIN_PASSES && processed > 0; pass++) {
            processed = 0;
            for (const { callObject } of this.outstanding()) {
                // Read again: another tab, or the agent, may have changed it while this drain awaited.
                const entry = this.#read(callObject);
                if (!entry || entry.state === 'failed' || entry.nextAttemptAt > this.#now()) continue;
                if (this.#claimedElsewhere(entry)) continue;
                await this.#process(entry);
                processed++;
            }
        }
    }

    /** Another tab's save of this entry is in flight (tabs without a shared leader may both drain). */
    #claimedElsewhere(entry: QueueEntry): boolean {
        const ttl = this.#options.claimTtlMs ?? 30_000;
        return (
            entry.state === 'inFlight' &&
            entry.owner !== undefined &&
            entry.owner !== this.#tabId &&
            this.#now() - (entry.claimedAt ?? 0) < ttl
        );
    }

    async #process(queued: QueueEntry): Promise<void> {
        // No await before the entry is marked in flight unless a claim is asked: tabs may drain side by side.
        let entry = this.#claimNeeded(queued) ? await this.#claimed(queued) : queued;
        if (!entry) return;
        if (entry.taskId === undefined && (entry.state === 'unknown' || entry.state === 'inFlight')) {
            let found: string | null;
            try {
                found = await this.#options.saver.findByCallObject(entry.callObject);
            } catch (error) {
                this.#retryLater({ ...entry, attempts: entry.attempts + 1 }, 'unknown', error);
                return;
            }
            if (found && entry.elsewhere) {
                entry = { ...entry, taskId: found, elsewhere: undefined };
            } else if (found) {
                this.#markSaved(entry, found);
                return;
            } else if (entry.elsewhere) {
                const waiting = new Error(ELSEWHERE_NOT_FOUND);
                this.#retryLater({ ...entry, attempts: entry.attempts + 1 }, 'unknown', waiting);
                return;
            }
        }
        this.#write({
            ...entry,
            state: 'inFlight',
            attempts: entry.attempts + 1,
            owner: this.#tabId,
            claimedAt: this.#now()
        });
        try {
            const fields = entry.taskId ? { ...entry.fields, Id: entry.taskId } : entry.fields;
            const { taskId } = await this.#options.saver.save(fields);
            this.#markSaved(entry, entry.taskId ?? taskId);
        } catch (error) {
            const attempted = { ...this.#changesSince(entry), attempts: entry.attempts + 1 };
            // An update by Id can be sent again safely: its outcome never needs a lookup.
            const unknown = error instanceof TaskSaveTimeout && entry.taskId === undefined;
            if (error instanceof TaskSaveRefused) this.#fail(attempted, false, error);
            else this.#retryLater(attempted, unknown ? 'unknown' : 'pending', error);
        }
    }

    /**
     * The entry once its log is claimed for this browser (logClaims.ts), or undefined when it is not to
     * be saved now: the claim is asked again later, or another browser logs the call.
     */
    #claimNeeded(entry: QueueEntry): boolean {
        return (
            !!this.#options.saver.claim && entry.taskId === undefined && !entry.logClaimed && !entry.elsewhere
        );
    }

    async #claimed(entry: QueueEntry): Promise<QueueEntry | undefined> {
        const verdict = await this.#options.saver.claim?.(entry.callObject);
        const current = this.#read(entry.callObject);
        if (!current || current.state === 'failed' || this.#claimedElsewhere(current)) return undefined;
        if (verdict === 'later') {
            this.#write({ ...current, nextAttemptAt: this.#now() + CLAIM_RETRY_MS });
            return undefined;
        }
        if (verdict === 'elsewhere') {
            this.#settleElsewhere(current);
            return undefined;
        }
        const lookUp = verdict === 'lookUpFirst' ? { state: 'unknown' as const } : {};
        const claimed: QueueEntry = { ...current, logClaimed: true, ...lookUp };
        this.#write(claimed);
        return claimed;
    }

    /** Another of the agent's browsers logs the call: this one keeps only the agent's edits, for that Task. */
    #settleElsewhere(entry: QueueEntry): void {
        const mark: SavedMark = { taskId: '', savedAt: this.#now(), elsewhere: true };
        this.#marks.write(entry.callObject, mark);
        if (entry.update) {
            this.#write(elsewhereUpdate(entry.callObject, entry.update, this.#now()));
            return;
        }
        this.#options.store.removeItem(this.#prefix + entry.callObject);
        this.#options.onChange?.(this.entries());
    }

    /** The entry with the changes amended into the stored copy while it was being saved. */
    #changesSince(entry: QueueEntry): QueueEntry {
        const update = this.#read(entry.callObject)?.update;
        return update ? { ...entry, update } : entry;
    }

    #markSaved(entry: QueueEntry, taskId: string): void {
        const mark: SavedMark = { taskId, savedAt: this.#now() };
        this.#marks.write(entry.callObject, mark);
        const update = this.#read(entry.callObject)?.update;
        if (update && Object.keys(update).length > 0) {
            // Edits made while the Task was being saved: one update by its Id, next.
            this.#write({
                callObject: entry.callObject,
                taskId,
                fields: update,
                state: 'pending',
                attempts: 0,
                nextAttemptAt: this.#now()
            });
            return;
        }
        this.#options.store.removeItem(this.#prefix + entry.callObject);
        this.#options.onChange?.(this.entries());
    }

    #retryLater(entry: QueueEntry, state: 'pending' | 'unknown', error: unknown): void {
        if (entry.attempts >= (this.#options.maxAttempts ?? DEFAULT_MAX_ATTEMPTS)) {
            this.#fail(entry, state === 'unknown', error);
            return;
        }
        const { owner: _owner, claimedAt: _claimedAt, ...rest } = entry;
        this.#write({
            ...rest,
            state,
            nextAttemptAt: this.#now() + this.#backoffMs(Math.max(1, entry.attempts)),
            lastError: errorText(error)
        });
    }

    #fail(entry: QueueEntry, unknownOutcome: boolean, error: unknown): void {
        const { owner: _owner, claimedAt: _claimedAt, ...rest } = entry;
        this.#write({
            ...rest,
            state: 'failed',
            unknownOutcome: unknownOutcome || undefined,
            lastError: errorText(error)
        });
    }

    /** A save that was in flight when the page went away has an unknown outcome. */
    #recoverInterruptedSaves(): void {
        const settleMs = this.#options.settleMs ?? 5000;
        for (const entry of this.entries()) {
            if (entry.state === 'inFlight') {
                this.#write({ ...entry, state: 'unknown', nextAttemptAt: this.#now() + settleMs });
            }
        }
    }

    /** Saved marks are kept a day to refuse late duplicates; pruned at most once an hour. */
    #forgetOldSaves(): void {
        if (this.#now() - this.#lastPruneAt < 60 * 60 * 1000) return;
        this.#lastPruneAt = this.#now();
        this.#marks.forgetBefore(this.#now() - this.#rememberSavedMs);
    }

    #read(callObject: string): QueueEntry | undefined {
        return parseQueueEntry(this.#options.store.getItem(this.#prefix + callObject));
    }

    #write(entry: QueueEntry): void {
        this.#options.store.setItem(this.#prefix + entry.callObject, JSON.stringify(entry));
        this.#options.onChange?.(this.entries());
    }
}

function errorText(error: unknown): string {
    if (error instanceof TaskSaveRefused) return error.reason;
    return (error instanceof Error ? error.message : String(error)).slice(0, 500);
}
