// Login, resync and keep-alive as the manual writes them (Issue 9.0: RS, RR/_RR, RD, _NO), the OAI
// client against the OAI simulator over real loopback TCP.
import { startHarness, type Harness } from './clientHarness';

let harness: Harness;

afterEach(async () => {
    await harness.stop();
});

describe('OAI login by the manual', () => {
    it('logs in on an RS without the TCPIP_Flag (a PBX without a Gateway) and reads what it says', async () => {
        harness = await startHarness({ protocolVersion: 'V08.10' });
        const { client, reaches, events } = harness.newClient();
        client.start();
        await reaches('ready');
        const rs = events.find((event) => event.code === 'RS');
        expect(rs).toMatchObject({ code: 'RS', resyncCode: '0', tcpipFlag: '', premiumFeatureStatus: 3 });
        expect(client.pbx).toMatchObject({
            protocolVersion: 'V08.10',
            protocolLevel: 810,
            premiumFeatureStatus: 3,
            throughGateway: false
        });
        expect(client.refusal).toBeUndefined();
    });

    it.each<[number, string]>([
        [1, 'noCallControl'],
        [2, 'noEvents']
    ])(
        'refuses a link with Premium_Feature_Status %i by name (%s), starts no monitor, and looks again later',
        async (status, reason) => {
            harness = await startHarness({ premiumFeatureStatus: status });
            const { client, reaches, states } = harness.newClient({ backoff: { baseMs: 20, maxMs: 100 } });
            client.start();
            await reaches('refused', 2);
            expect(client.refusal).toMatchObject({
                reason,
                detail: expect.stringContaining(`Premium_Feature_Status ${status}`)
            });
            expect(states).not.toContain('monitoring');
            expect(harness.simulator.received).toEqual([]);
            expect(harness.simulator.loginCount).toBe(2);
        }
    );

    it('refuses a PBX older than V05.10 (no Resync Ended) by name', async () => {
        harness = await startHarness({ protocolVersion: 'V05.00' });
        const { client, reaches } = harness.newClient();
        client.start();
        await reaches('refused');
        expect(client.refusal).toMatchObject({
            reason: 'protocolTooOld',
            detail: expect.stringContaining('V05.00')
        });
    });

    it('before V06.00 resyncs each station with RR (no invoke id, no confirmation) and reads its RD', async () => {
        harness = await startHarness({ protocolVersion: 'V05.20' });
        const { client, reaches } = harness.newClient();
        client.start();
        await reaches('ready');
        expect(harness.simulator.received.filter((line) => line.startsWith('RR'))).toEqual([
            'RR,2001',
            'RR,2002'
        ]);
        expect(harness.simulator.received.some((line) => line.startsWith('_RR'))).toBe(false);
    });

    it('refuses, without sending it, a command the PBX protocol version lacks', async () => {
        harness = await startHarness({ protocolVersion: 'V05.10' });
        const { client, reaches } = harness.newClient();
        client.start();
        await reaches('ready');
        const sent = harness.simulator.received.length;
        await expect(
            client.send({ code: '_MC', extension: '2001', digits: '2002', transferCallId: '@001' })
        ).rejects.toMatchObject({ reason: 'unsupported', message: expect.stringContaining('V05.10') });
        expect(harness.simulator.received.length).toBe(sent);
    });
});

describe('OAI resync by the manual', () => {
    it('asks for a resync of every station after an unreadable call event, no sooner than the interval after the last', async () => {
        harness = await startHarness({ resyncIntervalMs: 400 });
        const { client, reaches } = harness.newClient({ resyncIntervalMs: 400, confirmationTimeoutMs: 1000 });
        const resyncs: number[] = [];
        client.on('resyncStarted', () => resyncs.push(performance.now()));
        const loggedIn = performance.now();
        client.start();
        await reaches('ready');
        harness.simulator.sendRawLine('600,ES,,001,1234,2001,,I,9001,,,E,2001,,X,35');
        harness.simulator.sendRawLine('601,ES,,001,1234,2001,,I,9001,,,E,2001,,X,35');
        const ended = new Promise<void>((resolve) => client.on('resynced', resolve));
        // Sent while the resync runs: held until it ends.
        await new Promise<void>((resolve) => client.on('resyncStarted', resolve));
        const held = client.send({ code: '_NO' });
        await ended;
        await expect(held).resolves.toMatchObject({ outcome: 0 });
        const blank = harness.simulator.received.filter((line) => /^_RR,\d+$/.test(line));
        expect(blank).toHaveLength(1);
        expect(resyncs).toHaveLength(1);
        // The login's RS … RD counts as the first resync.
        expect(resyncs[0] - loggedIn).toBeGreaterThanOrEqual(390);
        expect(client.counters.resyncsRequested).toBe(1);
        const received = harness.simulator.received;
        expect(received.findIndex((line) => line.startsWith('_NO'))).toBeGreaterThan(
            received.indexOf(blank[0])
        );
    });

    it('starts its monitors again when the PBX drops them and sends a Resync Response (code 0)', async () => {
        harness = await startHarness({ keepAliveTimeoutMs: 300 });
        const { client, reaches } = harness.newClient({ keepAliveMs: 60_000 });
        client.start();
        await reaches('ready');
        await reaches('ready', 2);
        expect(harness.simulator.received.filter((line) => /^_MS,\d+,2001,/.test(line))).toHaveLength(2);
        expect(harness.simulator.received.filter((line) => /^_RR,\d+,2001$/.test(line))).toHaveLength(2);
        expect(harness.simulator.loginCount).toBe(1);
        expect(harness.simulator.monitoredDevices().sort()).toEqual(['2001', '2002', '2100']);
    });
});

describe('OAI keep-alive', () => {
    it('sends _NO as keep-alive, so the PBX keeps its monitors', async () => {
        harness = await startHarness({ keepAliveTimeoutMs: 600 });
        const { client, reaches } = harness.newClient({ keepAliveMs: 100 });
        client.start();
        await reaches('ready');
        const resyncResponses: string[] = [];
        const stopWatching = client.on('event', (event) => {
            if (event.code === 'RS') resyncResponses.push(event.resyncCode);
        });
        // Twelve keep-alives at 100 ms span twice the PBX's 600 ms limit.
        await new Promise<void>((resolve) => {
            let keepAlives = 0;
            const off = harness.simulator.onCommand((line) => {
                if (line.startsWith('_NO,') && ++keepAlives === 12) {
                    off();
                    resolve();
                }
            });
        });
        stopWatching();
        expect(resyncResponses).toEqual([]);
        expect(harness.simulator.received.filter((line) => line.startsWith('_MS,'))).toHaveLength(3);
    });

    it('does not drop a link whose _NO goes unanswered while the PBX is still sending', async () => {
        harness = await startHarness();
        const { client, reaches } = harness.newClient({ keepAliveMs: 150, confirmationTimeoutMs: 300 });
        client.start();
        await reaches('ready');
        harness.simulator.faults.swallowConfirmations = 1;
        // The PBX is busy sending (a long resync would look like this): lines keep coming.
        const talking = setInterval(() => harness.simulator.sendRawLine('700,SI,,001,1F01,2001,I,22,'), 50);
        // Either the keep-alive is counted as unanswered, or the link is dropped (which would be wrong).
        await new Promise<void>((resolve) => {
            const off = client.on('state', () => done());
            const poll = setInterval(() => client.counters.keepAlivesUnanswered > 0 && done(), 20);
            function done() {
                off();
                clearInterval(poll);
                clearInterval(talking);
                resolve();
            }
        });
        expect(client.counters.keepAlivesUnanswered).toBe(1);
        expect(client.state).toBe('ready');
        expect(harness.simulator.loginCount).toBe(1);
    });

    it('drops a link whose _NO goes unanswered while the PBX says nothing at all', async () => {
        harness = await startHarness();
        const { client, reaches } = harness.newClient({ keepAliveMs: 150, confirmationTimeoutMs: 200 });
        client.start();
        await reaches('ready');
        harness.simulator.faults.swallowConfirmations = 1_000_000;
        await reaches('waiting');
        harness.simulator.faults.swallowConfirmations = 0;
        await reaches('ready', 2);
        expect(harness.simulator.loginCount).toBe(2);
        expect(client.counters.keepAlivesUnanswered).toBe(0);
    });
});
