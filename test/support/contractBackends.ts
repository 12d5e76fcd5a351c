// The two phone systems the client's contract suite runs against, behind one face, each served by the
// one contract v1 server (src/server): the simulated Suite, and the OAI bridge in front of the OAI PBX
// simulator (./bridgeBackend.ts). `control` takes the simulator's control requests (docs/suite-api.md):
// the server's faults go to the test harness around the server either way; for the bridge, the phone
// system's controls act at the PBX instead, and one the PBX has no equivalent for throws SuiteOnlyControl.
import { startSimulator } from '../../src/stand-ins/suite-simulator/simulator';
import { callControl } from '../../src/stand-ins/suite-simulator/controlClient';
import { startBridgeBackend } from './bridgeBackend';

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

/** A test file named `*.oai.test.ts` runs the suite against the bridge; any other, the Suite simulator. */
export function backendKind(): BackendKind {
    return /\.oai\.test\.ts$/.test(expect.getState().testPath ?? '') ? 'oai' : 'suite';
}

export interface BackendSettings {
    heartbeatSec: number;
    allowedOrigins: string[];
    /**
     * The bridge accepts assertions signed with this certificate (written to a file, as a site does);
     * its API key only with `legacyApiKeys`.
     */
    assertion?: { certificatePem: string; issuer: string; audience: string; legacyApiKeys?: boolean };
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
            sessionCount: () => simulator.sessions.size,
            openChannels: () => simulator.openChannels(),
            dnd: (extension) => simulator.model.dnd(extension),
            control: (method, path, body) => callControl(simulator.controlUrl, method, path, body),
            stopProductApi: () => simulator.stopProductApi(),
            startProductApi: () => simulator.startProductApi(),
            restart: () => simulator.restart(),
            stop: () => simulator.stop()
        };
    }
    return startBridgeBackend(settings);
}
