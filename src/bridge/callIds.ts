// Contract call ids that outlive the bridge process. OAI call ids are reused over time, so a contract
// id is the OAI id plus when the bridge first saw the call; kept in a small file while the call is
// live, the same PBX call gets the same contract id after a restart and its resync, and the
// softphone (whose Task log is keyed by call id) sees one call, not an ended one and a new one.
import { renameSync, readFileSync, writeFileSync } from 'node:fs';

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
    private timer: NodeJS.Timeout | undefined;
    private pruned = false;

    constructor(options: CallIdStoreOptions) {
        this.options = options;
        this.now = options.now ?? Date.now;
        if (options.file) this.load(options.file);
    }

    get size(): number {
        return this.records.size;
    }

    station(extension: string): StationCallIds {
        return {
            assign: (oaiCallId, now) => {
                const existing = this.records.get(key(extension, oaiCallId));
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
                this.records.set(key(extension, oaiCallId), record);
                this.changed();
                return { callId: record.callId, startTime: record.startTime };
            },
            answered: (oaiCallId, time) => {
                const record = this.records.get(key(extension, oaiCallId));
                if (!record || record.answerTime !== undefined) return;
                record.answerTime = time;
                this.changed();
            },
            moved: (from, to) => {
                const record = this.records.get(key(extension, from));
                if (!record) return;
                this.records.delete(key(extension, from));
                this.records.set(key(extension, to), record);
                this.changed();
            },
            released: (oaiCallId) => {
                if (this.records.delete(key(extension, oaiCallId))) this.changed();
            }
        };
    }

    stations(): string[] {
        return [...new Set([...this.records.keys()].map((name) => name.slice(0, name.indexOf('|'))))];
    }

    resynced(): void {
        if (this.pruned) return;
        this.pruned = true;
        let removed = false;
        for (const [name, record] of this.records)
            if (!record.claimed) {
                this.records.delete(name);
                removed = true;
            }
        if (removed) this.changed();
    }

    flush(): void {
        if (this.timer === undefined) return;
        clearTimeout(this.timer);
        this.timer = undefined;
        this.write();
    }

    private changed(): void {
        if (!this.options.file || this.timer !== undefined) return;
        this.timer = setTimeout(() => {
            this.timer = undefined;
            this.write();
        }, WRITE_DELAY_MS);
    }

    private write(): void {
        const file = this.options.file;
        if (!file) return;
        const records = [...this.records].map(([name, { callId, startTime, answerTime }]) => ({
            key: name,
            callId,
            startTime,
            ...(answerTime === undefined ? {} : { answerTime })
        }));
        try {
            // Written beside and renamed over, so a crash mid-write leaves the previous file whole.
            writeFileSync(`${file}.tmp`, JSON.stringify({ version: 1, records }));
            renameSync(`${file}.tmp`, file);
        } catch (error) {
            this.options.onProblem?.(`call ids not saved to ${file}: ${(error as Error).message}`);
        }
    }

    private load(file: string): void {
        let text: string;
        try {
            text = readFileSync(file, 'utf8');
        } catch (error) {
            if ((error as NodeJS.ErrnoException).code !== 'ENOENT')
                this.options.onProblem?.(`call ids not read from ${file}: ${(error as Error).message}`);
            return;
        }
        const now = this.now();
        try {
            const parsed = JSON.parse(text) as { records?: unknown };
            if (!Array.isArray(parsed.records)) throw new Error('no records');
            for (const entry of parsed.records as Record<string, unknown>[]) {
                const { key: name, callId, startTime, answerTime } = entry;
                if (typeof name !== 'string' || typeof callId !== 'string' || typeof startTime !== 'number')
                    continue;
                if (now - startTime >= MAX_AGE_MS) continue;
                this.records.set(name, {
                    callId,
                    startTime,
                    ...(typeof answerTime === 'number' ? { answerTime } : {}),
                    claimed: false
                });
            }
        } catch (error) {
            this.options.onProblem?.(
                `call ids in ${file} not readable, starting afresh: ${(error as Error).message}`
            );
        }
    }
}
