// Contract call ids that outlive the bridge process. OAI call ids are reused over time, so a contract
// id is the OAI id plus when the bridge first saw the call; kept in a small file while the call is
// live, the same PBX call gets the same contract id after a restart and its resync, and the
// softphone (whose Task log is keyed by call id) sees one call, not an ended one and a new one. The
// file is a journal (./callIdJournal.ts): a change costs one short line, whatever the calls held.
import {
    CallIdJournal,
    deleteChange,
    setChange,
    type JournalChange,
    type JournalRecord
} from './callIdJournal';

export interface CallRecord {
    callId: string;
    startTime: number;
    answerTime?: number;
}

/** One station's view: what its call model asks. */
export interface StationCallIds {
    /** The record of a call first heard of now: the one it had before a restart, or a new one. */
    assign(oaiCallId: string, now: number): CallRecord;
    answered(oaiCallId: string, time: number): void;
    /** A transfer moved the station's call to another OAI call id (the announcement call's). */
    moved(from: string, to: string): void;
    released(oaiCallId: string): void;
}

export interface CallIdStore {
    station(extension: string): StationCallIds;
    /** A resync has ended: records from before the start that it did not claim are of calls gone meanwhile. */
    resynced(): void;
    /** Writes what is pending now (on stop). */
    flush(): void;
    /** The stations with a live call on record: a restarted bridge follows them, so it finds those calls again. */
    stations(): string[];
    readonly size: number;
}

interface Stored extends CallRecord {
    /** Claimed since this process started (a resync reported the call, or it is new). */
    claimed: boolean;
}

const key = (extension: string, oaiCallId: string) => `${extension}|${oaiCallId}`;
/** A record older than this is of a call the PBX has long forgotten: its OAI id may be reused. */
const MAX_AGE_MS = 24 * 3600_000;
const WRITE_DELAY_MS = 20;

export interface CallIdStoreOptions {
    /** Where the records are kept; none: in memory only (ids are new after a restart). */
    file?: string;
    now?: () => number;
    /** A state file that could not be read is reported and the bridge starts with no records. */
    onProblem?: (message: string) => void;
}

export function createCallIdStore(options: CallIdStoreOptions = {}): CallIdStore {
    return new Store(options);
}

class Store implements CallIdStore {
    private readonly records = new Map<string, Stored>();
    private readonly options: CallIdStoreOptions;
    private readonly now: () => number;
    private readonly journal: CallIdJournal | undefined;
    /** Changes not yet in the file, in order. */
    private pending: JournalChange[] = [];
    private timer: NodeJS.Timeout | undefined;
    private pruned = false;

    constructor(options: CallIdStoreOptions) {
        this.options = options;
        this.now = options.now ?? Date.now;
        this.journal = options.file ? new CallIdJournal(options.file) : undefined;
        this.load();
    }

    get size(): number {
        return this.records.size;
    }

    station(extension: string): StationCallIds {
        return {
            assign: (oaiCallId, now) => {
                const name = key(extension, oaiCallId);
                const existing = this.records.get(name);
                if (existing && now - existing.startTime < MAX_AGE_MS) {
                    existing.claimed = true;
                    const { callId, startTime, answerTime } = existing;
                    return answerTime === undefined
                        ? { callId, startTime }
                        : { callId, startTime, answerTime };
                }
                const record: Stored = {
                    callId: `oai-${oaiCallId}-${now.toString(36)}`,
                    startTime: now,
                    claimed: true
                };
                this.records.set(name, record);
                this.set(name, record);
                return { callId: record.callId, startTime: record.startTime };
            },
            answered: (oaiCallId, time) => {
                const name = key(extension, oaiCallId);
                const record = this.records.get(name);
                if (!record || record.answerTime !== undefined) return;
                record.answerTime = time;
                this.set(name, record);
            },
            moved: (from, to) => {
                const record = this.records.get(key(extension, from));
                if (!record) return;
                this.delete(key(extension, from));
                this.records.set(key(extension, to), record);
                this.set(key(extension, to), record);
            },
            released: (oaiCallId) => this.delete(key(extension, oaiCallId))
        };
    }

    stations(): string[] {
        return [...new Set([...this.records.keys()].map((name) => name.slice(0, name.indexOf('|'))))];
    }

    resynced(): void {
        if (this.pruned) return;
        this.pruned = true;
        for (const [name, record] of this.records) if (!record.claimed) this.delete(name);
    }

    flush(): void {
        if (this.timer === undefined) return;
        clearTimeout(this.timer);
        this.timer = undefined;
        this.write();
    }

    private set(name: string, record: Stored): void {
        this.changed(setChange(journalRecord(name, record)));
    }

    private delete(name: string): void {
        if (this.records.delete(name)) this.changed(deleteChange(name));
    }

    private changed(change: JournalChange): void {
        if (!this.journal) return;
        this.pending.push(change);
        if (this.timer !== undefined) return;
        this.timer = setTimeout(() => {
            this.timer = undefined;
            this.write();
        }, WRITE_DELAY_MS);
    }

    private write(): void {
        const changes = this.pending;
        this.pending = [];
        try {
            this.journal?.write(
                changes,
                () => [...this.records].map(([name, record]) => journalRecord(name, record)),
                this.records.size
            );
        } catch (error) {
            this.options.onProblem?.(
                `call ids not saved to ${this.options.file}: ${(error as Error).message}`
            );
        }
    }

    private load(): void {
        const file = this.options.file;
        let records: Map<string, JournalRecord> | undefined;
        try {
            records = this.journal?.read();
        } catch (error) {
            const code = (error as NodeJS.ErrnoException).code;
            this.options.onProblem?.(
                code
                    ? `call ids not read from ${file}: ${(error as Error).message}`
                    : `call ids in ${file} not readable, starting afresh: ${(error as Error).message}`
            );
            return;
        }
        const now = this.now();
        for (const { key: name, callId, startTime, answerTime } of records?.values() ?? []) {
            if (now - startTime >= MAX_AGE_MS) continue;
            this.records.set(name, {
                callId,
                startTime,
                ...(answerTime === undefined ? {} : { answerTime }),
                claimed: false
            });
        }
    }
}

function journalRecord(name: string, { callId, startTime, answerTime }: Stored): JournalRecord {
    return { key: name, callId, startTime, ...(answerTime === undefined ? {} : { answerTime }) };
}
