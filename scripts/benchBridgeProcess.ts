// The bridge under benchmark, in a process of its own (this file, forked), so its memory, CPU and event
// loop are its own: started from a configuration file written for the run, answering usage questions
// over IPC. The OAI PBX simulator and the agents stay in the benchmark's process.
import { fork, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { monitorEventLoopDelay, type IntervalHistogram } from 'node:perf_hooks';
import { startBridge } from '../src/bridge/bridge';
import { loadConfig } from '../src/bridge/config';
import type { DevCa } from '../src/stand-ins/dev-machine/devCa';

export const BENCH_ORIGIN = 'https://bench.example.com';
export const BENCH_API_KEY = 'bench-bridge-key-0123456789';

type ChildRequest = { type: 'usage' } | { type: 'stop' };
type ChildReply =
    | { type: 'listening'; port: number }
    | {
          type: 'usage';
          rss: number;
          heapUsed: number;
          cpuMicros: number;
          loopDelayP95Ms: number;
          loopDelayMaxMs: number;
      };
export type Usage = Extract<ChildReply, { type: 'usage' }>;

export interface BenchBridge {
    port: number;
    /** The bridge's memory, CPU so far, and its event loop's delay p95 since the last reading. */
    usage(): Promise<Usage>;
    stop(): Promise<void>;
}

/** How late a process's event loop ran (p95 and the worst, ms) since the last reading. */
export function loopDelay(histogram: IntervalHistogram): { p95: number; max: number } {
    const ms = (nanoseconds: number) => Number((nanoseconds / 1e6).toFixed(2));
    const delay = { p95: ms(histogram.percentile(95)), max: ms(histogram.max) };
    histogram.reset();
    return delay;
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
            const loop = loopDelay(delay);
            send({
                type: 'usage',
                rss: memory.rss,
                heapUsed: memory.heapUsed,
                cpuMicros: cpu.user + cpu.system,
                loopDelayP95Ms: loop.p95,
                loopDelayMaxMs: loop.max
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

function reply<T extends ChildReply['type']>(
    bridge: ChildProcess,
    type: T
): Promise<Extract<ChildReply, { type: T }>> {
    return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`the bridge process sent no ${type}`)), 60_000);
        const listener = (message: ChildReply) => {
            if (message.type !== type) return;
            clearTimeout(timer);
            bridge.off('message', listener);
            resolve(message as Extract<ChildReply, { type: T }>);
        };
        bridge.on('message', listener);
    });
}

/** Starts a bridge process for `stations` (agent<extension>@example.com each) in front of the PBX at `pbxPort`. */
export async function startBenchBridge(options: {
    stations: readonly string[];
    huntGroups?: readonly string[];
    pbxPort: number;
    ca: DevCa;
}): Promise<BenchBridge> {
    const files = mkdtempSync(join(tmpdir(), 'bench-bridge-'));
    const tls = options.ca.issue(['localhost', '127.0.0.1']);
    // Generated for this run and removed with the folder.
    writeFileSync(join(files, 'bridge.crt'), tls.cert);
    writeFileSync(join(files, 'bridge.key'), tls.key);
    const configFile = join(files, 'bridge.json');
    writeFileSync(
        configFile,
        JSON.stringify({
            listen: { host: '127.0.0.1', port: 0 },
            tls: { certFile: 'bridge.crt', keyFile: 'bridge.key' },
            allowedOrigins: [BENCH_ORIGIN],
            auth: { apiKeys: [BENCH_API_KEY] },
            oai: { host: '127.0.0.1', port: options.pbxPort, huntGroups: options.huntGroups ?? [] },
            sessions: { heartbeatSec: 120 },
            limits: { requestsPerMinute: 100000 },
            state: { callIdsFile: 'call-ids.json' },
            log: { level: 'error' },
            directory: options.stations.map((extension) => ({
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
    const stop = async () => {
        if (bridge.connected) bridge.send({ type: 'stop' } satisfies ChildRequest);
        await new Promise((resolve) => {
            if (bridge.exitCode !== null) return resolve(undefined);
            const timer = setTimeout(() => bridge.kill(), 5000);
            bridge.once('exit', () => {
                clearTimeout(timer);
                resolve(undefined);
            });
        });
        rmSync(files, { recursive: true, force: true });
    };
    try {
        const { port } = await reply(bridge, 'listening');
        return {
            port,
            usage() {
                const answer = reply(bridge, 'usage');
                bridge.send({ type: 'usage' } satisfies ChildRequest);
                return answer;
            },
            stop
        };
    } catch (error) {
        await stop();
        throw error;
    }
}

const childIndex = process.argv.indexOf('--child');
if (childIndex >= 0)
    child(process.argv[childIndex + 1]).catch((error: unknown) => {
        console.error(error);
        process.exit(1);
    });
