// The call model fed by the OAI client from the OAI simulator over loopback: what the bridge will
// see of an agent's calls, including a PBX link lost mid-call.
import { OaiSimulator } from '../../../stand-ins/oai-pbx-simulator/server';
import { OaiCallModel } from '../callModel';
import { OaiClient } from '../client';
import type { SuiteCall } from '../../../core/suite/types';

let simulator: OaiSimulator;
let client: OaiClient;

afterEach(async () => {
    client.stop();
    await simulator.stop();
});

async function agentOn2001() {
    simulator = new OaiSimulator();
    await simulator.start();
    client = new OaiClient({
        host: '127.0.0.1',
        port: simulator.port,
        password: '',
        applicationName: 'model-test',
        extensions: ['2001'],
        backoff: { baseMs: 20, maxMs: 100 }
    });
    const model = new OaiCallModel({ extension: '2001', huntGroups: ['2100'] });
    const changes: SuiteCall[] = [];
    client.on('state', (state) => {
        if (state === 'resyncing') model.beginResync();
    });
    client.on('event', (event) => {
        if ('monCrossRefId' in event && event.monCrossRefId === client.monitors.get('2001'))
            changes.push(...model.apply(event));
    });
    client.on('resynced', () => changes.push(...model.endResync()));
    let resyncs = 0;
    const resynced = (count: number) =>
        new Promise<void>((resolve) => {
            const check = () => resyncs >= count && resolve();
            client.on('resynced', () => {
                resyncs++;
                check();
            });
            check();
        });
    const firstReady = resynced(1);
    client.start();
    await firstReady;
    return { model, changes, resynced };
}

describe('OAI call model over loopback', () => {
    it('follows a call held and retrieved through the bridge commands', async () => {
        const { model, changes } = await agentOn2001();
        const oaiCallId = simulator.pbx.inbound('2001', { number: '01632960123', name: 'ACME' });
        simulator.pbx.answer('2001', oaiCallId);
        for (let round = 0; round < 3; round++) {
            await client.send({ code: '_HC', extension: '2001', callId: oaiCallId });
            await client.send({ code: '_RV', extension: '2001', callId: oaiCallId });
        }
        await client.send({ code: '_NO' }); // the events before this confirmation have arrived
        expect(changes.map((call) => call.state)).toEqual([
            'ringing',
            'connected',
            'held',
            'connected',
            'held',
            'connected',
            'held',
            'connected'
        ]);
        expect(new Set(changes.map((call) => call.callId)).size).toBe(1);
        expect(model.calls()).toEqual([
            expect.objectContaining({ state: 'connected', remote: { number: '01632960123', name: 'ACME' } })
        ]);
    });

    it('a call that ended while the PBX link was down is reported cleared after the resync; a live one carries on', async () => {
        const { model, changes, resynced } = await agentOn2001();
        const ending = simulator.pbx.inbound('2001', { number: '01632960123', name: 'ACME' });
        simulator.pbx.answer('2001', ending);
        await client.send({ code: '_HC', extension: '2001', callId: ending });
        const staying = simulator.pbx.inbound('2001', { number: '01632960999', name: 'BETA' });
        simulator.pbx.answer('2001', staying);
        await client.send({ code: '_NO' });
        const [endingCall, stayingCall] = model.calls();
        await simulator.stop();
        simulator.pbx.remoteHangup(ending); // nobody is listening
        const back = resynced(2);
        await simulator.start();
        await back;
        expect(changes.filter((call) => call.state === 'cleared')).toEqual([
            // endedWhileAway (core/suite/types.ts) keeps a held call's cause, as for the Suite.
            expect.objectContaining({ callId: endingCall.callId, state: 'cleared', cause: 'holdIndividual' })
        ]);
        expect(model.calls()).toEqual([
            expect.objectContaining({ callId: stayingCall.callId, state: 'connected' })
        ]);
    });
});
