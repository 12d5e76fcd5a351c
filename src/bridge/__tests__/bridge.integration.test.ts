// The bridge's own duties, over real TLS in front of the OAI PBX simulator: the configuration
// checked with every bad field named, the directory reloaded from its file, the health counters,
// the size and rate limits, and a request log without secrets.
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import WebSocket from 'ws';
import { ConfigError, loadConfig, parseConfig, type BridgeConfig } from '../config';
import { startBridge, type Bridge } from '../bridge';
import { OaiSimulator } from '../../stand-ins/oai-pbx-simulator/server';
import { loadDevCa } from '../../stand-ins/dev-machine/devCa';
import { nodeFetch, nodeWebSocket } from '../../../test/support/nodeTransport';
import { createSuiteClient } from '../../core/suite/client';
import type { SuiteCall } from '../../core/suite/types';

const ORIGIN = 'https://acme--c.vf.force.com';
const API_KEY = 'bridge-test-key-0123456789';
const ca = loadDevCa();
const tls = ca.issue(['localhost', '127.0.0.1']);

let pbx: OaiSimulator;
let bridge: Bridge | undefined;
let dir: string;

function rawConfig(overrides: Record<string, unknown> = {}): Record<string, unknown> {
    return {
        listen: { host: '127.0.0.1', port: 0 },
        tls: { certFile: 'cert.pem', keyFile: 'key.pem' },
        allowedOrigins: [ORIGIN],
        auth: { apiKeys: [API_KEY] },
        oai: { host: '127.0.0.1', port: pbx.port, password: 'oai-secret-pw' },
        directory: [{ email: 'alice@example.com', displayName: 'Alice Agent', primaryExtension: '2001' }],
        ...overrides
    };
}

function config(overrides: Record<string, unknown> = {}): BridgeConfig {
    return parseConfig(rawConfig(overrides), 'bridge.json', dir);
}

/** What the bridge logged, message first. */
let logged: string[] = [];

async function start(options: { config?: BridgeConfig; configFile?: string; requestLog?: string[] } = {}) {
    const lines = options.requestLog;
    const record = (fields: Record<string, unknown>, message: string) =>
        logged.push(`${message} ${JSON.stringify(fields)}`);
    bridge = await startBridge({
        log: { info: record, warn: record, error: record },
        config: options.config ?? config(),
        configFile: options.configFile,
        tls: { key: tls.key, cert: tls.cert },
        oaiBackoff: { baseMs: 20, maxMs: 100 },
        requestLog: lines ? { write: (line) => lines.push(line) } : undefined
    });
    await until(() => bridge?.phone.pbxConnected);
    return bridge;
}

function until<T>(probe: () => T | undefined | false, timeoutMs = 5000): Promise<T> {
    return new Promise((resolve, reject) => {
        const started = Date.now();
        const check = () => {
            const value = probe();
            if (value) return resolve(value);
            if (Date.now() - started > timeoutMs) return reject(new Error('timed out'));
            setTimeout(check, 10);
        };
        check();
    });
}

interface Reply {
    status: number;
    body: { error?: { code: string }; token?: string; user?: unknown; [field: string]: unknown };
}

async function call(path: string, init: RequestInit = {}): Promise<Reply> {
    const response = await nodeFetch(ca.certPem, ORIGIN)(
        `https://localhost:${bridge!.server.port}${path}`,
        init
    );
    const text = await response.text();
    return { status: response.status, body: text ? (JSON.parse(text) as Reply['body']) : {} };
}

function signIn(email: string) {
    return call('/api/v1/sessions', {
        method: 'POST',
        headers: { 'X-Api-Key': API_KEY, 'Content-Type': 'application/json' },
        body: JSON.stringify({ email })
    });
}

beforeEach(async () => {
    logged = [];
    dir = mkdtempSync(join(tmpdir(), 'bridge-test-'));
    pbx = new OaiSimulator({ password: 'oai-secret-pw' });
    await pbx.start();
});

afterEach(async () => {
    await bridge?.stop();
    bridge = undefined;
    await pbx.stop();
    rmSync(dir, { recursive: true, force: true });
});

describe('configuration', () => {
    it('names every bad field at once', () => {
        let error: unknown;
        try {
            config({
                oai: { host: '127.0.0.1', port: 70000 },
                allowedOrigins: ['http://acme.example.com'],
                directory: [
                    { email: 'not-an-email', displayName: 'X', primaryExtension: '2001' },
                    { email: 'b@example.com', displayName: 'B', primaryExtension: 'twenty' }
                ],
                colour: 'blue'
            });
        } catch (caught) {
            error = caught;
        }
        expect(error).toBeInstanceOf(ConfigError);
        const problems = (error as ConfigError).problems.join('\n');
        for (const field of [
            '/oai/port',
            '/allowedOrigins/0',
            '/directory/0/email',
            '/directory/1/primaryExtension',
            '/colour is not a known setting'
        ])
            expect(problems).toContain(field);
        expect(problems.split('\n').find((line) => line.includes('colour'))).toBe(
            '/colour is not a known setting'
        );
    });

    it('the example in src/bridge/deploy is valid as it stands: signed assertions, no API key, no directory', () => {
        const example = loadConfig(join(__dirname, '../deploy/bridge.example.json'));
        expect(example.tls.certFile).toBe('/etc/mivoice-oai-bridge/bridge.crt');
        expect(example.auth).toMatchObject({ apiKeys: [], legacyApiKeys: false });
        expect(example.auth.assertion?.audience).toBe('https://bridge.acme.example:8204');
        expect(example.directory).toEqual([]);
    });

    it('refuses one email listed twice, whatever its case', () => {
        expect(() =>
            config({
                directory: [
                    { email: 'alice@example.com', displayName: 'A', primaryExtension: '2001' },
                    { email: 'Alice@Example.com', displayName: 'A', primaryExtension: '2002' }
                ]
            })
        ).toThrow('/directory/1/email Alice@Example.com is listed twice');
    });
});

describe('signing in with assertions: the configuration', () => {
    const assertion = { issuer: '00D5g000004ABCDEAU', audience: 'https://bridge.example.com:8204' };

    it('takes the certificate path relative to the file, and API keys may be left out', () => {
        const parsed = config({ auth: { assertion: { ...assertion, certificateFile: 'org.crt' } } });
        expect(parsed.auth.apiKeys).toEqual([]);
        expect(parsed.auth.assertion).toMatchObject({
            ...assertion,
            certificateFile: join(dir, 'org.crt'),
            clockSkewSec: 30,
            maxLifetimeSec: 300
        });
    });

    it('needs an assertion certificate or API keys', () => {
        expect(() => config({ auth: {} })).toThrow('/auth needs assertion (recommended) or apiKeys');
    });

    it('needs no directory with assertions, which name each agent station, but one with API keys only', () => {
        const withAssertion = { auth: { assertion: { ...assertion, certificateFile: 'org.crt' } } };
        const { directory: _left, ...withoutDirectory } = rawConfig(withAssertion);
        expect(parseConfig(withoutDirectory, 'bridge.json', dir).directory).toEqual([]);
        const { directory: _also, ...keysOnly } = rawConfig();
        expect(() => parseConfig(keysOnly, 'bridge.json', dir)).toThrow(
            '/directory is required with API keys only'
        );
    });

    it('refuses API keys beside assertions unless the legacy switch is on, which needs keys', () => {
        const certificateFile = 'org.crt';
        expect(
            config({ auth: { apiKeys: [API_KEY], assertion: { ...assertion, certificateFile } } }).auth
        ).toMatchObject({ legacyApiKeys: false });
        expect(() =>
            config({ auth: { legacyApiKeys: true, assertion: { ...assertion, certificateFile } } })
        ).toThrow('/auth/legacyApiKeys accepts apiKeys beside assertion, but apiKeys is empty');
    });

    it('names a wrong org Id', () => {
        expect(() =>
            config({ auth: { assertion: { ...assertion, issuer: 'acme', certificateFile: 'org.crt' } } })
        ).toThrow('/auth/assertion/issuer must match pattern');
    });
});

describe('files the configuration names, checked before the bridge listens', () => {
    /** Starts the bridge reading its own files; returns the problem it names. */
    async function startupProblem(raw: Record<string, unknown>): Promise<string> {
        const file = join(dir, 'bridge.json');
        writeFileSync(file, JSON.stringify(raw));
        let error: unknown;
        try {
            bridge = await startBridge({ config: loadConfig(file), configFile: file });
        } catch (caught) {
            error = caught;
        }
        expect(error).toBeInstanceOf(ConfigError);
        expect((error as ConfigError).message).toContain(file);
        return (error as ConfigError).problems.join('\n');
    }

    beforeEach(() => {
        writeFileSync(join(dir, 'cert.pem'), tls.cert);
        writeFileSync(join(dir, 'key.pem'), tls.key);
    });

    it('starts with the configured TLS files', async () => {
        bridge = await startBridge({ config: config(), configFile: join(dir, 'bridge.json') });
        expect(bridge.server.port).toBeGreaterThan(0);
    });

    it('names a missing certificate file and its setting', async () => {
        rmSync(join(dir, 'cert.pem'));
        expect(await startupProblem(rawConfig())).toBe(
            `/tls/certFile: ${join(dir, 'cert.pem')} does not exist`
        );
    });

    it('names a key file that is a directory', async () => {
        const problem = await startupProblem(rawConfig({ tls: { certFile: 'cert.pem', keyFile: '.' } }));
        expect(problem).toBe(`/tls/keyFile: ${dir} is a directory`);
    });

    it('names a key file that holds no private key, without showing what it holds', async () => {
        writeFileSync(join(dir, 'key.pem'), 'secret-looking-text');
        const problem = await startupProblem(rawConfig());
        expect(problem).toBe(`/tls/keyFile: ${join(dir, 'key.pem')} is not a PEM private key`);
        expect(problem).not.toContain('secret-looking-text');
    });

    it('npm run bridge stops with exit status 78 and the named problem, before it listens', async () => {
        rmSync(join(dir, 'key.pem'));
        const file = join(dir, 'bridge.json');
        writeFileSync(file, JSON.stringify(rawConfig({ listen: { host: '127.0.0.1', port: 0 } })));
        const tsx = join(__dirname, '../../../node_modules/.bin/tsx');
        const outcome = await new Promise<{ code: number | null; stderr: string; stdout: string }>(
            (resolve) => {
                const child = execFile(
                    tsx,
                    [join(__dirname, '../cli.ts'), '--config', file],
                    { timeout: 20_000 },
                    (_error, stdout, stderr) => resolve({ code: child.exitCode, stderr, stdout })
                );
            }
        );
        expect(outcome.code).toBe(78);
        expect(outcome.stderr).toContain(`/tls/keyFile: ${join(dir, 'key.pem')} does not exist`);
        expect(outcome.stdout).not.toContain('bridge listening');
    });

    it('names a call id file whose folder does not exist', async () => {
        const problem = await startupProblem(rawConfig({ state: { callIdsFile: 'state/call-ids.json' } }));
        expect(problem).toBe(`/state/callIdsFile: ${join(dir, 'state')} does not exist`);
    });

    it('names a missing or broken assertion certificate', async () => {
        const withAssertion = (certificateFile: string) =>
            rawConfig({
                auth: {
                    apiKeys: [API_KEY],
                    assertion: {
                        issuer: '00D5g000004ABCDEAU',
                        audience: 'https://bridge.example.com:8204',
                        certificateFile
                    }
                }
            });
        expect(await startupProblem(withAssertion('org.crt'))).toBe(
            `/auth/assertion/certificateFile: ${join(dir, 'org.crt')} does not exist`
        );
        writeFileSync(join(dir, 'org.crt'), '-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n');
        expect(await startupProblem(withAssertion('org.crt'))).toMatch(
            /^\/auth\/assertion\/certificateFile: .*org\.crt: assertion: the certificate is not a PEM X\.509/
        );
    });
});

describe('directory', () => {
    it('is reloaded when the file changes; a broken edit keeps the directory in force', async () => {
        const file = join(dir, 'bridge.json');
        writeFileSync(file, JSON.stringify(rawConfig()));
        await start({ config: config(), configFile: file });
        expect((await signIn('carol@example.com')).body.error?.code).toBe('user_not_found');

        const withCarol = rawConfig({
            directory: [
                ...(rawConfig().directory as unknown[]),
                { email: 'carol@example.com', displayName: 'Carol', primaryExtension: '2003' }
            ]
        });
        writeFileSync(file, JSON.stringify(withCarol));
        await until(() => bridge?.directory.current('carol@example.com'));
        const carol = await signIn('carol@example.com');
        expect(carol.status).toBe(201);
        expect(carol.body.user).toEqual({
            email: 'carol@example.com',
            displayName: 'Carol',
            primaryExtension: '2003'
        });
        // The new station is monitored, so its calls reach Carol.
        await until(() => pbx.monitoredDevices().includes('2003') && bridge?.phone.pbxConnected);

        writeFileSync(file, '{ "directory": [ broken');
        await until(() => logged.some((line) => line.startsWith('directory not reloaded')));
        expect((await signIn('carol@example.com')).status).toBe(201);
    });

    it('a user taken out of the directory loses the session and the event channel (4003)', async () => {
        const file = join(dir, 'bridge.json');
        writeFileSync(file, JSON.stringify(rawConfig()));
        await start({ config: config(), configFile: file });
        const { body: session } = await signIn('alice@example.com');
        const socket = new WebSocket(
            `wss://localhost:${bridge!.server.port}/api/v1/events?access_token=${session.token}`,
            { ca: ca.certPem, origin: ORIGIN }
        );
        await new Promise((resolve) => socket.once('open', resolve));
        const closed = new Promise<number>((resolve) => socket.once('close', resolve));
        writeFileSync(file, JSON.stringify(rawConfig({ directory: [] })));
        expect(await closed).toBe(4003);
        const status = await call('/api/v1/users/me/status', {
            headers: { Authorization: `Bearer ${session.token}` }
        });
        expect(status.body.error?.code).toBe('token_invalid');
        expect((await signIn('alice@example.com')).body.error?.code).toBe('user_not_found');
    });

    it('a user without a primary extension or switched off gets the named error', async () => {
        await start({
            config: config({
                directory: [
                    { email: 'noext@example.com', displayName: 'N', primaryExtension: null },
                    { email: 'off@example.com', displayName: 'O', primaryExtension: '2002', enabled: false }
                ]
            })
        });
        expect(await signIn('noext@example.com')).toMatchObject({
            status: 409,
            body: { error: { code: 'no_primary_extension' } }
        });
        expect(await signIn('off@example.com')).toMatchObject({
            status: 403,
            body: { error: { code: 'user_disabled' } }
        });
    });
});

describe('health and counters', () => {
    it('counts sessions, calls, OAI reconnects and confirmations that failed', async () => {
        await start({
            config: config({
                oai: {
                    host: '127.0.0.1',
                    port: pbx.port,
                    password: 'oai-secret-pw',
                    confirmationTimeoutMs: 300
                }
            })
        });
        const { body: session } = await signIn('alice@example.com');
        const callId = pbx.pbx.inbound('2001', { number: '01632960123', name: 'ACME' });
        await until(() => bridge?.phone.callIdOf('2001', callId));
        pbx.dropConnections();
        await until(() => bridge!.phone.counters.oaiReconnects >= 1 && bridge?.phone.pbxConnected);
        pbx.faults.swallowConfirmations = 1;
        const answer = await call(`/api/v1/calls/${bridge!.phone.callIdOf('2001', callId)}/answer`, {
            method: 'POST',
            headers: { Authorization: `Bearer ${session.token}` }
        });
        expect(answer).toMatchObject({ status: 503, body: { error: { code: 'pbx_unavailable' } } });
        const health = await call('/api/v1/health');
        // The link is up, but the PBX stopped confirming: that is not health.
        expect(health.body).toMatchObject({
            status: 'degraded',
            pbxConnected: true,
            counters: { sessions: 1, calls: 1, oaiReconnects: 1, confirmationsFailed: 1 }
        });
        // The bridge asks the PBX a no-op now and then, and says `up` once it confirms again.
        const stalledAt = Date.now();
        while ((await call('/api/v1/health')).body.status !== 'up') {
            if (Date.now() - stalledAt > 5000) throw new Error('the health answer stayed degraded');
            await new Promise((resolve) => setTimeout(resolve, 50));
        }
    });
});

describe('event channel', () => {
    it('just after a start, the first snapshot waits for the PBX resync, so a live call is not reported ended', async () => {
        const oaiCallId = pbx.pbx.inbound('2001', { number: '01632960123', name: 'ACME' });
        pbx.pbx.answer('2001', oaiCallId);
        // A slow PBX: every confirmation (the monitors', the resync's) comes 300 ms late.
        pbx.faults.confirmationDelayMs = 300;
        bridge = await startBridge({
            config: config(),
            tls: { key: tls.key, cert: tls.cert },
            oaiBackoff: { baseMs: 20, maxMs: 100 }
        });
        const suite = createSuiteClient({
            host: 'localhost',
            port: bridge.server.port,
            apiKey: API_KEY,
            email: 'alice@example.com',
            fetch: nodeFetch(ca.certPem, ORIGIN),
            webSocket: nodeWebSocket(ca.certPem, ORIGIN),
            backoff: { baseMs: 50, maxMs: 200 }
        });
        const snapshots: string[][] = [];
        suite.on('snapshot', (calls) => snapshots.push(calls.map((call) => call.state)));
        try {
            suite.start();
            await until(() => snapshots.length > 0, 8000);
            expect(bridge.phone.pbxConnected).toBe(true);
            expect(snapshots[0]).toEqual(['connected']);
        } finally {
            suite.stop();
        }
    });

    it('a client back from a dropped channel is resumed from the event buffer: the call that ended meanwhile ends once, without a snapshot', async () => {
        await start();
        const suite = createSuiteClient({
            host: 'localhost',
            port: bridge!.server.port,
            apiKey: API_KEY,
            email: 'alice@example.com',
            fetch: nodeFetch(ca.certPem, ORIGIN),
            webSocket: nodeWebSocket(ca.certPem, ORIGIN),
            backoff: { baseMs: 50, maxMs: 200 }
        });
        try {
            suite.start();
            await until(() => suite.connection.state === 'open');
            const oaiCallId = pbx.pbx.inbound('2001', { number: '01632960123', name: 'ACME' });
            const callId = await until(() => bridge?.phone.callIdOf('2001', oaiCallId));
            await until(() => suite.calls.has(callId));
            const seen: string[] = [];
            suite.on('call', (changed: SuiteCall) => changed.callId === callId && seen.push(changed.state));
            const snapshots: unknown[] = [];
            suite.on('snapshot', (calls) => snapshots.push(calls));
            bridge!.server.hub.channels.closeAll();
            pbx.pbx.remoteHangup(oaiCallId);
            await until(() => suite.connection.state === 'open' && !suite.calls.has(callId));
            expect(seen).toEqual(['cleared']);
            expect(snapshots).toEqual([]);
            expect(suite.stats.reconnects).toBeGreaterThanOrEqual(1);
        } finally {
            suite.stop();
        }
    });
});

describe('limits', () => {
    it('refuses a body over the limit and a request over the rate, with the contract codes', async () => {
        await start({ config: config({ limits: { bodyBytes: 1024, requestsPerMinute: 3 } }) });
        const big = await call('/api/v1/sessions', {
            method: 'POST',
            headers: { 'X-Api-Key': API_KEY, 'Content-Type': 'application/json' },
            body: JSON.stringify({ email: 'a'.repeat(2000) })
        });
        expect(big).toMatchObject({ status: 413, body: { error: { code: 'bad_request' } } });
        await call('/api/v1/server');
        await call('/api/v1/server');
        expect(await call('/api/v1/server')).toMatchObject({
            status: 429,
            body: { error: { code: 'rate_limited' } }
        });
    });

    it('closes an event channel that sends a frame over the limit', async () => {
        await start({ config: config({ limits: { frameBytes: 1024 } }) });
        const { body: session } = await signIn('alice@example.com');
        const socket = new WebSocket(
            `wss://localhost:${bridge!.server.port}/api/v1/events?access_token=${session.token}`,
            { ca: ca.certPem, origin: ORIGIN }
        );
        await new Promise((resolve) => socket.once('open', resolve));
        const closed = new Promise<number>((resolve) => socket.once('close', resolve));
        socket.send('x'.repeat(2000));
        expect(await closed).toBe(1009);
    });
});

describe('request log', () => {
    it('names requests without the API key, the token or the OAI password', async () => {
        const lines: string[] = [];
        await start({ requestLog: lines });
        const { body: session } = await signIn('alice@example.com');
        await call('/api/v1/users/me/status', { headers: { Authorization: `Bearer ${session.token}` } });
        const log = lines.join('');
        expect(log).toContain('/api/v1/users/me/status');
        expect(log).not.toContain(API_KEY);
        expect(log).not.toContain(session.token);
        expect(log).not.toContain('oai-secret-pw');
    });
});
