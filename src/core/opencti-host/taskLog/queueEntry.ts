// A stored entry of the Task log queue. localStorage is shared with every page of the Visualforce
// origin, so an entry is untrusted input: it is parsed against a schema (bounded sizes, Id
// patterns), and its Task is rebuilt from the allow-list of Task fields (taskFields.ts).
import {
    CALL_OBJECT_PATTERN,
    TASK_ID,
    taskFromFields,
    taskUpdateFromFields,
    type TaskFields
} from './taskFields';

const MAX_ENTRY_CHARS = 64_000;
const MAX_ERROR_CHARS = 500;

type EntryState = 'pending' | 'inFlight' | 'unknown' | 'failed';

export interface QueueEntry {
    callObject: string;
    fields: TaskFields;
    state: EntryState;
    attempts: number;
    nextAttemptAt: number;
    lastError?: string;
    /** The queue (tab) whose save is in flight, and since when: other tabs leave it alone. */
    owner?: string;
    claimedAt?: number;
    /** A failed entry whose last save may have landed: it is looked up before it is saved again. */
    unknownOutcome?: boolean;
    /** Set on an update of a Task already saved: its Id (the save is a saveLog with that Id). */
    taskId?: string;
    /**
     * Changes made while the save's outcome was open (in flight, or unknown): sent by Id once the
     * Task's Id is known, so that an edit never becomes a second Task.
     */
    update?: TaskFields;
    /** This browser claimed the call's logging (logClaims.ts) before its first save. */
    logClaimed?: boolean;
    /**
     * The agent's edits of a call another of their browsers logs: `fields` is an update, sent by Id once
     * that Task is found by its call (never a Task of its own).
     */
    elsewhere?: boolean;
}

/** The agent's edits of a call another browser logs, waiting for that Task to be found. */
export function elsewhereUpdate(callObject: string, update: TaskFields, now: number): QueueEntry {
    return { callObject, fields: update, state: 'unknown', attempts: 0, nextAttemptAt: now, elsewhere: true };
}

const STATES = new Set(['pending', 'inFlight', 'unknown', 'failed']);

const finiteNumber = (value: unknown): value is number => typeof value === 'number' && Number.isFinite(value);

/** A stored entry, or undefined when it is not one the softphone could have written. */
export function parseQueueEntry(stored: string | null): QueueEntry | undefined {
    if (!stored || stored.length > MAX_ENTRY_CHARS) return undefined;
    let raw: Record<string, unknown>;
    try {
        raw = JSON.parse(stored) as Record<string, unknown>;
    } catch {
        return undefined;
    }
    if (!raw || typeof raw !== 'object') return undefined;
    const { callObject, state, attempts, nextAttemptAt } = raw;
    if (typeof callObject !== 'string' || typeof state !== 'string' || !STATES.has(state)) return undefined;
    if (!finiteNumber(attempts) || !Number.isInteger(attempts) || attempts < 0 || attempts > 1000)
        return undefined;
    if (!finiteNumber(nextAttemptAt)) return undefined;
    const taskId = raw.taskId;
    if (taskId !== undefined && (typeof taskId !== 'string' || !TASK_ID.test(taskId))) return undefined;
    const elsewhere = raw.elsewhere === true && taskId === undefined;
    const fields =
        taskId === undefined && !elsewhere
            ? taskFromFields(raw.fields, callObject)
            : taskUpdateFromFields(raw.fields);
    if (!fields || !CALL_OBJECT_PATTERN.test(callObject)) return undefined;
    const entry: QueueEntry = {
        callObject,
        fields,
        state: state as QueueEntry['state'],
        attempts,
        nextAttemptAt
    };
    if (typeof raw.lastError === 'string') entry.lastError = raw.lastError.slice(0, MAX_ERROR_CHARS);
    if (typeof raw.owner === 'string' && raw.owner.length <= 64) entry.owner = raw.owner;
    if (finiteNumber(raw.claimedAt)) entry.claimedAt = raw.claimedAt;
    if (raw.unknownOutcome === true) entry.unknownOutcome = true;
    if (taskId !== undefined) entry.taskId = taskId;
    if (raw.logClaimed === true) entry.logClaimed = true;
    if (elsewhere) entry.elsewhere = true;
    const update = raw.update === undefined ? undefined : taskUpdateFromFields(raw.update);
    if (update && Object.keys(update).length > 0) entry.update = update;
    return entry;
}
