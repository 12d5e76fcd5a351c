// What the agent sees when the browser or Salesforce refuses: a Task the org will never accept,
// full or denied storage, an unanswered runApex, refused Web Locks and BroadcastChannel. Real
// controllers against the Open CTI emulator (through the library stand-in) and the simulator over TLS.
import { MemoryStore, type KeyValueStore } from '../../src/core/telephony/storage/keyValueStore';
import type { LockManagerLike } from '../../src/core/telephony/tabs/leadership';
import { OpenCtiEmulator } from '../../src/stand-ins/opencti-emulator/emulator';
import { MemoryLockManager } from '../support/memoryLockManager';
import type { ControllerHarness, HarnessOptions } from '../support/controllerHarness';
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

async function answerAndHangUp(harness: ControllerHarness, callId: string): Promise<void> {
    harness.intent({ type: 'answer', callId });
    await harness.until(() => view(harness, callId)?.state === 'connected');
    harness.intent({ type: 'hangup', callId });
    // Over: the card is gone, or stays in wrap-up.
    await harness.until(() => view(harness, callId)?.wrapUp !== undefined);
}

const saveLogsFor = (emulator: OpenCtiEmulator, callId: string) =>
    emulator.requests.filter(
        (request) =>
            request.method === 'saveLog' &&
            (request.args.object as { CallObject?: string }).CallObject === callId
    ).length;
const tasksFor = (emulator: OpenCtiEmulator, callId: string) =>
    [...emulator.tasks.values()].filter((task) => task.CallObject === callId).length;

const REASON = 'Every call must be related to an account or a case.';
const relatedOnly = { refuses: (task: Record<string, unknown>) => !task.WhatId, message: REASON };

describe('a Task the org refuses', () => {
    it('is not retried: it stays listed with the reason until the agent retries it', async () => {
        const emulator = new OpenCtiEmulator();
        emulator.saveLogRules.push(relatedOnly);
        const harness = await ready({ emulator });
        const callId = ring('01632 960777', 'Unknown caller');
        await answerAndHangUp(harness, callId);

        const [failed] = await harness.until(() =>
            harness.state().failedLogs?.length ? harness.state().failedLogs : undefined
        );
        expect(failed).toEqual({
            callObject: callId,
            subject: 'Inbound call from Unknown caller (01632 960777)',
            message: { code: 'callLogFailed', params: { detail: REASON } }
        });
        expect(harness.state().notice).toMatchObject({ code: 'callLogFailed', params: { detail: REASON } });
        // Nothing is due any more: the queue will not try again by itself.
        await harness.taskLogSettled();
        expect(saveLogsFor(emulator, callId)).toBe(1);
        expect(emulator.tasks.size).toBe(0);

        // The admin fixes the rule; the agent retries.
        emulator.saveLogRules.length = 0;
        harness.intent({ type: 'retrylog', callObject: callId });
        await harness.until(() => tasksFor(emulator, callId) === 1);
        await harness.until(() => harness.state().failedLogs?.length === 0);
        await harness.taskLogSettled();
        expect(tasksFor(emulator, callId)).toBe(1);
    });

    it('is listed in the agent’s other tab too, though no call event follows the refusal', async () => {
        const emulator = new OpenCtiEmulator();
        emulator.saveLogRules.push(relatedOnly);
        const storage = new MemoryStore();
        const locks = new MemoryLockManager();
        const saving = await ready({ emulator, storage, locks, tabs: true });
        const other = await ready({ emulator, storage, locks, tabs: true });
        const callId = ring('01632 960777', 'Unknown caller');
        await answerAndHangUp(saving, callId);
        await saving.until(() => saving.state().failedLogs?.length === 1);
        const [listed] = await other.until(
            () => other.state().failedLogs?.[0] && other.state().failedLogs,
            12_000
        );
        expect(listed).toMatchObject({ callObject: callId, message: { params: { detail: REASON } } });
        expect(saveLogsFor(emulator, callId)).toBe(1);
    });

    it('is forgotten when the agent dismisses it, and never saved', async () => {
        const emulator = new OpenCtiEmulator();
        emulator.saveLogRules.push(relatedOnly);
        const harness = await ready({ emulator });
        const callId = ring('01632 960777', 'Unknown caller');
        await answerAndHangUp(harness, callId);
        await harness.until(() => harness.state().failedLogs?.length === 1);
        harness.intent({ type: 'dismisslog', callObject: callId });
        await harness.until(() => harness.state().failedLogs?.length === 0);
        emulator.saveLogRules.length = 0;
        harness.intent({ type: 'retrylog', callObject: callId });
        await harness.taskLogSettled();
        expect(saveLogsFor(emulator, callId)).toBe(1);
        expect(emulator.tasks.size).toBe(0);
    });

    it('is kept across a reload, and the next page does not retry it either', async () => {
        const emulator = new OpenCtiEmulator();
        emulator.saveLogRules.push(relatedOnly);
        const storage = new MemoryStore();
        const first = await ready({ emulator, storage });
        const callId = ring('01632 960777', 'Unknown caller');
        await answerAndHangUp(first, callId);
        await first.until(() => first.state().failedLogs?.length === 1);
        first.stop();
        const reloaded = await ready({ emulator, storage });
        expect(reloaded.state().failedLogs).toEqual([expect.objectContaining({ callObject: callId })]);
        await reloaded.taskLogSettled();
        expect(saveLogsFor(emulator, callId)).toBe(1);
    });
});

/** localStorage of a browser whose quota for the origin is used up by other pages. */
class FullStorage extends MemoryStore {
    override setItem(): void {
        throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    }
}

describe('full browser storage', () => {
    it('never stops a call or its Task, and tells the agent once', async () => {
        const unhandled: unknown[] = [];
        const onUnhandled = (reason: unknown) => unhandled.push(reason);
        process.on('unhandledRejection', onUnhandled);
        try {
            const harness = await ready({ storage: new FullStorage() });
            harness.intent({ type: 'dial', number: '01632 960999' });
            const outbound = await harness.until(() => harness.state().calls[0]);
            expect(fixture.simulator.model.legs.get(outbound.callId)?.state).toBe('dialing');
            harness.intent({ type: 'notes', callId: outbound.callId, text: 'Left a message' });
            await harness.until(() => harness.state().notice?.code === 'storageUnavailable');
            harness.intent({ type: 'hangup', callId: outbound.callId });
            await harness.until(() => tasksFor(harness.emulator, outbound.callId) === 1);
            await harness.taskLogSettled();
            expect([...harness.emulator.tasks.values()]).toEqual([
                expect.objectContaining({ CallObject: outbound.callId, Description: 'Left a message' })
            ]);
        } finally {
            process.off('unhandledRejection', onUnhandled);
        }
        expect(unhandled).toEqual([]);
    });

    it('keeps the number typed when the Suite refuses the call, and tells why in words', async () => {
        const harness = await ready();
        const callId = ring();
        harness.intent({ type: 'answer', callId });
        await harness.until(() => view(harness, callId)?.state === 'connected');
        // The phone is busy: the Suite refuses the new call.
        harness.intent({ type: 'dialinput', number: '01632 960999' });
        harness.intent({ type: 'dial', number: '01632 960999' });
        const notice = await harness.until(() => harness.state().notice);
        expect(notice.params?.detail).toBeUndefined();
        expect(harness.state().dialPad).toMatchObject({ input: '01632 960999', placed: 0 });
    });
});

describe('an unanswered runApex', () => {
    it('does not stall the Task queue: the next call is still logged', async () => {
        const storage = new MemoryStore();
        // A save from before a reload whose outcome is unknown: the queue must look it up first.
        storage.setItem(
            'mivoice.taskLog.alice@example.com.c_earlier',
            JSON.stringify({
                callObject: 'c_earlier',
                state: 'unknown',
                attempts: 1,
                nextAttemptAt: 0,
                fields: { Subject: 'Inbound call from ACME LTD', CallType: 'Inbound' }
            })
        );
        const emulator = new OpenCtiEmulator();
        const harness = await fixture.controller({ emulator, storage, start: false });
        emulator.unansweredRunApex = 0;
        const lookupWillHang = () => {
            // The identity request at start-up is answered; the first lookup is not.
            emulator.unansweredRunApex = 1;
        };
        const started = harness.controller.start();
        await harness.until(() => emulator.count('getCallCenterSettings') === 1);
        lookupWillHang();
        await started;
        await harness.until(() => harness.state().status.phase === 'ready');
        const callId = ring();
        await answerAndHangUp(harness, callId);
        await harness.until(() => tasksFor(emulator, callId) === 1, 10_000);
        await harness.until(() => tasksFor(emulator, 'c_earlier') === 1, 10_000);
        await harness.taskLogSettled();
        expect(emulator.tasks.size).toBe(2);
    });
});

/** navigator.locks in a frame the browser denies storage to: every request is refused. */
const refusingLocks: LockManagerLike = {
    request: () => Promise.reject(new DOMException('The request was denied.', 'SecurityError'))
};

describe('refused Web Locks and BroadcastChannel', () => {
    it('a tab whose lock requests are refused still leads, pops and logs', async () => {
        const harness = await ready({ locks: refusingLocks });
        const callId = ring();
        harness.intent({ type: 'answer', callId });
        await harness.until(() => view(harness, callId)?.match.kind === 'single');
        expect(harness.emulator.count('searchAndScreenPop')).toBe(1);
        harness.intent({ type: 'hangup', callId });
        await harness.until(() => tasksFor(harness.emulator, callId) === 1);
        await harness.taskLogSettled();
        expect(harness.emulator.tasks.size).toBe(1);
    });

    it('two such tabs each act alone, yet pop once and log each call once', async () => {
        const emulator = new OpenCtiEmulator();
        const storage: KeyValueStore = new MemoryStore();
        const tabs = [
            await ready({ emulator, storage, locks: refusingLocks, tabs: true }),
            await ready({ emulator, storage, locks: refusingLocks, tabs: true })
        ];
        const callId = ring();
        await tabs[1].until(() => view(tabs[1], callId)?.state === 'ringing');
        tabs[0].intent({ type: 'answer', callId });
        await tabs[1].until(() => view(tabs[1], callId)?.state === 'connected');
        await tabs[0].until(() => view(tabs[0], callId)?.match.kind === 'single');
        fixture.simulator.model.remote(callId, 'hangup');
        await tabs[0].until(() => tasksFor(emulator, callId) === 1);
        await Promise.all(tabs.map((tab) => tab.taskLogSettled()));
        expect(tasksFor(emulator, callId)).toBe(1);
        expect(emulator.count('searchAndScreenPop')).toBe(1);
    });

    it('a tab that cannot open a BroadcastChannel keeps its own connection', async () => {
        const harness = await ready({
            openTabChannel: () => {
                throw new DOMException('The operation is insecure.', 'SecurityError');
            }
        });
        const callId = ring();
        await answerAndHangUp(harness, callId);
        await harness.until(() => tasksFor(harness.emulator, callId) === 1);
        expect(fixture.simulator.openChannels()).toBe(1);
    });
});

describe('a call the agent’s other browser logged', () => {
    it('is looked up, not logged again, by a browser that learns of it from the Suite’s recent calls', async () => {
        const loggedElsewhere = ring();
        fixture.simulator.model.remote(loggedElsewhere, 'answer');
        fixture.simulator.model.remote(loggedElsewhere, 'hangup');
        const loggedByNobody = ring('01632 960555', 'MARY JACKSON');
        fixture.simulator.model.remote(loggedByNobody, 'answer');
        fixture.simulator.model.remote(loggedByNobody, 'hangup');
        const emulator = new OpenCtiEmulator();
        // The Task the agent's desk browser saved while this browser (a fresh profile) was closed.
        emulator.tasks.set('00T5g00000OtherAAA', { Id: '00T5g00000OtherAAA', CallObject: loggedElsewhere });
        const harness = await ready({ emulator });
        await harness.until(() => tasksFor(emulator, loggedByNobody) === 1);
        await harness.taskLogSettled();
        expect(tasksFor(emulator, loggedElsewhere)).toBe(1);
        expect(saveLogsFor(emulator, loggedElsewhere)).toBe(0);
        expect(saveLogsFor(emulator, loggedByNobody)).toBe(1);
        const lookups = emulator.requests.filter(
            (request) => request.method === 'runApex' && request.args.methodName === 'findTaskId'
        );
        expect(lookups).toHaveLength(2);
    });
});
