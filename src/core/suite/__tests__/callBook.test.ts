// The call book as the host relies on it: what each Suite report means for the agent's calls.
import type { SuiteCall } from '../types';
import { CallBook } from '../callBook';

const NOW = 1_800_000_000_000;

function report(callId: string, state: SuiteCall['state'], extra: Partial<SuiteCall> = {}): SuiteCall {
    return {
        callId,
        state,
        direction: 'inbound',
        remote: { number: '01632 960123', name: 'ACME LTD' },
        startTime: NOW - 10_000,
        cause: '',
        capabilities: [],
        ...extra
    };
}

describe('CallBook', () => {
    it('tracks a call from ringing to answered to ended, with its answer time', () => {
        let now = NOW;
        const book = new CallBook(() => now);
        expect(book.apply(report('c_1', 'ringing'))).toMatchObject({
            kind: 'live',
            isNew: true,
            answered: false
        });
        now += 3000;
        const answered = book.apply(report('c_1', 'connected'));
        expect(answered).toMatchObject({ kind: 'live', isNew: false, answered: true });
        expect(answered.entry).toMatchObject({ incoming: true, answeredAt: NOW + 3000 });
        now += 1000;
        expect(book.apply(report('c_1', 'held')).entry.answeredAt).toBe(NOW + 3000);
        const ended = book.apply(report('c_1', 'cleared', { endTime: now }));
        expect(ended).toMatchObject({ kind: 'ended', seenLive: true, entry: { answeredAt: NOW + 3000 } });
        expect(book.list()).toEqual([]);
    });

    it('takes the answer time the Suite reports over its own clock', () => {
        const book = new CallBook(() => NOW);
        book.apply(report('c_1', 'ringing'));
        expect(book.apply(report('c_1', 'connected', { answerTime: NOW - 500 })).entry.answeredAt).toBe(
            NOW - 500
        );
    });

    it('reports a call that started and ended while nobody listened as ended, to be logged, with its answer time', () => {
        const book = new CallBook(() => NOW);
        const change = book.apply(report('c_away', 'cleared', { answerTime: NOW - 4000 }));
        expect(change).toMatchObject({
            kind: 'ended',
            seenLive: false,
            entry: { incoming: true, answeredAt: NOW - 4000 }
        });
        expect(book.get('c_away')).toBeUndefined();
        const outbound = book.apply(report('c_out', 'cleared', { direction: 'outbound' }));
        expect(outbound.entry).toMatchObject({ incoming: false, answeredAt: undefined });
    });

    it('counts a call placed from the phone as not incoming, answered when the far end picks up', () => {
        const book = new CallBook(() => NOW);
        expect(book.apply(report('c_1', 'dialing', { direction: 'outbound' })).entry.incoming).toBe(false);
        expect(book.apply(report('c_1', 'connected', { direction: 'outbound' })).entry).toMatchObject({
            incoming: false,
            answeredAt: NOW
        });
    });

    it('treats a recall as a new incoming call and keeps an answered call answered when it rings back', () => {
        const book = new CallBook(() => NOW);
        book.apply(report('c_1', 'connected', { direction: 'outbound' }));
        book.apply(report('c_1', 'cleared', { cause: 'transfer' }));
        expect(book.apply(report('c_2', 'ringing', { cause: 'recall' }))).toMatchObject({
            kind: 'live',
            isNew: true,
            entry: { incoming: true }
        });
        book.apply(report('c_3', 'connected'));
        book.apply(report('c_3', 'held'));
        expect(book.apply(report('c_3', 'ringing')).entry.answeredAt).toBe(NOW);
    });

    it('knows which held caller a consult call belongs to, and which call the agent is on', () => {
        const book = new CallBook(() => NOW);
        book.apply(report('c_caller', 'held', { startTime: NOW - 20_000 }));
        book.apply(report('c_consult', 'dialing', { direction: 'internal', relatedCallId: 'c_caller' }));
        expect(book.heldPartyOf('c_consult')).toBe('c_caller');
        expect(book.heldPartyOf('c_caller')).toBeUndefined();
        expect(book.active()?.call.callId).toBe('c_consult');
        book.apply(report('c_consult', 'connected', { direction: 'internal', relatedCallId: 'c_caller' }));
        expect(book.list().map((entry) => entry.call.callId)).toEqual(['c_caller', 'c_consult']);
        book.apply(report('c_consult', 'cleared'));
        expect(book.active()?.call.callId).toBe('c_caller');
        expect(book.heldPartyOf('c_consult')).toBeUndefined();
    });
});
