// What an operations team relies on, over real TLS in front of the OAI PBX simulator: /metrics moves
// as sessions open and calls ring, and only the allowed scrapers read it; a stopping bridge tells the
// panels with 1012 so they reconnect without an error on screen; a renewed certificate is served
// without a restart while open channels go on.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connect } from 'node:tls';
import WebSocket from 'ws';
import { parseConfig, type BridgeConfig } from '../config';
import { startBridge, type Bridge } from '../bridge';
import { OaiSimulator } from '../../stand-ins/oai-pbx-simulator/server';
import { loadDevCa } from '../../stand-ins/dev-machine/devCa';
import { nodeFetch, nodeWebSocket } from '../../../test/support/nodeTransport';
import { createSuiteClient } from '../../core/suite/client';
import { connectionStatus } from '../../core/opencti-host/panel/panelProjection';
import { until } from '../../../test/support/until';

const ORIGIN = 'https://acme--c.vf.force.com';
const API_KEY = 'bridge-test-key-0123456789';
const METRICS_TOKEN = 'metrics-token-0123456789';
const ca = loadDevCa();

let pbx: OaiSimulator;
let bridge: Bridge | undefined;
let dir: string;

function config(overrides: Record<string, unknown> = {}): BridgeConfig {
    return parseConfig(
        {
            listen: { host: '127.0.0.1', port: 0 },
            tls: { certFile: 'cert.pem', keyFile: 'key.pem', watchSec: 0 },
            allowedOrigins: [ORIGIN],
            auth: { apiKeys: [API_KEY] },
            oai: { host: '127.0.0.1', port: pbx.port },
            directory: [{ email: 'alice@example.com', displayName: 'Alice Agent', primaryExtension: '2001' }],
            ...overrides
        },
        join(dir, 'bridge.json'),
        dir
    );
}

let issued = 0;

/** A certificate for localhost never issued before (the CA keeps one per set of names). */
function newCertificate() {
    issued++;
    return ca.issue(['localhost', '127.0.0.1', `renewal${issued}.localhost`]);
}

/** Writes a new certificate and key for localhost into the bridge's TLS files. */
function writeCertificate(): string {
    const pair = newCertificate();
    writeFileSync(join(dir, 'cert.pem'), pair.cert);
    writeFileSync(join(dir, 'key.pem'), pair.key);
    return pair.cert;
}

let logged: string[] = [];

async function start(options: { config?: BridgeConfig; port?: number } = {}): Promise<Bridge> {
    const record = (fields: Record<string, unknown>, message: string) =>
        logged.push(`${message} ${JSON.stringify(fields)}`);
    const base = options.config ?? config();
    bridge = await startBridge({
        config: { ...base, listen: { ...base.listen, port: options.port ?? 0 } },
        configFile: join(dir, 'bridge.json'),
        log: { info: record, warn: record, error: record },
        oaiBackoff: { baseMs: 20, maxMs: 100 }
    });
    await until(() => bridge?.phone.pbxConnected);
    return bridge;
}

async function call(path: string, init: RequestInit = {}) {
    const response = await nodeFetch(ca.certPem, ORIGIN)(
        `https://localhost:${bridge!.server.port}${path}`,
        init
    );
    return { status: response.status, text: await response.text() };
}

async function signIn(email: string): Promise<{ token?: string }> {
    const reply = await call('/api/v1/sessions', {
        method: 'POST',
        headers: { 'X-Api-Key': API_KEY, 'Content-Type': 'application/json' },
        body: JSON.stringify({ email })
    });
    return JSON.parse(reply.text) as { token?: string };
}

/** One sample of the scrape, e.g. `mivoice_calls_total` or `mivoice_link_state{state="ready"}`. */
async function sample(series: string, headers: Record<string, string> = {}): Promise<number | undefined> {
    const { text } = await call('/metrics', { headers });
    const line = text.split('\n').find((candidate) => candidate.startsWith(`${series} `));
    return line === undefined ? undefined : Number(line.slice(series.length + 1));
}

function openChannel(token: string): Promise<WebSocket> {
    const socket = new WebSocket(
        `wss://localhost:${bridge!.server.port}/api/v1/events?access_token=${token}`,
        {
            ca: ca.certPem,
            origin: ORIGIN
        }
    );
    return new Promise((resolve, reject) => {
        socket.once('open', () => resolve(socket));
        socket.once('error', reject);
    });
}

/** The fingerprint of the certificate a new TLS connection to the bridge is served. */
function servedFingerprint(): Promise<string> {
    return new Promise((resolve, reject) => {
        const socket = connect(
            { host: '127.0.0.1', port: bridge!.server.port, servername: 'localhost', ca: ca.certPem },
            () => {
                resolve(socket.getPeerX509Certificate()?.fingerprint256 ?? '');
                socket.end();
            }
        );
        socket.once('error', reject);
    });
}

beforeEach(async () => {
    logged = [];
    dir = mkdtempSync(join(tmpdir(), 'bridge-ops-'));
    writeCertificate();
    pbx = new OaiSimulator();
    await pbx.start();
});

afterEach(async () => {
    await bridge?.stop();
    bridge = undefined;
    await pbx.stop();
    rmSync(dir, { recursive: true, force: true });
});

describe('/metrics', () => {
    it('moves as a session opens, a channel connects, a call rings and is answered, the link drops, a sign-in is refused', async () => {
        await start();
        expect(await sample('mivoice_sessions')).toBe(0);
        expect(await sample('mivoice_link_state{state="ready"}')).toBe(1);
        expect(await sample('mivoice_link_state{state="waiting"}')).toBe(0);
        expect(await sample('mivoice_pbx_connected')).toBe(1);

        const { token } = await signIn('alice@example.com');
        const channel = await openChannel(token!);
        expect(await sample('mivoice_sessions')).toBe(1);
        expect(await sample('mivoice_sessions_opened_total')).toBe(1);
        expect(await sample('mivoice_channels')).toBe(1);
        expect(await sample('mivoice_calls_total')).toBe(0);

        const oaiCallId = pbx.pbx.inbound('2001', { number: '01632960123', name: 'ACME' });
        const callId = await until(() => bridge?.phone.callIdOf('2001', oaiCallId));
        expect(await sample('mivoice_calls_total')).toBe(1);
        const answer = await call(`/api/v1/calls/${callId}/answer`, {
            method: 'POST',
            headers: { Authorization: `Bearer ${token}` }
        });
        expect(answer.status).toBe(202);
        expect(await sample('mivoice_confirmation_seconds_count{command="_AC"}')).toBe(1);
        expect(await sample('mivoice_confirmation_seconds_bucket{le="10",command="_AC"}')).toBe(1);

        expect(await signIn('mallory@example.com')).toMatchObject({ error: { code: 'user_not_found' } });
        expect(await sample('mivoice_refusals_total{reason="user_not_found"}')).toBe(1);

        pbx.dropConnections();
        await until(() => bridge!.phone.counters.oaiReconnects >= 1 && bridge?.phone.pbxConnected);
        expect(await sample('mivoice_oai_reconnects_total')).toBe(1);
        channel.close();
        await until(() => bridge!.server.openChannels() === 0);
        expect(await sample('mivoice_channels')).toBe(0);
    });

    it('is read from the allowed addresses, or with the token, and refused to anyone else', async () => {
        await start({ config: config({ metrics: { allowFrom: ['10.0.0.0/8'], token: METRICS_TOKEN } }) });
        const refused = await call('/metrics');
        expect(refused.status).toBe(403);
        expect(refused.text).not.toContain('mivoice_sessions');
        const wrongToken = await call('/metrics', {
            headers: { Authorization: 'Bearer not-the-token-at-all' }
        });
        expect(wrongToken.status).toBe(403);
        const withToken = await call('/metrics', { headers: { Authorization: `Bearer ${METRICS_TOKEN}` } });
        expect(withToken.status).toBe(200);
        expect(withToken.text).toContain('# TYPE mivoice_sessions gauge');
        expect(withToken.text).toContain('process_resident_memory_bytes');
    });

    it('names an allow-list entry that is not an address', () => {
        expect(() => config({ metrics: { allowFrom: ['127.0.0.1', 'localhost', '10.0.0.0/33'] } })).toThrow(
            /\/metrics\/allowFrom localhost is not an IP address or a CIDR range\n.*10\.0\.0\.0\/33/
        );
    });
});

describe('graceful shutdown', () => {
    it('closes the channels with 1012, and the panel reconnects to the restarted bridge without showing an error', async () => {
        await start();
        const port = bridge!.server.port;
        const suite = createSuiteClient({
            host: 'localhost',
            port,
            apiKey: API_KEY,
            email: 'alice@example.com',
            fetch: nodeFetch(ca.certPem, ORIGIN),
            webSocket: nodeWebSocket(ca.certPem, ORIGIN),
            backoff: { baseMs: 50, maxMs: 200 }
        });
        // What the panel shows at every change, computed by the panel's own projection.
        let pbxConnected = false;
        const shown: string[] = [];
        const show = () => {
            const status = connectionStatus({
                connection: suite.connection,
                everOpen: true,
                pbxConnected,
                online: true
            });
            shown.push(status.phase === 'error' ? `error ${status.error?.code}` : status.phase);
        };
        suite.on('connection', show);
        suite.on('pbx', (connected: boolean) => {
            pbxConnected = connected;
            show();
        });
        const { token } = await signIn('alice@example.com');
        const raw = await openChannel(token!);
        const rawClosed = new Promise<[number, string]>((resolve) =>
            raw.once('close', (code, reason) => resolve([code, reason.toString()]))
        );
        try {
            suite.start();
            await until(() => shown.at(-1) === 'ready');
            shown.length = 0;
            await bridge!.stop();
            bridge = undefined;
            expect(await rawClosed).toEqual([1012, 'service restart']);
            await until(() => suite.connection.state === 'reconnecting');
            await start({ port });
            await until(() => shown.at(-1) === 'ready', 'the panel ready again', 8000);
            expect(shown).toContain('reconnecting');
            expect(shown.filter((phase) => phase.startsWith('error'))).toEqual([]);
        } finally {
            suite.stop();
        }
    });
});

describe('TLS certificate reload', () => {
    it('serves a renewed certificate to new connections after a reload; the open channel goes on', async () => {
        await start();
        const before = await servedFingerprint();
        const { token } = await signIn('alice@example.com');
        const channel = await openChannel(token!);
        const frames: string[] = [];
        channel.on('message', (data) => frames.push(String(data)));
        channel.send(JSON.stringify({ type: 'subscribe' }));
        await until(() => frames.some((frame) => frame.includes('"snapshot"')));

        writeCertificate();
        bridge!.reloadTls();
        const after = await servedFingerprint();
        expect(after).not.toBe(before);
        expect(logged.some((line) => line.startsWith('TLS certificate reloaded'))).toBe(true);

        pbx.pbx.inbound('2001', { number: '01632960123', name: 'ACME' });
        await until(() => frames.some((frame) => frame.includes('call.ringing')));
        expect(channel.readyState).toBe(WebSocket.OPEN);
    });

    it('picks up renewed files by itself, and keeps the old pair when the new key does not match', async () => {
        await start({ config: config({ tls: { certFile: 'cert.pem', keyFile: 'key.pem', watchSec: 1 } }) });
        const before = await servedFingerprint();
        const mismatched = newCertificate();
        writeFileSync(join(dir, 'cert.pem'), mismatched.cert);
        await until(
            () => logged.some((line) => line.startsWith('TLS certificate not reloaded')),
            'the refusal logged',
            8000
        );
        expect(logged.join('\n')).toContain('is not the key of the certificate');
        expect(await servedFingerprint()).toBe(before);

        writeCertificate();
        await until(
            () => logged.some((line) => line.startsWith('TLS certificate reloaded')),
            'the reload logged',
            8000
        );
        expect(await servedFingerprint()).not.toBe(before);
    });
});
