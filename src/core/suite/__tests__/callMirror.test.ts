import { CallMirror, SNAPSHOT_LIMITS } from '../callMirror';
import type { SuiteCall } from '../types';

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

/** A mirror and what it reported, as `id state cause`. */
function mirror() {
    const dropped = { droppedLiveCalls: 0, droppedRecentCalls: 0 };
    const calls = new CallMirror(dropped);
    const reported: string[] = [];
    const report = (entry: SuiteCall) => reported.push(`${entry.callId} ${entry.state} ${entry.cause}`);
    const snapshot = (live: SuiteCall[], recent: unknown[] = []) =>
        calls.takeSnapshot(live, recent, (raw) => raw as SuiteCall, NOW, report);
    return { calls, dropped, reported, report, snapshot };
}

describe('the call mirror', () => {
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

    it('replaces its calls with a full list, leaving out any cleared one in it', () => {
        const { calls } = mirror();
        calls.apply(call('c_old'));
        calls.replace([call('c_1'), ended('c_2'), call('c_3', { state: 'held' })]);
        expect(ids(calls.calls.values())).toEqual(['c_1', 'c_3']);
    });

    it('reports the calls a full list lacks as ended while away, each gone from the mirror as it is reported', () => {
        const { calls } = mirror();
        calls.apply(call('c_answered', { state: 'connected', cause: 'answered', answerTime: NOW - 30_000 }));
        calls.apply(call('c_held', { state: 'held', cause: 'holdIndividual' }));
        calls.apply(call('c_live'));
        const seen: [string, string[]][] = [];
        calls.endMissing(new Set(['c_live']), NOW, (entry) =>
            seen.push([entry.callId, ids(calls.calls.values())])
        );
        expect(seen).toEqual([
            ['c_answered', ['c_held', 'c_live']],
            ['c_held', ['c_live']]
        ]);

        const reported: SuiteCall[] = [];
        calls.apply(call('c_answered', { state: 'connected', cause: 'answered' }));
        calls.endMissing(new Set(), NOW, (entry) => reported.push(entry));
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
            const live = calls.takeSnapshot(
                [call('c_stays', { state: 'connected', cause: 'answered' }), call('c_new')],
                [ended('c_short')],
                (raw) => raw as SuiteCall,
                NOW,
                (entry) => {
                    reported.push(`${entry.callId} ${entry.state} ${entry.cause}`);
                    heldWhileReporting = ids(calls.calls.values());
                }
            );
            expect(reported).toEqual(['c_gone cleared newCall', 'c_short cleared normalClear']);
            // Listeners see the calls as before the snapshot, less the ended ones, until it is held.
            expect(heldWhileReporting).toEqual(['c_stays']);
            expect(ids(live)).toEqual(['c_stays', 'c_new']);
            expect(ids(calls.calls.values())).toEqual(['c_stays', 'c_new']);
            expect(calls.calls.get('c_stays')?.state).toBe('connected');
            snapshot([]);
            expect(reported.slice(2)).toEqual(['c_stays cleared resync', 'c_new cleared newCall']);
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
            expect(dropped.droppedLiveCalls).toBe(5);
            expect(calls.calls.has('c_new_15')).toBe(false);
        });

        it('keeps a call over the limit dropped for its whole life: later snapshots, its events, its end', () => {
            const { calls, dropped, reported, snapshot } = mirror();
            snapshot(many(SNAPSHOT_LIMITS.liveCalls + 1, 'c_'));
            const over = `c_${SNAPSHOT_LIMITS.liveCalls}`;
            expect(dropped.droppedLiveCalls).toBe(1);
            // A line came free, but the dropped call does not come back.
            snapshot([...many(SNAPSHOT_LIMITS.liveCalls - 1, 'c_'), call(over)]);
            expect(calls.calls.has(over)).toBe(false);
            expect(calls.admit(call(over, { state: 'connected' }))).toBe(false);
            expect(calls.admit(ended(over))).toBe(false);
            snapshot([], [ended(over)]);
            expect(reported.filter((line) => line.startsWith(`${over} `))).toEqual([]);
            expect(calls.calls.has(over)).toBe(false);
        });

        it('reports the last recently ended calls of a snapshot only, and counts the older ones as dropped', () => {
            const { dropped, reported, snapshot } = mirror();
            snapshot([], many(SNAPSHOT_LIMITS.recentCalls + 7, 'c_ended_', ended));
            expect(reported).toHaveLength(SNAPSHOT_LIMITS.recentCalls);
            expect(reported[0]).toBe('c_ended_7 cleared normalClear');
            expect(dropped.droppedRecentCalls).toBe(7);
        });
    });

    describe('taking an event from the Suite', () => {
        it('takes a new call while a line is free, and refuses and counts one over the limit', () => {
            const { calls, dropped } = mirror();
            for (const entry of many(SNAPSHOT_LIMITS.liveCalls, 'c_')) expect(calls.admit(entry)).toBe(true);
            expect(calls.admit(call('c_extra'))).toBe(false);
            expect(dropped.droppedLiveCalls).toBe(1);
            // A known call still changes, and any call may end.
            expect(calls.admit(call('c_0', { state: 'connected' }))).toBe(true);
            expect(calls.admit(ended('c_1'))).toBe(true);
            expect(calls.calls.size).toBe(SNAPSHOT_LIMITS.liveCalls - 1);
            // The freed line takes the next new call, not the dropped one.
            expect(calls.admit(call('c_extra'))).toBe(false);
            expect(calls.admit(call('c_next'))).toBe(true);
        });
    });
});
