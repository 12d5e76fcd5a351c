// The emulated container's reading of what the connector posts: buttons from callInfo and the
// capabilities, no kinder than the library's shapes, and both shapes where the library and Salesforce's
// demo connector write a value differently.
import { ContainerModel, type CallCard } from '../browser/containerModel';

const presence = [
    { statusId: '0N5000000000001AAA', statusApiName: 'Available_for_Voice', statusName: 'Available' },
    { statusId: '0N5000000000003AAA', statusApiName: 'Offline', statusName: 'Offline' }
];

const event = (telephonyEventType: string, telephonyEventPayload: unknown) => ({
    type: 'TELEPHONY_EVENT_DISPATCHED',
    payload: { telephonyEventType, telephonyEventPayload }
});

const ready = (phones: unknown) => ({
    type: 'CONNECTOR_READY',
    payload: {
        agentConfig: { PHONES: phones, SELECTED_PHONE: { type: 'DESK_PHONE', number: '2001' } },
        capabilities: { MUTE: false, RECORD: false, MERGE: false, SWAP: false, BLIND_TRANSFER: true },
        callInProgress: null
    }
});

const callInfo = (flags: Record<string, boolean>) => ({
    isOnHold: false,
    acceptEnabled: true,
    declineEnabled: true,
    holdEnabled: true,
    addCallerEnabled: true,
    extensionEnabled: true,
    muteEnabled: false,
    showMuteButton: false,
    showRecordButton: false,
    showMergeButton: false,
    showAddCallerButton: true,
    showAddBlindTransferButton: true,
    ...flags
});

const inbound = (flags: Record<string, boolean> = {}, extra: Record<string, unknown> = {}) => ({
    callId: 'c_1',
    callType: 'Inbound',
    phoneNumber: '+441632960123',
    state: 'ringing',
    callInfo: callInfo(flags),
    callAttributes: { voiceCallId: '0LQ000000000001AAA', participantType: 'Initial_Caller' },
    ...extra
});

function model() {
    const container = new ContainerModel(true, presence);
    expect(container.receive(ready(['DESK_PHONE']))).toEqual([
        { type: 'AGENT_AVAILABLE', isAvailable: true }
    ]);
    return container;
}

const card = (container: ContainerModel) => container.calls.get('c_1') as CallCard;
const labels = (container: ContainerModel, status = 'Online') =>
    container
        .buttons(card(container), status)
        .map((button) => `${button.label}${button.enabled ? '' : ' (off)'}`);

it('offers Accept and Decline as callInfo allows, and Hold and transfers only as it allows', () => {
    const container = model();
    container.receive(event('CALL_STARTED', inbound({ declineEnabled: false })));
    expect(labels(container)).toEqual(['Accept', 'Decline (off)']);
    // What the connector sent before the fix: the ringing call's flags on CALL_CONNECTED.
    container.receive(
        event(
            'CALL_CONNECTED',
            inbound(
                { holdEnabled: false, addCallerEnabled: false, showAddBlindTransferButton: false },
                { state: 'connected' }
            )
        )
    );
    expect(labels(container)).toEqual(['Hold (off)', 'End']);
    expect(container.canTransfer(card(container))).toBe(false);
    container.receive(event('CALL_CONNECTED', inbound({ acceptEnabled: false }, { state: 'connected' })));
    expect(labels(container)).toEqual(['Hold', 'End']);
    expect(container.transferButtons(card(container), '2002').map((button) => button.label)).toEqual([
        'Consult',
        'Blind transfer'
    ]);
    expect(container.findings).toEqual([]);
});

it('never offers what the capabilities deny, whatever callInfo shows', () => {
    const container = model();
    container.receive(
        event('CALL_CONNECTED', inbound({ showMuteButton: true, muteEnabled: true }, { state: 'connected' }))
    );
    expect(labels(container)).toEqual(['Hold', 'End']);
});

it.each([
    ['the library’s constants', 'Outbound'],
    ['the demo connector’s lower case', 'outbound']
])('takes an outbound call type in %s: dialing, with End only', (_case, callType) => {
    const container = model();
    container.receive(event('CALL_STARTED', inbound({}, { callType, callAttributes: {} })));
    expect(card(container).phase).toBe('dialing');
    expect(labels(container)).toEqual(['End']);
    expect(container.findings).toEqual([]);
});

it.each([
    ['phone types, as the library’s default and the demo list them', ['DESK_PHONE']],
    ['Phone objects, as the library’s typings say', [{ type: 'DESK_PHONE', number: '2001' }]]
])('reads PHONES as %s', (_case, phones) => {
    const container = new ContainerModel(true, presence);
    container.receive(ready(phones));
    expect(container.phones).toEqual(['DESK_PHONE']);
    expect(container.findings).toEqual([]);
});

it.each([
    ['a list of calls (END_CALL, a published HangupResult)', (call: object) => [call]],
    ['the one call (DECLINE_CALL, a blind transfer)', (call: object) => call]
])('ends a call from HANGUP as %s, into wrap-up when it was answered', (_case, shape) => {
    const container = model();
    container.receive(event('CALL_CONNECTED', inbound({}, { state: 'connected' })));
    container.receive(event('HANGUP', shape(inbound({}, { state: 'ended', reason: 'ended' }))));
    expect(container.calls.size).toBe(0);
    expect(container.lastEnded).toEqual({ phoneNumber: '+441632960123', reason: 'ended' });
    expect(container.finishWrapUp('c_1')).toEqual({
        type: 'WRAP_UP_CALL',
        call: expect.objectContaining({ callId: 'c_1', state: 'ended' })
    });
    expect(container.finishWrapUp('c_1')).toBeUndefined();
});

it('a missed call ends without wrap-up', () => {
    const container = model();
    container.receive(event('CALL_STARTED', inbound()));
    container.receive(event('HANGUP', [inbound({}, { state: 'ended', reason: 'ended' })]));
    expect(container.wrapUps.size).toBe(0);
});

it('finds what the library could not have sent, and what Salesforce needs and did not get, and logs it', () => {
    const container = model();
    const replies = container.receive(event('CALL_STARTED', inbound({}, { callAttributes: {} })));
    container.receive(
        event('CALL_CONNECTED', { callId: 'c_2', callType: 'Sideways', callInfo: { holdEnabled: 'yes' } })
    );
    container.receive(event('HOLD_TOGGLE', { calls: [] }));
    expect(container.findings).toEqual([
        'CALL_STARTED of inbound call c_1 has no VoiceCall Id: Salesforce has no record to show or route',
        "CALL_CONNECTED: callType Sideways is none of the library's CALL_TYPE",
        'CALL_CONNECTED: callInfo.holdEnabled is not a boolean',
        'HOLD_TOGGLE: no isCustomerOnHold'
    ]);
    expect(replies).toEqual([]);
    expect(container.receive(event('ERROR', {}))).toEqual([
        {
            type: 'LOG',
            logLevel: 'ERROR',
            logMessage: 'ERROR: neither a message nor a customError',
            payload: {}
        }
    ]);
});

it('sets presence with the status Salesforce knows, and logs the change to the connector', () => {
    expect(model().presenceMessages('0N5000000000003AAA')).toEqual([
        {
            type: 'SET_AGENT_STATUS',
            agentStatus: 'Offline',
            statusInfo: presence[1],
            enqueueNextState: false
        },
        { type: 'LOG', logLevel: 'INFO', logMessage: 'Omni-Channel status changed to Offline', payload: {} }
    ]);
});
