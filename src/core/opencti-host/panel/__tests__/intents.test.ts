// What the panel's intents do to the Suite, and what becomes of a retrieve that never gets through.
import { Diagnostics } from '../../../telephony/diagnostics';
import { SuiteError, type SuiteClient } from '../../../suite/types';
import { retrieveWhenFree, routeIntent, type IntentTarget } from '../intents';

const busy = () => new SuiteError('deviceBusy', { host: 'suite.example.com', port: '8204' });

function target(suite: Partial<SuiteClient>, overrides: Partial<IntentTarget> = {}) {
    const notices: { code: string; params?: Record<string, string>; callId?: string }[] = [];
    const diagnostics = new Diagnostics(() => 1);
    const intentTarget = {
        suite: () => suite as SuiteClient,
        settings: () => ({
            outsidePrefix: '9',
            longDistancePrefix: '',
            internationalPrefix: '00',
            siteCountryCode: '44',
            siteNationalPrefix: '0'
        }),
        heldPartyOf: () => undefined,
        notify: (code: string, params?: Record<string, string>, callId?: string) =>
            notices.push(callId ? { code, params, callId } : { code, params }),
        diagnostics,
        ...overrides
    } as unknown as IntentTarget;
    return { intentTarget, notices, diagnostics };
}

describe('routeIntent', () => {
    it('sends a transfer to the number the softphone would dial, and refuses one it would not', async () => {
        const blindTransfer = jest.fn(() => Promise.resolve());
        const { intentTarget, notices } = target({ blindTransfer });
        await routeIntent({ type: 'transfer', callId: 'c_1', to: '+44 1632 960123' }, intentTarget);
        expect(blindTransfer).toHaveBeenCalledWith('c_1', '901632960123');
        await routeIntent({ type: 'transfer', callId: 'c_1', to: 'call me' }, intentTarget);
        expect(blindTransfer).toHaveBeenCalledTimes(1);
        expect(notices).toEqual([{ code: 'numberInvalid', params: { number: 'call me' }, callId: 'c_1' }]);
    });

    it('tells the agent in words, not codes, why the Suite refused a command, about the call it concerns', async () => {
        const refusing = (code: SuiteError['code']) => () =>
            Promise.reject(new SuiteError(code, { host: 'suite.example.com', port: '8204' }));
        const { intentTarget, notices, diagnostics } = target({
            hold: refusing('deviceBusy'),
            retrieve: refusing('invalidState'),
            answer: refusing('suiteUnreachable'),
            clear: refusing('internal' as SuiteError['code'])
        });
        await routeIntent({ type: 'hold', callId: 'c_1' }, intentTarget);
        await routeIntent({ type: 'retrieve', callId: 'c_1' }, intentTarget);
        await routeIntent({ type: 'answer', callId: 'c_2' }, intentTarget);
        await routeIntent({ type: 'hangup', callId: 'c_2' }, intentTarget);
        expect(notices).toEqual([
            { code: 'phoneBusy', params: undefined, callId: 'c_1' },
            { code: 'callChanged', params: undefined, callId: 'c_1' },
            { code: 'notConnected', params: undefined, callId: 'c_2' },
            { code: 'commandFailed', params: undefined, callId: 'c_2' }
        ]);
        // The codes are for the setup check's diagnostics.
        expect(diagnostics.entries().map((entry) => entry.detail)).toEqual([
            'deviceBusy',
            'invalidState',
            'suiteUnreachable',
            'internal'
        ]);
    });

    it('takes the caller off hold once a cancelled consult call has gone', async () => {
        const order: string[] = [];
        const { intentTarget } = target(
            {
                clear: (callId) => (order.push(`clear ${callId}`), Promise.resolve()),
                retrieve: (callId) => (order.push(`retrieve ${callId}`), Promise.resolve())
            },
            { heldPartyOf: () => 'c_caller' }
        );
        await routeIntent({ type: 'canceltransfer', consultCallId: 'c_consult' }, intentTarget);
        expect(order).toEqual(['clear c_consult', 'retrieve c_caller']);
    });
});

describe('the intents of the agent’s day', () => {
    it('opens a record or a Task only when its Id has the right shape, and records the others', async () => {
        const openRecord = jest.fn(() => Promise.resolve());
        const { intentTarget, diagnostics } = target({}, { openRecord });
        await routeIntent({ type: 'openrecord', recordId: '0035g00000AdaLov' }, intentTarget);
        await routeIntent({ type: 'opentask', taskId: '00T5g0000000001' }, intentTarget);
        await routeIntent({ type: 'openrecord', recordId: 'javascript:alert(1)' }, intentTarget);
        await routeIntent({ type: 'opentask', taskId: '0035g00000AdaLov' }, intentTarget);
        expect(openRecord.mock.calls).toEqual([['0035g00000AdaLov'], ['00T5g0000000001']]);
        expect(diagnostics.entries().map((entry) => entry.operation)).toEqual([
            'intent.openrecord',
            'intent.opentask'
        ]);
    });

    it('passes on only the wrap-up fields the form edits, as text', async () => {
        const wrapUpDone = jest.fn();
        const wrapUpChange = jest.fn();
        const { intentTarget } = target({}, { wrapUpDone, wrapUpChange });
        const changes = {
            notes: 'n',
            result: 7,
            OwnerId: '005',
            subject: 's'
        } as unknown as SoftphoneWrapUpChanges;
        await routeIntent({ type: 'wrapupdone', callId: 'c_1', changes }, intentTarget);
        expect(wrapUpDone).toHaveBeenCalledWith('c_1', { notes: 'n', subject: 's' });
        const field = 'Description' as 'subject';
        await routeIntent({ type: 'wrapupchange', callId: 'c_1', field, value: 'x' }, intentTarget);
        expect(wrapUpChange).not.toHaveBeenCalled();
    });
});

describe('retrieveWhenFree', () => {
    it('records that it gave up when the line stayed busy, for the setup check', async () => {
        const diagnostics = new Diagnostics(() => 42);
        const retrieve = jest.fn(() => Promise.reject(busy()));
        await retrieveWhenFree({ retrieve }, 'c_caller', diagnostics, 0);
        expect(retrieve).toHaveBeenCalledTimes(20);
        expect(diagnostics.entries()).toEqual([
            { at: 42, operation: 'transfer.retrieveAfterCancel', detail: 'deviceBusy' }
        ]);
    });

    it('records nothing when the line frees up, and passes on any other refusal', async () => {
        const diagnostics = new Diagnostics();
        let calls = 0;
        await retrieveWhenFree(
            { retrieve: () => (++calls < 3 ? Promise.reject(busy()) : Promise.resolve()) },
            'c_caller',
            diagnostics,
            0
        );
        expect(calls).toBe(3);
        expect(diagnostics.entries()).toEqual([]);
        await expect(
            retrieveWhenFree(
                { retrieve: () => Promise.reject(new Error('gone')) },
                'c_caller',
                diagnostics,
                0
            )
        ).rejects.toThrow('gone');
    });
});
