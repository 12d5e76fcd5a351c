// npm run bench:bridge: the OAI bridge under 200 agent sessions at 20 calls a second, on loopback.
// The bridge runs in its own process (this file with --child), so its memory and CPU are its own; the
// OAI PBX simulator and the 200 agents' event channels run here. Latency is from the moment the
// simulator writes an OAI event (DE, ES, XC of a call: ringing, connected, cleared) to the moment the
// agent's WebSocket frame for it arrives, on this process's clock. Prints one JSON line.
import { fork, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { monitorEventLoopDelay, performance, type IntervalHistogram } from 'node:perf_hooks';
import WebSocket from 'ws';
import { startBridge } from '../src/bridge/bridge';
import { loadConfig } from '../src/bridge/config';
import { OaiSimulator } from '../src/stand-ins/oai-pbx-simulator/server';
import { DEFAULT_SEED } from '../src/stand-ins/oai-pbx-simulator/pbx';
import { loadDevCa } from '../src/stand-ins/dev-machine/devCa';
import { nodeFetch } from '../test/support/nodeTransport';
import { usageOrExit } from './usage.mjs';

const AGENTS = 200;
const CALLS_PER_SECOND = 20;
const LOAD_SECONDS = 20;
/** Each call rings, is answered after ANSWER_MS and ends after HANGUP_MS. */
const ANSWER_MS = 300;
const HANGUP_MS = 900;
const ORIGIN = 'https://bench.example.com';
const API_KEY = 'bench-bridge-key-0123456789';
const FIRST_STATION = 3001;

type ChildRequest = { type: 'usage' } | { type: 'stop' };
type ChildReply =
    | { type: 'listening'; port: number }
    | { type: 'usage'; rss: number; heapUsed: number; cpuMicros: number; loopDelayP95Ms: number };

/** How late a process's event loop ran (p95, ms) since the last reading: the machine's share in the latency. */
function loopDelay(histogram: IntervalHistogram): number {
    const p95 = Number((histogram.percentile(95) / 1e6).toFixed(2));
    histogram.reset();
    return p95;
}

/** The bridge process: started from the configuration file, answering usage questions over IPC. */
async function child(configFile: string): Promise<void> {
    const bridge = await startBridge({ config: loadConfig(configFile), configFile });
    const send = (message: ChildReply) => process.send?.(message);
    const delay = monitorEventLoopDelay({ resolution: 5 });
    delay.enable();
    process.on('message', (message: ChildRequest) => {
        if (message.type === 'usage') {
            const cpu = process.cpuUsage();
            const memory = process.memoryUsage();
            send({
                type: 'usage',
                rss: memory.rss,
                heapUsed: memory.heapUsed,
                cpuMicros: cpu.user + cpu.system,
                loopDelayP95Ms: loopDelay(delay)
            });
        } else {
            bridge.stop().then(
                () => process.exit(0),
                (error: unknown) => {
                    console.error(error);
                    process.exit(1);
                }
            );
        }
    });
    send({ type: 'listening', port: bridge.server.port });
}

const percentile = (values: number[], p: number) => {
    const sorted = [...values].sort((a, b) => a - b);
    return Number(sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))].toFixed(2));
};

function reply<T extends ChildReply['type']>(
    bridge: ChildProcess,
    type: T
): Promise<Extract<ChildReply, { type: T }>> {
    return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`the bridge process sent no ${type}`)), 20_000);
        const listener = (message: ChildReply) => {
            if (message.type !== type) return;
            clearTimeout(timer);
            bridge.off('message', listener);
            resolve(message as Extract<ChildReply, { type: T }>);
        };
        bridge.on('message', listener);
    });
}

function usage(bridge: ChildProcess) {
    const answer = reply(bridge, 'usage');
    bridge.send({ type: 'usage' } satisfies ChildRequest);
    return answer;
}

async function main(): Promise<void> {
    const stations = Array.from({ length: AGENTS }, (_, index) => String(FIRST_STATION + index));
    const pbx = new OaiSimulator({
        seed: {
            ...DEFAULT_SEED,
            stations: stations.map((extension) => ({ extension, name: `Agent ${extension}` })),
            huntGroups: []
        }
    });
    await pbx.start();
    const files = mkdtempSync(join(tmpdir(), 'bench-bridge-'));
    const ca = loadDevCa();
    const tls = ca.issue(['localhost', '127.0.0.1']);
    // Generated for this run and removed with the folder.
    writeFileSync(join(files, 'bridge.crt'), tls.cert);
    writeFileSync(join(files, 'bridge.key'), tls.key);
    const configFile = join(files, 'bridge.json');
    writeFileSync(
        configFile,
        JSON.stringify({
            listen: { host: '127.0.0.1', port: 0 },
            tls: { certFile: 'bridge.crt', keyFile: 'bridge.key' },
            allowedOrigins: [ORIGIN],
            auth: { apiKeys: [API_KEY] },
            oai: { host: '127.0.0.1', port: pbx.port },
            sessions: { heartbeatSec: 120 },
            limits: { requestsPerMinute: 100000 },
            state: { callIdsFile: 'call-ids.json' },
            log: { level: 'error' },
            directory: stations.map((extension) => ({
                email: `agent${extension}@example.com`,
                displayName: `Agent ${extension}`,
                primaryExtension: extension
            }))
        })
    );
    const bridge = fork(__filename, ['--child', configFile], {
        execArgv: process.execArgv,
        stdio: ['ignore', 'inherit', 'inherit', 'ipc']
    });
    const listening = reply(bridge, 'listening');
    const sockets: WebSocket[] = [];
    try {
        const { port } = await listening;
        const fetch = nodeFetch(ca.certPem, ORIGIN);
        const sentAt = new Map<string, number>();
        const latencies: number[] = [];
        const onFrame = (data: WebSocket.RawData) => {
            const arrived = performance.now();
            const frame = JSON.parse(String(data)) as {
                type: string;
                event?: string;
                data?: { callId?: string };
            };
            if (frame.type !== 'event' || !frame.event?.startsWith('call.')) return;
            const oaiCallId = /^oai-([^-]+)-/.exec(frame.data?.callId ?? '')?.[1];
            const name = `${frame.event}:${oaiCallId}`;
            const sent = sentAt.get(name);
            if (sent === undefined) return;
            sentAt.delete(name);
            latencies.push(arrived - sent);
        };
        // 200 agents sign in and open their event channels.
        for (const extension of stations) {
            const response = await fetch(`https://localhost:${port}/api/v1/sessions`, {
                method: 'POST',
                headers: { 'X-Api-Key': API_KEY, 'Content-Type': 'application/json' },
                body: JSON.stringify({ email: `agent${extension}@example.com` })
            });
            const { token } = (await response.json()) as { token: string };
            const socket = new WebSocket(`wss://localhost:${port}/api/v1/events?access_token=${token}`, {
                ca: ca.certPem,
                headers: { Origin: ORIGIN }
            });
            await new Promise<void>((resolve, reject) => {
                socket.once('message', () => resolve());
                socket.once('error', reject);
            });
            socket.on('message', onFrame);
            sockets.push(socket);
        }
        const linkUp = Date.now();
        while (pbx.monitoredDevices().length < AGENTS) {
            if (Date.now() - linkUp > 20_000) throw new Error('the bridge did not monitor every station');
            await new Promise((resolve) => setTimeout(resolve, 50));
        }

        const before = await usage(bridge);
        const benchDelay = monitorEventLoopDelay({ resolution: 5 });
        benchDelay.enable();
        const startedAt = performance.now();
        let placed = 0;
        const at = (name: string) => sentAt.set(name, performance.now());
        await new Promise<void>((resolve) => {
            const timer = setInterval(() => {
                if (placed >= CALLS_PER_SECOND * LOAD_SECONDS) {
                    clearInterval(timer);
                    setTimeout(resolve, HANGUP_MS + 500);
                    return;
                }
                const station = stations[placed % AGENTS];
                placed++;
                const caller = { number: `0163296${String(placed % 10000).padStart(4, '0')}`, name: 'BENCH' };
                const oaiCallId = pbx.pbx.inbound(station, caller);
                // The simulator wrote the Delivered event inside inbound(): the clock starts just after.
                at(`call.ringing:${oaiCallId}`);
                setTimeout(() => {
                    pbx.pbx.answer(station, oaiCallId);
                    at(`call.connected:${oaiCallId}`);
                }, ANSWER_MS);
                setTimeout(() => {
                    pbx.pbx.remoteHangup(oaiCallId);
                    at(`call.cleared:${oaiCallId}`);
                }, HANGUP_MS);
            }, 1000 / CALLS_PER_SECOND);
        });
        const wallMs = performance.now() - startedAt;
        const after = await usage(bridge);
        const mb = (bytes: number) => Number((bytes / 1048576).toFixed(1));
        console.log(
            JSON.stringify({
                agents: AGENTS,
                callsPerSecond: CALLS_PER_SECOND,
                calls: placed,
                frames: latencies.length,
                framesMissing: sentAt.size,
                oaiEventToFrameMs: {
                    p50: percentile(latencies, 50),
                    p95: percentile(latencies, 95),
                    max: percentile(latencies, 100),
                    targetP95: 5
                },
                bridge: {
                    rssMb: mb(after.rss),
                    heapUsedMb: mb(after.heapUsed),
                    rssGrowthMb: mb(after.rss - before.rss),
                    cpuPercentOfOneCore: Number(
                        ((after.cpuMicros - before.cpuMicros) / 10 / wallMs).toFixed(1)
                    ),
                    cpuMsPerFrame: Number(
                        ((after.cpuMicros - before.cpuMicros) / 1000 / Math.max(1, latencies.length)).toFixed(
                            3
                        )
                    ),
                    eventLoopDelayP95Ms: after.loopDelayP95Ms
                },
                benchEventLoopDelayP95Ms: loopDelay(benchDelay),
                loadAverage1m: Number(loadavg()[0].toFixed(2)),
                cpus: availableParallelism()
            })
        );
    } finally {
        for (const socket of sockets) socket.terminate();
        if (bridge.connected) bridge.send({ type: 'stop' } satisfies ChildRequest);
        await new Promise((resolve) => {
            if (bridge.exitCode !== null) return resolve(undefined);
            const timer = setTimeout(() => bridge.kill(), 5000);
            bridge.once('exit', () => {
                clearTimeout(timer);
                resolve(undefined);
            });
        });
        await pbx.stop();
        rmSync(files, { recursive: true, force: true });
    }
}

const childIndex = process.argv.indexOf('--child');
if (childIndex >= 0) {
    child(process.argv[childIndex + 1]).catch((error: unknown) => {
        console.error(error);
        process.exit(1);
    });
} else {
    usageOrExit(
        'Usage: npm run bench:bridge\n  OAI bridge with 200 agent sessions at 20 calls a second on loopback: OAI event to WebSocket frame p50/p95, the bridge process RSS, heap and CPU; prints one JSON line.'
    );
    main().catch((error: unknown) => {
        console.error(error);
        process.exit(1);
    });
}
