// The whole workbench in one process: the Suite simulator, the Open CTI emulator (Salesforce's side)
// and the web server for the emulated console and the softphone frame. `npm start`, the
// end-to-end tests and the benchmarks all start it here.
import { callControl } from '../stand-ins/suite-simulator/controlClient';
import { loadDevCa } from '../stand-ins/dev-machine/devCa';
import { startSimulator, type Simulator } from '../stand-ins/suite-simulator/simulator';
import { OpenCtiEmulator, type EmulatorOptions } from '../stand-ins/opencti-emulator/emulator';
import { startWorkbench, type Workbench, type WorkbenchOptions } from './server/workbenchServer';
import {
    LISTED_REQUESTS,
    LISTED_TASKS,
    type OpenCtiState,
    type PhoneSystemPanel
} from './server/workbenchState';

export interface StackOptions {
    /** Port of the console and softphone pages (0: any free port). */
    port?: number;
    suitePort?: number;
    controlPort?: number;
    /** Host name of the emulated Lightning console, e.g. acme.lightning.force.com (must resolve to loopback). */
    consoleHost?: string;
    softphoneHost?: string;
    agentExtension?: string;
    emulator?: EmulatorOptions;
    suiteSelfSigned?: boolean;
    /** More names the Suite's certificate is issued for (it always covers localhost). */
    suiteHostnames?: string[];
    /** Serve the softphone as a namespaced (managed) package would be: resource, Apex and app names. */
    namespace?: string;
}

export interface Stack {
    simulator: Simulator;
    emulator: OpenCtiEmulator;
    workbench: Workbench;
    spkiSha256: string;
    stop(): Promise<void>;
}

/** The workbench pages' view of the Open CTI emulator (Salesforce's side), whichever phone system is behind. */
export function openCtiBinding(emulator: OpenCtiEmulator): WorkbenchOptions['opencti'] {
    return {
        handle: (method, args) => emulator.handle(method, args),
        state: (): OpenCtiState => ({
            agentEmail: emulator.agentEmail,
            settings: emulator.settings,
            records: emulator.records,
            requestCount: emulator.requests.length,
            requests: emulator.requests
                .slice(-LISTED_REQUESTS)
                .map((request) => ({ method: request.method, at: request.at })),
            taskCount: emulator.tasks.size,
            tasks: [...emulator.tasks.values()].slice(-LISTED_TASKS)
        }),
        updateSettings(values) {
            for (const [key, value] of Object.entries(values)) {
                if (key === 'agentEmail') emulator.agentEmail = String(value);
                else if (key.startsWith('/')) emulator.settings[key] = String(value);
            }
        }
    };
}

/** The simulated Suite as the caller panel shows it. */
const SUITE_PANEL: PhoneSystemPanel = {
    name: 'Suite',
    summary: 'The simulated MiVoice Office Application Suite: the agent on extension 2001, hunt group 2100.',
    hostLabel: 'Suite host',
    stations: [],
    actions: [
        { id: 'answered-elsewhere', label: 'Answered elsewhere' },
        { id: 'answer', label: 'Far end answers' },
        { id: 'hangup', label: 'Far end hangs up' },
        { id: 'busy', label: 'Far end busy' },
        { id: 'drop-sockets', label: 'Drop Suite connection' },
        { id: 'stop', label: 'Stop Suite' },
        { id: 'start', label: 'Start Suite' }
    ]
};

export async function startStack(options: StackOptions = {}): Promise<Stack> {
    const consoleHost = options.consoleHost ?? 'localhost';
    const softphoneHost = options.softphoneHost ?? '127.0.0.1';
    const extension = options.agentExtension ?? '2001';
    const ca = loadDevCa();
    const simulator = await startSimulator({
        port: options.suitePort ?? 0,
        controlPort: options.controlPort ?? 0,
        selfSigned: options.suiteSelfSigned,
        hostnames: ['localhost', '127.0.0.1', '::1', ...(options.suiteHostnames ?? [])]
    });
    const emulator = new OpenCtiEmulator({ ...options.emulator, namespace: options.namespace });
    emulator.settings['/mivoiceSuite/suiteHost'] =
        options.emulator?.settings?.['/mivoiceSuite/suiteHost'] ?? 'localhost';
    emulator.settings['/mivoiceSuite/suitePort'] =
        options.emulator?.settings?.['/mivoiceSuite/suitePort'] ?? String(simulator.port);

    const newestLiveCall = () =>
        [...simulator.model.legs.values()]
            .filter((leg) => leg.extension === extension && leg.state !== 'cleared')
            .at(-1);

    const workbench = await startWorkbench({
        port: options.port ?? 0,
        tls: ca.issue([...new Set([consoleHost, softphoneHost, 'localhost', '127.0.0.1'])]),
        consoleOrigin: (port) => `https://${consoleHost}:${port}`,
        softphoneOrigin: (port) => `https://${softphoneHost}:${port}`,
        namespace: options.namespace,
        opencti: openCtiBinding(emulator),
        phoneSystem: {
            panel: SUITE_PANEL,
            async ring(caller) {
                const leg = simulator.model.ringInbound(
                    extension,
                    { number: caller.number, name: caller.name },
                    caller.huntGroup ?? null
                );
                return { callId: leg.callId };
            },
            async remote(action) {
                switch (action) {
                    case 'drop-sockets':
                        await callControl(simulator.controlUrl, 'POST', '/_sim/ws/drop', {});
                        return { ok: true };
                    case 'stop':
                        await simulator.stopProductApi();
                        return { ok: true };
                    case 'start':
                        await simulator.startProductApi();
                        return { ok: true };
                }
                const leg = newestLiveCall();
                if (!leg) throw new Error('There is no call to act on');
                simulator.model.remote(
                    leg.callId,
                    action as 'answer' | 'hangup' | 'busy' | 'no-answer' | 'answered-elsewhere'
                );
                return { ok: true, callId: leg.callId };
            }
        }
    });
    simulator.settings.allowedOrigins = [`https://${softphoneHost}:${workbench.port}`];
    return {
        simulator,
        emulator,
        workbench,
        spkiSha256: ca.spkiSha256,
        async stop() {
            await workbench.stop();
            await simulator.stop();
        }
    };
}
