// The simulator's sequences for what the manual's examples show and the bridge now reads (an outgoing
// trunk call, a call to a DND station, a conference, a recall, a hunt group call followed by its
// calls-via-device monitor), through the OAI client, routing and call models, as contract calls.
import { OaiSimulator } from '../../../stand-ins/oai-pbx-simulator/server';
import { OaiClient } from '../client';
import { makeCallCallId } from '../confirmations';
import { OaiStations, type StationChange } from '../stations';

let simulator: OaiSimulator;
let client: OaiClient;

afterEach(async () => {
    client.stop();
    await simulator.stop();
});

async function stations(options: { firstMonitorRule?: boolean } = {}) {
    simulator = new OaiSimulator();
    simulator.faults.firstMonitorRule = options.firstMonitorRule ?? false;
    await simulator.start();
    const extensions = ['2001', '2002', '2003'];
    client = new OaiClient({
        host: '127.0.0.1',
        port: simulator.port,
        password: '',
        applicationName: 'stations-test',
        extensions,
        huntGroups: ['2100']
    });
    const followed = new OaiStations({ extensions, huntGroups: ['2100'] });
    const changes: StationChange[] = [];
    client.on('event', (event) => changes.push(...followed.apply(event, client.monitors)));
    const ready = new Promise<void>((resolve) => client.on('resynced', resolve));
    client.start();
    await ready;
    const said = async () => {
        await client.send({ code: '_NO' });
        return changes
            .splice(0)
            .flatMap((change) =>
                change.kind === 'call'
                    ? [
                          `${change.extension} ${change.call.state} ${change.call.direction} ${change.call.remote.number} ${change.call.cause}`
                      ]
                    : [`${change.extension} dnd ${change.enabled}`]
            );
    };
    const makeCall = async (extension: string, digits: string, transferCallId?: string) =>
        makeCallCallId(await client.send({ code: '_MC', extension, digits, transferCallId }), extension);
    return { said, makeCall };
}

describe('the simulator through the bridge OAI layer', () => {
    it('an outgoing trunk call: dialing, outbound once the trunk is reached, connected when the far end answers', async () => {
        const { said, makeCall } = await stations();
        const callId = await makeCall('2001', '901632960123');
        simulator.pbx.remoteAnswer(callId);
        simulator.pbx.remoteHangup(callId);
        expect(await said()).toEqual([
            '2001 dialing internal 01632960123 newCall',
            '2001 dialing outbound 01632960123 newCall',
            '2001 connected outbound 01632960123 answered',
            '2001 cleared outbound 01632960123 normalClear'
        ]);
    });

    it('a call to a station in DND: the caller keeps it, with the cause, until it hangs up', async () => {
        const { said, makeCall } = await stations();
        simulator.pbx.setDnd('2002', true);
        const callId = await makeCall('2001', '2002');
        await client.send({ code: '_CX', extension: '2001', callId });
        expect(await said()).toEqual([
            '2002 dnd true',
            '2001 dialing internal 2002 newCall',
            '2001 dialing internal 2002 doNotDisturb',
            '2001 cleared internal 2002 doNotDisturb'
        ]);
    });

    it('a conference is one call at each station; the consult ends into it', async () => {
        const { said, makeCall } = await stations();
        const first = await makeCall('2001', '2002');
        simulator.pbx.answer('2002', first);
        await client.send({ code: '_HC', extension: '2001', callId: first });
        const second = await makeCall('2001', '2003');
        simulator.pbx.answer('2003', second);
        await said();
        simulator.pbx.conference('2001', first, second);
        expect(await said()).toEqual([
            '2001 held internal 2003 holdForConference',
            '2001 cleared internal 2003 conference',
            '2001 connected internal 2002 conference',
            '2002 connected internal 2001 conference',
            '2003 connected internal 2001 conference'
        ]);
    });

    it('a blind transfer nobody answers recalls to the station that made it, under the first-monitor rule', async () => {
        const { said } = await stations({ firstMonitorRule: true });
        const callId = simulator.pbx.inbound('2001', { number: '01632960123', name: 'ACME' });
        simulator.pbx.answer('2001', callId);
        await client.send({ code: '_TO', extension: '2001', callId, destination: '2003' });
        simulator.pbx.recall(callId);
        expect(await said()).toEqual([
            '2001 ringing inbound 01632960123 newCall',
            '2001 connected inbound 01632960123 answered',
            '2001 cleared inbound 01632960123 transfer',
            '2003 ringing inbound 01632960123 transfer',
            '2003 cleared inbound 01632960123 recall',
            '2001 ringing inbound 01632960123 recall'
        ]);
    });

    it('a hunt group call heard also through its calls-via-device monitor reports each change once', async () => {
        const { said } = await stations();
        const callId = simulator.pbx.inbound('2100', { number: '01632960123', name: 'ACME' });
        simulator.pbx.answer('2002', callId);
        simulator.pbx.remoteHangup(callId);
        expect(await said()).toEqual([
            '2001 ringing inbound 01632960123 newCall',
            '2002 ringing inbound 01632960123 newCall',
            '2001 cleared inbound 01632960123 answeredElsewhere',
            '2002 connected inbound 01632960123 answered',
            '2002 cleared inbound 01632960123 normalClear'
        ]);
    });
});
