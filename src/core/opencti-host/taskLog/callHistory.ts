// The agent's Recent calls: the last 50, newest first, kept per agent in the browser (across
// reloads) and shared by the agent's tabs, with how many missed calls came in since the agent last
// opened the list. Stored in localStorage, which any script of the origin can write: read back
// through a codec that keeps only entries of the shape this softphone writes.
import { jsonCodec, type AgentStorage, type Codec } from '../../telephony/storage/agentStorage';
import { CALL_OBJECT_PATTERN, TASK_ID } from './taskFields';
import { displayText, record } from '../records/callAnnotation';
import type { LinkedRecord } from '../opencti/searchResult';
import { callOutcome, type CallRecord } from './callTask';
import type { DialingOptions } from '../../telephony/dialNumber';
import { presentNumber } from '../../telephony/numberPresenter';

export const MAX_HISTORY = 50;
const DIRECTIONS: ReadonlySet<string> = new Set(['inbound', 'outbound', 'internal']);
const OUTCOMES: ReadonlySet<string> = new Set(['busy', 'noAnswer', 'rejected', 'failed', 'missed']);
const MAX_NUMBER_CHARS = 64;
const MAX_RESULT_CHARS = 255;
const CONTROL = /[\u0000-\u001f\u007f]/;

export interface HistoryEntry {
    callId: string;
    direction: SoftphoneCallDirection;
    number: string;
    name?: string;
    startedAt: number;
    durationSeconds: number;
    result?: string;
    record?: LinkedRecord;
    taskId?: string;
    missed: boolean;
    outcome?: SoftphoneCallOutcome;
}

type Raw = Record<string, unknown>;
const isRecord = (value: unknown): value is Raw =>
    typeof value === 'object' && value !== null && !Array.isArray(value);
const finite = (value: unknown): value is number => typeof value === 'number' && Number.isFinite(value);

function decodeEntry(raw: unknown): HistoryEntry | undefined {
    if (!isRecord(raw)) return undefined;
    const { callId, direction, number, startedAt, durationSeconds, missed } = raw;
    if (typeof callId !== 'string' || !CALL_OBJECT_PATTERN.test(callId)) return undefined;
    if (typeof direction !== 'string' || !DIRECTIONS.has(direction)) return undefined;
    if (typeof number !== 'string' || number.length > MAX_NUMBER_CHARS || CONTROL.test(number))
        return undefined;
    if (!finite(startedAt) || !finite(durationSeconds) || durationSeconds < 0) return undefined;
    if (typeof missed !== 'boolean') return undefined;
    const entry: HistoryEntry = {
        callId,
        direction: direction as SoftphoneCallDirection,
        number,
        startedAt,
        durationSeconds: Math.round(durationSeconds),
        missed
    };
    const name = raw.name === undefined ? undefined : displayText(raw.name);
    if (name) entry.name = name;
    if (typeof raw.result === 'string' && raw.result.length <= MAX_RESULT_CHARS && !CONTROL.test(raw.result))
        entry.result = raw.result || undefined;
    const linked = raw.record === undefined ? undefined : record(raw.record);
    if (linked) entry.record = linked;
    if (typeof raw.taskId === 'string' && TASK_ID.test(raw.taskId)) entry.taskId = raw.taskId;
    if (typeof raw.outcome === 'string' && OUTCOMES.has(raw.outcome))
        entry.outcome = raw.outcome as SoftphoneCallOutcome;
    return entry;
}

export const historyCodec: Codec<HistoryEntry[]> = jsonCodec((raw) => {
    if (!Array.isArray(raw)) return undefined;
    return raw
        .slice(0, MAX_HISTORY)
        .map(decodeEntry)
        .filter((entry): entry is HistoryEntry => entry !== undefined);
});

/** The Recent entry of a call that ended. */
export function historyEntryOf(record: CallRecord): HistoryEntry {
    const { call } = record;
    const end = call.endTime ?? call.startTime;
    const entry: HistoryEntry = {
        callId: call.callId,
        direction: call.direction,
        number: call.remote.number.slice(0, MAX_NUMBER_CHARS),
        startedAt: call.startTime,
        durationSeconds:
            record.answeredAt === undefined ? 0 : Math.max(0, Math.round((end - record.answeredAt) / 1000)),
        missed: false
    };
    const outcome = callOutcome(record);
    if (outcome) entry.outcome = outcome;
    entry.missed = outcome === 'missed';
    const name = record.linked?.name || call.remote.name;
    if (name) entry.name = name;
    if (record.linked) entry.record = record.linked;
    return entry;
}

export class CallHistory {
    readonly #storage: AgentStorage;
    readonly #now: () => number;
    /** The Task Id of each call once known (it never changes). */
    readonly #taskIds = new Map<string, string>();

    constructor(storage: AgentStorage, now: () => number) {
        this.#storage = storage;
        this.#now = now;
    }

    /** Every tab adds the calls it sees end; a call added already is kept as it is. */
    add(entry: HistoryEntry): void {
        const entries = this.#read();
        if (entries.some((known) => known.callId === entry.callId)) return;
        this.#write([entry, ...entries]);
    }

    /** The wrap-up's outcome: the result picked and the record the Task is linked to. */
    settle(callId: string, outcome: { result: string; linked?: LinkedRecord }): void {
        const entries = this.#read();
        const index = entries.findIndex((entry) => entry.callId === callId);
        if (index < 0) return;
        const entry = { ...entries[index], result: outcome.result || undefined, record: outcome.linked };
        if (outcome.linked) entry.name = outcome.linked.name;
        entries[index] = entry;
        this.#write(entries);
    }

    find(callId: string): HistoryEntry | undefined {
        return this.#read().find((entry) => entry.callId === callId);
    }

    /** The agent opened the list: the missed calls so far are seen. */
    seen(): void {
        this.#storage.historySeen().write(this.#now());
    }

    /**
     * The list as the panel shows it, each number as the agent reads it; `taskIdOf` finds the Id of a
     * Task saved since the entry was written.
     */
    view(taskIdOf: (callId: string) => string | undefined, options: DialingOptions): SoftphoneHistory {
        const seenAt = this.#storage.historySeen().read() ?? 0;
        const stored = this.#read();
        let learnt = false;
        const entries = stored.map((entry): SoftphoneHistoryEntry => {
            const taskId = entry.taskId ?? this.#taskIdOf(entry.callId, taskIdOf);
            if (taskId && !entry.taskId) {
                // Kept in the entry: the queue remembers saved Tasks for a day only.
                entry.taskId = taskId;
                learnt = true;
            }
            const { record: linked, ...rest } = entry;
            return {
                ...rest,
                number: presentNumber(entry.number, options, entry.direction !== 'inbound').text,
                ...(taskId ? { taskId } : {}),
                ...(linked
                    ? {
                          record: {
                              recordId: linked.recordId,
                              name: linked.name,
                              objectType: linked.objectType,
                              ...(linked.personAccount ? { personAccount: true } : {})
                          }
                      }
                    : {})
            };
        });
        if (learnt) this.#write(stored);
        return {
            entries,
            unseenMissed: entries.filter((entry) => entry.missed && entry.startedAt > seenAt).length
        };
    }

    #taskIdOf(callId: string, lookup: (callId: string) => string | undefined): string | undefined {
        const known = this.#taskIds.get(callId);
        if (known) return known;
        const found = lookup(callId);
        if (found) this.#taskIds.set(callId, found);
        return found;
    }

    #read(): HistoryEntry[] {
        return this.#storage.callHistory(historyCodec).read() ?? [];
    }

    #write(entries: HistoryEntry[]): void {
        const newestFirst = [...entries].sort((a, b) => b.startedAt - a.startedAt).slice(0, MAX_HISTORY);
        this.#storage.callHistory(historyCodec).write(newestFirst);
    }
}
