// The stations signed assertions name, over real TLS in front of the OAI PBX simulator: the bridge
// follows each on the live link (its monitor and resync, no reconnect), keeps following it across a
// directory reload and a restart (the call keeps its id), ends the sessions of a station the PBX turns
// out not to have once the link can tell, and of a station the admin took back. How sessions open is
// said at start: the API key's reach, or that it is refused.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import WebSocket from 'ws';
import { parseConfig, type BridgeConfig } from '../config';
import { startBridge, type Bridge } from '../bridge';
import { OaiSimulator } from '../../stand-ins/oai-pbx-simulator/server';
import { loadDevCa } from '../../stand-ins/dev-machine/devCa';
import { until } from '../../server/__tests__/phoneSystems';
import { nodeFetch } from '../../../test/support/nodeTransport';
import {
    createTestSigner,
    TEST_AUDIENCE,
    TEST_ORG_ID,
    type TestSigner
} from '../../../test/support/assertionSigner';

const ORIGIN = 'https://acme--c.vf.force.com';
const API_KEY = 'bridge-test-key-0123456789';
const ca = loadDevCa();
const tls = ca.issue(['localhost', '127.0.0.1']);

let pbx: OaiSimulator;
let bridge: Bridge | undefined;
let dir: string;
let signer: TestSigner;
let logged: string[] = [];

beforeAll(() => {
    signer = createTestSigner();
});

beforeEach(async () => {
    logged = [];
    dir = mkdtempSync(join(tmpdir(), 'claimed-stations-'));
    writeFileSync(join(dir, 'org.crt'), signer.certificatePem);
    pbx = new OaiSimulator({ password: 'oai-secret-pw' });
    await pbx.start();
});

afterEach(async () => {
    await bridge?.stop();
    bridge = undefined;
    await pbx.stop();
    rmSync(dir, { recursive: true, force: true });
});

function rawConfig(overrides: Record<string, unknown> = {}): Record<string, unknown> {
    return {
        listen: { host: '127.0.0.1', port: 0 },
        tls: { certFile: 'cert.pem', keyFile: 'key.pem' },
        allowedOrigins: [ORIGIN],
        auth: {
            apiKeys: [API_KEY],
            assertion: { issuer: TEST_ORG_ID, audience: TEST_AUDIENCE, certificateFile: 'org.crt' }
        },
        oai: { host: '127.0.0.1', port: pbx.port, password: 'oai-secret-pw' },
        directory: [{ email: 'alice@example.com', displayName: 'Alice Agent', primaryExtension: '2001' }],
        state: { callIdsFile: 'call-ids.json' },
        ...overrides
    };
}

const config = (overrides: Record<string, unknown> = {}): BridgeConfig =>
    parseConfig(rawConfig(overrides), 'bridge.json', dir);

async function start(options: { config?: BridgeConfig; configFile?: string; port?: number } = {}) {
    const record = (fields: Record<string, unknown>, message: string) =>
        logged.push(`${message} ${JSON.stringify(fields)}`);
    const chosen = options.config ?? config();
    bridge = await startBridge({
        log: { info: record, warn: record, error: record },
        config: { ...chosen, listen: { ...chosen.listen, port: options.port ?? 0 } },
        configFile: options.configFile,
        tls: { key: tls.key, cert: tls.cert },
        oaiBackoff: { baseMs: 20, maxMs: 100 }
    });
    return bridge;
}

interface Reply {
    status: number;
    body: {
        error?: { code: string };
        token?: string;
        user?: { primaryExtension: string };
        calls?: { callId: string }[];
    };
}

async function call(path: string, init: RequestInit = {}): Promise<Reply> {
    const response = await nodeFetch(ca.certPem, ORIGIN)(
        `https://localhost:${bridge!.server.port}${path}`,
        init
    );
    const text = await response.text();
    return { status: response.status, body: text ? (JSON.parse(text) as Reply['body']) : {} };
}

async function signIn(email: string, claims: Record<string, unknown> = {}): Promise<Reply> {
    return call('/api/v1/sessions', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ email, assertion: await signer.sign(email, claims) })
    });
}

const status = (token: string) =>
    call('/api/v1/users/me/status', { headers: { Authorization: `Bearer ${token}` } });

/** An event channel of the session, open; `closed` resolves its close code. */
async function channel(token: string): Promise<{ closed: Promise<number> }> {
    const socket = new WebSocket(
        `wss://localhost:${bridge!.server.port}/api/v1/events?access_token=${token}`,
        { ca: ca.certPem, origin: ORIGIN }
    );
    const closed = new Promise<number>((resolve) => socket.once('close', resolve));
    await new Promise((resolve) => socket.once('open', resolve));
    return { closed };
}

describe('a station a signed assertion names', () => {
    it('is monitored and resynced on the live link, without a reconnect', async () => {
        await start();
        await until(() => bridge?.phone.pbxConnected);
        const commandsBefore = pbx.received.length;
        // A call already ringing there is in the first snapshot: the station was resynced before the answer.
        const oaiCallId = pbx.pbx.inbound('2003', { number: '01632960123', name: 'ACME' });
        const dana = await signIn('dana@example.com', { extension: '2003' });
        expect(dana.status).toBe(201);
        expect(dana.body.user?.primaryExtension).toBe('2003');
        expect(pbx.received.slice(commandsBefore).map((line) => line.split(',')[0])).toEqual([
            '_QI',
            '_MS',
            '_RR'
        ]);
        expect(pbx.loginCount).toBe(1);
        expect(bridge!.phone.counters.oaiReconnects).toBe(0);
        const snapshot = await status(dana.body.token!);
        expect(snapshot.body.calls?.map((entry) => entry.callId)).toEqual([
            bridge!.phone.callIdOf('2003', oaiCallId)
        ]);
    });

    it('is checked again at each sign-in, and not monitored twice', async () => {
        await start();
        await until(() => bridge?.phone.pbxConnected);
        await signIn('dana@example.com', { extension: '2003' });
        const commandsBefore = pbx.received.length;
        expect((await signIn('dana@example.com', { extension: '2003' })).status).toBe(201);
        expect(pbx.received.slice(commandsBefore).map((line) => line.split(',')[0])).toEqual(['_QI']);
        expect(pbx.monitoredDevices().filter((device) => device === '2003')).toHaveLength(1);
    });

    it('stays followed, and its session open, when the directory is reloaded without it', async () => {
        const file = join(dir, 'bridge.json');
        writeFileSync(file, JSON.stringify(rawConfig()));
        await start({ configFile: file });
        await until(() => bridge?.phone.pbxConnected);
        const dana = await signIn('dana@example.com', { extension: '2003' });
        const { closed } = await channel(dana.body.token!);
        // A claimed station the directory also lists (Alice's) must not be dropped with it.
        const carol = await signIn('carol@example.com', { extension: '2001' });
        const alice = await signIn('alice@example.com');
        const { closed: aliceClosed } = await channel(alice.body.token!);
        writeFileSync(
            file,
            JSON.stringify(
                rawConfig({
                    directory: [{ email: 'bob@example.com', displayName: 'Bob', primaryExtension: '2002' }]
                })
            )
        );
        // Alice came in by the directory's station (no claim): her session ends, Dana's does not.
        expect(await aliceClosed).toBe(4003);
        await until(() => pbx.monitoredDevices().includes('2002') && bridge?.phone.pbxConnected);
        expect(pbx.monitoredDevices()).toEqual(expect.arrayContaining(['2001', '2003']));
        expect((await status(dana.body.token!)).status).toBe(200);
        expect((await status(carol.body.token!)).status).toBe(200);
        const outcome = await Promise.race([
            closed,
            new Promise((resolve) => setTimeout(resolve, 300, 'open'))
        ]);
        expect(outcome).toBe('open');
    });

    it('taken back by the admin ends the sessions on the old station at the next signed sign-in', async () => {
        await start();
        await until(() => bridge?.phone.pbxConnected);
        const before = await signIn('dana@example.com', { extension: '2003' });
        const { closed } = await channel(before.body.token!);
        const after = await signIn('dana@example.com', { extension: '2002' });
        expect(after.body.user?.primaryExtension).toBe('2002');
        expect(await closed).toBe(4003);
        expect((await status(before.body.token!)).body.error?.code).toBe('token_invalid');
    });

    it('keeps its call id over a bridge restart, with no directory entry', async () => {
        await start();
        await until(() => bridge?.phone.pbxConnected);
        const dana = await signIn('dana@example.com', { extension: '2003' });
        const oaiCallId = pbx.pbx.inbound('2003', { number: '01632960123', name: 'ACME' });
        const callId = await until(() => bridge?.phone.callIdOf('2003', oaiCallId));
        const port = bridge!.server.port;
        await bridge!.stop();
        await start({ port });
        // Followed from the start because a live call of it is on record: the resync finds it again.
        await until(() => bridge?.phone.pbxConnected);
        expect(bridge!.phone.callIdOf('2003', oaiCallId)).toBe(callId);
        const again = await signIn('dana@example.com', { extension: '2003' });
        expect(again.status).toBe(201);
        expect((await status(again.body.token!)).body.calls?.map((entry) => entry.callId)).toEqual([callId]);
        expect(dana.body.token).not.toBe(again.body.token);
    });
});

describe('a station the PBX does not have', () => {
    it('is refused by name while the link can tell', async () => {
        await start();
        await until(() => bridge?.phone.pbxConnected);
        expect(await signIn('erin@example.com', { extension: '2999' })).toMatchObject({
            status: 404,
            body: { error: { code: 'station_not_found' } }
        });
        expect(pbx.monitoredDevices()).not.toContain('2999');
    });

    it('signed in while the PBX link was down loses its session once the link tells (4003), then is refused', async () => {
        await pbx.stop();
        await start();
        const erin = await signIn('erin@example.com', { extension: '2999' });
        expect(erin.status).toBe(201);
        const { closed } = await channel(erin.body.token!);
        await pbx.start();
        expect(await closed).toBe(4003);
        expect(logged.some((line) => line.startsWith('station refused by the PBX'))).toBe(true);
        expect((await signIn('erin@example.com', { extension: '2999' })).body.error?.code).toBe(
            'station_not_found'
        );
    });
});

describe('how sessions open, as the bridge says at start', () => {
    it('with assertions only, refuses the API keys it was given and says so', async () => {
        await start();
        expect(logged.some((line) => line.startsWith('auth.apiKeys are refused'))).toBe(true);
        expect(logged.some((line) => line.includes('every agent can control every extension'))).toBe(false);
        const key = await call('/api/v1/sessions', {
            method: 'POST',
            headers: { 'X-Api-Key': API_KEY, 'Content-Type': 'application/json' },
            body: JSON.stringify({ email: 'alice@example.com' })
        });
        expect(key).toMatchObject({ status: 401, body: { error: { code: 'api_key_not_accepted' } } });
    });

    it('with the legacy switch on, accepts them and warns that every agent can control every extension', async () => {
        const raw = rawConfig();
        await start({ config: config({ auth: { ...(raw.auth as object), legacyApiKeys: true } }) });
        expect(logged.find((line) => line.includes('every agent can control every extension'))).toMatch(
            /"authModes":\["signedAssertion","apiKey"\]/
        );
        const key = await call('/api/v1/sessions', {
            method: 'POST',
            headers: { 'X-Api-Key': API_KEY, 'Content-Type': 'application/json' },
            body: JSON.stringify({ email: 'alice@example.com' })
        });
        expect(key.status).toBe(201);
    });
});
