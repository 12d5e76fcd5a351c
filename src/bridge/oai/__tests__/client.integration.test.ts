// The OAI client against the OAI simulator over real loopback TCP.
import { OaiSimulator } from '../../oai-simulator/server';
import { OaiClient, OaiCommandError, type OaiClientOptions, type OaiLinkState } from '../client';
import type { OaiEvent } from '../messages';

const PASSWORD = 'secret';

let simulator: OaiSimulator;
const clients: OaiClient[] = [];

async function startSimulator(options: { keepAliveTimeoutMs?: number } = {}): Promise<void> {
    simulator = new OaiSimulator({ password: PASSWORD, ...options });
    await simulator.start();
}

function newClient(options: Partial<OaiClientOptions> = {}): {
    client: OaiClient;
    events: OaiEvent[];
    states: OaiLinkState[];
} {
    const client = new OaiClient({
        host: '127.0.0.1',
        port: simulator.port,
        password: PASSWORD,
        applicationName: 'bridge-test',
        extensions: ['2001', '2002'],
        huntGroups: ['2100'],
        confirmationTimeoutMs: 300,
        backoff: { baseMs: 20, maxMs: 200 },
        ...options
    });
    const events: OaiEvent[] = [];
    const states: OaiLinkState[] = [];
    client.on('event', (event) => events.push(event));
    client.on('state', (state) => states.push(state));
    history.set(client, states);
    clients.push(client);
    return { client, events, states };
}

const history = new Map<OaiClient, OaiLinkState[]>();

/** Resolves once the client has reported the state `count` times since it was created. */
function reaches(client: OaiClient, wanted: OaiLinkState, count = 1): Promise<void> {
    const states = history.get(client) ?? [];
    const done = () => states.filter((state) => state === wanted).length >= count;
    return new Promise((resolve) => {
        if (done()) return resolve();
        const off = client.on('state', () => {
            if (done()) {
                off();
                resolve();
            }
        });
    });
}

function eventMatching(client: OaiClient, predicate: (event: OaiEvent) => boolean): Promise<OaiEvent> {
    return new Promise((resolve) => {
        const off = client.on('event', (event) => {
            if (predicate(event)) {
                off();
                resolve(event);
            }
        });
    });
}

afterEach(async () => {
    for (const client of clients.splice(0)) client.stop();
    await simulator.stop();
});

describe('OAI client over loopback', () => {
    it('logs in, monitors every configured device, resyncs, then is ready', async () => {
        await startSimulator();
        const { client } = newClient();
        const resynced = new Promise<void>((resolve) => client.on('resynced', resolve));
        client.start();
        await resynced;
        expect(client.state).toBe('ready');
        expect(simulator.received).toEqual([
            expect.stringMatching(/^_MS,\d+,2001,1,A:FFFF,C:FFFF,F:FFFF$/),
            expect.stringMatching(/^_MS,\d+,2002,1,A:FFFF,C:FFFF,F:FFFF$/),
            expect.stringMatching(/^_MS,\d+,2100,2,A:FFFF,C:FFFF,F:FFFF$/),
            expect.stringMatching(/^_RR,\d+,$/)
        ]);
        expect(simulator.monitoredDevices().sort()).toEqual(['2001', '2002', '2100']);
        expect([...client.monitors.keys()].sort()).toEqual(['2001', '2002', '2100']);
        expect(new Set(client.monitors.values()).size).toBe(3);
    });

    it('refuses commands until the resync has ended', async () => {
        await startSimulator();
        const { client } = newClient();
        await expect(client.send({ code: '_NO' })).rejects.toMatchObject({ reason: 'notReady' });
        client.start();
        await expect(client.send({ code: '_NO' })).rejects.toMatchObject({ reason: 'notReady' });
        await reaches(client, 'ready');
        await expect(client.send({ code: '_NO' })).resolves.toMatchObject({ command: '_NO', outcome: 0 });
    });

    it('never gets past login with a wrong password, and keeps retrying', async () => {
        await startSimulator();
        const { client, states } = newClient({ password: 'wrong' });
        client.start();
        await reaches(client, 'waiting', 2);
        expect(states).not.toContain('monitoring');
        expect(simulator.loginCount).toBe(0);
    });

    it('reports the events of an inbound call and confirms the commands that control it', async () => {
        await startSimulator();
        const { client } = newClient();
        client.start();
        await reaches(client, 'ready');
        const ringing = eventMatching(client, (event) => event.code === 'DE' && event.alertingExt === '2001');
        const callId = simulator.pbx.inbound('2001', { number: '01632960123', name: 'ACME, LTD' });
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
        const answered = eventMatching(client, (event) => event.code === 'ES');
        simulator.pbx.answer('2001', callId);
        expect(await answered).toMatchObject({ callId, answeringExt: '2001', localState: 'C', cause: 35 });
        const held = eventMatching(client, (event) => event.code === 'HE');
        await expect(client.send({ code: '_HC', extension: '2001', callId })).resolves.toMatchObject({
            outcome: 0
        });
        expect(await held).toMatchObject({ callId, holdingExt: '2001', localState: 'H' });
    });

    it('rejects a command the PBX refuses with its outcome, and the link stays up', async () => {
        await startSimulator();
        const { client } = newClient();
        client.start();
        await reaches(client, 'ready');
        const refused = client.send({ code: '_HC', extension: '2001', callId: '9999' });
        await expect(refused).rejects.toBeInstanceOf(OaiCommandError);
        await expect(refused).rejects.toMatchObject({ reason: 'rejected', command: '_HC', outcome: 3 });
        expect(client.counters.confirmationsRejected).toBe(1);
        expect(client.state).toBe('ready');
    });

    it('rejects a command with bad input without sending it, and the link stays up', async () => {
        await startSimulator();
        const { client } = newClient();
        client.start();
        await reaches(client, 'ready');
        const sent = simulator.received.length;
        await expect(
            client.send({ code: '_MC', extension: '2001', digits: '0163,2960' })
        ).rejects.toMatchObject({
            name: 'OaiEncodeError'
        });
        await expect(client.send({ code: '_NO' })).resolves.toMatchObject({ outcome: 0 });
        expect(simulator.received.slice(sent)).toEqual([expect.stringMatching(/^_NO,/)]);
    });

    it('times out a confirmation that never comes, and counts one that comes too late', async () => {
        await startSimulator();
        const { client } = newClient();
        client.start();
        await reaches(client, 'ready');
        simulator.faults.swallowConfirmations = 1;
        await expect(client.send({ code: '_NO' })).rejects.toMatchObject({ reason: 'timeout' });
        simulator.faults.confirmationDelayMs = 500;
        const late = new Promise((resolve) => client.on('lateConfirmation', resolve));
        await expect(client.send({ code: '_NO' })).rejects.toMatchObject({ reason: 'timeout' });
        await expect(late).resolves.toMatchObject({ command: '_NO', outcome: 0 });
        expect(client.counters).toMatchObject({ confirmationsTimedOut: 2, confirmationsLate: 1 });
    });

    it('reconnects after the link drops mid-call and learns the call again from the resync', async () => {
        await startSimulator();
        const { client } = newClient();
        client.start();
        await reaches(client, 'ready');
        const callId = simulator.pbx.inbound('2001', { number: '01632960123', name: 'ACME' });
        simulator.pbx.answer('2001', callId);
        const pending = client.send({ code: '_NO' });
        const resyncedCall = eventMatching(client, (event) => event.code === 'ES' && event.resyncCode !== '');
        simulator.dropConnections();
        await expect(pending).rejects.toMatchObject({ reason: 'linkLost' });
        await reaches(client, 'ready', 2);
        const event = await resyncedCall;
        const rr = simulator.received.filter((line) => line.startsWith('_RR,'));
        expect(rr).toHaveLength(2);
        expect(event).toMatchObject({
            callId,
            answeringExt: '2001',
            localState: 'C',
            resyncCode: rr[1].split(',')[1]
        });
        expect(simulator.loginCount).toBe(2);
        expect(client.counters.reconnects).toBe(1);
    });

    it('keeps retrying while the PBX is down and is ready again once it is back', async () => {
        await startSimulator();
        const { client } = newClient();
        client.start();
        await reaches(client, 'ready');
        await simulator.stop();
        await reaches(client, 'waiting', 3);
        await simulator.start();
        await reaches(client, 'ready', 2);
        expect(client.counters.reconnects).toBeGreaterThanOrEqual(3);
        expect(simulator.monitoredDevices().sort()).toEqual(['2001', '2002', '2100']);
    });

    it('waits at least the jittered backoff before reconnecting', async () => {
        await startSimulator();
        const { client } = newClient({ backoff: { baseMs: 200, maxMs: 1000 }, random: () => 1 });
        client.start();
        await reaches(client, 'ready');
        let lostAt = 0;
        client.on('state', (state) => {
            if (state === 'waiting') lostAt = performance.now();
        });
        const reconnecting = reaches(client, 'connecting', 2);
        simulator.dropConnections();
        await reconnecting;
        // 200 ms + 20 % at random() = 1.
        expect(performance.now() - lostAt).toBeGreaterThanOrEqual(238);
    });

    it('sends _NO as keep-alive, so the PBX keeps its monitors', async () => {
        await startSimulator({ keepAliveTimeoutMs: 600 });
        const { client } = newClient({ keepAliveMs: 100 });
        client.start();
        await reaches(client, 'ready');
        const resyncResponses: OaiEvent[] = [];
        const stopWatching = client.on('event', (event) => {
            if (event.code === 'RS') resyncResponses.push(event);
        });
        // Twelve keep-alives at 100 ms span twice the PBX's 600 ms limit.
        await new Promise<void>((resolve) => {
            let keepAlives = 0;
            const off = simulator.onCommand((line) => {
                if (line.startsWith('_NO,') && ++keepAlives === 12) {
                    off();
                    resolve();
                }
            });
        });
        stopWatching();
        // Without the keep-alive the PBX would have dropped the monitors and sent RS by now.
        expect(resyncResponses).toEqual([]);
        expect(simulator.received.filter((line) => line.startsWith('_MS,'))).toHaveLength(3);
    });

    it('starts its monitors again when the PBX drops them and sends a Resync Response', async () => {
        await startSimulator({ keepAliveTimeoutMs: 300 });
        const { client } = newClient({ keepAliveMs: 60_000 });
        client.start();
        await reaches(client, 'ready');
        await reaches(client, 'ready', 2);
        expect(simulator.received.filter((line) => /^_MS,\d+,2001,/.test(line))).toHaveLength(2);
        expect(simulator.received.filter((line) => line.startsWith('_RR,'))).toHaveLength(2);
        expect(simulator.loginCount).toBe(1);
        expect(simulator.monitoredDevices().sort()).toEqual(['2001', '2002', '2100']);
    });

    it('reports an unreadable line and carries on with the next', async () => {
        await startSimulator();
        const { client } = newClient();
        client.start();
        await reaches(client, 'ready');
        const lineError = new Promise((resolve) => client.on('lineError', resolve));
        const dnd = eventMatching(client, (event) => event.code === 'DND');
        simulator.sendRawLine('500,HE,,001,1234,2001,Z,42');
        simulator.sendRawLine('501,LN,,001,2001,77,|Agent|,2100');
        simulator.pbx.setDnd('2001', true);
        await expect(lineError).resolves.toMatchObject({ reason: 'malformed', code: 'HE' });
        await expect(dnd).resolves.toMatchObject({ extension: '2001', enabled: true });
        expect(client.state).toBe('ready');
        expect(client.counters).toMatchObject({ lineErrors: 1, unknownLines: 1 });
    });

    it('drops and reopens a link that announces a frame over the size limit', async () => {
        await startSimulator();
        const { client } = newClient({ maxFrameBytes: 1024 });
        client.start();
        await reaches(client, 'ready');
        const oversize = Buffer.alloc(4);
        oversize.writeUInt32LE(1025);
        simulator.sendRawBytes(oversize);
        await reaches(client, 'ready', 2);
        expect(simulator.loginCount).toBe(2);
    });
});
