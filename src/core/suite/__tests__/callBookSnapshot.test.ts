// The call book as the Suite client fills it: snapshots, calls that ended while nobody listened,
// and the limits of what a desk phone can have.
import { CallBook, SNAPSHOT_LIMITS } from '../callBook';
import type { CallChange, SuiteCall } from '../types';

const NOW = 1_700_000_000_000;

function call(callId: string, fields: Partial<SuiteCall> = {}): SuiteCall {
    return {
        callId,
        state: 'ringing',
        direction: 'inbound',
        remote: { number: '01632960123', name: 'ACME LTD' },
        startTime: NOW - 60_000,
        cause: 'newCall',
        capabilities: ['answer', 'clear'],
        ...fields
    };
}

const ended = (callId: string) => call(callId, { state: 'cleared', cause: 'normalClear', capabilities: [] });
const ids = (calls: Iterable<SuiteCall>) => [...calls].map((entry) => entry.callId);
const many = (count: number, prefix: string, make = call) =>
    Array.from({ length: count }, (_, index) => make(`${prefix}${index}`));

/** A book and what it reported ended, as `id state cause`. */
function mirror() {
    const book = new CallBook(() => NOW);
    const reported: string[] = [];
    const report = ({ entry: { call: ended } }: CallChange) =>
        reported.push(`${ended.callId} ${ended.state} ${ended.cause}`);
    const snapshot = (live: SuiteCall[], recent: unknown[] = []) =>
        book.takeSnapshot(live, recent, (raw) => raw as SuiteCall, report).map((change) => change.entry.call);
    return { calls: book, dropped: book.dropped, reported, report, snapshot };
}

describe('the call book as the Suite fills it', () => {
    it('holds a changed call in its place and lets a cleared one go', () => {
        const { calls } = mirror();
        calls.apply(call('c_1'));
        calls.apply(call('c_2'));
        calls.apply(call('c_1', { state: 'connected', cause: 'answered' }));
        expect(ids(calls.calls.values())).toEqual(['c_1', 'c_2']);
        expect(calls.calls.get('c_1')?.state).toBe('connected');
        calls.apply(ended('c_1'));
        expect(ids(calls.calls.values())).toEqual(['c_2']);
    });

    it('follows a full list from the leading tab: the calls it lacks end, a cleared one in it is not live', () => {
        const { calls, reported, report } = mirror();
        calls.apply(call('c_old'));
        const changes = calls.follow([call('c_1'), ended('c_2'), call('c_3', { state: 'held' })], report);
        expect(reported).toEqual(['c_old cleared newCall']);
        expect(changes.map((change) => [change.kind, change.entry.call.callId])).toEqual([
            ['live', 'c_1'],
            ['live', 'c_3']
        ]);
        expect(ids(calls.calls.values())).toEqual(['c_1', 'c_3']);
    });

    it('reports the calls a full list lacks as ended while away, each gone from the mirror as it is reported', () => {
        const { calls } = mirror();
        calls.apply(call('c_answered', { state: 'connected', cause: 'answered', answerTime: NOW - 30_000 }));
        calls.apply(call('c_held', { state: 'held', cause: 'holdIndividual' }));
        calls.apply(call('c_live'));
        const seen: [string, string[]][] = [];
        calls.endMissing(new Set(['c_live']), ({ entry }) =>
            seen.push([entry.call.callId, ids(calls.calls.values())])
        );
        expect(seen).toEqual([
            ['c_answered', ['c_held', 'c_live']],
            ['c_held', ['c_live']]
        ]);

        const reported: SuiteCall[] = [];
        calls.apply(call('c_answered', { state: 'connected', cause: 'answered' }));
        calls.endMissing(new Set(), ({ entry }) => reported.push(entry.call));
        expect(
            reported.map(({ callId, state, cause, endTime, capabilities }) => ({
                callId,
                state,
                cause,
                endTime,
                capabilities
            }))
        ).toEqual([
            { callId: 'c_live', state: 'cleared', cause: 'newCall', endTime: NOW, capabilities: [] },
            { callId: 'c_answered', state: 'cleared', cause: 'resync', endTime: NOW, capabilities: [] }
        ]);
        expect(calls.calls.size).toBe(0);
    });

    describe('taking a snapshot from the Suite', () => {
        it('reports the calls it lacks first, then the recently ended ones, and then holds its live calls', () => {
            const { calls, reported, snapshot } = mirror();
            calls.apply(call('c_gone'));
            calls.apply(call('c_stays'));
            let heldWhileReporting: string[] = [];
            const live = calls
                .takeSnapshot(
                    [call('c_stays', { state: 'connected', cause: 'answered' }), call('c_new')],
                    [ended('c_short')],
                    (raw) => raw as SuiteCall,
                    ({ entry }) => {
                        reported.push(`${entry.call.callId} ${entry.call.state} ${entry.call.cause}`);
                        heldWhileReporting = ids(calls.calls.values());
                    }
                )
                .map((change) => change.entry.call);
            expect(reported).toEqual(['c_gone cleared newCall', 'c_short cleared normalClear']);
            // Listeners see the calls as before the snapshot, less the ended ones, until it is held.
            expect(heldWhileReporting).toEqual(['c_stays']);
            expect(ids(live)).toEqual(['c_stays', 'c_new']);
            expect(ids(calls.calls.values())).toEqual(['c_stays', 'c_new']);
            expect(calls.calls.get('c_stays')?.state).toBe('connected');
            snapshot([]);
            expect(reported.slice(2)).toEqual(['c_stays cleared resync', 'c_new cleared newCall']);
        });

        it('ends a known call the snapshot lacks as the Suite reports it ended, answered while nobody listened', () => {
            const { calls, reported, report } = mirror();
            calls.apply(call('c_rang'));
            const suiteRecord = ended('c_rang');
            const changes: CallChange[] = [];
            calls.takeSnapshot(
                [],
                [{ ...suiteRecord, answerTime: NOW - 20_000, endTime: NOW - 5_000 }],
                (raw) => raw as SuiteCall,
                (ended) => {
                    changes.push(ended);
                    report(ended);
                }
            );
            expect(reported).toEqual(['c_rang cleared normalClear']);
            expect(changes[0]).toMatchObject({
                kind: 'ended',
                seenLive: true,
                entry: { answeredAt: NOW - 20_000, call: { endTime: NOW - 5_000 } }
            });
        });

        it('reports a recently ended call once, and none it already saw end (by an event or while away)', () => {
            const { calls, reported, snapshot } = mirror();
            calls.apply(call('c_event'));
            calls.apply(ended('c_event'));
            calls.apply(call('c_away'));
            snapshot([], [ended('c_event'), ended('c_short'), call('c_not_ended'), undefined]);
            expect(reported).toEqual(['c_away cleared newCall', 'c_short cleared normalClear']);
            snapshot([], [ended('c_event'), ended('c_short'), ended('c_away')]);
            expect(reported).toHaveLength(2);
        });

        it('holds at most the live-call limit, those already known first, and counts the rest as dropped', () => {
            const { calls, dropped, snapshot } = mirror();
            calls.apply(call('c_known'));
            const live = snapshot([...many(SNAPSHOT_LIMITS.liveCalls + 4, 'c_new_'), call('c_known')]);
            expect(live).toHaveLength(SNAPSHOT_LIMITS.liveCalls);
            expect(live[0].callId).toBe('c_known');
            expect(dropped.liveCalls).toBe(5);
            expect(calls.calls.has('c_new_15')).toBe(false);
        });

        it('keeps a call over the limit dropped for its whole life: later snapshots, its events, its end', () => {
            const { calls, dropped, reported, snapshot } = mirror();
            snapshot(many(SNAPSHOT_LIMITS.liveCalls + 1, 'c_'));
            const over = `c_${SNAPSHOT_LIMITS.liveCalls}`;
            expect(dropped.liveCalls).toBe(1);
            // A line came free, but the dropped call does not come back.
            snapshot([...many(SNAPSHOT_LIMITS.liveCalls - 1, 'c_'), call(over)]);
            expect(calls.calls.has(over)).toBe(false);
            expect(calls.admit(call(over, { state: 'connected' }))).toBeUndefined();
            expect(calls.admit(ended(over))).toBeUndefined();
            snapshot([], [ended(over)]);
            expect(reported.filter((line) => line.startsWith(`${over} `))).toEqual([]);
            expect(calls.calls.has(over)).toBe(false);
        });

        it('reports the last recently ended calls of a snapshot only, and counts the older ones as dropped', () => {
            const { dropped, reported, snapshot } = mirror();
            snapshot([], many(SNAPSHOT_LIMITS.recentCalls + 7, 'c_ended_', ended));
            expect(reported).toHaveLength(SNAPSHOT_LIMITS.recentCalls);
            expect(reported[0]).toBe('c_ended_7 cleared normalClear');
            expect(dropped.recentCalls).toBe(7);
        });
    });

    describe('taking an event from the Suite', () => {
        it('takes a new call while a line is free, and refuses and counts one over the limit', () => {
            const { calls, dropped } = mirror();
            for (const entry of many(SNAPSHOT_LIMITS.liveCalls, 'c_'))
                expect(calls.admit(entry)).toBeDefined();
            expect(calls.admit(call('c_extra'))).toBeUndefined();
            expect(dropped.liveCalls).toBe(1);
            // A known call still changes, and any call may end.
            expect(calls.admit(call('c_0', { state: 'connected' }))).toBeDefined();
            expect(calls.admit(ended('c_1'))).toBeDefined();
            expect(calls.calls.size).toBe(SNAPSHOT_LIMITS.liveCalls - 1);
            // The freed line takes the next new call, not the dropped one.
            expect(calls.admit(call('c_extra'))).toBeUndefined();
            expect(calls.admit(call('c_next'))).toBeDefined();
        });
    });
});
