// After-call work across two tabs sharing one storage: the draft, the Task update it leaves, and
// the deadline.
import { AgentStorage } from '../../../telephony/storage/agentStorage';
import { MemoryStore } from '../../../telephony/storage/keyValueStore';
import type { TaskFields } from '../taskFields';
import type { SoftphoneSettings } from '../../../telephony/settings/schema';
import type { SuiteCall } from '../../../suite/types';
import type { CallLink } from '../../records/recordLinks';
import { taskChanges, WrapUps, type SavedTask } from '../wrapUp';

const mary = { recordId: '0035g00000MaryJa', name: 'Mary Jackson', objectType: 'Contact' };
const rosalind = {
    recordId: '0015g00000RosFrAAA',
    name: 'Rosalind Franklin',
    objectType: 'Account',
    personAccount: true,
    personContactId: '0035g00000RosFrAAA'
};
const START = 1_800_000_000_000;
const call: SuiteCall = {
    callId: 'c_1',
    state: 'cleared',
    direction: 'inbound',
    remote: { number: '01632 960555', name: '' },
    startTime: START,
    answerTime: START + 2000,
    endTime: START + 60_000,
    cause: 'normalClear',
    capabilities: []
} as SuiteCall;
const task = {
    Subject: 'Inbound call from 01632 960555',
    CallDisposition: 'answered',
    Description: 'during the call'
};
const link: CallLink = {
    match: { kind: 'multiple' },
    candidates: [mary, rosalind],
    popRequested: true,
    notes: 'during the call'
};
const settings = (autoClose = 0) =>
    ({ callResults: ['Resolved', 'Left voicemail'], wrapUpAutoCloseSeconds: autoClose }) as SoftphoneSettings;

function tabs() {
    let now = START + 60_000;
    const store = new MemoryStore();
    const amended: [string, TaskFields][] = [];
    const closed: string[] = [];
    let leads = true;
    const tab = (leader: () => boolean) => {
        const storage = new AgentStorage(store, 'alice@example.com', () => now);
        const wrapUps = new WrapUps(storage, () => now, {
            amend: (callId, changes) => amended.push([callId, changes]),
            closed: (callId) => closed.push(callId),
            closesOnDeadline: leader,
            changed: () => undefined
        });
        return { storage, wrapUps };
    };
    const first = tab(() => leads);
    const second = tab(() => !leads);
    const entry = { call, incoming: true, answeredAt: START + 2000 };
    return {
        first,
        second,
        amended,
        closed,
        begin: (autoClose = 0) => {
            first.wrapUps.begin(entry, link, task, settings(autoClose));
            second.wrapUps.begin(entry, link, task, settings(autoClose));
        },
        advance: (ms: number) => (now += ms),
        handOver: () => (leads = false)
    };
}

afterEach(() => jest.useRealTimers());

describe('wrap-up', () => {
    beforeEach(() => jest.useFakeTimers());

    it('shows the saved subject, no result yet, the admin’s results and no deadline when auto-close is off', () => {
        const { first, begin } = tabs();
        begin();
        const [view] = first.wrapUps.list(['Resolved', 'Left voicemail']);
        expect(view.wrapUp).toEqual({
            subject: 'Inbound call from 01632 960555',
            result: '',
            resultChoices: ['Resolved', 'Left voicemail'],
            linkedRecord: undefined,
            closesAt: undefined
        });
        expect(view.link.notes).toBe('during the call');
    });

    it('leaves no update when Done changes nothing', () => {
        const { first, second, amended, closed, begin } = tabs();
        begin();
        first.wrapUps.done('c_1', {});
        expect(amended).toEqual([]);
        expect(first.wrapUps.has('c_1')).toBe(false);
        second.wrapUps.tick();
        expect(second.wrapUps.has('c_1')).toBe(false);
        expect(closed).toEqual(['c_1', 'c_1']);
    });

    it('sends one update with what the agent changed in either tab: result, subject, notes and the record picked', () => {
        const { first, second, amended, begin } = tabs();
        begin();
        second.wrapUps.change('c_1', 'result', 'Resolved');
        second.wrapUps.setNotes('c_1', 'during the call, and after');
        first.wrapUps.pick('c_1', rosalind.recordId);
        first.wrapUps.tick();
        second.wrapUps.tick();
        expect(second.wrapUps.list([])[0].wrapUp.linkedRecord).toEqual({
            recordId: rosalind.recordId,
            name: 'Rosalind Franklin',
            objectType: 'Account',
            personAccount: true
        });
        first.wrapUps.done('c_1', { subject: 'Billing question' });
        expect(amended).toEqual([
            [
                'c_1',
                {
                    Subject: 'Billing question',
                    Description: 'during the call, and after',
                    CallDisposition: 'Resolved',
                    WhoId: '0035g00000RosFrAAA',
                    WhatId: '0015g00000RosFrAAA'
                }
            ]
        ]);
        // The other tab's Done comes too late: nothing is sent twice.
        second.wrapUps.done('c_1', { subject: 'Other' });
        expect(amended).toHaveLength(1);
    });

    it('closes by itself at the deadline in the tab that saves, with what was typed', () => {
        const { first, second, amended, begin, advance } = tabs();
        begin(30);
        expect(first.wrapUps.list([])[0].wrapUp.closesAt).toBe(START + 90_000);
        second.wrapUps.change('c_1', 'result', 'Left voicemail');
        advance(29_000);
        jest.advanceTimersByTime(WrapUps.TICK_MS);
        expect(first.wrapUps.has('c_1')).toBe(true);
        advance(1000);
        jest.advanceTimersByTime(WrapUps.TICK_MS);
        expect(first.wrapUps.has('c_1')).toBe(false);
        expect(second.wrapUps.has('c_1')).toBe(false);
        expect(amended).toEqual([['c_1', { CallDisposition: 'Left voicemail' }]]);
    });

    it('does not begin again in a tab that learns of the call after Done', () => {
        const { first, second, begin } = tabs();
        begin();
        first.wrapUps.done('c_1');
        const entry = { call, incoming: true, answeredAt: START + 2000 };
        expect(second.wrapUps.begin(entry, link, task, settings())).toBe(false);
    });

    it('refuses a pick that is not one of the call’s records', () => {
        const { first, begin } = tabs();
        begin();
        expect(first.wrapUps.pick('c_1', '0035g00000AdaLov')).toBe(false);
    });
});

describe('taskChanges', () => {
    const saved: SavedTask = { subject: 'Inbound call', disposition: 'answered', notes: 'n', linked: mary };

    it('keeps the call outcome while no result is picked, and an empty subject is the saved one', () => {
        expect(taskChanges(saved, { subject: '  ', result: '', notes: 'n', linked: mary })).toEqual({});
    });

    it('moves the Task from a Contact to a thing, clearing the WhoId', () => {
        const acme = { recordId: '0015g00000AcmeLt', name: 'ACME Ltd', objectType: 'Account' };
        expect(taskChanges(saved, { subject: 'Inbound call', result: '', notes: 'n', linked: acme })).toEqual(
            {
                WhoId: '',
                WhatId: '0015g00000AcmeLt'
            }
        );
    });
});
