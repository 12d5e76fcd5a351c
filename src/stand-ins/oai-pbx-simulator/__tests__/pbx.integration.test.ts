// The OAI simulator's event sequences, observed the way the bridge sees them (an OAI client over
// loopback TCP), against the manual's example sequences (Issue 9.0, oaigatewayrelay events/call/*.java;
// docs/oai-protocol.md, "Which events follow which action"). The trunk 9001 is not monitored, so its
// own lines reach the client only through the hunt group's calls-via-device monitor.
import type { OaiClient } from '../../../bridge/oai/client';
import { makeCallCallId } from '../../../bridge/oai/confirmations';
import type { OaiConfirmation, OaiEvent } from '../../../bridge/oai/messages';
import { OaiSimulator } from '../server';
import { is, observe, type Observer } from './observer';

let simulator: OaiSimulator;
const clients: OaiClient[] = [];

beforeEach(async () => {
    simulator = new OaiSimulator();
    await simulator.start();
});

afterEach(async () => {
    for (const client of clients.splice(0)) client.stop();
    await simulator.stop();
});

const at = (observer: Observer, device: string) => (event: OaiEvent) =>
    'monCrossRefId' in event && event.monCrossRefId === observer.client.monitors.get(device);

async function makeCall(pbx: Observer, extension: string, digits: string, transferCallId?: string) {
    const confirmation: OaiConfirmation = await pbx.client.send({
        code: '_MC',
        extension,
        digits,
        transferCallId
    });
    return makeCallCallId(confirmation, extension);
}

describe('OAI simulator call sequences', () => {
    it('an internal call (Issue 9.0 Established, Held, Retrieved, Connection Cleared examples)', async () => {
        const pbx = await observe(simulator, clients);
        const callId = await makeCall(pbx, '2001', '2002');
        expect(callId).toMatch(/^@\d{3}$/);
        simulator.pbx.answer('2002', callId);
        await pbx.client.send({ code: '_HC', extension: '2001', callId });
        await pbx.client.send({ code: '_RV', extension: '2001', callId });
        await pbx.client.send({ code: '_CX', extension: '2001', callId });
        await pbx.settle();
        expect(pbx.take()).toEqual([
            'OR@2001 C 22',
            'DE@2002 A 22',
            'DE@2001 C 22',
            'ES@2001 C 35',
            'ES@2002 C 35',
            'HE@2002 C 42',
            'HE@2001 H 42',
            'RE@2002 C 35',
            'RE@2001 C 35',
            'XC@2001 N 36',
            'XC@2002 - 36',
            'XC@2002 N 36'
        ]);
        expect(simulator.pbx.liveCalls()).toEqual([]);
    });

    it('an outside call to a station: DE, ES, and the caller hanging up as XC with a blank state, then XC', async () => {
        const pbx = await observe(simulator, clients);
        const callId = simulator.pbx.inbound('2001', { number: '01632960123', name: 'ACME, LTD' });
        expect(callId).toMatch(/^\d{4,5}$/);
        const ringing = (await pbx.until(is('DE'))) as Extract<OaiEvent, { code: 'DE' }>;
        expect(ringing).toMatchObject({
            callId,
            alertingExt: '2001',
            internalCallingExt: '9001',
            outsideCallerName: 'ACME, LTD',
            outsideCallerNumber: '01632960123',
            trunkName: 'MAIN',
            callingDeviceType: 'E',
            originallyCalledDevice: '2001'
        });
        simulator.pbx.answer('2001', callId);
        simulator.pbx.remoteHangup(callId);
        await pbx.settle();
        expect(pbx.take()).toEqual(['DE@2001 A 22', 'ES@2001 C 35', 'XC@2001 - 36', 'XC@2001 N 36']);
    });

    it('a hunt group call: its calls-via-device monitor reports every event of the call, then Call Cleared', async () => {
        const pbx = await observe(simulator, clients);
        const callId = simulator.pbx.inbound('2100', { number: '01632960123', name: 'ACME' });
        expect(callId).toMatch(/^[0-9A-F]{4}$/);
        expect(await pbx.until(is('DE', at(pbx, '2001')))).toMatchObject({
            acdGroup: '2100',
            originallyCalledDevice: '2100'
        });
        simulator.pbx.answer('2002', callId);
        simulator.pbx.remoteHangup(callId);
        await pbx.until(is('CC'));
        expect(pbx.take()).toEqual([
            'OR@2100 C 22',
            'DE@2001 A 22',
            'DE@2100 A 22',
            'DE@2100 C 22',
            'DE@2002 A 22',
            'DE@2100 A 22',
            'DE@2100 C 22',
            'XC@2001 N 35',
            'XC@2100 N 35',
            'ES@2100 C 35',
            'ES@2002 C 35',
            'ES@2100 C 35',
            'XC@2100 N 36',
            'XC@2002 - 36',
            'XC@2100 - 36',
            'XC@2002 N 36',
            'XC@2100 N 36',
            'CC@2100 36'
        ]);
    });

    it('a device monitor on the hunt group gets no Call Cleared', async () => {
        const pbx = await observe(simulator, clients, ['2001', '2002', '2100'], []);
        const callId = simulator.pbx.inbound('2100', { number: '01632960123', name: 'ACME' });
        simulator.pbx.answer('2001', callId);
        simulator.pbx.remoteHangup(callId);
        await pbx.settle();
        expect(pbx.take()).toEqual([
            'DE@2001 A 22',
            'DE@2002 A 22',
            'XC@2002 N 35',
            'ES@2001 C 35',
            'XC@2001 - 36',
            'XC@2001 N 36'
        ]);
    });

    it('blind transfer (_TO): TR (N) at the transferring station, DE at the destination; unanswered, it recalls', async () => {
        const pbx = await observe(simulator, clients);
        const callId = simulator.pbx.inbound('2001', { number: '01632960123', name: 'ACME' });
        simulator.pbx.answer('2001', callId);
        const confirmation = await pbx.client.send({
            code: '_TO',
            extension: '2001',
            callId,
            destination: '2003'
        });
        // Issue 9.0 _TO: <New_Call_ID>,<Destination_Ext>,<Transferred_Ext>,<name>,<number>,<trunk name>,<trunk number>.
        expect(confirmation.rest).toEqual([
            callId,
            '2003',
            '9001',
            'ACME',
            '01632960123',
            'MAIN',
            '4005551000'
        ]);
        expect(await pbx.until(is('DE', at(pbx, '2003')))).toMatchObject({
            callId,
            lastRedirectionExt: '2001',
            originallyCalledDevice: '2003',
            internalCallingExt: '9001'
        });
        simulator.pbx.recall(callId);
        const recalled = await pbx.until(is('DE', (event) => event.code === 'DE' && event.cause === 27));
        // The initial recall destination becomes the originally called device (Issue 9.0, DE).
        expect(recalled).toMatchObject({
            alertingExt: '2001',
            originallyCalledDevice: '2001',
            lastRedirectionExt: '2003'
        });
        expect(pbx.take()).toEqual([
            'DE@2001 A 22',
            'ES@2001 C 35',
            'TR@2001 N 32',
            'DE@2003 A 32',
            'DI@2003 N 27',
            'DE@2001 A 27'
        ]);
    });

    it('consult then transfer to ring (Issue 9.0 Transferred example): TR, XC, TR (A) at the destination, its XCs, DE', async () => {
        const pbx = await observe(simulator, clients);
        const callId = simulator.pbx.inbound('2001', { number: '01632960123', name: 'ACME' });
        simulator.pbx.answer('2001', callId);
        await pbx.client.send({ code: '_HC', extension: '2001', callId });
        const consultId = await makeCall(pbx, '2001', '2002', callId);
        const confirmation = await pbx.client.send({
            code: '_TR',
            extension: '2001',
            heldCallId: callId,
            announcementCallId: consultId
        });
        expect(confirmation.rest.slice(0, 3)).toEqual([callId, '2002', '9001']);
        await pbx.until(is('DE', (event) => event.code === 'DE' && event.cause === 32));
        expect(pbx.take()).toEqual([
            'DE@2001 A 22',
            'ES@2001 C 35',
            'HE@2001 H 42',
            'OR@2001 C 22',
            'DE@2002 A 40',
            'DE@2001 C 40',
            'TR@2001 N 32',
            'XC@2001 N 36',
            'TR@2002 A 32',
            'XC@2002 - 36',
            'XC@2002 N 36',
            'DE@2002 A 32'
        ]);
        const destinationLine = pbx.events.find(
            (event) => event.code === 'TR' && event.monCrossRefId === pbx.client.monitors.get('2002')
        );
        expect(destinationLine).toMatchObject({ announcementCallId: consultId, transferredExt: '9001' });
        expect(simulator.pbx.liveCalls()).toEqual([
            expect.objectContaining({ callId, stations: { 2002: 'A' } })
        ]);
    });

    it('an outgoing outside call: OR, NT, DE (C) with the trunk, ES when the far end answers, XC on clear', async () => {
        const pbx = await observe(simulator, clients);
        const callId = await makeCall(pbx, '2001', '901632960123');
        expect(await pbx.until(is('DE'))).toMatchObject({
            callId,
            alertingExt: '9001',
            alertingOutsideNumber: '01632960123',
            alertingDeviceType: 'E',
            originallyCalledDevice: '01632960123',
            localState: 'C'
        });
        simulator.pbx.remoteAnswer(callId);
        expect(await pbx.until(is('ES'))).toMatchObject({
            answeringExt: '9001',
            answeringOutsideNumber: '01632960123'
        });
        await pbx.client.send({ code: '_CC', extension: '2001', callId });
        await pbx.settle();
        const nt = pbx.events.find((event) => event.code === 'NT');
        expect(nt).toMatchObject({ trunkUsed: '9001', dialedNumber: '01632960123' });
        expect(pbx.take()).toEqual([
            'OR@2001 C 22',
            'NT@2001 C 22',
            'DE@2001 C 22',
            'ES@2001 C 35',
            'XC@2001 N 36'
        ]);
    });

    it('an outgoing outside call to a busy number: FA (C 3) at the caller, who hears it until it hangs up', async () => {
        const pbx = await observe(simulator, clients);
        const callId = await makeCall(pbx, '2001', '901632960123');
        simulator.pbx.remoteBusy(callId);
        await pbx.client.send({ code: '_CX', extension: '2001', callId });
        await pbx.settle();
        expect(pbx.take()).toEqual([
            'OR@2001 C 22',
            'NT@2001 C 22',
            'DE@2001 C 22',
            'FA@2001 C 3',
            'XC@2001 N 36'
        ]);
    });

    it('DND by _SD and by _EF with a message number; a call to the station fails (Issue 9.0 FA example)', async () => {
        const pbx = await observe(simulator, clients);
        await pbx.client.send({ code: '_EF', extension: '2001', feature: '370', dndMessage: 19 });
        expect(await pbx.until(is('DND'))).toMatchObject({
            extension: '2001',
            enabled: true,
            message: 'GONE HOME'
        });
        const callId = await makeCall(pbx, '2002', '2001');
        await pbx.client.send({ code: '_CX', extension: '2002', callId });
        await pbx.client.send({ code: '_SD', extension: '2001', enabled: false });
        await pbx.client.send({ code: '_SD', extension: '2001', enabled: true });
        await pbx.settle();
        expect(pbx.take()).toEqual([
            'DND@2001 on',
            'OR@2002 C 22',
            'FA@2001 F 14',
            'FA@2002 C 14',
            'XC@2002 N 36',
            'XC@2001 - 36',
            'XC@2001 N 36',
            'DND@2001 off',
            'DND@2001 on'
        ]);
        expect(simulator.pbx.isDnd('2001')).toBe(true);
    });

    it('a conference (Issue 9.0 Conferenced example): HE 39, then CO to each party with its own call id', async () => {
        const pbx = await observe(simulator, clients);
        const first = await makeCall(pbx, '2001', '2002');
        simulator.pbx.answer('2002', first);
        await pbx.client.send({ code: '_HC', extension: '2001', callId: first });
        const second = await makeCall(pbx, '2001', '2003');
        simulator.pbx.answer('2003', second);
        await pbx.settle();
        pbx.take();
        const conference = simulator.pbx.conference('2001', first, second);
        await pbx.settle();
        expect(pbx.take()).toEqual([
            'HE@2003 C 39',
            'HE@2001 H 39',
            'CO@2001 C 41',
            'CO@2002 C 41',
            'CO@2003 C 41'
        ]);
        const co = pbx.events.filter((event) => event.code === 'CO');
        expect(co[0]).toMatchObject({
            subjectExt: '2001',
            primaryCallId: first,
            secondaryCallId: second,
            controllingExt: '2001',
            parties: [
                { extension: '2001', callId: conference },
                { extension: '2002', callId: first },
                { extension: '2003', callId: second }
            ]
        });
        expect(co[1]).toMatchObject({ subjectExt: '2002', primaryCallId: first, secondaryCallId: '' });
        // 2002 leaves by its own call id; the others stay, each told by the id it knows.
        await pbx.client.send({ code: '_CX', extension: '2002', callId: first });
        await pbx.settle();
        expect(pbx.take()).toEqual(['XC@2002 N 36', 'XC@2001 - 36', 'XC@2003 - 36']);
        const told = pbx.events.filter((event) => event.code === 'XC').slice(-2);
        expect(told.map((event) => 'callId' in event && event.callId)).toEqual([conference, second]);
    });

    it('an inbound call answered by its station from the workbench side: remoteAnswer answers where it rings', async () => {
        const pbx = await observe(simulator, clients);
        const consult = await makeCall(pbx, '2001', '2003');
        simulator.pbx.remoteAnswer(consult);
        await pbx.settle();
        expect(simulator.pbx.liveCalls()).toEqual([
            expect.objectContaining({ callId: consult, stations: { 2001: 'C', 2003: 'C' } })
        ]);
    });
});
