// The real controller in Node: Salesforce's side is the Open CTI emulator behind the faithful
// library stand-in, the phone system is the real simulator over TLS. Used by the controller
// tests and by the Open CTI budget benchmark.
import { derivePlatformNames } from '../../src/core/adapter/platformNames';
import { MemoryStore } from '../../src/core/durability/keyValueStore';
import { BroadcastChannel } from 'node:worker_threads';
import { MemoryLockManager } from '../../src/core/durability/leadership';
import { tabChannel } from '../../src/core/durability/sharedSuiteClient';
import type { PanelHost } from '../../src/core/host/panelHost';
import { OpenCtiBridge } from '../../src/core/opencti/bridge';
import type { PhoneWindowIdentitySource, PhoneWindowOpener } from '../../src/core/popout/phoneWindow';
import { SoftphoneController } from '../../src/core/softphone/controller';
import { createSuiteClient } from '../../src/core/suite/client';
import type { Simulator } from '../../src/simulator/server';
import { OpenCtiEmulator } from '../../src/workbench/opencti-emulator/emulator';
import {
    createInProcessOpenCti,
    type InProcessOpenCti
} from '../../src/workbench/opencti-emulator/inProcessOpenCti';
import { nodeFetch, nodeWebSocket } from './nodeTransport';

export interface ControllerHarness {
    controller: SoftphoneController;
    emulator: OpenCtiEmulator;
    opencti: InProcessOpenCti;
    bridge: OpenCtiBridge;
    storage: MemoryStore;
    state(): SoftphonePanelState;
    intent(intent: SoftphoneIntent): void;
    until<T>(check: () => T | undefined | false, timeoutMs?: number): Promise<T>;
    stop(): void;
}

export interface HarnessOptions {
    simulator: Simulator;
    settings?: Record<string, string>;
    agentEmail?: string;
    storage?: MemoryStore;
    locks?: MemoryLockManager;
    emulator?: OpenCtiEmulator;
    visible?: boolean;
    focused?: boolean;
    start?: boolean;
    /** Talk to the other harnesses of the process like tabs of one browser (BroadcastChannel). */
    tabs?: boolean;
    /** The phone window's identity source: this harness is the phone window. */
    phoneWindow?: PhoneWindowIdentitySource;
    /** What opens the phone window from this (Lightning) tab. */
    phoneWindowOpener?: PhoneWindowOpener;
}

export async function startController(options: HarnessOptions): Promise<ControllerHarness> {
    const emulator = options.emulator ?? new OpenCtiEmulator({ agentEmail: options.agentEmail });
    Object.assign(emulator.settings, {
        '/mivoiceSuite/suiteHost': 'localhost',
        '/mivoiceSuite/suitePort': String(options.simulator.port),
        ...options.settings
    });
    const opencti = createInProcessOpenCti(emulator);
    const bridge = new OpenCtiBridge(opencti.api as unknown as Record<string, unknown>);
    const storage = options.storage ?? new MemoryStore();
    let latest: SoftphonePanelState | undefined;
    let intentHandler: ((intent: SoftphoneIntent) => void) | undefined;
    const panel: PanelHost = {
        render: (state) => {
            latest = state;
        },
        onIntent: (handler) => {
            intentHandler = handler;
        }
    };
    const ca = options.simulator.ca.certPem;
    const controller = new SoftphoneController({
        opencti: bridge,
        panel,
        names: derivePlatformNames('/resource/1/SoftphoneCore'),
        storage,
        locks: options.locks?.forTab() ?? new MemoryLockManager(),
        isVisible: () => options.visible ?? true,
        hasFocus: () => options.focused ?? true,
        saveTimeoutMs: 2000,
        openTabChannel: options.tabs ? (name) => tabChannel(new BroadcastChannel(name)) : undefined,
        phoneWindow: options.phoneWindow,
        phoneWindowOpener: options.phoneWindowOpener,
        createSuite: (connection) =>
            createSuiteClient({
                ...connection,
                fetch: nodeFetch(ca),
                webSocket: nodeWebSocket(ca),
                backoff: { baseMs: 50, maxMs: 500 }
            })
    });
    if (options.start !== false) await controller.start();
    const until = <T>(check: () => T | undefined | false, timeoutMs = 5000) =>
        new Promise<T>((resolve, reject) => {
            const started = Date.now();
            const poll = () => {
                const value = check();
                if (value) return resolve(value);
                if (Date.now() - started > timeoutMs)
                    return reject(new Error(`timed out; state ${JSON.stringify(latest?.status)}`));
                setTimeout(poll, 5);
            };
            poll();
        });
    return {
        controller,
        emulator,
        opencti,
        bridge,
        storage,
        state: () => latest ?? controller.snapshot(),
        intent: (intent) => intentHandler?.(intent),
        until,
        stop: () => controller.stop()
    };
}
