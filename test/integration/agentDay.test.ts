// The agent's day through the real controller: wrap-up after the call, choosing among matches,
// Person Accounts and the Recent list, against the Open CTI emulator and the Suite simulator.
import { MemoryStore } from '../../src/core/telephony/storage/keyValueStore';
import { OpenCtiEmulator } from '../../src/stand-ins/opencti-emulator/emulator';
import type { ControllerHarness, HarnessOptions } from '../support/controllerHarness';
import { MemoryLockManager } from '../support/memoryLockManager';
import { useSimulator } from '../support/simulatorFixture';

jest.setTimeout(20_000);

const fixture = useSimulator();

async function ready(options: Partial<HarnessOptions> = {}): Promise<ControllerHarness> {
    const harness = await fixture.controller(options);
    await harness.until(() => harness.state().status.phase === 'ready');
    return harness;
}

const ring = (number = '01632 960123', name = 'ACME LTD') =>
    fixture.simulator.model.ringInbound('2001', { number, name }).callId;
const view = (harness: ControllerHarness, callId: string) =>
    harness.state().calls.find((call) => call.callId === callId);
const tasks = (harness: ControllerHarness) => [...harness.emulator.tasks.values()];
const saveLogs = (harness: ControllerHarness) =>
    harness.emulator.requests
        .filter((request) => request.method === 'saveLog')
        .map((request) => (request.args as { object: Record<string, unknown> }).object);

/** Answers, types notes, hangs up, and waits for the card to stay in wrap-up with the Task saved. */
async function talkAndHangUp(
    harness: ControllerHarness,
    callId: string,
    notes = ''
): Promise<SoftphoneCallView> {
    harness.intent({ type: 'answer', callId });
    await harness.until(() => view(harness, callId)?.state === 'connected');
    if (notes) harness.intent({ type: 'notes', callId, text: notes });
    harness.intent({ type: 'hangup', callId });
    const ended = await harness.until(() => view(harness, callId)?.wrapUp && view(harness, callId));
    await harness.until(() => tasks(harness).length > 0);
    await harness.taskLogSettled();
    return ended;
}

describe('wrap-up', () => {
    it('keeps the saved Task, then sends one update by its Id with what the agent changed', async () => {
        const harness = await ready();
        const callId = ring();
        const ended = await talkAndHangUp(harness, callId, 'During the call');
        expect(harness.state().status.activity).toBe('wrapUp');
        expect(ended.wrapUp).toMatchObject({
            subject: 'Inbound call from ACME LTD (01632 960123)',
            result: '',
            resultChoices: ['Resolved', 'Follow-up needed', 'Left voicemail', 'Wrong number']
        });
        expect(tasks(harness)).toEqual([expect.objectContaining({ Description: 'During the call' })]);
        await harness.opencti.settle();
        const before = harness.emulator.count();
        harness.intent({ type: 'wrapupchange', callId, field: 'result', value: 'Resolved' });
        harness.intent({ type: 'notes', callId, text: 'During the call, and after' });
        harness.intent({ type: 'wrapupdone', callId, changes: { subject: 'Invoice question' } });
        await harness.until(() => !view(harness, callId));
        await harness.until(() => saveLogs(harness).length === 2);
        await harness.taskLogSettled();
        const [created, update] = saveLogs(harness);
        expect(created.Id).toBeUndefined();
        expect(update).toEqual({
            Id: harness.emulator.tasks.keys().next().value,
            Subject: 'Invoice question',
            Description: 'During the call, and after',
            CallDisposition: 'Resolved'
        });
        expect(tasks(harness)).toEqual([
            expect.objectContaining({
                CallObject: callId,
                CallDisposition: 'Resolved',
                Subject: 'Invoice question'
            })
        ]);
        expect(harness.state().status.activity).toBe('ready');
        // The update is the only request wrap-up cost.
        await harness.opencti.settle();
        expect(harness.emulator.count() - before).toBe(1);
    });

    it('sends nothing more when the agent changes nothing', async () => {
        const harness = await ready();
        const callId = ring();
        await talkAndHangUp(harness, callId, 'Notes');
        harness.intent({ type: 'wrapupdone', callId, changes: {} });
        await harness.until(() => !view(harness, callId));
        await harness.taskLogSettled();
        expect(saveLogs(harness)).toHaveLength(1);
        expect(harness.state().history?.entries[0]).toMatchObject({ callId });
        expect(harness.state().history?.entries[0].result).toBeUndefined();
    });

    it('puts an edit made before the first save landed into that one Task', async () => {
        const harness = await ready();
        harness.emulator.failNextSaveLogs = 1;
        const callId = ring();
        harness.intent({ type: 'answer', callId });
        await harness.until(() => view(harness, callId)?.state === 'connected');
        harness.intent({ type: 'hangup', callId });
        await harness.until(() => view(harness, callId)?.wrapUp);
        // The first save failed and waits for its retry: the agent is done before it lands.
        await harness.until(() => saveLogs(harness).length === 1);
        expect(tasks(harness)).toEqual([]);
        harness.intent({ type: 'wrapupdone', callId, changes: { result: 'Wrong number' } });
        await harness.until(() => tasks(harness).length === 1, 10_000);
        await harness.taskLogSettled();
        expect(tasks(harness)).toEqual([
            expect.objectContaining({ CallObject: callId, CallDisposition: 'Wrong number' })
        ]);
        expect(saveLogs(harness).map((fields) => fields.Id)).toEqual([undefined, undefined]);
    });

    it('closes by itself at the deadline, saving what was typed', async () => {
        const harness = await ready({ settings: { '/mivoiceSuite/wrapUpAutoClose': '1' } });
        const callId = ring();
        const ended = await talkAndHangUp(harness, callId);
        expect(ended.wrapUp?.closesAt).toBeGreaterThan(Date.now() - 1000);
        harness.intent({ type: 'wrapupchange', callId, field: 'result', value: 'Left voicemail' });
        await harness.until(() => !view(harness, callId), 5000);
        await harness.until(() => saveLogs(harness).length === 2);
        expect(saveLogs(harness)[1]).toMatchObject({ CallDisposition: 'Left voicemail' });
    });
});

describe('choosing among the matches', () => {
    const mary = '0035g00000MaryJa';
    const katherine = '00Q5g00000KathJo';

    it('lists the records the search found, and links the call and its Task to the one picked during the call', async () => {
        const harness = await ready();
        const callId = ring('01632 960555', 'Switchboard');
        harness.intent({ type: 'answer', callId });
        const call = await harness.until(
            () => view(harness, callId)?.match.kind === 'multiple' && view(harness, callId)
        );
        expect(call.match.candidates).toEqual([
            { recordId: mary, name: 'Mary Jackson', objectType: 'Contact', matchedField: 'Phone' },
            { recordId: katherine, name: 'Katherine Johnson', objectType: 'Lead', matchedField: 'Phone' }
        ]);
        expect(harness.emulator.count('searchAndScreenPop')).toBe(1);
        harness.intent({ type: 'pick', callId, recordId: katherine });
        await harness.until(() => view(harness, callId)?.match.pickedId === katherine);
        await harness.opencti.settle();
        expect(
            harness.emulator.requests.filter((request) => request.method === 'screenPop').map((r) => r.args)
        ).toEqual([{ type: 'sobject', params: { recordId: katherine } }]);
        harness.intent({ type: 'hangup', callId });
        await harness.until(() => tasks(harness).length > 0);
        expect(tasks(harness)[0].WhoId).toBe(katherine);
        expect(harness.emulator.count('searchAndScreenPop')).toBe(1);
    });

    it('updates the Task when the agent picks another record in wrap-up', async () => {
        const harness = await ready();
        const callId = ring('01632 960555', 'Switchboard');
        harness.intent({ type: 'answer', callId });
        await harness.until(() => view(harness, callId)?.match.kind === 'multiple');
        harness.intent({ type: 'hangup', callId });
        await harness.until(() => view(harness, callId)?.wrapUp);
        await harness.taskLogSettled();
        expect(tasks(harness)[0].WhoId).toBeUndefined();
        harness.intent({ type: 'pick', callId, recordId: mary });
        await harness.until(() => view(harness, callId)?.wrapUp?.linkedRecord?.recordId === mary);
        harness.intent({ type: 'wrapupdone', callId, changes: {} });
        await harness.until(() => saveLogs(harness).length === 2);
        expect(saveLogs(harness)[1]).toEqual({ Id: expect.stringMatching(/^00T/), WhoId: mary });
        expect(harness.state().history?.entries[0]).toMatchObject({
            name: 'Mary Jackson',
            record: { recordId: mary }
        });
    });
});

describe('Find Caller in wrap-up', () => {
    it('searches the ended call’s number when nothing was searched, and links the Task to the one record found', async () => {
        const harness = await ready({ settings: { '/mivoiceSuite/screenPopMode': 'manual' } });
        const callId = ring('01632 960123', 'ACME LTD');
        const ended = await talkAndHangUp(harness, callId);
        expect(ended.canPop).toBe(true);
        expect(harness.emulator.count('searchAndScreenPop')).toBe(0);
        harness.intent({ type: 'pop', callId });
        await harness.until(() => view(harness, callId)?.wrapUp?.linkedRecord?.name === 'Ada Lovelace');
        expect(harness.emulator.count('searchAndScreenPop')).toBe(1);
        expect(view(harness, callId)?.canPop).toBe(false);
        harness.intent({ type: 'wrapupdone', callId, changes: {} });
        await harness.until(() => saveLogs(harness).length === 2);
        expect(saveLogs(harness)[1]).toEqual({
            Id: expect.stringMatching(/^00T/),
            WhoId: expect.stringMatching(/^003/)
        });
    });
});

describe('Person Accounts', () => {
    it('logs a call from a Person Account with its person contact as WhoId and the account as WhatId', async () => {
        const harness = await ready();
        const callId = ring('01632 960321', 'FRANKLIN R');
        harness.intent({ type: 'answer', callId });
        const call = await harness.until(
            () => view(harness, callId)?.match.kind === 'single' && view(harness, callId)
        );
        expect(call.match.candidates).toEqual([
            expect.objectContaining({ recordId: '0015g00000RosFrAAA', personAccount: true })
        ]);
        harness.intent({ type: 'hangup', callId });
        await harness.until(() => tasks(harness).length > 0);
        expect(tasks(harness)[0]).toMatchObject({
            WhoId: '0035g00000RosFrAAA',
            WhatId: '0015g00000RosFrAAA'
        });
    });
});

describe('the Recent list', () => {
    it('keeps the calls across a reload, marks the missed one until the agent looks, and calls back', async () => {
        const storage = new MemoryStore();
        const harness = await ready({ storage });
        const missed = ring('01632 960777', 'TURING A');
        await harness.until(() => view(harness, missed));
        fixture.simulator.model.remote(missed, 'hangup');
        await harness.until(() => harness.state().history?.entries.length === 1);
        expect(harness.state().history).toEqual({
            entries: [
                expect.objectContaining({
                    callId: missed,
                    missed: true,
                    number: '01632 960777',
                    durationSeconds: 0
                })
            ],
            unseenMissed: 1
        });
        await harness.taskLogSettled();
        harness.stop();
        const reloaded = await ready({ storage });
        expect(reloaded.state().history?.entries).toEqual([
            expect.objectContaining({ callId: missed, taskId: expect.stringMatching(/^00T/) })
        ]);
        expect(reloaded.state().history?.unseenMissed).toBe(1);
        reloaded.intent({ type: 'historyseen' });
        await reloaded.until(() => reloaded.state().history?.unseenMissed === 0);
        reloaded.intent({ type: 'callback', callId: missed });
        const back = await reloaded.until(() =>
            reloaded.state().calls.find((call) => call.direction === 'outbound')
        );
        expect(fixture.simulator.model.legs.get(back.callId)?.remote.number).toMatch(/^9?01632960777$/);
    });

    it('is shared by the agent’s tabs', async () => {
        const emulator = new OpenCtiEmulator();
        const storage = new MemoryStore();
        const locks = new MemoryLockManager();
        const first = await ready({ emulator, storage, locks, tabs: true });
        const second = await ready({ emulator, storage, locks, tabs: true });
        const callId = ring();
        await first.until(() => view(first, callId)?.state === 'ringing');
        first.intent({ type: 'answer', callId });
        await second.until(() => view(second, callId)?.state === 'connected');
        first.intent({ type: 'hangup', callId });
        await second.until(() => second.state().history?.entries.some((entry) => entry.callId === callId));
        // Done in the tab that does not save the Tasks: the one that does sends the update.
        await second.until(() => view(second, callId)?.wrapUp);
        second.intent({ type: 'wrapupchange', callId, field: 'result', value: 'Resolved' });
        await first.until(() => view(first, callId)?.wrapUp?.result === 'Resolved');
        second.intent({ type: 'wrapupdone', callId, changes: {} });
        await first.until(() => !view(first, callId));
        await first.until(() => [...emulator.tasks.values()][0]?.CallDisposition === 'Resolved');
        await first.taskLogSettled();
        expect(emulator.count('saveLog')).toBe(2);
        expect(first.state().history?.entries[0]).toMatchObject({ callId, result: 'Resolved' });
    });
});
