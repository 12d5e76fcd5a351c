// npm run bench:bridge: the OAI bridge on loopback, in two runs.
//   steady: 200 agent sessions at 20 calls a second (each rings, is answered, ends).
//   held:   1,000 calls at once with 2,000 sessions (two per agent) on 1,000 stations: 500 connected,
//           500 waiting at a hunt group; 20 call events a second meanwhile.
// The bridge runs in its own process (./benchBridgeProcess.ts), so its memory, CPU and event loop are
// its own; the OAI PBX simulator and the agents' event channels run here. Latency is from the moment
// the simulator writes an OAI event to the moment the agent's WebSocket frame for it arrives, on this
// process's clock. Prints one JSON line.
import { availableParallelism, loadavg } from 'node:os';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import WebSocket from 'ws';
import { OaiSimulator } from '../src/stand-ins/oai-pbx-simulator/server';
import { DEFAULT_SEED, type PbxSeed } from '../src/stand-ins/oai-pbx-simulator/pbx';
import { loadDevCa } from '../src/stand-ins/dev-machine/devCa';
import { nodeFetch } from '../test/support/nodeTransport';
import { BENCH_API_KEY, BENCH_ORIGIN, loopDelay, startBenchBridge, type Usage } from './benchBridgeProcess';
import { usageOrExit } from './usage.mjs';

const STEADY = { agents: 200, callsPerSecond: 20, seconds: 20, answerMs: 300, hangupMs: 900 };
const HELD = {
    stations: 1000,
    sessionsPerAgent: 2,
    connectedCalls: 500,
    waitingCalls: 500,
    groupMembers: 10,
    opsPerSecond: 20,
    seconds: 20,
    retrieveMs: 500
};
const HELD_GROUP = '2100';
const FIRST_STATION = 3001;
const TARGETS = { eventToFrameP95Ms: 5, eventLoopDelayP95Ms: 10 };

const ca = loadDevCa();
const mb = (bytes: number) => Number((bytes / 1048576).toFixed(1));
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const percentile = (values: number[], p: number) => {
    if (values.length === 0) return null;
    const sorted = [...values].sort((a, b) => a - b);
    return Number(sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))].toFixed(2));
};

/** OAI event → agent frame: the clock starts when the simulator wrote the event for `call.<state>:<OAI id>`. */
class FrameClock {
    readonly latencies: number[] = [];
    private readonly sentAt = new Map<string, number>();

    started(name: string): void {
        this.sentAt.set(name, performance.now());
    }

    get missing(): number {
        return this.sentAt.size;
    }

    readonly onFrame = (data: WebSocket.RawData): void => {
        const arrived = performance.now();
        const frame = JSON.parse(String(data)) as {
            type: string;
            event?: string;
            data?: { callId?: string };
        };
        if (frame.type !== 'event' || !frame.event?.startsWith('call.')) return;
        const oaiCallId = /^oai-([^-]+)-/.exec(frame.data?.callId ?? '')?.[1];
        const name = `${frame.event}:${oaiCallId}`;
        const sent = this.sentAt.get(name);
        if (sent === undefined) return;
        this.sentAt.delete(name);
        this.latencies.push(arrived - sent);
    };

    figures() {
        return {
            p50: percentile(this.latencies, 50),
            p95: percentile(this.latencies, 95),
            max: percentile(this.latencies, 100),
            targetP95: TARGETS.eventToFrameP95Ms
        };
    }
}

async function withPbx<T>(
    stations: string[],
    huntGroups: PbxSeed['huntGroups'],
    run: (pbx: OaiSimulator) => Promise<T>
): Promise<T> {
    const pbx = new OaiSimulator({
        seed: {
            ...DEFAULT_SEED,
            stations: stations.map((extension) => ({ extension, name: `Agent ${extension}` })),
            huntGroups
        }
    });
    await pbx.start();
    try {
        return await run(pbx);
    } finally {
        await pbx.stop();
    }
}

/** Signs `extension`'s agent in and opens an event channel; resolves once the channel greeted. */
async function agentChannel(port: number, extension: string, onFrame: FrameClock['onFrame']) {
    const fetch = nodeFetch(ca.certPem, BENCH_ORIGIN);
    const response = await fetch(`https://localhost:${port}/api/v1/sessions`, {
        method: 'POST',
        headers: { 'X-Api-Key': BENCH_API_KEY, 'Content-Type': 'application/json' },
        body: JSON.stringify({ email: `agent${extension}@example.com` })
    });
    if (response.status !== 201) throw new Error(`session for ${extension}: ${response.status}`);
    const { token } = (await response.json()) as { token: string };
    const socket = new WebSocket(`wss://localhost:${port}/api/v1/events?access_token=${token}`, {
        ca: ca.certPem,
        headers: { Origin: BENCH_ORIGIN }
    });
    await new Promise<void>((resolve, reject) => {
        socket.once('message', () => resolve());
        socket.once('error', reject);
    });
    socket.on('message', onFrame);
    return socket;
}

/** Opens the channels `count` at a time (a few TLS handshakes in flight, as agents arriving). */
async function openChannels(port: number, extensions: string[], clock: FrameClock, inFlight = 16) {
    const sockets: WebSocket[] = [];
    for (let index = 0; index < extensions.length; index += inFlight)
        sockets.push(
            ...(await Promise.all(
                extensions
                    .slice(index, index + inFlight)
                    .map((extension) => agentChannel(port, extension, clock.onFrame))
            ))
        );
    return sockets;
}

async function monitoring(pbx: OaiSimulator, count: number): Promise<void> {
    const since = Date.now();
    while (pbx.monitoredDevices().length < count) {
        if (Date.now() - since > 60_000) throw new Error('the bridge did not monitor every station');
        await sleep(50);
    }
}

/** Runs `step(n)` `perSecond` times a second, `total` times; resolves after the last. */
function paced(perSecond: number, total: number, step: (n: number) => void): Promise<void> {
    let done = 0;
    return new Promise((resolve) => {
        const timer = setInterval(() => {
            if (done >= total) {
                clearInterval(timer);
                resolve();
                return;
            }
            step(done++);
        }, 1000 / perSecond);
    });
}

function bridgeFigures(before: Usage, after: Usage, wallMs: number, frames: number) {
    return {
        rssMb: mb(after.rss),
        heapUsedMb: mb(after.heapUsed),
        rssGrowthMb: mb(after.rss - before.rss),
        cpuPercentOfOneCore: Number(((after.cpuMicros - before.cpuMicros) / 10 / wallMs).toFixed(1)),
        cpuMsPerFrame: Number(((after.cpuMicros - before.cpuMicros) / 1000 / Math.max(1, frames)).toFixed(3)),
        eventLoopDelayP95Ms: after.loopDelayP95Ms,
        eventLoopDelayMaxMs: after.loopDelayMaxMs,
        targetEventLoopDelayP95Ms: TARGETS.eventLoopDelayP95Ms
    };
}

/** 200 agents, 20 calls a second: each rings, is answered and ends. */
async function steadyRun() {
    const stations = Array.from({ length: STEADY.agents }, (_, index) => String(FIRST_STATION + index));
    return withPbx(stations, [], async (pbx) => {
        const bridge = await startBenchBridge({ stations, pbxPort: pbx.port, ca });
        const clock = new FrameClock();
        let sockets: WebSocket[] = [];
        try {
            sockets = await openChannels(bridge.port, stations, clock, 1);
            await monitoring(pbx, STEADY.agents);
            const before = await bridge.usage();
            const startedAt = performance.now();
            const calls = STEADY.callsPerSecond * STEADY.seconds;
            await paced(STEADY.callsPerSecond, calls, (placed) => {
                const station = stations[placed % STEADY.agents];
                const caller = { number: `0163296${String(placed % 10000).padStart(4, '0')}`, name: 'BENCH' };
                const oaiCallId = pbx.pbx.inbound(station, caller);
                // The simulator wrote the Delivered event inside inbound(): the clock starts just after.
                clock.started(`call.ringing:${oaiCallId}`);
                setTimeout(() => {
                    pbx.pbx.answer(station, oaiCallId);
                    clock.started(`call.connected:${oaiCallId}`);
                }, STEADY.answerMs);
                setTimeout(() => {
                    pbx.pbx.remoteHangup(oaiCallId);
                    clock.started(`call.cleared:${oaiCallId}`);
                }, STEADY.hangupMs);
            });
            await sleep(STEADY.hangupMs + 500);
            const after = await bridge.usage();
            return {
                agents: STEADY.agents,
                callsPerSecond: STEADY.callsPerSecond,
                calls,
                frames: clock.latencies.length,
                framesMissing: clock.missing,
                oaiEventToFrameMs: clock.figures(),
                bridge: bridgeFigures(before, after, performance.now() - startedAt, clock.latencies.length)
            };
        } finally {
            for (const socket of sockets) socket.terminate();
            await bridge.stop();
        }
    });
}

/**
 * 1,000 calls at once with 2,000 sessions: 500 connected, one on each of 500 stations, and 500 waiting
 * at a hunt group of 10 stations (each of its members follows all 500). Each second 10 connected calls
 * go on hold or come back, 5 new callers ring the group and 5 waiting ones hang up.
 */
async function heldRun() {
    const stations = Array.from({ length: HELD.stations }, (_, index) => String(FIRST_STATION + index));
    const members = stations.slice(0, HELD.groupMembers);
    const single = stations.slice(HELD.groupMembers, HELD.groupMembers + HELD.connectedCalls);
    const group = { extension: HELD_GROUP, name: 'QUEUE', members };
    return withPbx(stations, [group], async (pbx) => {
        const bridge = await startBenchBridge({ stations, huntGroups: [HELD_GROUP], pbxPort: pbx.port, ca });
        const clock = new FrameClock();
        let sockets: WebSocket[] = [];
        try {
            const agents = stations.flatMap((extension) => Array(HELD.sessionsPerAgent).fill(extension));
            sockets = await openChannels(bridge.port, agents, clock);
            await monitoring(pbx, stations.length);
            const caller = (index: number) => ({ number: `01632${100000 + index}`, name: 'HELD' });
            const connected = new Map<string, string>();
            await paced(200, single.length, (index) => {
                const station = single[index];
                const oaiCallId = pbx.pbx.inbound(station, caller(index));
                connected.set(station, oaiCallId);
                setTimeout(() => pbx.pbx.answer(station, oaiCallId), 200);
            });
            const waiting: string[] = [];
            let callers = single.length;
            await paced(100, HELD.waitingCalls, () =>
                waiting.push(pbx.pbx.inbound(HELD_GROUP, caller(callers++)))
            );
            await sleep(3000);
            const before = await bridge.usage();
            const startedAt = performance.now();
            const concurrentCalls = pbx.pbx.liveCalls().length;
            await paced(HELD.opsPerSecond, HELD.opsPerSecond * HELD.seconds, (index) => {
                if (index % 2 === 0) {
                    const station = single[(index / 2) % single.length];
                    const oaiCallId = connected.get(station)!;
                    pbx.pbx.hold(station, oaiCallId);
                    clock.started(`call.held:${oaiCallId}`);
                    setTimeout(() => {
                        pbx.pbx.retrieve(station, oaiCallId);
                        clock.started(`call.connected:${oaiCallId}`);
                    }, HELD.retrieveMs);
                } else if (index % 4 === 1) {
                    const oaiCallId = pbx.pbx.inbound(HELD_GROUP, caller(callers++));
                    waiting.push(oaiCallId);
                    clock.started(`call.ringing:${oaiCallId}`);
                } else {
                    const oaiCallId = waiting.shift()!;
                    pbx.pbx.remoteHangup(oaiCallId);
                    clock.started(`call.cleared:${oaiCallId}`);
                }
            });
            await sleep(HELD.retrieveMs + 500);
            const after = await bridge.usage();
            return {
                concurrentCalls,
                connectedCalls: single.length,
                waitingAtGroup: HELD.waitingCalls,
                groupMembers: members.length,
                sessions: sockets.length,
                eventsPerSecond: HELD.opsPerSecond,
                frames: clock.latencies.length,
                framesMissing: clock.missing,
                oaiEventToFrameMs: clock.figures(),
                bridge: bridgeFigures(before, after, performance.now() - startedAt, clock.latencies.length)
            };
        } finally {
            for (const socket of sockets) socket.terminate();
            await bridge.stop();
        }
    });
}

async function main(): Promise<void> {
    const benchDelay = monitorEventLoopDelay({ resolution: 5 });
    benchDelay.enable();
    const steady = await steadyRun();
    const benchSteady = loopDelay(benchDelay).p95;
    const held = await heldRun();
    console.log(
        JSON.stringify({
            ...steady,
            benchEventLoopDelayP95Ms: benchSteady,
            held: { ...held, benchEventLoopDelayP95Ms: loopDelay(benchDelay).p95 },
            loadAverage1m: Number(loadavg()[0].toFixed(2)),
            cpus: availableParallelism()
        })
    );
}

usageOrExit(
    'Usage: npm run bench:bridge\n  The OAI bridge on loopback: 200 agent sessions at 20 calls a second, then 1,000 calls at once (500 connected, 500 waiting at a hunt group) with 2,000 sessions and 20 call events a second. OAI event to WebSocket frame p50/p95, the bridge process RSS, heap, CPU and event-loop delay; prints one JSON line.'
);
main().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
});
