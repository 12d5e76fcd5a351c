// npm run bench:suite: event latency from the Suite simulator to the client, reconnect time after
// a Suite restart, the time from the phone system's return to Ready after a 60 s outage, and the
// client's heap growth per 1000 calls once warmed up (the warm-up's own growth printed apart). The
// simulator runs in its own process so the heap figure is the client's alone.
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { request } from 'node:http';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { createSuiteClient } from '../src/core/suite/client';
import { DEFAULT_CERT_DIR } from '../src/stand-ins/dev-machine/devCa';
import { nodeFetch, nodeWebSocket } from '../test/support/nodeTransport';
import { slope } from './leastSquares';
import { usageOrExit } from './usage.mjs';

usageOrExit(
    'Usage: npm run bench:suite\n  Suite simulator to client: event latency, reconnect time, phone system back → Ready after a 60 s outage\n  (BENCH_OUTAGES, BENCH_OUTAGE_MS), client heap per 1000 calls; prints one JSON line.'
);

const root = resolve(__dirname, '..');
// The first few hundred calls grow the heap once (compiled code, the client's maps reaching their
// working size), so a before/after pair of readings reports warm-up as growth. As `npm run bench`
// does: warm up, then read the heap every HEAP_SAMPLE_EVERY calls and take the least-squares slope.
const WARM_UP_CALLS = 400;
const CALLS = 2500;
const HEAP_SAMPLE_EVERY = 250;
const RESTARTS = 5;
// Outages as agents meet them: the Suite stops answering for a full minute (its listener closed, the
// sessions kept, as a Suite or network outage does), then comes back. Several clients, two agents'
// worth, go through each outage together, so one minute gives many readings of "back → Ready".
const OUTAGES = Number(process.env.BENCH_OUTAGES ?? 2);
const OUTAGE_MS = Number(process.env.BENCH_OUTAGE_MS ?? 60_000);
const OUTAGE_AGENTS = ['alice@example.com', 'bob@example.com'];
const CLIENTS_PER_AGENT = 5;

function startSimulatorProcess(): Promise<{ child: ChildProcess; port: number; control: string }> {
    return new Promise((resolvePromise, reject) => {
        const child = spawn(
            process.execPath,
            [
                join(root, 'node_modules/tsx/dist/cli.mjs'),
                join(root, 'src/stand-ins/suite-simulator/cli.ts'),
                '--port',
                '0',
                '--control-port',
                '0'
            ],
            {
                stdio: ['ignore', 'pipe', 'inherit']
            }
        );
        let output = '';
        child.stdout?.on('data', (chunk: Buffer) => {
            output += chunk.toString();
            const port = /https:\/\/localhost:(\d+)/.exec(output);
            const control = /Control API:\s+(http:\/\/[\d.:]+)/.exec(output);
            if (port && control) resolvePromise({ child, port: Number(port[1]), control: control[1] });
        });
        child.once('exit', (code) => reject(new Error(`the simulator exited with ${code}`)));
    });
}

const percentile = (values: number[], p: number) => {
    if (values.length === 0) return Number.NaN;
    const sorted = [...values].sort((a, b) => a - b);
    return Number(sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))].toFixed(2));
};

async function main(): Promise<void> {
    const { child, port, control } = await startSimulatorProcess();
    const ca = readFileSync(join(DEFAULT_CERT_DIR, 'dev-ca.cert.pem'), 'utf8');
    // Plain node:http for the control API, so nothing but the client under test keeps state here.
    const post = (path: string, body: unknown = {}) =>
        new Promise<unknown>((resolvePost, rejectPost) => {
            const outgoing = request(
                `${control}${path}`,
                { method: 'POST', headers: { 'Content-Type': 'application/json' } },
                (incoming) => {
                    let text = '';
                    incoming.on('data', (chunk: Buffer) => (text += chunk.toString()));
                    incoming.on('end', () =>
                        (incoming.statusCode ?? 500) < 300
                            ? resolvePost(text ? JSON.parse(text) : {})
                            : rejectPost(new Error(`POST ${path} answered ${incoming.statusCode}: ${text}`))
                    );
                }
            );
            outgoing.on('error', rejectPost);
            outgoing.end(JSON.stringify(body));
        });
    const newClient = (email: string) =>
        createSuiteClient({
            host: 'localhost',
            port,
            apiKey: 'dev-key-123',
            email,
            fetch: nodeFetch(ca),
            webSocket: nodeWebSocket(ca)
        });
    const client = newClient('alice@example.com');
    const waitFor = (predicate: () => boolean) =>
        new Promise<void>((resolveWait) => {
            const poll = () => (predicate() ? resolveWait() : setTimeout(poll, 1));
            poll();
        });
    try {
        client.start();
        await waitFor(() => client.connection.state === 'open');

        // Event latency: the control request returns after the simulator has sent the event; the
        // client's handler time minus the simulator's event timestamp is measured on one clock.
        const latencies: number[] = [];
        let sentAt = 0;
        client.on('call', () => latencies.push(performance.now() - sentAt));
        setFlagsFromString('--expose-gc');
        const gc = runInNewContext('gc') as () => void;
        const call = async (index: number) => {
            sentAt = performance.now();
            const { callId } = (await post('/_sim/calls/inbound', {
                toExtension: '2001',
                from: { number: `0163296${String(index % 10000).padStart(4, '0')}`, name: `Caller ${index}` }
            })) as { callId: string };
            await waitFor(() => client.calls.has(callId));
            sentAt = performance.now();
            await post(`/_sim/calls/${callId}/remote-hangup`);
            await waitFor(() => !client.calls.has(callId));
        };
        const heap = () => {
            gc();
            return process.memoryUsage().heapUsed;
        };
        const heapAtOpen = heap();
        for (let index = 0; index < WARM_UP_CALLS; index++) await call(index);
        const heapAfterWarmup = heap();
        latencies.length = 0;
        const heapSamples: [number, number][] = [[0, heapAfterWarmup]];
        for (let done = 0; done < CALLS; done += HEAP_SAMPLE_EVERY) {
            for (let index = 0; index < HEAP_SAMPLE_EVERY; index++) await call(WARM_UP_CALLS + done + index);
            heapSamples.push([done + HEAP_SAMPLE_EVERY, heap()]);
        }

        const reconnects: number[] = [];
        for (let restart = 0; restart < RESTARTS; restart++) {
            // A Suite restart after the agent has been connected for a while (not a flapping link).
            await new Promise((resolveSleep) => setTimeout(resolveSleep, 5500));
            await post('/_sim/restart');
            const back = performance.now();
            await waitFor(() => client.connection.state !== 'open' || performance.now() - back > 3000);
            await waitFor(() => client.connection.state === 'open');
            reconnects.push(performance.now() - back);
        }
        client.stop();
        const backToReady = await outages(post, newClient, waitFor);
        console.log(
            `${latencies.length} events (each latency includes the control request that triggers the event), ${RESTARTS} restarts`
        );
        console.log(
            `${OUTAGES} outages of ${OUTAGE_MS / 1000} s, ${backToReady.length} clients back: phone system back → Ready p50 ${Math.round(percentile(backToReady, 50))} ms, p95 ${Math.round(percentile(backToReady, 95))} ms`
        );
        console.log(
            `${CALLS} calls for the heap after ${WARM_UP_CALLS} to warm up; heap growth during the warm-up: ${Math.round((heapAfterWarmup - heapAtOpen) / 1024)} KB`
        );
        console.log(
            `Heap every ${HEAP_SAMPLE_EVERY} calls (KB): ${heapSamples.map(([, bytes]) => Math.round(bytes / 1024)).join(' ')}`
        );
        console.log(
            JSON.stringify({
                eventLatencyMs: { p50: percentile(latencies, 50), p95: percentile(latencies, 95) },
                reconnectMs: { p50: Math.round(percentile(reconnects, 50)) },
                backToReadyAfterOutageMs: {
                    p50: Math.round(percentile(backToReady, 50)),
                    p95: Math.round(percentile(backToReady, 95))
                },
                clientHeapKbPer1000Calls: Math.round((slope(heapSamples) * 1000) / 1024)
            })
        );
    } finally {
        client.stop();
        child.kill();
    }
}

/**
 * Stops the Suite for OUTAGE_MS with clients of two agents connected, starts it again, and returns for
 * each client the time from the Suite answering again to the client's connection open (Ready).
 */
async function outages(
    post: (path: string, body?: unknown) => Promise<unknown>,
    newClient: (email: string) => ReturnType<typeof createSuiteClient>,
    waitFor: (predicate: () => boolean) => Promise<void>
): Promise<number[]> {
    const readings: number[] = [];
    const clients = OUTAGE_AGENTS.flatMap((email) =>
        Array.from({ length: CLIENTS_PER_AGENT }, () => newClient(email))
    );
    try {
        for (const each of clients) each.start();
        for (let outage = 0; outage < OUTAGES; outage++) {
            await waitFor(() => clients.every((each) => each.connection.state === 'open'));
            await post('/_sim/stop');
            await waitFor(() => clients.every((each) => each.connection.state !== 'open'));
            await new Promise((resolveSleep) => setTimeout(resolveSleep, OUTAGE_MS));
            await post('/_sim/start');
            const back = performance.now();
            const readyAt = await Promise.all(
                clients.map(async (each) => {
                    await waitFor(() => each.connection.state === 'open');
                    return performance.now();
                })
            );
            readings.push(...readyAt.map((at) => at - back));
        }
    } finally {
        for (const each of clients) each.stop();
    }
    return readings;
}

main().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
});
