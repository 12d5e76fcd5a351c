// The bridge of the hostile soak, run as a site runs it: `src/bridge/cli.ts --config bridge.json` in a
// process of its own, its log (stdout) counted, its peak RSS read from the kernel (VmHWM), and started
// again on the same port if it ever ends, each such restart counted.
import { fork, type ChildProcess } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const CLI = join(__dirname, '../src/bridge/cli.ts');

export class HostileSoakBridge {
    restarts = 0;
    logBytes = 0;
    /** What the bridge's log says it refused, by reason (aggregated lines counted by their `repeated`). */
    readonly refusals: Record<string, number> = {};
    /** Sessions the bridge's log says it closed, by reason. */
    readonly sessionsClosed: Record<string, number> = {};
    private peakKb = 0;
    private child: ChildProcess | undefined;
    private stopping = false;
    private listenPort = 0;
    private readonly configFile: string;
    private readonly config: Record<string, unknown>;
    private stderr = '';

    constructor(configFile: string, config: Record<string, unknown>) {
        this.configFile = configFile;
        this.config = config;
    }

    get port(): number {
        return this.listenPort;
    }

    /** The highest resident set the bridge processes reached, in MB. */
    get peakRssMb(): number {
        this.samplePeak();
        return Math.round(this.peakKb / 1024);
    }

    async start(): Promise<number> {
        writeFileSync(
            this.configFile,
            JSON.stringify({ ...this.config, listen: { host: '127.0.0.1', port: this.listenPort } })
        );
        const child = fork(CLI, ['--config', this.configFile], {
            execArgv: process.execArgv,
            stdio: ['ignore', 'pipe', 'pipe', 'ipc']
        });
        this.child = child;
        child.stderr?.on(
            'data',
            (chunk: Buffer) => (this.stderr = (this.stderr + chunk.toString()).slice(-4000))
        );
        const listening = new Promise<number>((resolve, reject) => {
            let pending = '';
            child.stdout?.on('data', (chunk: Buffer) => {
                this.logBytes += chunk.length;
                pending += chunk.toString('utf8');
                const lines = pending.split('\n');
                pending = lines.pop() ?? '';
                for (const line of lines) {
                    if (line.includes('"bridge listening"'))
                        resolve((JSON.parse(line) as { port: number }).port);
                    this.read(line);
                }
            });
            child.once('exit', (code) => reject(new Error(`the bridge ended (${code}): ${this.stderr}`)));
        });
        child.once('exit', (code, signal) => {
            if (this.stopping || this.child !== child) return;
            this.restarts++;
            console.error(`the bridge ended (${code ?? signal}); restarting it. ${this.stderr}`);
            this.start().catch((error: unknown) => console.error(error));
        });
        this.listenPort = await listening;
        return this.listenPort;
    }

    private read(line: string): void {
        if (!line.includes('"event":"refused"') && !line.includes('"msg":"session closed"')) return;
        const entry = JSON.parse(line) as { event: string; reason: string; repeated?: number };
        const tally = entry.event === 'refused' ? this.refusals : this.sessionsClosed;
        tally[entry.reason] = (tally[entry.reason] ?? 0) + (entry.repeated ?? 1);
    }

    /** Reads the running process's peak RSS into the soak's peak. */
    samplePeak(): void {
        const pid = this.child?.pid;
        if (pid === undefined || this.child?.exitCode !== null) return;
        try {
            const status = readFileSync(`/proc/${pid}/status`, 'utf8');
            const peak = Number(/^VmHWM:\s+(\d+) kB/m.exec(status)?.[1] ?? 0);
            this.peakKb = Math.max(this.peakKb, peak);
        } catch {
            // The process ended between the check and the read: its peak was sampled before.
        }
    }

    async stop(): Promise<void> {
        this.stopping = true;
        this.samplePeak();
        const child = this.child;
        if (!child || child.exitCode !== null) return;
        const exited = new Promise((resolve) => child.once('exit', resolve));
        child.kill('SIGTERM');
        const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
        await exited;
        clearTimeout(timer);
    }
}
