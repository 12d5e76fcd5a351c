// The two servers the client's contract suite runs against, behind one face: the Suite simulator,
// and the OAI bridge in front of the OAI PBX simulator. `control` takes the Suite simulator's control
// requests (docs/suite-api.md) and, for the bridge, does the same thing at the PBX or in the bridge's
// configuration; a control the bridge has no equivalent for throws SuiteOnlyControl.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startSimulator } from '../../src/simulator/server';
import { callControl } from '../../src/simulator/controlClient';
import { loadDevCa } from '../../src/simulator/devCa';
import { OaiSimulator } from '../../src/bridge/oai-simulator/server';
import { parseConfig, type BridgeConfig } from '../../src/bridge/config';
import { startBridge, type Bridge } from '../../src/bridge/bridge';

export type BackendKind = 'suite' | 'oai';

export interface ContractBackend {
    kind: BackendKind;
    url: string;
    port: number;
    ca: { certPem: string };
    sessionCount(): number;
    openChannels(): number;
    /** Do not disturb at the phone system, as it stands. */
    dnd(extension: string): boolean;
    control(method: string, path: string, body?: unknown): Promise<unknown>;
    /** The server the client talks to goes away (the PBX stays); `start` brings it back on the same port. */
    stopProductApi(): Promise<void>;
    startProductApi(): Promise<void>;
    /** A restart loses every session and channel. */
    restart(): Promise<void>;
    stop(): Promise<void>;
}

export class SuiteOnlyControl extends Error {}

/** A test file named `*.oai.test.ts` runs the suite against the bridge; any other, the Suite simulator. */
export function backendKind(): BackendKind {
    return /\.oai\.test\.ts$/.test(expect.getState().testPath ?? '') ? 'oai' : 'suite';
}

export interface BackendSettings {
    heartbeatSec: number;
    allowedOrigins: string[];
    /** The bridge also accepts assertions signed with this certificate (written to a file, as a site does). */
    assertion?: { certificatePem: string; issuer: string; audience: string };
}

export async function startContractBackend(
    kind: BackendKind,
    settings: BackendSettings
): Promise<ContractBackend> {
    if (kind === 'suite') {
        const simulator = await startSimulator({
            config: { heartbeatSec: settings.heartbeatSec, allowedOrigins: settings.allowedOrigins }
        });
        return {
            kind,
            get url() {
                return simulator.url;
            },
            get port() {
                return simulator.port;
            },
            ca: simulator.ca,
            sessionCount: () => simulator.model.sessions.size,
            openChannels: () => simulator.openChannels(),
            dnd: (extension) => simulator.model.dnd.get(extension) ?? false,
            control: (method, path, body) => callControl(simulator.controlUrl, method, path, body),
            stopProductApi: () => simulator.stopProductApi(),
            startProductApi: () => simulator.startProductApi(),
            restart: () => simulator.restart(),
            stop: () => simulator.stop()
        };
    }
    return startBridgeBackend(settings);
}

/** The Suite simulator's seed users (src/simulator/seed.json) as a bridge directory, on the OAI simulator's stations. */
const DIRECTORY = [
    { email: 'alice@example.com', displayName: 'Alice Agent', primaryExtension: '2001' },
    { email: 'bob@example.com', displayName: 'Bob Agent', primaryExtension: '2002' },
    { email: 'noext@example.com', displayName: 'No Extension', primaryExtension: null },
    { email: 'disabled@example.com', displayName: 'Disabled User', primaryExtension: '2003', enabled: false }
];

async function startBridgeBackend(settings: BackendSettings) {
    const pbx = new OaiSimulator();
    // As the manual says a PBX does: a call's events come under the monitor that reported it first.
    pbx.faults.firstMonitorRule = true;
    await pbx.start();
    const ca = loadDevCa();
    const tls = ca.issue(['localhost', '127.0.0.1']);
    const files = mkdtempSync(join(tmpdir(), 'contract-bridge-'));
    if (settings.assertion)
        writeFileSync(join(files, 'org-assertion.crt'), settings.assertion.certificatePem);
    const config: BridgeConfig = parseConfig(
        {
            listen: { host: '127.0.0.1', port: 0 },
            tls: { certFile: 'unused.pem', keyFile: 'unused.key' },
            allowedOrigins: settings.allowedOrigins,
            auth: {
                apiKeys: ['dev-key-123'],
                ...(settings.assertion
                    ? {
                          assertion: {
                              issuer: settings.assertion.issuer,
                              audience: settings.assertion.audience,
                              certificateFile: 'org-assertion.crt'
                          }
                      }
                    : {})
            },
            oai: { host: '127.0.0.1', port: pbx.port, huntGroups: ['2100'] },
            sessions: { heartbeatSec: settings.heartbeatSec },
            limits: { requestsPerMinute: 100000 },
            state: { callIdsFile: 'call-ids.json' },
            directory: DIRECTORY
        },
        'contract-test bridge.json',
        files
    );
    const start = (port: number) =>
        startBridge({
            config: { ...config, listen: { ...config.listen, port } },
            tls: { key: tls.key, cert: tls.cert },
            oaiBackoff: { baseMs: 20, maxMs: 200 }
        });
    let bridge: Bridge | undefined = await start(0);
    let port = bridge.server.port;
    const running = (): Bridge => {
        if (!bridge) throw new Error('the bridge is stopped');
        return bridge;
    };
    const stopBridge = async () => {
        await bridge?.stop();
        bridge = undefined;
    };
    const startAgain = async () => {
        if (!bridge) bridge = await start(port);
        port = bridge.server.port;
        await linkUp();
    };
    const linkUp = () => waitFor(() => running().phone.pbxConnected, 'the OAI link to come up');
    await linkUp();

    /** The contract id the bridge gave an OAI call at `extension`. */
    const contractId = (extension: string, oaiCallId: string) =>
        waitFor(
            () => running().phone.callIdOf(extension, oaiCallId),
            `call ${oaiCallId} at ${extension} to reach the bridge`
        );

    const control = async (
        method: string,
        path: string,
        body: Record<string, unknown> = {}
    ): Promise<unknown> => {
        let match: RegExpExecArray | null;
        if (method === 'POST' && path === '/_sim/reset') {
            // The Suite simulator's reset leaves its product API as it was; here the PBX needs a bridge to watch.
            await startAgain();
            pbx.pbx.reset();
            // The bridge learns of the reset as of a PBX restart: link lost, then a resync.
            await pbx.stop();
            await waitFor(() => !running().phone.pbxConnected, 'the bridge to see the link drop');
            await pbx.start();
            await linkUp();
            return { ok: true };
        }
        if (method === 'PUT' && path === '/_sim/config') {
            const same =
                body.heartbeatSec === settings.heartbeatSec &&
                JSON.stringify(body.allowedOrigins) === JSON.stringify(settings.allowedOrigins) &&
                Object.keys(body).length === 2;
            if (same) return { ok: true };
            throw new SuiteOnlyControl(`${method} ${path} ${JSON.stringify(body)}`);
        }
        if (method === 'POST' && path === '/_sim/calls/inbound') {
            const to = String(body.toExtension);
            const from = body.from as { number: string; name: string };
            return { callId: await contractId(to, pbx.pbx.inbound(to, from)) };
        }
        if (method === 'GET' && path === '/_sim/calls') {
            return pbx.pbx.liveCalls().flatMap((call) =>
                Object.entries(call.stations).flatMap(([extension, state]) => {
                    const callId = running().phone.callIdOf(extension, call.callId);
                    return callId ? [{ callId, extension, state: stateName(state) }] : [];
                })
            );
        }
        if (
            (match = /^\/_sim\/calls\/([^/]+)\/(remote-answer|remote-hangup)$/.exec(path)) &&
            method === 'POST'
        ) {
            const callId = decodeURIComponent(match[1]);
            const oaiCallId = DIRECTORY.map((entry) =>
                entry.primaryExtension
                    ? running().phone.oaiCallIdOf(entry.primaryExtension, callId)
                    : undefined
            ).find(Boolean);
            if (!oaiCallId) throw new Error(`not a bridge call id: ${match[1]}`);
            if (match[2] === 'remote-answer') pbx.pbx.remoteAnswer(oaiCallId);
            else pbx.pbx.remoteHangup(oaiCallId);
            return { ok: true };
        }
        if (method === 'PUT' && (match = /^\/_sim\/users\/([^/]+)\/dnd$/.exec(path))) {
            const user = DIRECTORY.find((entry) => entry.email === decodeURIComponent(match![1]));
            if (!user?.primaryExtension) throw new Error('no such user');
            pbx.pbx.setDnd(user.primaryExtension, body.enabled === true);
            return { ok: true };
        }
        if (method === 'PUT' && path === '/_sim/pbx') {
            if (body.connected === true) {
                await pbx.start();
                await linkUp();
            } else {
                await pbx.stop();
                await waitFor(() => !running().phone.pbxConnected, 'the bridge to see the link drop');
            }
            return { ok: true };
        }
        if (method === 'GET' && path === '/_sim/log')
            return running().server.refusals.map((refusal) => ({
                path: refusal.path,
                refused: refusal.reason
            }));
        if (method === 'POST' && path === '/_sim/ws/drop') {
            running().server.closeChannels(typeof body.code === 'number' ? body.code : undefined);
            return { ok: true };
        }
        throw new SuiteOnlyControl(`${method} ${path}`);
    };

    const backend: ContractBackend = {
        kind: 'oai',
        get url() {
            return `https://localhost:${port}`;
        },
        get port() {
            return port;
        },
        ca,
        sessionCount: () => bridge?.server.sessions.size ?? 0,
        openChannels: () => bridge?.server.openChannels() ?? 0,
        dnd: (extension) => pbx.pbx.isDnd(extension),
        control: (method, path, body) => control(method, path, (body ?? {}) as Record<string, unknown>),
        stopProductApi: stopBridge,
        startProductApi: startAgain,
        async restart() {
            await stopBridge();
            await startAgain();
        },
        async stop() {
            await stopBridge();
            await pbx.stop();
            rmSync(files, { recursive: true, force: true });
        }
    };
    return backend;
}

function stateName(state: string): string {
    return { A: 'ringing', C: 'connected', H: 'held', Q: 'queued', I: 'dialing' }[state] ?? state;
}

function waitFor<T>(probe: () => T | undefined | false, what: string, timeoutMs = 5000): Promise<T> {
    return new Promise((resolve, reject) => {
        const started = Date.now();
        const check = () => {
            const value = probe();
            if (value) return resolve(value);
            if (Date.now() - started > timeoutMs) return reject(new Error(`timed out waiting for ${what}`));
            setTimeout(check, 10);
        };
        check();
    });
}
