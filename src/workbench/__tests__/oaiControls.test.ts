// The OAI workbench's caller panel against the simulated PBX alone (no link, no bridge): which call
// each button acts on, what it refuses, and the names OAI can carry.
import { SimulatedPbx } from '../../stand-ins/oai-pbx-simulator/pbx';
import { oaiControl, oaiPanel } from '../oaiControls';

const ACME = { number: '01632 960123', name: 'ACME LTD' };

function setUp() {
    const pbx = new SimulatedPbx();
    const hooks = {
        dropChannels: jest.fn(),
        stopPbx: jest.fn(async () => undefined),
        startPbx: jest.fn(async () => undefined),
        restartBridge: jest.fn(async () => undefined)
    };
    const control = oaiControl({ pbx, agent: '2001', stations: ['2002', '2003'], huntGroup: '2100', hooks });
    const act = (action: string, station?: string) => control.remote(action, { station });
    const stations = (callId: string) => pbx.liveCalls().find((call) => call.callId === callId)?.stations;
    return { pbx, hooks, control, act, stations };
}

/** An outside caller rings 2001, which answers. */
function connectedInbound(pbx: SimulatedPbx): string {
    const callId = pbx.inbound('2001', { number: '01632960123', name: 'ACME LTD' });
    pbx.answerCall('2001', callId);
    return callId;
}

describe('the OAI caller panel', () => {
    it('names the phone system, never a Suite, and the Outside Prefix the PBX wants', () => {
        const panel = oaiPanel({
            pbx: new SimulatedPbx(),
            agent: '2001',
            stations: ['2002'],
            huntGroup: '2100'
        });
        const labels = [panel.name, panel.hostLabel, ...panel.actions.map((action) => action.label)];
        expect(labels.join(' ')).not.toMatch(/Suite/);
        expect(labels).toContain('Stop phone system');
        expect(panel.summary).toContain('trunk access code 9');
    });

    it('rings the agent with the digits of the number and a name OAI can carry, cut to 32 characters', async () => {
        const { pbx, control } = setUp();
        await control.ring({ ...ACME, name: 'ACME INTERNATIONAL HOLDINGS LIMITED' });
        expect(pbx.liveCalls()[0]).toMatchObject({
            stations: { '2001': 'A' },
            external: { number: '01632960123', name: 'ACME INTERNATIONAL HOLDINGS LIMI' }
        });
    });

    it.each([
        ['another script', 'شركة أكمي', /one byte per character/],
        ['a control character', 'ACME\u0007', /one byte per character/],
        ['the field delimiter', 'ACME | SONS', /cannot hold "\|"/]
    ])('refuses a caller name with %s, ringing nobody', async (_case, name, reason) => {
        const { pbx, control } = setUp();
        await expect(control.ring({ ...ACME, name })).rejects.toThrow(reason);
        expect(pbx.liveCalls()).toEqual([]);
    });

    it('answers at the far end: the outside party of a trunk call, or the consulted colleague', async () => {
        const { pbx, act, stations } = setUp();
        const outside = pbx.makeCall('2001', '901632960999');
        await act('answer');
        expect(pbx.liveCalls()[0]).toMatchObject({ callId: outside, answered: true });
        pbx.hangup('2001', outside);
        const held = connectedInbound(pbx);
        pbx.hold('2001', held);
        const consult = pbx.makeCall('2001', '2002', held);
        await act('answer');
        expect(stations(consult)).toEqual({ '2001': 'C', '2002': 'C' });
    });

    it('says so when no call waits for the far end, and leaves the ringing agent alone', async () => {
        const { pbx, act, stations } = setUp();
        await expect(act('answer')).rejects.toThrow("There is no call of 2001's waiting for the far end");
        const ringing = pbx.inbound('2001', { number: '01632960123', name: '' });
        await expect(act('answer')).rejects.toThrow(/There is no call/);
        expect(stations(ringing)).toEqual({ '2001': 'A' });
    });

    it('answers at the station picked, and hangs up there', async () => {
        const { pbx, act, stations } = setUp();
        const held = connectedInbound(pbx);
        pbx.hold('2001', held);
        const consult = pbx.makeCall('2001', '2002', held);
        await expect(act('station-answer', '2003')).rejects.toThrow('There is no call ringing at 2003');
        await act('station-answer', '2002');
        expect(stations(consult)).toEqual({ '2001': 'C', '2002': 'C' });
        await act('station-hangup', '2002');
        expect(stations(consult)).toBeUndefined();
        await expect(act('station-answer', '2009')).rejects.toThrow('There is no station 2009');
    });

    it('gives a busy outside number, a recall of a transfer nobody answered, and the conference key', async () => {
        const { pbx, act, stations } = setUp();
        const outside = pbx.makeCall('2001', '901632960999');
        await act('busy');
        pbx.hangup('2001', outside);
        const first = connectedInbound(pbx);
        pbx.transferOneStep('2001', first, '2003');
        await act('recall');
        expect(stations(first)).toEqual({ '2001': 'A' });
        pbx.answerCall('2001', first);
        pbx.hold('2001', first);
        const consult = pbx.makeCall('2001', '2002', first);
        // The colleague has not answered: nothing to join yet.
        await expect(act('conference')).rejects.toThrow('There is no answered second call at 2001');
        pbx.answerCall('2002', consult);
        const { callId } = (await act('conference')) as { callId: string };
        expect(stations(callId)).toEqual({ '2001': 'C', '2002': 'C' });
    });

    it('toggles DND at a station, and reaches the bridge and the PBX for the rest', async () => {
        const { pbx, act, hooks } = setUp();
        await act('station-dnd', '2003');
        expect(pbx.isDnd('2003')).toBe(true);
        await act('station-dnd', '2003');
        expect(pbx.isDnd('2003')).toBe(false);
        await act('drop-sockets');
        await act('stop');
        await act('start');
        await act('restart-bridge');
        expect(
            [hooks.dropChannels, hooks.stopPbx, hooks.startPbx, hooks.restartBridge].map(
                (hook) => hook.mock.calls.length
            )
        ).toEqual([1, 1, 1, 1]);
        await expect(act('constructor')).rejects.toThrow('The OAI phone system has no "constructor"');
    });
});
