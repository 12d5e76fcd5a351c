// The workbench with the bridge as the phone system: softphone → contract v1 → the OAI bridge →
// System OAI → the OAI PBX simulator (`npm start -- --backend oai`, and the bridge's e2e test).
import { parseConfig } from '../bridge/config';
import { startBridge, type Bridge } from '../bridge/bridge';
import { OaiSimulator } from '../bridge/oai-simulator/server';
import { loadDevCa } from '../simulator/devCa';
import { OpenCtiEmulator, type EmulatorOptions } from './opencti-emulator/emulator';
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
    bridge: Bridge;
    emulator: OpenCtiEmulator;
    workbench: Workbench;
    spkiSha256: string;
    /** The agent's station on the simulated PBX. */
    extension: string;
    stop(): Promise<void>;
}

/** The workbench agent and a colleague on the OAI simulator's stations (src/bridge/oai-simulator/pbx.ts). */
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
                    wired.bridge?.server.closeChannels();
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
    const config = parseConfig(
        {
            listen: { host: '127.0.0.1', port: options.bridgePort ?? 0 },
            tls: { certFile: 'unused.crt', keyFile: 'unused.key' },
            allowedOrigins: [`https://${softphoneHost}:${workbench.port}`],
            auth: { apiKeys: [API_KEY] },
            oai: { host: '127.0.0.1', port: pbx.port, huntGroups: ['2100'] },
            directory: DIRECTORY
        },
        'workbench bridge configuration',
        process.cwd()
    );
    const tls = ca.issue(['localhost', '127.0.0.1']);
    const bridge = await startBridge({ config, tls: { key: tls.key, cert: tls.cert } });
    wired.bridge = bridge;
    emulator.settings['/mivoiceSuite/suiteHost'] = 'localhost';
    emulator.settings['/mivoiceSuite/suitePort'] = String(bridge.server.port);
    emulator.settings['/mivoiceSuite/apiKey'] = API_KEY;
    return {
        pbx,
        bridge,
        emulator,
        workbench,
        spkiSha256: ca.spkiSha256,
        extension,
        async stop() {
            await workbench.stop();
            await bridge.stop();
            await pbx.stop();
        }
    };
}
