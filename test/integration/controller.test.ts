// The controller's rules, against the Open CTI emulator (through the faithful library stand-in)
// and the real Suite simulator over TLS.
import { MemoryStore } from '../../src/core/telephony/storage/keyValueStore';
import { MemoryLockManager } from '../support/memoryLockManager';
import { OpenCtiEmulator } from '../../src/stand-ins/opencti-emulator/emulator';
import type { ControllerHarness, HarnessOptions } from '../support/controllerHarness';
import { useSimulator } from '../support/simulatorFixture';
import { extras } from '../../src/core/extras/extras';

jest.setTimeout(20_000);

const fixture = useSimulator();
const controller = fixture.controller;

async function ready(options: Partial<HarnessOptions> = {}): Promise<ControllerHarness> {
    const harness = await controller(options);
    await harness.until(() => harness.state().status.phase === 'ready');
    return harness;
}

const ring = (number = '01632 960123', name = 'ACME LTD') =>
    fixture.simulator.model.ringInbound('2001', { number, name }).callId;
const view = (harness: ControllerHarness, callId: string) =>
    harness.state().calls.find((call) => call.callId === callId);
const tasks = (harness: ControllerHarness) => [...harness.emulator.tasks.values()];

describe('start-up', () => {
    it('asks for the email, then the settings, then connects, listens, labels the panel and reports ready', async () => {
        const harness = await ready();
        await harness.opencti.settle();
        expect(harness.emulator.requests.map((request) => request.method)).toEqual([
            'runApex',
            'getCallCenterSettings',
            'onClickToDial',
            'onNavigationChange',
            'setSoftphonePanelLabel',
            'setSoftphoneItemIcon',
            'notifyInitializationComplete',
            'enableClickToDial'
        ]);
        expect(harness.emulator.requests[0].args).toMatchObject({
            apexClass: 'SoftphoneIdentity',
            methodName: 'getUserEmail'
        });
        expect(harness.state().agent).toEqual({
            displayName: 'Alice Agent',
            extension: '2001',
            email: 'alice@example.com'
        });
    });

    it('waits for a softphone container that is not ready yet', async () => {
        const emulator = new OpenCtiEmulator();
        emulator.containerNotReadyFor = 2;
        const harness = await ready({ emulator });
        // The email and the settings are asked side by side: both found the container not ready once.
        expect(harness.emulator.count('runApex')).toBe(2);
        expect(harness.emulator.count('getCallCenterSettings')).toBe(2);
    });

    it.each([
        ['/mivoiceSuite/suiteHost', '', 'settingMissing', 'Suite Host'],
        ['/mivoiceSuite/suitePort', '99999', 'settingNotPort', 'Suite Port'],
        [
            '/mivoiceSuite/screenPopMode',
            'sometimes',
            'settingNotChoice',
            'Screen Pop (manual, ringing or answered)'
        ]
    ])('refuses %s = %p, naming the setting, and never connects', async (key, value, code, label) => {
        const harness = await controller({ settings: { [key]: value } });
        expect(harness.state().status).toMatchObject({
            phase: 'error',
            error: { code, params: { setting: label } },
            canRetry: true
        });
        expect(harness.emulator.count('enableClickToDial')).toBe(0);
    });

    it('connects while the panel is still being created, and lets Salesforce show it only once it is there', async () => {
        let panelCreated = () => {};
        const panelShown = new Promise<void>((resolve) => (panelCreated = resolve));
        const harness = await controller({ start: false, panelShown });
        const started = harness.controller.start();
        await harness.until(() => harness.state().status.phase === 'ready');
        // Salesforce keeps its loading screen up: nothing to show yet.
        expect(harness.emulator.count('notifyInitializationComplete')).toBe(0);
        panelCreated();
        await started;
        expect(harness.emulator.count('notifyInitializationComplete')).toBe(1);
    });

    it('says so when the email cannot be read', async () => {
        const emulator = new OpenCtiEmulator();
        const harness = await controller({ emulator, start: false });
        emulator.handle = async (method, args) =>
            method === 'runApex'
                ? {
                      success: false,
                      returnValue: null,
                      errors: [{ code: 'SERVER_ERROR', description: 'no access' }]
                  }
                : OpenCtiEmulator.prototype.handle.call(emulator, method, args);
        await harness.controller.start();
        expect(harness.state().status.error?.code).toBe('userEmailUnavailable');
        // Salesforce's reason is kept for the setup check, not put in front of the agent.
        expect(harness.controller.diagnostics.entries()).toEqual([
            expect.objectContaining({
                operation: 'startup.userEmailUnavailable',
                detail: expect.stringContaining('no access')
            })
        ]);
    });
});

describe('click-to-dial and the dial pad', () => {
    it('dials a clicked number with the outside prefix and links the call to the clicked record', async () => {
        const harness = await ready({ settings: { '/reqDialingOptions/reqOutsidePrefix': '9' } });
        harness.opencti.clickToDial({
            number: '(01632) 960-777',
            recordId: '00Q5g00000AlanTu',
            recordName: 'Alan Turing',
            objectType: 'Lead'
        });
        const leg = await harness.until(() =>
            [...fixture.simulator.model.legs.values()].find((candidate) => candidate.extension === '2001')
        );
        expect(leg.remote.number).toBe('901632960777');
        const call = await harness.until(() => view(harness, leg.callId));
        expect(call.match).toMatchObject({ kind: 'single', recordName: 'Alan Turing' });
        fixture.simulator.model.remote(leg.callId, 'answer');
        await harness.until(() => view(harness, leg.callId)?.state === 'connected');
        fixture.simulator.model.remote(leg.callId, 'hangup');
        const [task] = await harness.until(() => (tasks(harness).length ? tasks(harness) : undefined));
        expect(task).toMatchObject({
            CallType: 'Outbound',
            WhoId: '00Q5g00000AlanTu',
            CallDisposition: 'answered'
        });
        expect(harness.emulator.count('searchAndScreenPop')).toBe(0);
    });

    it('refuses a number that cannot be dialled, and dials nothing', async () => {
        const harness = await ready();
        harness.intent({ type: 'dial', number: 'call me maybe' });
        await harness.until(() => harness.state().notice?.code === 'numberInvalid');
        expect(fixture.simulator.model.legs.size).toBe(0);
    });

    it('disables click-to-dial while the Suite is unreachable and refuses to dial', async () => {
        const harness = await ready();
        await fixture.simulator.stopProductApi();
        try {
            await harness.until(() => harness.state().status.phase === 'reconnecting');
            await harness.opencti.settle();
            expect(harness.emulator.count('disableClickToDial')).toBe(1);
            harness.opencti.clickToDial({ number: '01632 960123' });
            await harness.until(() => harness.state().notice?.code === 'notConnected');
            // The status line says why: the Suite does not answer.
            await harness.until(() => harness.state().status.cause?.code === 'suiteNotAnswering');
        } finally {
            await fixture.simulator.startProductApi();
        }
        await harness.until(() => harness.state().status.phase === 'ready', 10_000);
        await harness.opencti.settle();
        expect(harness.emulator.count('enableClickToDial')).toBe(2);
    });

    it('lists the calls placed in Recent, newest first, across a reload: one list of calls, no list of numbers', async () => {
        const harness = await ready();
        const dialAndHangUp = async (number: string) => {
            harness.intent({ type: 'dial', number });
            const call = await harness.until(() => harness.state().calls[0]);
            fixture.simulator.model.remote(call.callId, 'hangup');
            await harness.until(() => harness.state().calls.length === 0);
        };
        await dialAndHangUp('2002');
        await dialAndHangUp('01632 960999');
        const numbers = (state: SoftphonePanelState) => state.history?.entries.map((entry) => entry.number);
        expect(numbers(harness.state())).toEqual(['01632960999', '2002']);
        expect('recentNumbers' in harness.state()).toBe(false);
        harness.stop();
        const reloaded = await ready({ storage: harness.storage });
        expect(numbers(reloaded.state())).toEqual(['01632960999', '2002']);
    });
});

describe('screen pops', () => {
    it.each([
        ['01632 960123', 'single', 'Ada Lovelace'],
        ['01632 960555', 'multiple', undefined],
        ['0207 946 0000', 'none', undefined]
    ])('on answer by default: %s gives a %s match', async (number, kind, recordName) => {
        const harness = await ready();
        const callId = ring(number);
        await harness.until(() => view(harness, callId)?.state === 'ringing');
        expect(harness.emulator.count('searchAndScreenPop')).toBe(0);
        harness.intent({ type: 'answer', callId });
        const call = await harness.until(() =>
            view(harness, callId)?.match.kind === kind ? view(harness, callId) : undefined
        );
        expect(call.match.recordName).toBe(recordName);
        expect(
            harness.emulator.requests.find((request) => request.method === 'searchAndScreenPop')?.args
        ).toMatchObject({ searchParams: number, callType: 'inbound' });
    });

    it('on ringing when configured', async () => {
        const harness = await ready({ settings: { '/mivoiceSuite/screenPopMode': 'ringing' } });
        const callId = ring();
        await harness.until(() => view(harness, callId)?.match.kind === 'single');
        expect(view(harness, callId)?.state).toBe('ringing');
    });

    it('only on request in manual mode, from any tab', async () => {
        const harness = await ready({
            settings: { '/mivoiceSuite/screenPopMode': 'manual' },
            visible: false,
            focused: false
        });
        const callId = ring();
        harness.intent({ type: 'answer', callId });
        await harness.until(() => view(harness, callId)?.state === 'connected');
        expect(view(harness, callId)?.canPop).toBe(true);
        expect(harness.emulator.count('searchAndScreenPop')).toBe(0);
        harness.intent({ type: 'pop', callId });
        await harness.until(() => view(harness, callId)?.match.kind === 'single');
    });

    it('not automatically in a hidden tab', async () => {
        const harness = await ready({ visible: false });
        const callId = ring();
        harness.intent({ type: 'answer', callId });
        await harness.until(() => view(harness, callId)?.state === 'connected');
        // The pop decision for the connected call comes before its end is handled; once the
        // call's Task is saved, a pop of this tab's would have been asked for.
        harness.intent({ type: 'hangup', callId });
        await harness.until(() => tasks(harness).length > 0);
        await harness.taskLogSettled();
        expect(tasks(harness).map((task) => task.CallObject)).toEqual([callId]);
        expect(harness.emulator.count('searchAndScreenPop')).toBe(0);
        expect(harness.emulator.count('setSoftphonePanelVisibility')).toBe(0);
    });

    it('re-links the call and its Task to the matched record the agent opens', async () => {
        const harness = await ready();
        const callId = ring('01632 960555', 'Switchboard');
        harness.intent({ type: 'answer', callId });
        await harness.until(() => view(harness, callId)?.match.kind === 'multiple');
        harness.opencti.navigate({
            recordId: '0015g00000AcmeLt',
            recordName: 'ACME Ltd',
            objectType: 'Account'
        });
        harness.opencti.navigate({
            recordId: '0035g00000MaryJa',
            recordName: 'Mary Jackson',
            objectType: 'Contact'
        });
        await harness.until(() => view(harness, callId)?.match.recordName === 'Mary Jackson');
        fixture.simulator.model.remote(callId, 'hangup');
        const [task] = await harness.until(() => (tasks(harness).length ? tasks(harness) : undefined));
        expect(task.WhoId).toBe('0035g00000MaryJa');
    });
});

describe('Tasks', () => {
    it('logs a call that ends before the second part of the core is here, which then shows its wrap-up and Recent', async () => {
        let release: () => void = () => undefined;
        const released = new Promise<void>((resolve) => (release = resolve));
        let loads = 0;
        const harness = await ready({
            loadExtras: async () => {
                loads++;
                await released;
                return extras;
            }
        });
        expect(harness.state().history).toBeUndefined();
        const callId = ring();
        harness.intent({ type: 'answer', callId });
        await harness.until(() => view(harness, callId)?.state === 'connected');
        fixture.simulator.model.remote(callId, 'hangup');
        // The Task does not wait for the wrap-up: it is saved at once.
        const [task] = await harness.until(() => (tasks(harness).length ? tasks(harness) : undefined));
        expect(task).toMatchObject({ CallObject: callId, CallDisposition: 'answered' });
        expect(view(harness, callId)).toBeUndefined();
        release();
        const ended = await harness.until(() => view(harness, callId)?.wrapUp && view(harness, callId));
        expect(ended.state).toBe('cleared');
        expect(harness.state().status.activity).toBe('wrapUp');
        expect(harness.state().history?.entries.map((entry) => entry.callId)).toEqual([callId]);
        expect(loads).toBe(1);
    });

    it('tells the agent when the second part of the core does not load, logs calls all the same, and clears it once a later load succeeds', async () => {
        let loads = 0;
        const harness = await ready({
            loadExtras: async () => {
                loads++;
                if (loads === 1) throw new Error('/resource/1/SoftphoneExtras did not load');
                return extras;
            }
        });
        await harness.until(() => harness.state().notice?.code === 'extrasUnavailable');
        expect(harness.controller.diagnostics.entries()).toEqual([
            expect.objectContaining({
                operation: 'softphone.loadExtras',
                detail: '/resource/1/SoftphoneExtras did not load'
            })
        ]);
        expect(harness.state().history).toBeUndefined();
        const callId = ring();
        harness.intent({ type: 'answer', callId });
        await harness.until(() => view(harness, callId)?.state === 'connected');
        fixture.simulator.model.remote(callId, 'hangup');
        const [task] = await harness.until(() => (tasks(harness).length ? tasks(harness) : undefined));
        expect(task).toMatchObject({ CallObject: callId, CallDisposition: 'answered' });
        // The call's end asked again; this time it came, with the call in wrap-up and Recent.
        await harness.until(() => view(harness, callId)?.wrapUp);
        expect(harness.state().notice).toBeUndefined();
        expect(harness.state().history?.entries.map((entry) => entry.callId)).toEqual([callId]);
        expect(loads).toBe(2);
    });

    it('logs an answered inbound call with its duration, notes and fields', async () => {
        const harness = await ready();
        const callId = ring();
        harness.intent({ type: 'answer', callId });
        await harness.until(() => view(harness, callId)?.state === 'connected');
        harness.intent({ type: 'notes', callId, text: 'Asked about the <b>invoice</b>' });
        await new Promise((resolve) => setTimeout(resolve, 1100));
        harness.intent({ type: 'hangup', callId });
        const [task] = await harness.until(() => (tasks(harness).length ? tasks(harness) : undefined));
        expect(task).toMatchObject({
            Subject: 'Inbound call from ACME LTD (01632 960123)',
            CallType: 'Inbound',
            CallObject: callId,
            CallDisposition: 'answered',
            Status: 'Completed',
            TaskSubtype: 'Call',
            WhoId: '0035g00000AdaLov',
            Description: 'Asked about the <b>invoice</b>'
        });
        expect(task.CallDurationInSeconds).toBeGreaterThanOrEqual(1);
        expect(task.ActivityDate).toMatch(/^\d{4}-\d{2}-\d{2}$/);
        await harness.opencti.settle();
        expect(harness.emulator.count('refreshView')).toBe(1);
    });

    it('logs an internal call and a busy outbound call', async () => {
        const harness = await ready();
        harness.intent({ type: 'dial', number: '2002' });
        const internal = await harness.until(() => harness.state().calls[0]);
        expect(internal.direction).toBe('internal');
        harness.intent({ type: 'hangup', callId: internal.callId });
        await harness.until(() => tasks(harness).length === 1);
        harness.intent({ type: 'dial', number: '01632 960999' });
        const outbound = await harness.until(() => harness.state().calls[0]);
        fixture.simulator.model.remote(outbound.callId, 'busy');
        await harness.until(() => tasks(harness).length === 2);
        expect(tasks(harness).map((task) => [task.CallType, task.CallDisposition])).toEqual([
            ['Internal', 'no answer'],
            ['Outbound', 'busy']
        ]);
    });

    it('logs missed calls unless the call center turns that off', async () => {
        const harness = await ready({ settings: { '/mivoiceSuite/logMissedCalls': 'false' } });
        const callId = ring();
        await harness.until(() => view(harness, callId));
        fixture.simulator.model.remote(callId, 'hangup');
        await harness.until(() => harness.state().calls.length === 0);
        // An answered call after it is still logged: once its Task is saved, the queue has passed
        // the missed call, so a Task for it would be there by now.
        const answered = ring();
        harness.intent({ type: 'answer', callId: answered });
        await harness.until(() => view(harness, answered)?.state === 'connected');
        harness.intent({ type: 'hangup', callId: answered });
        await harness.until(() => tasks(harness).length > 0);
        await harness.taskLogSettled();
        expect(tasks(harness).map((task) => [task.CallObject, task.CallDisposition])).toEqual([
            [answered, 'answered']
        ]);
    });

    it('logs nothing when Task creation is off', async () => {
        const harness = await ready({ settings: { '/mivoiceSuite/createTasks': 'false' } });
        const callId = ring();
        harness.intent({ type: 'answer', callId });
        await harness.until(() => view(harness, callId)?.state === 'connected');
        harness.intent({ type: 'hangup', callId });
        await harness.until(() => harness.state().calls.length === 0);
        await harness.opencti.settle();
        expect(harness.emulator.count('saveLog')).toBe(0);
    });

    it('logs one Task per leg of a consult transfer', async () => {
        const harness = await ready();
        const callId = ring();
        harness.intent({ type: 'answer', callId });
        await harness.until(() => view(harness, callId)?.state === 'connected');
        harness.intent({ type: 'consult', callId, to: '2002' });
        const consult = await harness.until(() =>
            harness.state().calls.find((call) => call.relatedCallId === callId)
        );
        const leg = fixture.simulator.model.legs.get(consult.callId);
        fixture.simulator.model.remote(leg?.callId as string, 'answer');
        await harness.until(() => view(harness, consult.callId)?.capabilities.includes('completeTransfer'));
        harness.intent({ type: 'completetransfer', callId, consultCallId: consult.callId });
        await harness.until(() => tasks(harness).length === 2);
        expect(tasks(harness).map((task) => task.CallDisposition)).toEqual(['transferred', 'transferred']);
    });

    it('cancels a consult call and takes the caller off hold', async () => {
        const harness = await ready();
        const callId = ring();
        harness.intent({ type: 'answer', callId });
        await harness.until(() => view(harness, callId)?.state === 'connected');
        harness.intent({ type: 'consult', callId, to: '01632 960999' });
        const consult = await harness.until(() =>
            harness.state().calls.find((call) => call.relatedCallId === callId)
        );
        harness.intent({ type: 'canceltransfer', consultCallId: consult.callId });
        await harness.until(
            () => view(harness, callId)?.state === 'connected' && !view(harness, consult.callId)
        );
        // The phone system agrees: the caller is talking to the agent again and the consult leg is gone.
        expect(fixture.simulator.model.legs.get(callId)?.state).toBe('connected');
        expect(fixture.simulator.model.legs.get(consult.callId)?.state ?? 'cleared').toBe('cleared');
        expect(harness.state().calls.map((call) => call.callId)).toEqual([callId]);
        expect(view(harness, callId)?.capabilities).toContain('hold');
    });

    it('never logs a call twice across two tabs sharing storage', async () => {
        const storage = new MemoryStore();
        const locks = new MemoryLockManager();
        const emulator = new OpenCtiEmulator();
        const first = await ready({ storage, locks, emulator });
        const second = await ready({ storage, locks, emulator });
        const callId = ring();
        first.intent({ type: 'answer', callId });
        await second.until(() => view(second, callId)?.state === 'connected');
        fixture.simulator.model.remote(callId, 'hangup');
        await first.until(() => emulator.tasks.size === 1);
        await Promise.all([first, second].map((tab) => tab.taskLogSettled()));
        expect(emulator.tasks.size).toBe(1);
        first.stop();
        const next = ring();
        second.intent({ type: 'answer', callId: next });
        await second.until(() => view(second, next)?.state === 'connected');
        fixture.simulator.model.remote(next, 'hangup');
        await second.until(() => emulator.tasks.size === 2);
    });
});
