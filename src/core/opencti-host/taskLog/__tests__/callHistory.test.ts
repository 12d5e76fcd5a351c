// The Recent list: newest first, at most 50, shared by the agent's tabs, missed calls counted
// until the agent looks, and nothing read back that this softphone would not have written.
import { AgentStorage } from '../../../telephony/storage/agentStorage';
import { MemoryStore } from '../../../telephony/storage/keyValueStore';
import type { SuiteCall } from '../../../suite/types';
import { CallHistory, historyEntryOf, MAX_HISTORY } from '../callHistory';

const START = 1_800_000_000_000;
const UK = {
    outsidePrefix: '9',
    longDistancePrefix: '',
    internationalPrefix: '00',
    siteCountryCode: '44',
    siteNationalPrefix: '0'
};
const call = (callId: string, at: number, overrides: Partial<SuiteCall> = {}): SuiteCall =>
    ({
        callId,
        state: 'cleared',
        direction: 'inbound',
        remote: { number: '01632 960123', name: 'ACME LTD' },
        startTime: at,
        endTime: at + 30_000,
        cause: 'normalClear',
        capabilities: [],
        ...overrides
    }) as SuiteCall;
const answered = (callId: string, at: number) =>
    historyEntryOf({ call: call(callId, at), incoming: true, answeredAt: at + 5000, notes: '' });
const missed = (callId: string, at: number) =>
    historyEntryOf({ call: call(callId, at, { cause: 'callNotAnswered' }), incoming: true, notes: '' });

function tabs() {
    let now = START;
    const store = new MemoryStore();
    const tab = () => new CallHistory(new AgentStorage(store, 'alice@example.com', () => now), () => now);
    return { store, first: tab(), second: tab(), advance: (ms: number) => (now += ms) };
}

describe('the Recent list', () => {
    it('lists the calls newest first with their duration and name, shared by the tabs', () => {
        const { first, second } = tabs();
        first.add(answered('c_1', START - 120_000));
        second.add(answered('c_2', START - 60_000));
        first.add(answered('c_2', START - 60_000));
        const { entries } = second.view(() => undefined, UK);
        expect(entries.map((entry) => [entry.callId, entry.durationSeconds, entry.name])).toEqual([
            ['c_2', 25, 'ACME LTD'],
            ['c_1', 25, 'ACME LTD']
        ]);
    });

    it('keeps the last 50', () => {
        const { first } = tabs();
        for (let index = 0; index < MAX_HISTORY + 5; index++)
            first.add(answered(`c_${index}`, START + index));
        const { entries } = first.view(() => undefined, UK);
        expect(entries).toHaveLength(MAX_HISTORY);
        expect(entries[0].callId).toBe(`c_${MAX_HISTORY + 4}`);
    });

    it('counts the missed calls since the agent last looked', () => {
        const { first, second, advance } = tabs();
        first.add(missed('c_1', START - 10_000));
        first.add(answered('c_2', START - 5000));
        expect(second.view(() => undefined, UK).unseenMissed).toBe(1);
        second.seen();
        advance(1000);
        first.add(missed('c_3', START + 500));
        expect(first.view(() => undefined, UK)).toMatchObject({ unseenMissed: 1 });
        expect(first.view(() => undefined, UK).entries.map((entry) => entry.missed)).toEqual([
            true,
            false,
            true
        ]);
    });

    it('shows the result and record of the wrap-up and the Task once saved', () => {
        const { first, second } = tabs();
        first.add(answered('c_1', START));
        const rosalind = {
            recordId: '0015g00000RosFrAAA',
            name: 'Rosalind Franklin',
            objectType: 'Account',
            personAccount: true,
            personContactId: '0035g00000RosFrAAA'
        };
        first.settle('c_1', { result: 'Resolved', linked: rosalind });
        const [entry] = second.view(
            (callId) => (callId === 'c_1' ? '00T5g0000000001' : undefined),
            UK
        ).entries;
        expect(entry).toMatchObject({
            result: 'Resolved',
            name: 'Rosalind Franklin',
            taskId: '00T5g0000000001',
            record: { recordId: rosalind.recordId, objectType: 'Account', personAccount: true }
        });
        // The Task Id is kept with the entry: the queue forgets saved Tasks after a day.
        expect(first.view(() => undefined, UK).entries[0].taskId).toBe('00T5g0000000001');
    });

    it('shows each number as the agent reads it, and how a call never answered ended', () => {
        const { first } = tabs();
        first.add(answered('c_in', START));
        const busy = call('c_busy', START + 1, {
            direction: 'outbound',
            remote: { number: '90014155550134', name: '' },
            cause: 'busy'
        });
        first.add(historyEntryOf({ call: busy, incoming: false, notes: '' }));
        first.add(missed('c_missed', START + 2));
        expect(
            first
                .view(() => undefined, UK)
                .entries.map(({ number, outcome, missed: isMissed }) => [number, outcome, isMissed])
        ).toEqual([
            ['01632 960123', 'missed', true],
            ['+1 415-555-0134', 'busy', false],
            ['01632 960123', undefined, false]
        ]);
    });

    it('reads back only entries of its own shape', () => {
        const { store, first } = tabs();
        store.setItem(
            'mivoice.history.alice@example.com',
            JSON.stringify([
                { ...answered('c_ok', START), name: 'Ada\u202e Lovelace' },
                { ...answered('c_bad', START), direction: 'sideways' },
                { ...answered('c_task', START), taskId: '0015g00000AcmeLt' },
                { ...answered('c_odd', START), outcome: 'exploded' },
                'not an entry'
            ])
        );
        expect(first.view(() => undefined, UK).entries).toEqual([
            expect.objectContaining({ callId: 'c_ok', name: 'Ada  Lovelace' }),
            expect.not.objectContaining({ taskId: expect.anything() }),
            expect.not.objectContaining({ outcome: expect.anything() })
        ]);
    });
});
