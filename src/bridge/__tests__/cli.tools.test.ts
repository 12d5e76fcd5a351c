// The bridge's command line as an admin runs it (Node with tsx's loader on the TypeScript entry, one
// process, so signals reach the bridge itself; the packed artifact's
// own smoke test runs the compiled one): --help generated from the schema, --check-config's findings
// and exit statuses against the OAI PBX simulator, --health, and the signals of a running bridge.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connect } from 'node:tls';
import { pathToFileURL } from 'node:url';
import WebSocket from 'ws';
import { configKeys } from '../configSchema';
import { checkConfiguration } from '../cli/checkConfig';
import { EXIT } from '../cli/exitStatus';
import { OPTIONS } from '../cli/help';
import { OaiSimulator } from '../../stand-ins/oai-pbx-simulator/server';
import { loadDevCa } from '../../stand-ins/dev-machine/devCa';
import { nodeFetch } from '../../../test/support/nodeTransport';
import { until } from '../../../test/support/until';

const CLI = join(__dirname, '../cli.ts');
const TSX_LOADER = [
    '--import',
    pathToFileURL(join(__dirname, '../../../node_modules/tsx/dist/loader.mjs')).href
];
const ORIGIN = 'https://acme--c.vf.force.com';
const API_KEY = 'bridge-test-key-0123456789';
const ca = loadDevCa();
// Each case starts Node with the TypeScript loader, one to three times (about a second each).
jest.setTimeout(30_000);

let dir: string;
let pbx: OaiSimulator;

interface Run {
    status: number | null;
    stdout: string;
    stderr: string;
}

function runCli(args: string[], timeoutMs = 30_000): Promise<Run> {
    return new Promise((resolve) => {
        const child = spawn(process.execPath, [...TSX_LOADER, CLI, ...args], { cwd: dir });
        let stdout = '';
        let stderr = '';
        child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
        child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
        const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
        child.on('close', (status) => {
            clearTimeout(timer);
            resolve({ status, stdout, stderr });
        });
    });
}

function writeConfig(overrides: Record<string, unknown> = {}): string {
    const file = join(dir, 'bridge.json');
    writeFileSync(
        file,
        JSON.stringify({
            listen: { host: '127.0.0.1', port: 0 },
            tls: { certFile: 'cert.pem', keyFile: 'key.pem' },
            allowedOrigins: [ORIGIN],
            auth: { apiKeys: [API_KEY] },
            oai: { host: '127.0.0.1', port: pbx.port, password: 'oai-secret-pw' },
            directory: [{ email: 'alice@example.com', displayName: 'Alice Agent', primaryExtension: '2001' }],
            ...overrides
        })
    );
    return file;
}

let issued = 0;
function writeCertificate(): void {
    issued++;
    const pair = ca.issue(['localhost', '127.0.0.1', `cli${issued}.localhost`]);
    writeFileSync(join(dir, 'cert.pem'), pair.cert);
    writeFileSync(join(dir, 'key.pem'), pair.key);
}

/** A loopback port nothing listens on. */
async function closedPort(): Promise<number> {
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as { port: number };
    await new Promise((resolve) => server.close(resolve));
    return port;
}

beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'bridge-cli-'));
    writeCertificate();
    pbx = new OaiSimulator({ password: 'oai-secret-pw' });
    await pbx.start();
});

afterEach(async () => {
    await pbx.stop();
    rmSync(dir, { recursive: true, force: true });
});

describe('--help', () => {
    it('lists every option, every exit status and every configuration key with its default', async () => {
        const { status, stdout } = await runCli(['--help']);
        expect(status).toBe(0);
        for (const [option] of OPTIONS) expect(stdout).toContain(`  ${option}`);
        for (const code of Object.values(EXIT)) expect(stdout).toMatch(new RegExp(`^  ${code} `, 'm'));
        const keys = configKeys();
        expect(keys.map((key) => key.key)).toEqual(
            expect.arrayContaining(['oai.keepAliveMs', 'metrics.allowFrom'])
        );
        for (const { key, defaultValue } of keys) {
            const line = stdout.split('\n').find((candidate) => candidate.startsWith(`  ${key} `));
            expect(line).toBeDefined();
            if (defaultValue !== undefined) expect(line).toContain(`[${defaultValue}]`);
        }
    });

    it('refuses an unknown option with status 2', async () => {
        const { status, stderr } = await runCli(['--colour']);
        expect(status).toBe(EXIT.usage);
        expect(stderr).toContain("Unknown option '--colour'");
    });
});

describe('--check-config', () => {
    it('passes a good file, certificate and OAI login with status 0', async () => {
        const file = writeConfig();
        const { status, stdout } = await runCli(['--check-config', '--config', file]);
        expect(stdout).toMatch(/^ok {6}TLS certificate: DNS:localhost/m);
        expect(stdout).toMatch(/^ok {6}OAI link: 127\.0\.0\.1:\d+: logged in \(protocol V10\.20/m);
        expect(status).toBe(EXIT.ok);
        // The check logs in and leaves: no monitor, no link left open.
        expect(pbx.monitoredDevices()).toEqual([]);
    });

    it('names a file that is not valid, a missing file and a key that is not the certificate’s with status 78', async () => {
        const invalid = await runCli(['--check-config', '--config', writeConfig({ colour: 'blue' })]);
        expect(invalid).toMatchObject({ status: EXIT.config });
        expect(invalid.stdout).toContain('error   configuration: /colour is not a known setting');
        expect(await runCli(['--check-config', '--config', join(dir, 'nothing.json')])).toMatchObject({
            status: EXIT.config,
            stdout: expect.stringContaining('the file does not exist')
        });
        const file = writeConfig();
        writeFileSync(join(dir, 'key.pem'), ca.issue(['localhost', 'other.localhost']).key);
        const mismatched = await runCli(['--check-config', '--config', file]);
        expect(mismatched.status).toBe(EXIT.config);
        expect(mismatched.stdout).toContain('is not the key of the certificate in');
    });

    it("says 69 when the PBX's OAI port does not answer", async () => {
        const port = await closedPort();
        const run = await runCli([
            '--check-config',
            '--config',
            writeConfig({ oai: { host: '127.0.0.1', port } })
        ]);
        expect(run.stdout).toMatch(/^error {3}OAI link: 127\.0\.0\.1:\d+ cannot be reached: .*ECONNREFUSED/m);
        expect(run.status).toBe(EXIT.pbxUnreachable);
    });

    it('says 77 when the PBX refuses the login, or offers no call control', async () => {
        const wrong = { oai: { host: '127.0.0.1', port: pbx.port, password: 'not-the-password' } };
        const refused = await runCli(['--check-config', '--config', writeConfig(wrong)]);
        expect(refused.stdout).toContain('answered but refused the login');
        expect(refused.status).toBe(EXIT.pbxRefused);

        const eventsOnly = new OaiSimulator({ password: 'oai-secret-pw', premiumFeatureStatus: 1 });
        await eventsOnly.start();
        try {
            const oai = { host: '127.0.0.1', port: eventsOnly.port, password: 'oai-secret-pw' };
            const run = await runCli(['--check-config', '--config', writeConfig({ oai })]);
            expect(run.stdout).toContain('Premium_Feature_Status 1');
            expect(run.status).toBe(EXIT.pbxRefused);
        } finally {
            await eventsOnly.stop();
        }
    });

    it('calls an expired certificate an error and one about to expire a warning', async () => {
        const file = writeConfig();
        const inTwoYears = await checkConfiguration(file, {
            now: new Date(Date.now() + 2 * 365 * 86_400_000)
        });
        expect(inTwoYears.findings).toContainEqual(
            expect.objectContaining({
                level: 'error',
                subject: 'TLS certificate',
                detail: expect.stringMatching(/^expired on/)
            })
        );
        expect(inTwoYears.status).toBe(EXIT.config);
        const soon = await checkConfiguration(file, { now: new Date(Date.now() + 380 * 86_400_000) });
        expect(soon.findings).toContainEqual(
            expect.objectContaining({
                level: 'warning',
                subject: 'TLS certificate',
                detail: expect.stringContaining('renew it')
            })
        );
        expect(soon.status).toBe(EXIT.ok);
    });
});

/** Starts the bridge; resolves with its port once it logs that it listens. */
function startCli(file: string) {
    const child = spawn(process.execPath, [...TSX_LOADER, CLI, '--config', file], { cwd: dir });
    let stdout = '';
    const port = new Promise<number>((resolve, reject) => {
        child.stdout.on('data', (chunk: Buffer) => {
            stdout += chunk.toString();
            const listening = /"port":(\d+)[^\n]*"msg":"bridge listening"/.exec(stdout);
            if (listening) resolve(Number(listening[1]));
        });
        child.on('close', (status) => reject(new Error(`the bridge exited (${status}): ${stdout}`)));
    });
    const exited = new Promise<number | null>((resolve) => child.on('close', resolve));
    return { child, port, exited, output: () => stdout };
}

async function openChannel(port: number): Promise<WebSocket> {
    const reply = await nodeFetch(ca.certPem, ORIGIN)(`https://localhost:${port}/api/v1/sessions`, {
        method: 'POST',
        headers: { 'X-Api-Key': API_KEY, 'Content-Type': 'application/json' },
        body: JSON.stringify({ email: 'alice@example.com' })
    });
    const { token } = (await reply.json()) as { token: string };
    const socket = new WebSocket(`wss://localhost:${port}/api/v1/events?access_token=${token}`, {
        ca: ca.certPem,
        origin: ORIGIN
    });
    await new Promise((resolve, reject) => {
        socket.once('open', resolve);
        socket.once('error', reject);
    });
    return socket;
}

function servedFingerprint(port: number): Promise<string> {
    return new Promise((resolve, reject) => {
        const socket = connect({ host: '127.0.0.1', port, servername: 'localhost', ca: ca.certPem }, () => {
            resolve(socket.getPeerX509Certificate()?.fingerprint256 ?? '');
            socket.end();
        });
        socket.once('error', reject);
    });
}

describe('a running bridge', () => {
    it('answers --health, reads the TLS files again on SIGHUP, and on SIGTERM closes its channels with 1012 and exits 0', async () => {
        const file = writeConfig({ listen: { host: '127.0.0.1', port: await closedPort() } });
        expect((await runCli(['--health', '--config', file])).status).toBe(EXIT.failure);
        const bridge = startCli(file);
        const port = await bridge.port;
        expect((await runCli(['--health', '--config', file])).status).toBe(EXIT.ok);

        const before = await servedFingerprint(port);
        writeCertificate();
        bridge.child.kill('SIGHUP');
        await until(async () => (await servedFingerprint(port)) !== before, 'the renewed certificate');
        await until(() => bridge.output().includes('"msg":"TLS certificate reloaded"'), 'the reload logged');

        const socket = await openChannel(port);
        const closed = new Promise<[number, string]>((resolve) =>
            socket.once('close', (code, reason) => resolve([code, reason.toString()]))
        );
        bridge.child.kill('SIGTERM');
        expect(await closed).toEqual([1012, 'service restart']);
        expect(await bridge.exited).toBe(0);
        expect(bridge.output()).toContain('"msg":"stopped"');
    });
});
