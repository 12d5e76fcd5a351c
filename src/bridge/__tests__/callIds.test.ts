// The contract call ids kept over a restart: a second store on the same file (the restarted bridge)
// gives a live call its id again; what the first resync does not claim, or what is a day old, is gone.
import { appendFileSync, chmodSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
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
        expect(createCallIdStore({ file, now: () => NOW }).size).toBe(1);
    });

    it('does not reuse a record a day old: the PBX may have given its OAI id to another call', () => {
        const before = createCallIdStore({ file, now: () => NOW });
        const old = before.station('2001').assign('1234', NOW);
        before.flush();
        const dayLater = NOW + 24 * 3600_000;
        const after = createCallIdStore({ file, now: () => dayLater });
        expect(after.station('2001').assign('1234', dayLater).callId).not.toBe(old.callId);
    });

    it("reads a file an earlier release wrote whole, and makes it the bridge's own (0600)", () => {
        const record = { key: '2001|1234', callId: 'oai-1234-abc', startTime: NOW, answerTime: NOW + 1 };
        writeFileSync(file, JSON.stringify({ version: 1, records: [record] }), { mode: 0o644 });
        chmodSync(file, 0o644);
        const store = createCallIdStore({ file, now: () => NOW });
        expect(store.station('2001').assign('1234', NOW + 2)).toEqual({
            callId: 'oai-1234-abc',
            startTime: NOW,
            answerTime: NOW + 1
        });
        expect(statSync(file).mode & 0o777).toBe(0o600);
    });

    it('keeps what came before a last line a crash cut short', () => {
        const before = createCallIdStore({ file, now: () => NOW });
        const kept = before.station('2001').assign('1234', NOW);
        before.flush();
        before.station('2001').assign('1235', NOW);
        before.flush();
        appendFileSync(file, '{"set":{"key":"2001|12');
        const after = createCallIdStore({ file, now: () => NOW });
        expect(after.size).toBe(2);
        expect(after.station('2001').assign('1234', NOW + 1)).toEqual(kept);
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

describe('the file', () => {
    it('is created 0600, and stays so when it is written whole again', () => {
        const store = createCallIdStore({ file, now: () => NOW });
        store.station('2001').assign('1', NOW);
        store.flush();
        expect(statSync(file).mode & 0o777).toBe(0o600);
        for (let index = 2; index < 1000; index++) {
            store.station('2001').assign(String(index), NOW);
            store.station('2001').released(String(index));
            store.flush();
        }
        expect(statSync(file).mode & 0o777).toBe(0o600);
    });

    it('takes one short line appended per change, however many calls are held: it is not written whole', () => {
        const store = createCallIdStore({ file, now: () => NOW });
        for (let index = 0; index < 1000; index++) store.station('2001').assign(String(index), NOW);
        store.flush();
        const held = statSync(file);
        store.station('2001').answered('500', NOW + 1000);
        store.flush();
        const after = statSync(file);
        expect(after.ino).toBe(held.ino);
        expect(after.size - held.size).toBeLessThan(120);
    });

    it('stays about the size of the calls it holds, however many changes came before', () => {
        const store = createCallIdStore({ file, now: () => NOW });
        store.station('2001').assign('live', NOW);
        for (let index = 0; index < 5000; index++) {
            store.station('2001').assign(String(index), NOW);
            store.station('2001').released(String(index));
            store.flush();
        }
        // At most a few hundred changes since it was last written whole (about 60 bytes each).
        expect(statSync(file).size).toBeLessThan(40_000);
        expect(createCallIdStore({ file, now: () => NOW }).size).toBe(1);
    });
});
