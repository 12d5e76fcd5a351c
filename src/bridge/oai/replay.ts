// Replays a trace's PBX side (./trace.ts) into the bridge's OAI layer: a stand-in PBX on loopback
// answers the client's login, monitors and resyncs as the trace's PBX did (its RS, its monitor ids),
// then sends the trace's events in order; the client decodes them and ./stations.ts routes them to
// the call models, whose contract changes are the result. `npm run bridge:replay FILE` prints them.
import { createServer, type AddressInfo, type Server, type Socket } from 'node:net';
import { OaiClient } from './client';
import { splitFields } from './csv';
import type { OaiLineError } from './events';
import { encodeFrame, FrameDecoder, lineFromBody } from './framing';
import { OaiStations, type StationChange } from './stations';
import { parseTrace, type TraceEntry } from './trace';

export interface ReplayPlan {
    extensions: string[];
    huntGroups: string[];
    /** Device → the Mon_Cross_Ref_ID the trace's PBX gave its monitor. */
    monitorIds: Map<string, string>;
    /** The login's Resync Response, as the trace has it. */
    loginResponse: string;
    /** The PBX's lines to send, in order. */
    lines: string[];
    /** Lines of the PBX side not sent, and why. */
    skipped: string[];
}

export interface ReplayResult {
    plan: ReplayPlan;
    changes: StationChange[];
    lineErrors: OaiLineError[];
}

const DEFAULT_RS = '000,RS,0,00:00,010100,V10.20,V6.0,3,1,1,1';

/** What to monitor and what to send, from a trace: its `_MS` commands and their confirmations. */
export function planReplay(entries: TraceEntry[]): ReplayPlan {
    const plan: ReplayPlan = {
        extensions: [],
        huntGroups: [],
        monitorIds: new Map(),
        loginResponse: '',
        lines: [],
        skipped: []
    };
    const monitorStarts = new Map<string, { device: string; type: string }>();
    let loginDone = false;
    for (const { direction, line } of entries) {
        const split = splitFields(line);
        const fields = split.ok ? split.fields : [];
        if (direction === '>') {
            if (fields[0] === '_MS')
                monitorStarts.set(fields[1], { device: fields[2], type: fields[3] ?? '1' });
            continue;
        }
        const code = fields[1];
        if (!loginDone && (code === 'RS' || code === 'RD')) {
            if (code === 'RS') plan.loginResponse = line;
            else loginDone = true;
            continue;
        }
        loginDone = true;
        if (code === 'CF') {
            const started = fields[2] === '_MS' ? monitorStarts.get(fields[3]) : undefined;
            if (started && fields[4] === '0' && fields[6]) addMonitor(plan, started, fields[6]);
            continue;
        }
        if (code === 'RS' && (fields[2] === '0' || fields[2] === '')) {
            plan.skipped.push(`${line}  (the PBX reset the link: the replay does not set it up again)`);
            continue;
        }
        plan.lines.push(line);
    }
    if (plan.extensions.length === 0)
        throw new Error('the trace has no confirmed _MS for a station: nothing to follow');
    plan.loginResponse ||= DEFAULT_RS;
    return plan;
}

function addMonitor(
    plan: ReplayPlan,
    started: { device: string; type: string },
    monCrossRefId: string
): void {
    if (plan.monitorIds.has(started.device)) return;
    plan.monitorIds.set(started.device, monCrossRefId);
    if (started.type === '2') plan.huntGroups.push(started.device);
    else plan.extensions.push(started.device);
}

export async function replayTrace(text: string, options: { now?: () => number } = {}): Promise<ReplayResult> {
    const plan = planReplay(parseTrace(text));
    const pbx = await startReplayPbx(plan);
    const stations = new OaiStations({
        extensions: plan.extensions,
        huntGroups: plan.huntGroups,
        now: options.now
    });
    const client = new OaiClient({
        host: '127.0.0.1',
        port: (pbx.address() as AddressInfo).port,
        password: '',
        applicationName: 'oai-replay',
        extensions: plan.extensions,
        huntGroups: plan.huntGroups,
        keepAliveMs: 3_600_000,
        backoff: { baseMs: 60_000, maxMs: 60_000 }
    });
    const result: ReplayResult = { plan, changes: [], lineErrors: [] };
    client.on('event', (event) => result.changes.push(...stations.apply(event, client.monitors)));
    client.on('lineError', (error) => result.lineErrors.push(error));
    const ready = new Promise<void>((resolve, reject) => {
        client.on('resynced', resolve);
        client.on('state', (state, detail) => {
            if (state === 'waiting' || state === 'refused')
                reject(new Error(`the replay link failed: ${detail}`));
        });
    });
    client.start();
    try {
        await ready;
        play(pbx, plan.lines);
        // Answered after every line above: when it is confirmed, the client has read them all.
        await client.send({ code: '_NO' });
        return result;
    } finally {
        client.stop();
        await new Promise<void>((resolve) => pbx.close(() => resolve()));
    }
}

interface ReplayServer extends Server {
    socket?: Socket;
}

function startReplayPbx(plan: ReplayPlan): Promise<ReplayServer> {
    const server: ReplayServer = createServer((socket) => {
        server.socket = socket;
        const decoder = new FrameDecoder();
        let loggedIn = false;
        socket.on('error', () => undefined);
        socket.on('data', (chunk) => {
            for (const output of decoder.push(chunk)) {
                if (output.kind !== 'frame') return socket.destroy();
                if (!loggedIn) {
                    loggedIn = true;
                    write(socket, [plan.loginResponse, '000,RD,0,']);
                } else write(socket, answer(plan, lineFromBody(output.body)));
            }
        });
    });
    return new Promise((resolve, reject) => {
        server.once('error', reject);
        server.listen(0, '127.0.0.1', () => resolve(server));
    });
}

/** The stand-in PBX's answer to a command: as the manual lays it out, with the trace's monitor ids. */
function answer(plan: ReplayPlan, line: string): string[] {
    const split = splitFields(line);
    const [code = '', invokeId = '', device = ''] = split.ok ? split.fields : [];
    switch (code) {
        case '_MS':
            return [`000,CF,_MS,${invokeId},0,1,${plan.monitorIds.get(device) ?? '999'},${device}`];
        case '_RR':
            return [`000,CF,_RR,${invokeId},0,${device}`, `000,RD,${invokeId},${device}`];
        case 'RR': {
            // `RR,<ext>` has no invoke id: answered by RS and RD with resync code 1 (Issue 9.0, RD).
            const extension = invokeId;
            return [plan.loginResponse.replace(/^(\d+,RS,)0,/, '$11,'), `000,RD,1,${extension}`];
        }
        default:
            return [`000,CF,${code},${invokeId},0`];
    }
}

function play(server: ReplayServer, lines: string[]): void {
    if (server.socket) write(server.socket, lines);
}

function write(socket: Socket, lines: string[]): void {
    for (const line of lines) socket.write(encodeFrame(Buffer.from(`${line}\r\n`, 'latin1')));
}
