// The contract call ids kept over a restart: a second store on the same file (the restarted bridge)
// gives a live call its id again; what the first resync does not claim, or what is a day old, is gone.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createCallIdStore } from '../callIds';

let dir: string;
let file: string;
const NOW = Date.parse('2026-12-01T10:00:00Z');

beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'call-ids-'));
    file = join(dir, 'call-ids.json');
});

afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('call ids over a restart', () => {
    it('gives a call live across the restart its id, start and answer time again', () => {
        const before = createCallIdStore({ file, now: () => NOW });
        const record = before.station('2001').assign('1234', NOW);
        before.station('2001').answered('1234', NOW + 5000);
        before.flush();
        const after = createCallIdStore({ file, now: () => NOW + 60_000 });
        expect(after.station('2001').assign('1234', NOW + 60_000)).toEqual({
            ...record,
            answerTime: NOW + 5000
        });
        // The same OAI call at another station is another contract call.
        expect(after.station('2002').assign('1234', NOW + 60_000).callId).not.toBe(record.callId);
    });

    it('follows a call a transfer moved to another OAI call id', () => {
        const before = createCallIdStore({ file, now: () => NOW });
        const { callId } = before.station('2002').assign('1300', NOW);
        before.station('2002').moved('1300', '1234');
        before.flush();
        const after = createCallIdStore({ file, now: () => NOW });
        expect(after.station('2002').assign('1234', NOW + 1).callId).toBe(callId);
    });

    it('forgets, at the first resync, the calls it did not report again, and an ended call at once', () => {
        const before = createCallIdStore({ file, now: () => NOW });
        const kept = before.station('2001').assign('1234', NOW);
        before.station('2001').assign('1235', NOW);
        before.station('2001').assign('1236', NOW);
        before.station('2001').released('1236');
        before.flush();
        const after = createCallIdStore({ file, now: () => NOW });
        expect(after.size).toBe(2);
        expect(after.station('2001').assign('1234', NOW + 1)).toEqual(kept);
        after.resynced();
        after.flush();
        expect(after.size).toBe(1);
        const saved = JSON.parse(readFileSync(file, 'utf8')) as { records: { key: string }[] };
        expect(saved.records.map((record) => record.key)).toEqual(['2001|1234']);
    });

    it('does not reuse a record a day old: the PBX may have given its OAI id to another call', () => {
        const before = createCallIdStore({ file, now: () => NOW });
        const old = before.station('2001').assign('1234', NOW);
        before.flush();
        const dayLater = NOW + 24 * 3600_000;
        const after = createCallIdStore({ file, now: () => dayLater });
        expect(after.station('2001').assign('1234', dayLater).callId).not.toBe(old.callId);
    });

    it('reports a file it cannot read and starts with no records', () => {
        writeFileSync(file, '{"records": [tru');
        const problems: string[] = [];
        const store = createCallIdStore({ file, onProblem: (message) => problems.push(message) });
        expect(store.size).toBe(0);
        expect(problems).toEqual([
            expect.stringContaining(`call ids in ${file} not readable, starting afresh`)
        ]);
    });
});
