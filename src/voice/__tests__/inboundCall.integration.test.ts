// An inbound call from Salesforce's side, through scv-connector-base 3.6.2 and the Suite simulator:
// its VoiceCall, the buttons the library's results and events allow at each step (callInfo), the
// reason a call ends with, wrap-up, and what happens at the handset or in the hunt group.
import { callControl } from '../../stand-ins/suite-simulator/controlClient';
import { connectorHarness, settle } from './connectorHarness';

const harness = connectorHarness();

/** The buttons a call's callInfo allows, as Salesforce's softphone reads them. */
const BUTTONS_CONNECTED = {
    acceptEnabled: false,
    declineEnabled: false,
    holdEnabled: true,
    addCallerEnabled: true,
    showAddCallerButton: true,
    showAddBlindTransferButton: true,
    showMuteButton: false,
    showRecordButton: false,
    showMergeButton: false,
    isSoftphoneCall: false
};

describe('an inbound call', () => {
    it('rings with one VoiceCall, is accepted at the Suite, and connects once', async () => {
        const { side, created } = await harness.startConnector();
        const callId = await harness.ring();
        const started = await side.untilEvent('CALL_STARTED');
        expect(created).toEqual([[callId, '+441632960123', '2001']]);
        expect(started.telephonyEventPayload).toMatchObject({
            callId,
            callType: 'Inbound',
            state: 'ringing',
            phoneNumber: '+441632960123',
            callAttributes: { voiceCallId: '0LQ000000000001AAA', participantType: 'Initial_Caller' },
            callInfo: {
                acceptEnabled: true,
                declineEnabled: true,
                holdEnabled: false,
                isSoftphoneCall: false
            }
        });

        side.send('ACCEPT_CALL', { call: started.telephonyEventPayload });
        const connected = await side.untilEvent('CALL_CONNECTED');
        expect(connected.telephonyEventPayload).toMatchObject({ callId, state: 'connected' });
        await harness.untilSimulator(callId, 'connected');
        await settle();
        expect(side.events('CALL_CONNECTED')).toHaveLength(1);
        expect(side.events('CALL_STARTED')).toHaveLength(1);
        expect(created).toHaveLength(1);
    });

    it('offers Hold and both transfers right after Accept, and no Accept', async () => {
        const started = await harness.startConnector();
        await harness.acceptedCall(started);
        const [connected] = started.side.events('CALL_CONNECTED');
        expect(connected.telephonyEventPayload.callInfo).toMatchObject(BUTTONS_CONNECTED);
    });

    it('holds and resumes at the Suite, twice, one HOLD_TOGGLE each, with the buttons of each state', async () => {
        const started = await harness.startConnector();
        const { side } = started;
        const { callId, call } = await harness.acceptedCall(started);
        for (let round = 0; round < 2; round++) {
            side.send('HOLD', { call: call.telephonyEventPayload });
            const held = await side.untilEvent('HOLD_TOGGLE', 2 * round + 1);
            expect(held.telephonyEventPayload).toMatchObject({
                isCustomerOnHold: true,
                isThirdPartyOnHold: false,
                calls: [
                    { callId, callInfo: { isOnHold: true, holdEnabled: true, showAddCallerButton: false } }
                ]
            });
            await harness.untilSimulator(callId, 'held');
            side.send('RESUME', { call: call.telephonyEventPayload });
            const resumed = await side.untilEvent('HOLD_TOGGLE', 2 * round + 2);
            expect(resumed.telephonyEventPayload).toMatchObject({
                isCustomerOnHold: false,
                calls: [{ callId, callInfo: { isOnHold: false, ...BUTTONS_CONNECTED } }]
            });
            await harness.untilSimulator(callId, 'connected');
        }
        await settle();
        expect(side.events('HOLD_TOGGLE')).toHaveLength(4);
    });

    it('ends at the Suite with one HANGUP whose reason is the library’s "ended", after a hold and resume', async () => {
        const started = await harness.startConnector();
        const { side } = started;
        const { callId, call } = await harness.acceptedCall(started);
        side.send('HOLD', { call: call.telephonyEventPayload });
        await side.untilEvent('HOLD_TOGGLE');
        side.send('RESUME', { call: call.telephonyEventPayload });
        await side.untilEvent('HOLD_TOGGLE', 2);
        side.send('END_CALL', { call: call.telephonyEventPayload, agentStatus: 'Online' });
        const hangup = await side.untilEvent('HANGUP');
        expect(hangup.telephonyEventPayload).toEqual([
            expect.objectContaining({ callId, state: 'ended', reason: 'ended' })
        ]);
        await harness.untilSimulator(callId, 'cleared');
        await settle();
        expect(side.events('HANGUP')).toHaveLength(1);
        expect(side.events('PARTICIPANT_REMOVED')).toHaveLength(0);
    });

    it('declined: cleared at the Suite, one HANGUP (the library sends the one call, not a list), "ended"', async () => {
        const { side } = await harness.startConnector();
        const callId = await harness.ring();
        const started = await side.untilEvent('CALL_STARTED');
        side.send('DECLINE_CALL', { call: started.telephonyEventPayload });
        const hangup = await side.untilEvent('HANGUP');
        expect(hangup.telephonyEventPayload).toMatchObject({ callId, state: 'ended', reason: 'ended' });
        await harness.untilSimulator(callId, 'cleared');
        await settle();
        expect(side.events('HANGUP')).toHaveLength(1);
    });

    it('answered and held at the handset, then hung up by the caller: each published once', async () => {
        const { side } = await harness.startConnector();
        const callId = await harness.ring();
        await side.untilEvent('CALL_STARTED');
        const handset = harness.suiteFor('alice@example.com');
        handset.start();
        await side.until(() => handset.calls.has(callId), 'the handset sees the call');
        await handset.answer(callId);
        const connected = await side.untilEvent('CALL_CONNECTED');
        expect(connected.telephonyEventPayload).toMatchObject({ callId, state: 'connected' });
        expect(connected.telephonyEventPayload.callInfo).toMatchObject(BUTTONS_CONNECTED);
        await handset.hold(callId);
        const held = await side.untilEvent('HOLD_TOGGLE');
        expect(held.telephonyEventPayload).toMatchObject({ isCustomerOnHold: true });
        await callControl(harness.simulator.controlUrl, 'POST', `/_sim/calls/${callId}/remote-hangup`);
        const hangup = await side.untilEvent('HANGUP');
        expect(hangup.telephonyEventPayload).toEqual([
            expect.objectContaining({ callId, state: 'ended', reason: 'ended' })
        ]);
        await settle();
        expect(side.events('CALL_CONNECTED')).toHaveLength(1);
        expect(side.events('HANGUP')).toHaveLength(1);
    });

    it('answered elsewhere in the hunt group: HANGUP, "ended" (a missed call is no error)', async () => {
        const { side } = await harness.startConnector();
        const callId = await harness.ring();
        await side.untilEvent('CALL_STARTED');
        await callControl(harness.simulator.controlUrl, 'POST', `/_sim/calls/${callId}/answered-elsewhere`);
        const hangup = await side.untilEvent('HANGUP');
        expect(hangup.telephonyEventPayload).toEqual([expect.objectContaining({ callId, reason: 'ended' })]);
    });
});

describe('wrap-up (WRAP_UP_CALL)', () => {
    const rejections: unknown[] = [];
    const onRejection = (reason: unknown) => rejections.push(reason);
    beforeEach(() => process.on('unhandledRejection', onRejection));
    afterEach(() => {
        process.off('unhandledRejection', onRejection);
        rejections.length = 0;
    });

    it('is taken after the call ended, with nothing thrown in the connector and the next call as usual', async () => {
        const started = await harness.startConnector();
        const { side } = started;
        const { call } = await harness.acceptedCall(started);
        side.send('END_CALL', { call: call.telephonyEventPayload, agentStatus: 'Online' });
        const [hangup] = (await side.untilEvent('HANGUP')).telephonyEventPayload as unknown as object[];
        side.send('WRAP_UP_CALL', { call: hangup });
        // The library neither awaits nor catches wrapUpCall: a failure would only surface here.
        const next = await harness.ring();
        await side.until(() => side.events('CALL_STARTED')[1], 'the next call');
        await settle();
        expect(rejections).toEqual([]);
        expect(side.events('ERROR')).toEqual([]);
        expect(side.events('CALL_STARTED')[1].telephonyEventPayload).toMatchObject({ callId: next });
    });

    it('a wrap-up for a call the connector no longer knows (or none) fails nothing either', async () => {
        const { side } = await harness.startConnector();
        side.send('WRAP_UP_CALL', { call: { callId: 'gone' } });
        side.send('WRAP_UP_CALL', {});
        await harness.ring();
        await side.untilEvent('CALL_STARTED');
        await settle();
        expect(rejections).toEqual([]);
    });
});
