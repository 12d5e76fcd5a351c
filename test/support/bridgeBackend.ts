// The contract suite's second phone system: the OAI bridge (src/bridge) in front of the OAI PBX
// simulator, with the same test harness around its contract server as the Suite simulator has. The
// server's controls go to that harness; the phone system's act at the PBX (a call rung, answered or
// hung up at the far end, DND at the phone, the PBX gone), and a control the PBX has no equivalent
// for (a licence, the API switch, a call answered elsewhere) throws SuiteOnlyControl.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { OaiSimulator, type OaiSimulatorOptions } from '../../src/stand-ins/oai-pbx-simulator/server';
import { parseConfig, type BridgeConfig } from '../../src/bridge/config';
import { serverSettings, startBridge, type Bridge } from '../../src/bridge/bridge';
import { loadDevCa } from '../../src/stand-ins/dev-machine/devCa';
import {
    NOT_SERVER_CONTROL,
    serverControl,
    type ServerLifecycle
} from '../../src/stand-ins/server-harness/control';
import { ServerHarness } from '../../src/stand-ins/server-harness/harness';
import { splitConfig } from '../../src/stand-ins/suite-simulator/config';
import type { BackendSettings, ContractBackend } from './contractBackends';

export class SuiteOnlyControl extends Error {}

/** The Suite simulator's seed users (src/stand-ins/suite-simulator/seed.json) as a bridge directory, on the OAI simulator's stations. */
const DIRECTORY = [
    { email: 'alice@example.com', displayName: 'Alice Agent', primaryExtension: '2001' },
    { email: 'bob@example.com', displayName: 'Bob Agent', primaryExtension: '2002' },
    { email: 'noext@example.com', displayName: 'No Extension', primaryExtension: null },
    { email: 'disabled@example.com', displayName: 'Disabled User', primaryExtension: '2003', enabled: false }
];

function bridgeConfig(settings: BackendSettings, pbxPort: number, files: string): BridgeConfig {
    if (settings.assertion)
        writeFileSync(join(files, 'org-assertion.crt'), settings.assertion.certificatePem);
    const assertion = settings.assertion && {
        issuer: settings.assertion.issuer,
        audience: settings.assertion.audience,
        certificateFile: 'org-assertion.crt'
    };
    return parseConfig(
        {
            listen: { host: '127.0.0.1', port: 0 },
            tls: { certFile: 'unused.pem', keyFile: 'unused.key' },
            allowedOrigins: settings.allowedOrigins,
            auth: {
                apiKeys: ['dev-key-123'],
                ...(assertion ? { assertion, legacyApiKeys: settings.assertion?.legacyApiKeys ?? false } : {})
            },
            oai: { host: '127.0.0.1', port: pbxPort, huntGroups: ['2100'] },
            sessions: { heartbeatSec: settings.heartbeatSec },
            limits: { requestsPerMinute: 100000 },
            state: { callIdsFile: 'call-ids.json' },
            directory: DIRECTORY
        },
        'contract-test bridge.json',
        files
    );
}

/** The bridge as a contract backend, with its PBX at hand for what only a PBX does (a conference, a recall). */
export interface BridgeBackend extends ContractBackend {
    pbx: OaiSimulator;
    /** The bridge running now. */
    bridge(): Bridge;
    /** The contract id the bridge gave an OAI call at a station, once it has. */
    contractId(extension: string, oaiCallId: string): Promise<string>;
}

export async function startBridgeBackend(
    settings: BackendSettings,
    pbxOptions: OaiSimulatorOptions = {},
    { awaitLink = true } = {}
): Promise<BridgeBackend> {
    const pbx = new OaiSimulator(pbxOptions);
    // As the manual says a PBX does: a call's events come under the monitor that reported it first.
    pbx.faults.firstMonitorRule = true;
    await pbx.start();
    const ca = loadDevCa();
    const tls = ca.issue(['localhost', '127.0.0.1']);
    const files = mkdtempSync(join(tmpdir(), 'contract-bridge-'));
    const config = bridgeConfig(settings, pbx.port, files);
    let bridge: Bridge | undefined;
    const running = (): Bridge => {
        if (!bridge) throw new Error('the bridge is stopped');
        return bridge;
    };
    const harness = new ServerHarness(() => running().server.hub, serverSettings(config));
    const start = (port: number) =>
        startBridge({
            config: { ...config, listen: { ...config.listen, port } },
            tls: { key: tls.key, cert: tls.cert },
            oaiBackoff: { baseMs: 20, maxMs: 200 },
            serverPlugins: [harness.plugin]
        });
    bridge = await start(0);
    let port = bridge.server.port;
    const linkUp = () => waitFor(() => running().phone.pbxConnected, 'the OAI link to come up');
    // The bridge is one process: its outage, as its restart, loses the sessions.
    const lifecycle: ServerLifecycle = {
        async stop() {
            await bridge?.stop();
            bridge = undefined;
        },
        async start() {
            if (!bridge) bridge = await start(port);
            port = bridge.server.port;
            await linkUp();
        },
        async restart() {
            await lifecycle.stop();
            await lifecycle.start();
        }
    };
    // A PBX that refuses the bridge (its licence, its protocol) never brings the link up.
    if (awaitLink) await linkUp();
    const pbxControl = new PbxControl(pbx, running, linkUp);
    const control = controlOf(harness, lifecycle, pbx, pbxControl);

    return {
        kind: 'oai',
        pbx,
        bridge: running,
        contractId: (extension, oaiCallId) => pbxControl.contractId(extension, oaiCallId),
        get url() {
            return `https://localhost:${port}`;
        },
        get port() {
            return port;
        },
        ca,
        sessionCount: () => bridge?.server.hub.sessions.size ?? 0,
        openChannels: () => bridge?.server.openChannels() ?? 0,
        dnd: (extension) => pbx.pbx.isDnd(extension),
        control: (method, path, body) => control(method, path, (body ?? {}) as Record<string, unknown>),
        stopProductApi: lifecycle.stop,
        startProductApi: lifecycle.start,
        restart: lifecycle.restart,
        async stop() {
            await lifecycle.stop();
            await pbx.stop();
            rmSync(files, { recursive: true, force: true });
        }
    };
}

/** The control API's requests: the server's to the harness, a reset or config here, the rest at the PBX. */
function controlOf(
    harness: ServerHarness,
    lifecycle: ServerLifecycle,
    pbx: OaiSimulator,
    pbxControl: PbxControl
) {
    return async (method: string, path: string, body: Record<string, unknown> = {}): Promise<unknown> => {
        const request = { method, path, body };
        const server = await serverControl(harness, lifecycle, request);
        if (server !== NOT_SERVER_CONTROL) return server;
        if (method === 'POST' && path === '/_sim/reset') {
            // Back to the start: a fresh PBX, and a bridge that remembers no call of the test before.
            await lifecycle.stop();
            pbx.pbx.reset();
            await lifecycle.start();
            return { ok: true };
        }
        if (method === 'PUT' && path === '/_sim/config') {
            const { server: serverKeys, suite } = splitConfig(body);
            if (Object.keys(suite).length > 0)
                throw new SuiteOnlyControl(`${method} ${path} ${JSON.stringify(suite)}`);
            harness.configure(serverKeys);
            return { ok: true };
        }
        return pbxControl.handle(request);
    };
}

/** The simulator's phone-system controls, done at the OAI PBX simulator. */
class PbxControl {
    private readonly pbx: OaiSimulator;
    private readonly running: () => Bridge;
    private readonly linkUp: () => Promise<unknown>;

    constructor(pbx: OaiSimulator, running: () => Bridge, linkUp: () => Promise<unknown>) {
        this.pbx = pbx;
        this.running = running;
        this.linkUp = linkUp;
    }

    async handle({ method, path, body }: { method: string; path: string; body: Record<string, unknown> }) {
        let match: RegExpExecArray | null;
        if (method === 'POST' && path === '/_sim/calls/inbound') {
            const to = String(body.toExtension);
            const from = body.from as { number: string; name: string };
            return { callId: await this.contractId(to, this.pbx.pbx.inbound(to, from)) };
        }
        if (method === 'GET' && path === '/_sim/calls') return this.calls();
        if (
            method === 'POST' &&
            (match = /^\/_sim\/calls\/([^/]+)\/(remote-answer|remote-hangup)$/.exec(path))
        ) {
            const oaiCallId = this.oaiCallId(decodeURIComponent(match[1]));
            if (match[2] === 'remote-answer') this.pbx.pbx.remoteAnswer(oaiCallId);
            else this.pbx.pbx.remoteHangup(oaiCallId);
            return { ok: true };
        }
        if (method === 'PUT' && (match = /^\/_sim\/users\/([^/]+)\/dnd$/.exec(path))) {
            const email = decodeURIComponent(match[1]);
            const user = DIRECTORY.find((entry) => entry.email === email);
            if (!user?.primaryExtension) throw new Error('no such user');
            this.pbx.pbx.setDnd(user.primaryExtension, body.enabled === true);
            return { ok: true };
        }
        if (method === 'PUT' && path === '/_sim/pbx') {
            await this.setLink(body.connected === true);
            return { ok: true };
        }
        throw new SuiteOnlyControl(`${method} ${path}`);
    }

    private async setLink(connected: boolean): Promise<void> {
        if (connected) {
            await this.pbx.start();
            await this.linkUp();
        } else {
            await this.pbx.stop();
            await waitFor(() => !this.running().phone.pbxConnected, 'the bridge to see the link drop');
        }
    }

    /** The contract id the bridge gave an OAI call at `extension`. */
    contractId(extension: string, oaiCallId: string): Promise<string> {
        return waitFor(
            () => this.running().phone.callIdOf(extension, oaiCallId),
            `call ${oaiCallId} at ${extension} to reach the bridge`
        );
    }

    private oaiCallId(callId: string): string {
        const oaiCallId = DIRECTORY.map((entry) =>
            entry.primaryExtension
                ? this.running().phone.oaiCallIdOf(entry.primaryExtension, callId)
                : undefined
        ).find(Boolean);
        if (!oaiCallId) throw new Error(`not a bridge call id: ${callId}`);
        return oaiCallId;
    }

    private calls() {
        return this.pbx.pbx.liveCalls().flatMap((call) =>
            Object.entries(call.stations).flatMap(([extension, state]) => {
                const callId = this.running().phone.callIdOf(extension, call.callId);
                // A station that dialled out over a trunk is connected to the trunk (`C`) before the
                // outside party answers; the contract calls that dialling.
                const contractState = state === 'C' && !call.answered ? 'dialing' : stateName(state);
                return callId ? [{ callId, extension, state: contractState }] : [];
            })
        );
    }
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
