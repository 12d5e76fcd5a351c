// The OAI simulator no kinder than the manual: its refusals carry the manual's outcome codes, its
// confirmations the manual's layouts, its resyncs the manual's rules (Issue 9.0 `_RR`), and a
// calls-via-device monitor follows a call for its life under the first such monitor that saw it.
import type { OaiClient } from '../../../bridge/oai/client';
import { makeCallCallId } from '../../../bridge/oai/confirmations';
import { ConnectionMonitors, filtersOf } from '../monitors';
import { OaiSimulator } from '../server';
import { observe } from './observer';

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

describe('OAI simulator refusals and confirmations', () => {
    it('refuses with the outcome codes the manual lists for each command', async () => {
        const pbx = await observe(simulator, clients, ['2001', '2002']);
        const callId = simulator.pbx.inbound('2001', { number: '01632960123', name: 'ACME' });
        simulator.pbx.answer('2001', callId);
        const refused = (command: Parameters<OaiClient['send']>[0]) =>
            pbx.client.send(command).then(
                () => 'confirmed',
                (error: { outcome?: number }) => error.outcome
            );
        // _MC from a station on a call: Generic_State_Incompatibility (15).
        expect(await refused({ code: '_MC', extension: '2001', digits: '2002' })).toBe(15);
        // _MC to nothing: Invalid_Called_Device (7).
        expect(await refused({ code: '_MC', extension: '2002', digits: '4747' })).toBe(7);
        // _RV of a call not held there: No_Held_Call (17); of no call: Invalid_Call_Identifier (8).
        expect(await refused({ code: '_RV', extension: '2001', callId })).toBe(17);
        expect(await refused({ code: '_RV', extension: '2001', callId: '7777' })).toBe(8);
        // _AC of a call not ringing there: No_Call_to_Answer (20).
        expect(await refused({ code: '_AC', extension: '2002', callId })).toBe(20);
        // _TO to nothing: Invalid_Destination (11).
        expect(await refused({ code: '_TO', extension: '2001', callId, destination: '4747' })).toBe(11);
        // _HC on a station that does not exist: Invalid_Device_Identifier (9).
        expect(await refused({ code: '_HC', extension: '4040', callId })).toBe(9);
        // _RR for a station not monitored: Invalid_Object_State (14), as `003,CF,_RR,974,14,100`.
        expect(await refused({ code: '_RR', extension: '2003' })).toBe(14);
        // _SD with message number 20, the last the manual allows (21 is Value_Out_of_Range, see wire.test.ts).
        expect(await refused({ code: '_SD', extension: '2002', enabled: true, messageIndex: 20 })).toBe(
            'confirmed'
        );
    });

    it('prints the _MC confirmation in both orders the manual does', async () => {
        const pbx = await observe(simulator, clients);
        const first = await pbx.client.send({ code: '_MC', extension: '2001', digits: '2002' });
        const second = await pbx.client.send({ code: '_MC', extension: '2003', digits: '2100' });
        expect(first.rest).toEqual([makeCallCallId(first, '2001'), '2001']);
        expect(second.rest).toEqual(['2003', makeCallCallId(second, '2003')]);
        expect(makeCallCallId(second, '2003')).toMatch(/^@\d{3}$/);
    });

    it('answers _MS with the filters in force, masked to what it has (Issue 9.0 _MS examples)', async () => {
        const pbx = await observe(simulator, clients, ['2001']);
        const defaults = await pbx.client.send({ code: '_MS', device: '2002', monitorType: 1, filters: [] });
        expect(defaults.rest.slice(3)).toEqual(['A:00FC', 'C:FFFC', 'F:00F0']);
        const callsOnly = await pbx.client.send({
            code: '_MS',
            device: '2003',
            monitorType: 1,
            filters: ['A:0', '', 'F:0']
        });
        expect(callsOnly.rest.slice(3)).toEqual(['A:0000', 'C:FFFC', 'F:0000']);
        const all = await pbx.client.send({ code: '_MS', device: '2003', monitorType: 1 });
        expect(all.rest).toEqual(['1', callsOnly.rest[1], '2003', 'A:0000', 'C:FFFE', 'F:1FFF']);
    });

    it('sends OL only to a monitor whose feature filter has bit 0', async () => {
        const pbx = await observe(simulator, clients, ['2001']);
        await pbx.client.send({ code: '_MS', device: '2002', monitorType: 1, filters: [] });
        simulator.pbx.setOnline('2002', false);
        simulator.pbx.setOnline('2001', false);
        await pbx.settle();
        expect(pbx.take()).toEqual(['OL@2001']);
    });
});

describe('OAI simulator resync', () => {
    it('reports a held call by HE alone, DND with blanks when off, holds live events until RD', async () => {
        const first = await observe(simulator, clients);
        const held = simulator.pbx.inbound('2001', { number: '01632960123', name: 'ACME' });
        simulator.pbx.answer('2001', held);
        await first.client.send({ code: '_HC', extension: '2001', callId: held });
        const ringing = simulator.pbx.inbound('2002', { number: '01632960999', name: 'BETA' });
        simulator.pbx.setDnd('2003', true);
        simulator.faults.confirmationDelayMs = 50;
        const late = simulator.onCommand((line) => {
            // Happens while the resync of 2001 is on its way: it must come after that resync's RD.
            if (/^_RR,\d+,2001$/.test(line)) {
                late();
                setTimeout(() => simulator.pbx.setDnd('2002', true), 10);
            }
        });
        const second = await observe(simulator, clients);
        const lines = second.events
            .filter((event) => event.resyncCode !== '0')
            .map((event) => `${event.code}${event.resyncCode ? ' resync' : ''}`);
        expect(lines.slice(0, 4)).toEqual(['HE resync', 'DND resync', 'RD resync', 'DND']);
        const resyncHe = second.events.find((event) => event.code === 'HE');
        expect(resyncHe).toMatchObject({ callId: held, holdingExt: '2001', localState: 'H', cause: 42 });
        expect(second.events.find((event) => event.code === 'DE' && event.resyncCode !== '')).toMatchObject({
            callId: ringing,
            localState: 'A'
        });
    });

    it('honours a resync of every monitor only three minutes after the last (confirmed, then nothing)', async () => {
        const pbx = await observe(simulator, clients, ['2001']);
        const confirmation = await pbx.client.send({ code: '_RR' });
        expect(confirmation).toMatchObject({ outcome: 0, rest: [] });
        await pbx.settle();
        expect(pbx.take()).toEqual([]);
        expect(
            pbx.events.filter(
                (event) => event.code === 'RD' && event.resyncCode === String(confirmation.invokeId)
            )
        ).toEqual([]);
    });

    it('answers a resync of one station at any time, ending with RD naming it', async () => {
        const pbx = await observe(simulator, clients, ['2001']);
        const confirmation = await pbx.client.send({ code: '_RR', extension: '2001' });
        expect(confirmation.rest).toEqual(['2001']);
        await pbx.settle();
        expect(pbx.take()).toEqual(['DND@2001 off', 'RD']);
    });
});

describe('calls-via-device monitors', () => {
    const event = (callId: string, device: string, huntGroups: string[]) => ({
        device,
        code: 'DE' as const,
        fields: [callId],
        call: { id: callId, huntGroups }
    });

    it('report a call under the first that saw it, for its life, also once it reaches another monitored group', () => {
        const monitors = new ConnectionMonitors();
        let next = 1;
        const id = () => String(next++).padStart(3, '0');
        monitors.start('2100', 2, filtersOf([]), id);
        monitors.start('2200', 2, filtersOf([]), id);
        monitors.start('2001', 1, filtersOf([]), id);
        const ids = (device: string, groups: string[]) =>
            monitors.idsFor(event('1F01', device, groups)).map((sent) => sent.crossRefId);
        expect(ids('2001', ['2100'])).toEqual(['003', '001']);
        expect(ids('2002', ['2100', '2200'])).toEqual(['001']);
        expect(ids('2003', ['2200'])).toEqual(['001']);
        expect(
            monitors
                .idsFor({
                    device: '',
                    code: 'CC',
                    fields: ['1F01'],
                    call: { id: '1F01', huntGroups: ['2200'] }
                })
                .map((sent) => sent.crossRefId)
        ).toEqual(['001']);
    });
});
