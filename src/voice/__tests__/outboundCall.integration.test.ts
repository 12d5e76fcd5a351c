// Calls Salesforce starts (DIAL, ADD_PARTICIPANT), through scv-connector-base 3.6.2 and the Suite
// simulator: the PBX gets the dial string, Salesforce sees the number the agent dialled on every event
// of the call, a call that does not get through ends with the library's "error", transfers end or hand
// over the caller, and the transfer dialog's phone book asks for nothing the connector cannot give.
import { callControl } from '../../stand-ins/suite-simulator/controlClient';
import { connectorHarness, settle } from './connectorHarness';

const harness = connectorHarness();
const control = (path: string) => callControl(harness.simulator.controlUrl, 'POST', path);

describe('DIAL', () => {
    it('dials the PBX dial string and reports the number the agent dialled, on every event of the call', async () => {
        const { side, created } = await harness.startConnector();
        const contact = {
            phoneNumber: ' +44 1632 960456 ',
            name: 'Pat Caller',
            recordId: '0035e00000AbCdEAAV'
        };
        side.send('DIAL', { contact });
        const started = await side.untilEvent('CALL_STARTED');
        const callId = started.telephonyEventPayload.callId as string;
        expect(harness.simulator.model.legs.get(callId)?.remote.number).toBe('00441632960456');
        const dialled = {
            callType: 'Outbound',
            phoneNumber: '+44 1632 960456',
            contact: expect.objectContaining({
                phoneNumber: '+44 1632 960456',
                name: 'Pat Caller',
                recordId: '0035e00000AbCdEAAV'
            })
        };
        expect(started.telephonyEventPayload).toMatchObject(dialled);

        await control(`/_sim/calls/${callId}/remote-answer`);
        const connected = await side.untilEvent('CALL_CONNECTED');
        expect(connected.telephonyEventPayload).toMatchObject({ callId, ...dialled });
        await control(`/_sim/calls/${callId}/remote-hangup`);
        const hangup = await side.untilEvent('HANGUP');
        expect(hangup.telephonyEventPayload).toEqual([
            expect.objectContaining({ callId, ...dialled, reason: 'ended' })
        ]);
        await settle();
        expect(side.events('CALL_STARTED')).toHaveLength(1);
        expect(created).toEqual([]);
    });

    it('a busy number ends the call with the library’s "error"', async () => {
        const { side } = await harness.startConnector();
        side.send('DIAL', { contact: { phoneNumber: '01632 960456' } });
        const started = await side.untilEvent('CALL_STARTED');
        await control(`/_sim/calls/${String(started.telephonyEventPayload.callId)}/remote-busy`);
        const hangup = await side.untilEvent('HANGUP');
        expect(hangup.telephonyEventPayload).toEqual([
            expect.objectContaining({ phoneNumber: '01632 960456', reason: 'error' })
        ]);
    });

    it('refuses a number that cannot be dialled with the library’s invalid destination', async () => {
        const { side } = await harness.startConnector();
        side.send('DIAL', { contact: { phoneNumber: 'call me' } });
        await side.untilEvent('CALL_FAILED');
        const error = await side.untilEvent('ERROR');
        expect(error.telephonyEventPayload).toEqual({ message: 'INVALID_DESTINATION' });
    });
});

describe('transfers', () => {
    it('opens the transfer dialog: an empty phone book, no error', async () => {
        const { side } = await harness.startConnector();
        side.send('GET_PHONE_CONTACTS', { filter: { contains: '', limit: 50, offset: 0 } });
        const contacts = await side.untilEvent('PHONE_CONTACTS');
        expect(contacts.telephonyEventPayload).toEqual({ contacts: [], contactTypes: [] });
        expect(side.events('ERROR')).toEqual([]);
    });

    it('blind-transfers: PARTICIPANT_ADDED with the number dialled, then HANGUP, and the call leaves the agent', async () => {
        const started = await harness.startConnector();
        const { side } = started;
        const { callId, call } = await harness.acceptedCall(started);
        side.send('ADD_PARTICIPANT', {
            contact: { phoneNumber: '2002' },
            call: call.telephonyEventPayload,
            isBlindTransfer: true
        });
        const added = await side.untilEvent('PARTICIPANT_ADDED');
        expect(added.telephonyEventPayload).toMatchObject({
            initialCallHasEnded: true,
            phoneNumber: '2002',
            callId
        });
        await side.untilEvent('HANGUP');
        await harness.untilSimulator(callId, 'cleared');
        await settle();
        expect(side.events('HANGUP')).toHaveLength(1);
    });

    it('consults, shows the consulted party connecting, and hands the caller over when the agent ends the call', async () => {
        const started = await harness.startConnector();
        const { side } = started;
        const { callId, call } = await harness.acceptedCall(started);
        side.send('ADD_PARTICIPANT', {
            contact: { phoneNumber: '01632 960456' },
            call: call.telephonyEventPayload,
            isBlindTransfer: false
        });
        const added = await side.untilEvent('PARTICIPANT_ADDED');
        const consultId = added.telephonyEventPayload.callId as string;
        expect(added.telephonyEventPayload).toMatchObject({
            initialCallHasEnded: false,
            phoneNumber: '01632 960456'
        });
        expect(consultId).not.toBe(callId);
        expect(harness.simulator.model.legs.get(consultId)?.remote.number).toBe('01632960456');
        await harness.untilSimulator(callId, 'held');
        await control(`/_sim/calls/${consultId}/remote-answer`);
        const connected = await side.untilEvent('PARTICIPANT_CONNECTED');
        expect(connected.telephonyEventPayload).toMatchObject({
            callId: consultId,
            phoneNumber: '01632 960456'
        });

        side.send('END_CALL', { call: call.telephonyEventPayload, agentStatus: 'Online' });
        await side.untilEvent('HANGUP');
        await harness.untilSimulator(callId, 'cleared');
        await harness.untilSimulator(consultId, 'cleared');
        await settle();
        expect(side.events('HANGUP')).toHaveLength(1);
        expect(side.events('CALL_STARTED')).toHaveLength(1);
        expect(side.events('HOLD_TOGGLE')).toHaveLength(0);
    });
});
