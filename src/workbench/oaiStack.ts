// The workbench with the bridge as the phone system: softphone → contract v1 → the OAI bridge →
// System OAI → the OAI PBX simulator (`npm start -- --backend oai`, and the bridge's e2e test).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseConfig } from '../bridge/config';
import { startBridge, type Bridge } from '../bridge/bridge';
import { OaiSimulator } from '../stand-ins/oai-pbx-simulator/server';
import { loadDevCa } from '../stand-ins/dev-machine/devCa';
import { OpenCtiEmulator, type EmulatorOptions } from '../stand-ins/opencti-emulator/emulator';
import { startWorkbench, type Workbench } from './server/workbenchServer';
import { openCtiBinding } from './stack';

export interface OaiStackOptions {
    port?: number;
    bridgePort?: number;
    consoleHost?: string;
    softphoneHost?: string;
    emulator?: EmulatorOptions;
}

export interface OaiStack {
    pbx: OaiSimulator;
    /** The bridge running now (a new one after `restartBridge`). */
    readonly bridge: Bridge;
    emulator: OpenCtiEmulator;
    workbench: Workbench;
    spkiSha256: string;
    /** The agent's station on the simulated PBX. */
    extension: string;
    /** Stops the bridge and starts it again on the same port, as a service restart does (the PBX stays). */
    restartBridge(): Promise<void>;
    stop(): Promise<void>;
}

/** The workbench agent and a colleague on the OAI simulator's stations (src/stand-ins/oai-pbx-simulator/pbx.ts). */
const DIRECTORY = [
    { email: 'alice@example.com', displayName: 'Alice Agent', primaryExtension: '2001' },
    { email: 'bob@example.com', displayName: 'Bob Agent', primaryExtension: '2002' }
];
const API_KEY = 'dev-key-123';

export async function startOaiStack(options: OaiStackOptions = {}): Promise<OaiStack> {
    const consoleHost = options.consoleHost ?? 'localhost';
    const softphoneHost = options.softphoneHost ?? '127.0.0.1';
    const extension = '2001';
    const ca = loadDevCa();
    const pbx = new OaiSimulator();
    await pbx.start();
    const emulator = new OpenCtiEmulator({ ...options.emulator });
    // The workbench's buttons reach the bridge, which needs the workbench's origin to start.
    const wired: { bridge?: Bridge } = {};
    const newestLiveCall = () =>
        pbx.pbx
            .liveCalls()
            .filter((call) => extension in call.stations)
            .at(-1);
    const workbench = await startWorkbench({
        port: options.port ?? 0,
        tls: ca.issue([...new Set([consoleHost, softphoneHost, 'localhost', '127.0.0.1'])]),
        consoleOrigin: (port) => `https://${consoleHost}:${port}`,
        softphoneOrigin: (port) => `https://${softphoneHost}:${port}`,
        opencti: openCtiBinding(emulator),
        suite: {
            async ring(caller) {
                const oaiCallId = pbx.pbx.inbound(caller.huntGroup ?? extension, {
                    number: caller.number.replace(/[^0-9*#]/g, ''),
                    name: caller.name.slice(0, 32)
                });
                return { callId: oaiCallId };
            },
            async remote(action) {
                if (action === 'drop-sockets') {
                    wired.bridge?.server.hub.channels.closeAll();
                    return { ok: true };
                }
                const call = newestLiveCall();
                if (!call) throw new Error('There is no call to act on');
                if (action === 'answer') pbx.pbx.remoteAnswer(call.callId);
                else if (action === 'hangup') pbx.pbx.remoteHangup(call.callId);
                else throw new Error(`The OAI simulator has no "${action}" for the far end`);
                return { ok: true, callId: call.callId };
            }
        }
    });
    // The bridge's state (the call ids of live calls, kept over a restart) lives as long as the stack.
    const stateDir = mkdtempSync(join(tmpdir(), 'oai-stack-'));
    const config = parseConfig(
        {
            listen: { host: '127.0.0.1', port: options.bridgePort ?? 0 },
            tls: { certFile: 'unused.crt', keyFile: 'unused.key' },
            allowedOrigins: [`https://${softphoneHost}:${workbench.port}`],
            auth: { apiKeys: [API_KEY] },
            oai: { host: '127.0.0.1', port: pbx.port, huntGroups: ['2100'] },
            state: { callIdsFile: 'call-ids.json' },
            directory: DIRECTORY
        },
        'workbench bridge configuration',
        stateDir
    );
    const tls = ca.issue(['localhost', '127.0.0.1']);
    const start = (port: number) =>
        startBridge({
            config: { ...config, listen: { ...config.listen, port } },
            tls: { key: tls.key, cert: tls.cert }
        });
    let bridge = await start(config.listen.port);
    wired.bridge = bridge;
    emulator.settings['/mivoiceSuite/suiteHost'] = 'localhost';
    emulator.settings['/mivoiceSuite/suitePort'] = String(bridge.server.port);
    emulator.settings['/mivoiceSuite/apiKey'] = API_KEY;
    return {
        pbx,
        get bridge() {
            return bridge;
        },
        emulator,
        workbench,
        spkiSha256: ca.spkiSha256,
        extension,
        async restartBridge() {
            const port = bridge.server.port;
            await bridge.stop();
            bridge = await start(port);
            wired.bridge = bridge;
        },
        async stop() {
            await workbench.stop();
            await bridge.stop();
            await pbx.stop();
            rmSync(stateDir, { recursive: true, force: true });
        }
    };
}
