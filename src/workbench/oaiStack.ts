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
import { oaiControl } from './oaiControls';
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
/** The stations besides the agent's that the caller panel acts at, and the hunt group the bridge follows. */
const COLLEAGUE_STATIONS = ['2002', '2003'];
const HUNT_GROUP = '2100';
const OUTSIDE_PREFIX = '/reqDialingOptions/reqOutsidePrefix';

export async function startOaiStack(options: OaiStackOptions = {}): Promise<OaiStack> {
    const consoleHost = options.consoleHost ?? 'localhost';
    const softphoneHost = options.softphoneHost ?? '127.0.0.1';
    const extension = '2001';
    const ca = loadDevCa();
    const pbx = new OaiSimulator();
    await pbx.start();
    const emulator = new OpenCtiEmulator({ ...options.emulator });
    // The caller panel's buttons reach the bridge, which needs the workbench's origin to start.
    const wired: { bridge?: Bridge; restart?: () => Promise<void> } = {};
    const workbench = await startWorkbench({
        port: options.port ?? 0,
        tls: ca.issue([...new Set([consoleHost, softphoneHost, 'localhost', '127.0.0.1'])]),
        consoleOrigin: (port) => `https://${consoleHost}:${port}`,
        softphoneOrigin: (port) => `https://${softphoneHost}:${port}`,
        opencti: openCtiBinding(emulator),
        phoneSystem: oaiControl({
            pbx: pbx.pbx,
            agent: extension,
            stations: COLLEAGUE_STATIONS,
            huntGroup: HUNT_GROUP,
            hooks: {
                dropChannels: () => wired.bridge?.server.hub.channels.closeAll(),
                stopPbx: () => pbx.stop(),
                startPbx: () => pbx.start(),
                restartBridge: () => wired.restart?.() ?? Promise.resolve()
            }
        })
    });
    // The bridge's state (the call ids of live calls, kept over a restart) lives as long as the stack.
    const stateDir = mkdtempSync(join(tmpdir(), 'oai-stack-'));
    const config = parseConfig(
        {
            listen: { host: '127.0.0.1', port: options.bridgePort ?? 0 },
            tls: { certFile: 'unused.crt', keyFile: 'unused.key' },
            allowedOrigins: [`https://${softphoneHost}:${workbench.port}`],
            auth: { apiKeys: [API_KEY] },
            oai: { host: '127.0.0.1', port: pbx.port, huntGroups: [HUNT_GROUP] },
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
    const restartBridge = async () => {
        const port = bridge.server.port;
        await bridge.stop();
        bridge = await start(port);
        wired.bridge = bridge;
    };
    wired.restart = restartBridge;
    emulator.settings['/mivoiceSuite/suiteHost'] = 'localhost';
    emulator.settings['/mivoiceSuite/suitePort'] = String(bridge.server.port);
    emulator.settings['/mivoiceSuite/apiKey'] = API_KEY;
    // The PBX seizes a trunk for an outside number after its trunk access code: the Outside Prefix.
    emulator.settings[OUTSIDE_PREFIX] =
        options.emulator?.settings?.[OUTSIDE_PREFIX] ?? pbx.pbx.trunkAccessCode;
    return {
        pbx,
        get bridge() {
            return bridge;
        },
        emulator,
        workbench,
        spkiSha256: ca.spkiSha256,
        extension,
        restartBridge,
        async stop() {
            await workbench.stop();
            await bridge.stop();
            await pbx.stop();
            rmSync(stateDir, { recursive: true, force: true });
        }
    };
}
