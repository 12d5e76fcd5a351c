// The OAI client against the OAI simulator over real loopback TCP: commands, confirmations, lines
// it cannot read, reconnects. Login, resync and keep-alive by the manual are in clientLink.integration.test.ts.
import { OaiCommandError } from '../client';
import { startHarness, type Harness } from './clientHarness';

let harness: Harness;

afterEach(async () => {
    await harness.stop();
});

describe('OAI client over loopback', () => {
    it('logs in, monitors every configured device, resyncs each station by name, then is ready', async () => {
        harness = await startHarness();
        const { client } = harness.newClient();
        const resynced = new Promise<void>((resolve) => client.on('resynced', resolve));
        client.start();
        await resynced;
        expect(client.state).toBe('ready');
        expect(harness.simulator.received).toEqual([
            expect.stringMatching(/^_MS,\d+,2001,1,A:0000,C:FFFF,F:FFFF$/),
            expect.stringMatching(/^_MS,\d+,2002,1,A:0000,C:FFFF,F:FFFF$/),
            expect.stringMatching(/^_MS,\d+,2100,2,A:0000,C:FFFF,F:FFFF$/),
            expect.stringMatching(/^_RR,\d+,2001$/),
            expect.stringMatching(/^_RR,\d+,2002$/)
        ]);
        expect(harness.simulator.monitoredDevices().sort()).toEqual(['2001', '2002', '2100']);
        expect([...client.monitors.keys()].sort()).toEqual(['2001', '2002', '2100']);
        expect(new Set(client.monitors.values()).size).toBe(3);
    });

    it('refuses a command before login, and holds one sent during the set-up resync until it has ended', async () => {
        harness = await startHarness();
        const { client, reaches } = harness.newClient({ confirmationTimeoutMs: 2000 });
        await expect(client.send({ code: '_NO' })).rejects.toMatchObject({ reason: 'notReady' });
        harness.simulator.faults.confirmationDelayMs = 100;
        client.start();
        await expect(client.send({ code: '_NO' })).rejects.toMatchObject({ reason: 'notReady' });
        await reaches('resyncing');
        const held = client.send({ code: '_NO' });
        const sentBefore = harness.simulator.received.filter((line) => line.startsWith('_NO')).length;
        await expect(held).resolves.toMatchObject({ command: '_NO', outcome: 0 });
        expect(sentBefore).toBe(0);
        // It went out after the last station's resync, not before.
        const received = harness.simulator.received;
        expect(received.findIndex((line) => line.startsWith('_NO'))).toBeGreaterThan(
            received.findIndex((line) => line.startsWith('_RR,') && line.endsWith(',2002'))
        );
    });

    it('never gets past login with a wrong password, and keeps retrying', async () => {
        harness = await startHarness();
        const { client, states, reaches } = harness.newClient({ password: 'wrong' });
        client.start();
        await reaches('waiting', 2);
        expect(states).not.toContain('monitoring');
        expect(harness.simulator.loginCount).toBe(0);
    });

    it('reports the events of an inbound call and confirms the commands that control it', async () => {
        harness = await startHarness();
        const { client, reaches, eventMatching } = harness.newClient();
        client.start();
        await reaches('ready');
        const ringing = eventMatching((event) => event.code === 'DE' && event.alertingExt === '2001');
        const callId = harness.simulator.pbx.inbound('2001', { number: '01632960123', name: 'ACME, LTD' });
        expect(await ringing).toMatchObject({
            code: 'DE',
            resyncCode: '',
            monCrossRefId: client.monitors.get('2001'),
            callId,
            outsideCallerName: 'ACME, LTD',
            outsideCallerNumber: '01632960123',
            callingDeviceType: 'E',
            localState: 'A'
        });
        const answered = eventMatching(
            (event) => event.code === 'ES' && event.monCrossRefId === client.monitors.get('2001')
        );
        harness.simulator.pbx.answer('2001', callId);
        expect(await answered).toMatchObject({ callId, answeringExt: '2001', localState: 'C', cause: 35 });
        const held = eventMatching((event) => event.code === 'HE');
        await expect(client.send({ code: '_HC', extension: '2001', callId })).resolves.toMatchObject({
            outcome: 0
        });
        expect(await held).toMatchObject({ callId, holdingExt: '2001', localState: 'H' });
    });

    it('rejects a command the PBX refuses with its outcome, and the link stays up', async () => {
        harness = await startHarness();
        const { client, reaches } = harness.newClient();
        client.start();
        await reaches('ready');
        const refused = client.send({ code: '_HC', extension: '2001', callId: '9999' });
        await expect(refused).rejects.toBeInstanceOf(OaiCommandError);
        // Issue 9.0 _HC: Invalid_Call_Identifier (8).
        await expect(refused).rejects.toMatchObject({ reason: 'rejected', command: '_HC', outcome: 8 });
        expect(client.counters.confirmationsRejected).toBe(1);
        expect(client.state).toBe('ready');
    });

    it('rejects a command with bad input without sending it, and the link stays up', async () => {
        harness = await startHarness();
        const { client, reaches } = harness.newClient();
        client.start();
        await reaches('ready');
        const sent = harness.simulator.received.length;
        await expect(
            client.send({ code: '_MC', extension: '2001', digits: '0163,2960' })
        ).rejects.toMatchObject({
            name: 'OaiEncodeError'
        });
        await expect(client.send({ code: '_NO' })).resolves.toMatchObject({ outcome: 0 });
        expect(harness.simulator.received.slice(sent)).toEqual([expect.stringMatching(/^_NO,/)]);
    });

    it('times out a confirmation that never comes, and counts one that comes too late', async () => {
        harness = await startHarness();
        const { client, reaches } = harness.newClient();
        client.start();
        await reaches('ready');
        harness.simulator.faults.swallowConfirmations = 1;
        await expect(client.send({ code: '_NO' })).rejects.toMatchObject({ reason: 'timeout' });
        harness.simulator.faults.confirmationDelayMs = 500;
        const late = new Promise((resolve) => client.on('lateConfirmation', resolve));
        await expect(client.send({ code: '_NO' })).rejects.toMatchObject({ reason: 'timeout' });
        await expect(late).resolves.toMatchObject({ command: '_NO', outcome: 0 });
        expect(client.counters).toMatchObject({ confirmationsTimedOut: 2, confirmationsLate: 1 });
    });

    it('reconnects after the link drops mid-call and learns the call again from the resync', async () => {
        harness = await startHarness();
        const { client, reaches, eventMatching } = harness.newClient();
        client.start();
        await reaches('ready');
        const callId = harness.simulator.pbx.inbound('2001', { number: '01632960123', name: 'ACME' });
        harness.simulator.pbx.answer('2001', callId);
        const pending = client.send({ code: '_NO' });
        const resyncedCall = eventMatching((event) => event.code === 'ES' && event.resyncCode !== '');
        harness.simulator.dropConnections();
        await expect(pending).rejects.toMatchObject({ reason: 'linkLost' });
        await reaches('ready', 2);
        const event = await resyncedCall;
        const rr = harness.simulator.received.filter((line) => /^_RR,\d+,2001$/.test(line));
        expect(rr).toHaveLength(2);
        expect(event).toMatchObject({
            callId,
            answeringExt: '2001',
            localState: 'C',
            resyncCode: rr[1].split(',')[1]
        });
        expect(harness.simulator.loginCount).toBe(2);
        expect(client.counters.reconnects).toBe(1);
    });

    it('keeps retrying while the PBX is down and is ready again once it is back', async () => {
        harness = await startHarness();
        const { client, reaches } = harness.newClient();
        client.start();
        await reaches('ready');
        await harness.simulator.stop();
        await reaches('waiting', 3);
        await harness.simulator.start();
        await reaches('ready', 2);
        expect(client.counters.reconnects).toBeGreaterThanOrEqual(3);
        expect(harness.simulator.monitoredDevices().sort()).toEqual(['2001', '2002', '2100']);
    });

    it('waits at least the jittered backoff before reconnecting', async () => {
        harness = await startHarness();
        const { client, reaches } = harness.newClient({
            backoff: { baseMs: 200, maxMs: 1000 },
            random: () => 1
        });
        client.start();
        await reaches('ready');
        let lostAt = 0;
        client.on('state', (state) => {
            if (state === 'waiting') lostAt = performance.now();
        });
        const reconnecting = reaches('connecting', 2);
        harness.simulator.dropConnections();
        await reconnecting;
        // 200 ms + 20 % at random() = 1.
        expect(performance.now() - lostAt).toBeGreaterThanOrEqual(238);
    });

    it('reports each line it cannot read, logs one per kind, and carries on with the next', async () => {
        harness = await startHarness();
        const { client, reaches, eventMatching, lineErrors } = harness.newClient();
        client.start();
        await reaches('ready');
        const dnd = eventMatching((event) => event.code === 'DND');
        harness.simulator.sendRawLine('500,HE,,001,1234,2001,Z,42');
        harness.simulator.sendRawLine('501,HE,,001,1234,2001,Y,42');
        harness.simulator.sendRawLine('502,LN,,001,2001,77,|Agent|,2100');
        harness.simulator.sendRawLine('503,ZZ,,001,2001');
        harness.simulator.pbx.setDnd('2001', true);
        await expect(dnd).resolves.toMatchObject({ extension: '2001', enabled: true });
        expect(lineErrors.map(({ error, first }) => `${error.reason} ${error.code} ${first}`)).toEqual([
            'malformed HE true',
            'malformed HE false',
            'unknown ZZ true'
        ]);
        expect(client.state).toBe('ready');
        expect(client.counters).toMatchObject({ lineErrors: 2, unknownLines: 1, ignoredLines: 1 });
    });

    it('drops and reopens a link that announces a frame over the size limit', async () => {
        harness = await startHarness();
        const { client, reaches } = harness.newClient({ maxFrameBytes: 1024 });
        client.start();
        await reaches('ready');
        const oversize = Buffer.alloc(4);
        oversize.writeUInt32LE(1025);
        harness.simulator.sendRawBytes(oversize);
        await reaches('ready', 2);
        expect(harness.simulator.loginCount).toBe(2);
    });
});
