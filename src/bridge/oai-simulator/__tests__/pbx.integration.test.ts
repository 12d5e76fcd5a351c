// The OAI simulator's event sequences (docs/oai-protocol.md, "Which events follow which action"),
// observed the way the bridge will see them: through an OAI client over loopback TCP.
import { OaiClient } from '../../oai/client';
import type { OaiEvent } from '../../oai/messages';
import { OaiSimulator } from '../server';

let simulator: OaiSimulator;
const clients: OaiClient[] = [];

interface Observer {
    client: OaiClient;
    events: OaiEvent[];
    /** `CODE@monitored-device STATE cause` per call event since the last call, e.g. `DE@2001 A 22`. */
    take(): string[];
    until(predicate: (event: OaiEvent) => boolean): Promise<OaiEvent>;
}

async function observe(extensions = ['2001', '2002', '2003'], huntGroups = ['2100']): Promise<Observer> {
    const client = new OaiClient({
        host: '127.0.0.1',
        port: simulator.port,
        password: '',
        applicationName: 'sim-test',
        extensions,
        huntGroups,
        confirmationTimeoutMs: 1000
    });
    clients.push(client);
    const events: OaiEvent[] = [];
    let taken = 0;
    client.on('event', (event) => events.push(event));
    const ready = new Promise<void>((resolve) => client.on('resynced', resolve));
    client.start();
    await ready;
    taken = events.length;
    const deviceOf = (monCrossRefId: string) =>
        [...client.monitors].find(([, id]) => id === monCrossRefId)?.[0] ?? `?${monCrossRefId}`;
    return {
        client,
        events,
        take() {
            const slice = events.slice(taken);
            taken = events.length;
            return slice.map((event) => {
                const at = 'monCrossRefId' in event ? deviceOf(event.monCrossRefId) : '';
                const state = 'localState' in event ? ` ${event.localState}` : '';
                const cause = 'cause' in event && event.cause !== undefined ? ` ${event.cause}` : '';
                const dnd = event.code === 'DND' ? ` ${event.enabled ? 'on' : 'off'}` : '';
                return `${event.code}@${at}${state}${cause}${dnd}`;
            });
        },
        until(predicate) {
            const found = events.slice(taken).find(predicate);
            if (found) return Promise.resolve(found);
            return new Promise((resolve) => {
                const off = client.on('event', (event) => {
                    if (predicate(event)) {
                        off();
                        resolve(event);
                    }
                });
            });
        }
    };
}

const is =
    (code: OaiEvent['code'], extra: (event: OaiEvent) => boolean = () => true) =>
    (event: OaiEvent) =>
        event.code === code && extra(event);
const at = (observer: Observer, device: string) => (event: OaiEvent) =>
    'monCrossRefId' in event && event.monCrossRefId === observer.client.monitors.get(device);

beforeEach(async () => {
    simulator = new OaiSimulator();
    await simulator.start();
});

afterEach(async () => {
    for (const client of clients.splice(0)) client.stop();
    await simulator.stop();
});

describe('OAI simulator call sequences', () => {
    it('inbound to a station: DE, answer ES, hold HE, retrieve RE, caller hangs up XC', async () => {
        const pbx = await observe();
        const callId = simulator.pbx.inbound('2001', { number: '01632960123', name: 'ACME, LTD' });
        const ringing = (await pbx.until(is('DE'))) as Extract<OaiEvent, { code: 'DE' }>;
        expect(ringing).toMatchObject({
            callId,
            alertingExt: '2001',
            internalCallingExt: '9001',
            outsideCallerName: 'ACME, LTD',
            trunkName: 'MAIN'
        });
        simulator.pbx.answer('2001', callId);
        await pbx.until(is('ES'));
        await pbx.client.send({ code: '_HC', extension: '2001', callId });
        await pbx.until(is('HE'));
        await pbx.client.send({ code: '_RV', extension: '2001', callId });
        await pbx.until(is('RE'));
        simulator.pbx.remoteHangup(callId);
        await pbx.until(is('XC'));
        expect(pbx.take()).toEqual([
            'DE@2001 A 22',
            'ES@2001 C 35',
            'HE@2001 H 42',
            'RE@2001 C 22',
            'XC@2001 N 36'
        ]);
        expect(simulator.pbx.liveCalls()).toEqual([]);
    });

    it('a hunt group rings every member with one DE each; answered at one, the others get XC', async () => {
        const pbx = await observe();
        const callId = simulator.pbx.inbound('2100', { number: '01632960123', name: 'ACME' });
        await pbx.until(is('DE', at(pbx, '2002')));
        simulator.pbx.answer('2002', callId);
        await pbx.until(is('ES'));
        simulator.pbx.remoteHangup(callId);
        await pbx.until(is('CC'));
        expect(pbx.take()).toEqual([
            'DE@2001 A 22',
            'DE@2100 A 22',
            'DE@2002 A 22',
            'DE@2100 A 22',
            'XC@2001 N 35',
            'ES@2002 C 35',
            'XC@2002 N 36',
            'CC@2100 36'
        ]);
    });

    it('a device monitor on the hunt group gets no Call Cleared', async () => {
        const pbx = await observe(['2001', '2002', '2100'], []);
        const callId = simulator.pbx.inbound('2100', { number: '01632960123', name: 'ACME' });
        simulator.pbx.answer('2001', callId);
        simulator.pbx.remoteHangup(callId);
        await pbx.until(is('XC', at(pbx, '2001')));
        await pbx.client.send({ code: '_NO' }); // everything sent before its confirmation has arrived
        expect(pbx.take()).toEqual([
            'DE@2001 A 22',
            'DE@2100 A 22',
            'DE@2002 A 22',
            'DE@2100 A 22',
            'XC@2002 N 35',
            'ES@2001 C 35',
            'XC@2001 N 36'
        ]);
    });

    it('blind transfer: TR at the transferring station, DE at the destination; unanswered, it recalls', async () => {
        const pbx = await observe();
        const callId = simulator.pbx.inbound('2001', { number: '01632960123', name: 'ACME' });
        simulator.pbx.answer('2001', callId);
        await pbx.until(is('ES'));
        const confirmation = await pbx.client.send({
            code: '_TO',
            extension: '2001',
            callId,
            destination: '2003'
        });
        expect(confirmation.detail).toEqual({ command: '_TO', newCallId: callId, destinationExt: '2003' });
        const delivered = await pbx.until(is('DE', at(pbx, '2003')));
        expect(delivered).toMatchObject({
            callId,
            lastRedirectionExt: '2001',
            originallyCalledDevice: '2003'
        });
        simulator.pbx.recall(callId);
        await pbx.until(is('DE', (event) => event.code === 'DE' && event.cause === 27));
        expect(pbx.take()).toEqual([
            'DE@2001 A 22',
            'ES@2001 C 35',
            'TR@2001 N 32',
            'DE@2003 A 32',
            'DI@2003 N 27',
            'DE@2001 A 27'
        ]);
    });

    it('consult then transfer: hold, a transfer-announce call, then TR joins the caller to the consulted station', async () => {
        const pbx = await observe();
        const callId = simulator.pbx.inbound('2001', { number: '01632960123', name: 'ACME' });
        simulator.pbx.answer('2001', callId);
        await pbx.client.send({ code: '_HC', extension: '2001', callId });
        const made = await pbx.client.send({
            code: '_MC',
            extension: '2001',
            digits: '2002',
            transferCallId: callId
        });
        const consultId = made.detail?.command === '_MC' ? made.detail.callId : '';
        expect(consultId).not.toBe(callId);
        await pbx.until(is('DE', at(pbx, '2002')));
        simulator.pbx.answer('2002', consultId);
        await pbx.client.send({
            code: '_TR',
            extension: '2001',
            heldCallId: callId,
            announcementCallId: consultId
        });
        await pbx.until(is('TR', at(pbx, '2002')));
        expect(pbx.take()).toEqual([
            'DE@2001 A 22',
            'ES@2001 C 35',
            'HE@2001 H 42',
            'DE@2001 C 22',
            'DE@2002 A 22',
            'ES@2001 C 35',
            'ES@2002 C 35',
            'TR@2001 N 32',
            'XC@2001 N 32',
            'TR@2002 C 32'
        ]);
        expect(simulator.pbx.liveCalls()).toEqual([
            expect.objectContaining({ callId, stations: { 2002: 'C' } })
        ]);
    });

    it('an outgoing outside call: DE at the caller with the trunk, ES when the far end answers, XC on clear', async () => {
        const pbx = await observe();
        const made = await pbx.client.send({ code: '_MC', extension: '2001', digits: '901632960123' });
        const callId = made.detail?.command === '_MC' ? made.detail.callId : '';
        expect(await pbx.until(is('DE'))).toMatchObject({
            callId,
            alertingExt: '9001',
            alertingOutsideNumber: '01632960123',
            localState: 'C'
        });
        simulator.pbx.remoteAnswer(callId);
        expect(await pbx.until(is('ES'))).toMatchObject({
            answeringExt: '9001',
            answeringOutsideNumber: '01632960123'
        });
        await pbx.client.send({ code: '_CC', extension: '2001', callId });
        await pbx.until(is('XC'));
        expect(pbx.take()).toEqual(['DE@2001 C 22', 'ES@2001 C 35', 'XC@2001 N 36']);
    });

    it('DND through _EF: a DND event, calls to the station no longer ring it, a caller gets FA', async () => {
        const pbx = await observe();
        await pbx.client.send({ code: '_EF', extension: '2001', feature: '370' });
        expect(await pbx.until(is('DND'))).toMatchObject({
            extension: '2001',
            enabled: true,
            message: 'DO NOT DISTURB'
        });
        simulator.pbx.inbound('2001', { number: '01632960123', name: 'ACME' });
        await pbx.client.send({ code: '_MC', extension: '2002', digits: '2001' });
        await pbx.until(is('FA'));
        await pbx.client.send({ code: '_EF', extension: '2001', feature: '371' });
        await pbx.until(is('DND', (event) => event.code === 'DND' && !event.enabled));
        expect(pbx.take()).toEqual(['DND@2001 on', 'FA@2002 F 14', 'DND@2001 off']);
    });

    it('refuses what a real PBX would: dialling from a busy station, a call that does not exist', async () => {
        const pbx = await observe();
        const callId = simulator.pbx.inbound('2001', { number: '01632960123', name: 'ACME' });
        simulator.pbx.answer('2001', callId);
        await expect(
            pbx.client.send({ code: '_MC', extension: '2001', digits: '2002' })
        ).rejects.toMatchObject({ reason: 'rejected', outcome: 2 });
        await expect(
            pbx.client.send({ code: '_RV', extension: '2001', callId: '7777' })
        ).rejects.toMatchObject({ reason: 'rejected', outcome: 3 });
    });

    it('a resync reports every live call of each monitored device with the resync code, DND, then RD', async () => {
        const first = await observe();
        const held = simulator.pbx.inbound('2001', { number: '01632960123', name: 'ACME' });
        simulator.pbx.answer('2001', held);
        await first.client.send({ code: '_HC', extension: '2001', callId: held });
        const ringing = simulator.pbx.inbound('2002', { number: '01632960999', name: 'BETA' });
        simulator.pbx.setDnd('2003', true);
        const second = await observe();
        const resync = second.events.filter((event) => event.resyncCode !== '' && event.resyncCode !== '0');
        const rrInvokeId = simulator.received
            .filter((line) => line.startsWith('_RR,'))
            .pop()
            ?.split(',')[1];
        expect(new Set(resync.map((event) => event.resyncCode))).toEqual(new Set([rrInvokeId]));
        expect(
            resync.map((event) => [
                event.code,
                'callId' in event ? event.callId : '',
                'localState' in event ? event.localState : ''
            ])
        ).toEqual([
            ['ES', held, 'C'],
            ['HE', held, 'H'],
            ['DND', '', ''],
            ['DE', ringing, 'A'],
            ['DND', '', ''],
            ['DND', '', ''],
            ['RD', '', '']
        ]);
        expect(
            resync
                .filter((event) => event.code === 'DND')
                .map((event) => event.code === 'DND' && [event.extension, event.enabled])
        ).toEqual([
            ['2001', false],
            ['2002', false],
            ['2003', true]
        ]);
    });

    it('delays confirmations when told to', async () => {
        const pbx = await observe();
        simulator.faults.confirmationDelayMs = 200;
        const started = performance.now();
        await pbx.client.send({ code: '_NO' });
        expect(performance.now() - started).toBeGreaterThanOrEqual(195);
    });

    it('refuses a monitor for a device it does not have', async () => {
        const failures: string[] = [];
        const client = new OaiClient({
            host: '127.0.0.1',
            port: simulator.port,
            password: '',
            applicationName: 'sim-test',
            extensions: ['2001', '4040']
        });
        clients.push(client);
        client.on('monitorFailed', (device) => failures.push(device));
        const ready = new Promise<void>((resolve) => client.on('resynced', resolve));
        client.start();
        await ready;
        expect(failures).toEqual(['4040']);
        expect(simulator.monitoredDevices()).toEqual(['2001']);
    });
});
