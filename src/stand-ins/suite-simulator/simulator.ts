// The Suite simulator: the simulated Suite (./suite.ts) behind the production contract v1 server
// (src/server), with a test harness around that server (../server-harness) and a control API on its
// own port for tests and the workbench. Startable in-process on free ports, or from the command line
// (npm run simulator).
import { startContractServer, type ContractServer } from '../../server/app';
import type { AssertionVerifier } from '../../server/auth/assertion';
import { ContractHub } from '../../server/hub';
import type { SessionStore } from '../../server/sessions';
import type { ServerSettings } from '../../server/settings';
import { loadDevCa, selfSignedCertificate, type DevCa } from '../dev-machine/devCa';
import type { ServerLifecycle } from '../server-harness/control';
import { ServerHarness } from '../server-harness/harness';
import { suiteAuthenticator } from './authenticator';
import { defaultConfig, simulatorSettings, suiteConfig, type SimConfig } from './config';
import { startControlApi } from './control';
import { SimulatedSuite } from './suite';

export interface SimulatorOptions {
    port?: number;
    controlPort?: number;
    host?: string;
    /** Serve an untrusted self-signed certificate instead of one from the development CA. */
    selfSigned?: boolean;
    certDir?: string;
    hostnames?: string[];
    config?: Partial<SimConfig>;
    /**
     * Accept signed assertions (contract v1's optional signedAssertion), verified by the server's own
     * verifier (src/server/auth/assertion.ts); without it the simulator knows API keys only.
     */
    assertions?: AssertionVerifier;
}

export interface Simulator {
    url: string;
    controlUrl: string;
    port: number;
    controlPort: number;
    ca: DevCa;
    /** The simulated Suite: its users, calls, DND and PBX link. */
    model: SimulatedSuite;
    /** The server's sessions (they outlive a stop of the product API, not a restart). */
    sessions: SessionStore;
    /** The server's settings, read as it goes (allowed origins, heartbeat, resume window). */
    settings: ServerSettings;
    /** Event channels (WebSockets) open right now. */
    openChannels(): number;
    /** Stops the product API (as if the Suite went down); the control API stays up. */
    stopProductApi(): Promise<void>;
    startProductApi(): Promise<void>;
    /** A restart loses every session and socket, like the real service restarting. */
    restart(): Promise<void>;
    stop(): Promise<void>;
}

export async function startSimulator(options: SimulatorOptions = {}): Promise<Simulator> {
    const host = options.host ?? '127.0.0.1';
    const hostnames = options.hostnames ?? ['localhost', '127.0.0.1', '::1'];
    const ca = loadDevCa(options.certDir);
    const tls = options.selfSigned ? selfSignedCertificate(hostnames) : ca.issue(hostnames);
    const config = defaultConfig(options.config);
    const suite = new SimulatedSuite(suiteConfig(config));
    const hub = new ContractHub(suite, simulatorSettings(config));
    suite.onChange = (change) => hub.change(change);
    const authenticator = suiteAuthenticator(suite, options.assertions);
    const harness = new ServerHarness(() => hub, hub.settings);

    let server: ContractServer | undefined;
    let port = options.port ?? 0;
    const lifecycle: ServerLifecycle = {
        async start() {
            if (server) return;
            server = await startContractServer({
                hub,
                authenticator,
                tls,
                listen: { host, port },
                plugins: [harness.plugin]
            });
            port = server.port;
        },
        async stop() {
            const running = server;
            if (!running) return;
            server = undefined;
            // The Suite going down cuts its connections: no closing handshake.
            hub.channels.closeAll();
            await running.close();
        },
        async restart() {
            await lifecycle.stop();
            hub.sessions.clear();
            hub.logClaims.clear();
            await lifecycle.start();
        }
    };
    const control = await startControlApi(
        {
            suite,
            harness,
            lifecycle,
            reset() {
                suite.reset(suiteConfig(defaultConfig(options.config)));
                harness.resetSettings();
                hub.sessions.clear();
                hub.logClaims.clear();
                hub.channels.closeAll(4001, 'reset');
            }
        },
        { host, port: options.controlPort ?? 0 }
    );
    await lifecycle.start();

    return {
        get url() {
            return `https://localhost:${port}`;
        },
        get port() {
            return port;
        },
        controlUrl: control.url,
        controlPort: control.port,
        ca,
        model: suite,
        sessions: hub.sessions,
        settings: hub.settings,
        openChannels: () => hub.channels.openCount(),
        stopProductApi: lifecycle.stop,
        startProductApi: lifecycle.start,
        restart: lifecycle.restart,
        async stop() {
            await lifecycle.stop();
            await control.close();
        }
    };
}
