// The file the call ids of live calls are kept in (./callIds.ts), as a journal: a whole picture on its
// first line, then one line per change since. A change appends its line (a few dozen bytes, whatever
// the number of calls held), and once the journal holds more changes than twice the calls it describes
// it is written whole again, beside and renamed over, so the cost per change stays bounded. The file
// holds the callers' call ids only, still it is the bridge's own: it is created, and kept, 0600.
import { appendFileSync, chmodSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';

export interface JournalRecord {
    key: string;
    callId: string;
    startTime: number;
    answerTime?: number;
}

export type JournalChange = { set: JournalRecord } | { delete: string };

/** Below this many changes the journal is never rewritten: a few calls do not churn the file. */
const MIN_CHANGES_BEFORE_REWRITE = 256;
const OWNER_ONLY = 0o600;

export class CallIdJournal {
    private readonly file: string;
    private changesSinceWhole = 0;
    /** Whether the file begins with a whole picture this journal read or wrote (else the next write is one). */
    private started = false;

    constructor(file: string) {
        this.file = file;
    }

    /** The records as the file has them, or undefined when there is no file; throws for one it cannot read. */
    read(): Map<string, JournalRecord> | undefined {
        let text: string;
        try {
            text = readFileSync(this.file, 'utf8');
        } catch (error) {
            if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
            throw error;
        }
        // A file an earlier release wrote with the default mode becomes the bridge's own.
        chmodSync(this.file, OWNER_ONLY);
        const [first, ...changes] = text.split('\n');
        const parsed = JSON.parse(first) as { records?: unknown };
        if (!Array.isArray(parsed.records)) throw new Error('no records');
        const records = new Map<string, JournalRecord>();
        for (const entry of parsed.records as unknown[]) {
            const record = recordOf(entry);
            if (record) records.set(record.key, record);
        }
        for (const line of changes) {
            // The last line may be cut short by a crash mid-append: what came before it stands.
            const change = changeOf(line);
            if (!change) break;
            if ('set' in change) records.set(change.set.key, change.set);
            else records.delete(change.delete);
            this.changesSinceWhole++;
        }
        this.started = true;
        return records;
    }

    /** Appends the changes; when the journal has grown past twice `current`, writes `current` whole instead. */
    write(changes: readonly JournalChange[], current: () => Iterable<JournalRecord>, size: number): void {
        this.changesSinceWhole += changes.length;
        if (!this.started || this.changesSinceWhole > Math.max(MIN_CHANGES_BEFORE_REWRITE, 2 * size)) {
            this.writeWhole(current());
            return;
        }
        appendFileSync(this.file, changes.map((change) => `${JSON.stringify(change)}\n`).join(''), {
            mode: OWNER_ONLY
        });
    }

    /** The whole picture, written beside and renamed over, so a crash mid-write leaves the previous file whole. */
    writeWhole(records: Iterable<JournalRecord>): void {
        const temporary = `${this.file}.tmp`;
        // A temporary file left by a crash may have another mode: it is made afresh.
        rmSync(temporary, { force: true });
        writeFileSync(temporary, `${JSON.stringify({ version: 1, records: [...records] })}\n`, {
            mode: OWNER_ONLY
        });
        renameSync(temporary, this.file);
        this.changesSinceWhole = 0;
        this.started = true;
    }
}

export const setChange = (record: JournalRecord): JournalChange => ({ set: record });
export const deleteChange = (key: string): JournalChange => ({ delete: key });

function recordOf(value: unknown): JournalRecord | undefined {
    if (typeof value !== 'object' || value === null) return undefined;
    const { key, callId, startTime, answerTime } = value as Record<string, unknown>;
    if (typeof key !== 'string' || typeof callId !== 'string' || typeof startTime !== 'number')
        return undefined;
    return { key, callId, startTime, ...(typeof answerTime === 'number' ? { answerTime } : {}) };
}

function changeOf(line: string): JournalChange | undefined {
    if (!line) return undefined;
    let value: unknown;
    try {
        value = JSON.parse(line);
    } catch {
        return undefined;
    }
    if (typeof value !== 'object' || value === null) return undefined;
    const change = value as { set?: unknown; delete?: unknown };
    if (typeof change.delete === 'string') return { delete: change.delete };
    const record = recordOf(change.set);
    return record ? { set: record } : undefined;
}
