// The real controller in Node: Salesforce's side is the Open CTI emulator behind the faithful
// library stand-in, the phone system is the real simulator over TLS. Used by the controller
// tests and by the Open CTI budget benchmark.
import { derivePlatformNames } from '../../src/core/opencti-host/adapter/platformNames';
import { MemoryStore, type KeyValueStore } from '../../src/core/telephony/storage/keyValueStore';
import { BroadcastChannel } from 'node:worker_threads';
import type { LockManagerLike } from '../../src/core/telephony/tabs/leadership';
import { MemoryLockManager } from './memoryLockManager';
import { tabChannel, type TabChannel } from '../../src/core/telephony/tabs/tabChannel';
import type { PanelHost } from '../../src/core/opencti-host/panel/panelHost';
import { OpenCtiClient } from '../../src/core/opencti-host/opencti/openCtiClient';
import type {
    PhoneWindowIdentitySource,
    PhoneWindowOpener
} from '../../src/core/opencti-host/popout/phoneWindow';
import { SoftphoneController } from '../../src/core/opencti-host/controller';
import { extras } from '../../src/core/extras/extras';
import type { Extras } from '../../src/core/opencti-host/hostSession';
import { createSuiteClient } from '../../src/core/suite/client';
import type { Simulator } from '../../src/stand-ins/suite-simulator/simulator';
import { OpenCtiEmulator } from '../../src/stand-ins/opencti-emulator/emulator';
import {
    createInProcessOpenCti,
    type InProcessOpenCti
} from '../../src/stand-ins/opencti-emulator/inProcessOpenCti';
import { nodeFetch, nodeWebSocket } from './nodeTransport';

export interface ControllerHarness {
    controller: SoftphoneController;
    emulator: OpenCtiEmulator;
    opencti: InProcessOpenCti;
    openCti: OpenCtiClient;
    storage: KeyValueStore;
    state(): SoftphonePanelState;
    intent(intent: SoftphoneIntent): void;
    until<T>(check: () => T | undefined | false, timeoutMs?: number): Promise<T>;
    /**
     * Resolves once this tab's Task log queue is empty and idle: no save is waiting (for a retry
     * or for an interrupted save to settle) or running, so no further Task can appear for the
     * calls logged so far. The moment to count Tasks.
     */
    taskLogSettled(timeoutMs?: number): Promise<void>;
    stop(): void;
}

export interface HarnessOptions {
    simulator: Simulator;
    settings?: Record<string, string>;
    agentEmail?: string;
    storage?: KeyValueStore;
    locks?: LockManagerLike;
    emulator?: OpenCtiEmulator;
    visible?: boolean;
    focused?: boolean;
    start?: boolean;
    /** Talk to the other harnesses of the process like tabs of one browser (BroadcastChannel). */
    tabs?: boolean;
    /** Opens the channel between tabs instead (for a browser that refuses BroadcastChannel). */
    openTabChannel?: (name: string) => TabChannel;
    /** The controller's clock (epoch ms); the real one by default. */
    now?: () => number;
    /** The phone window's identity source: this harness is the phone window. */
    phoneWindow?: PhoneWindowIdentitySource;
    /** What opens the phone window from this (Lightning) tab. */
    phoneWindowOpener?: PhoneWindowOpener;
    /** Loads the second part of the core; by default at once, as a page that has it cached. */
    loadExtras?: () => Promise<Extras>;
    /** Settles when the panel is on the page (Lightning Out still creating it); by default it is there. */
    panelShown?: Promise<void>;
}

export async function startController(options: HarnessOptions): Promise<ControllerHarness> {
    const emulator = options.emulator ?? new OpenCtiEmulator({ agentEmail: options.agentEmail });
    Object.assign(emulator.settings, {
        '/mivoiceSuite/suiteHost': 'localhost',
        '/mivoiceSuite/suitePort': String(options.simulator.port),
        ...options.settings
    });
    const opencti = createInProcessOpenCti(emulator);
    const openCti = new OpenCtiClient(opencti.api as unknown as Record<string, unknown>);
    const storage = options.storage ?? new MemoryStore();
    let latest: SoftphonePanelState | undefined;
    let intentHandler: ((intent: SoftphoneIntent) => void) | undefined;
    const panel: PanelHost = {
        render: (state) => {
            latest = state;
        },
        onIntent: (handler) => {
            intentHandler = handler;
        },
        shown: options.panelShown
    };
    const ca = options.simulator.ca.certPem;
    const controller = new SoftphoneController({
        opencti: openCti,
        loadExtras: options.loadExtras ?? (async () => extras),
        panel,
        names: derivePlatformNames('/resource/1/SoftphoneCore'),
        storage,
        // Tabs sharing one MemoryLockManager each get a client id of their own, as browser tabs do.
        locks:
            options.locks instanceof MemoryLockManager
                ? options.locks.forTab()
                : (options.locks ?? new MemoryLockManager()),
        isVisible: () => options.visible ?? true,
        hasFocus: () => options.focused ?? true,
        saveTimeoutMs: 2000,
        now: options.now,
        openTabChannel:
            options.openTabChannel ??
            (options.tabs ? (name) => tabChannel(new BroadcastChannel(name)) : undefined),
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
        openCti,
        storage,
        state: () => latest ?? controller.snapshot(),
        intent: (intent) => intentHandler?.(intent),
        until,
        taskLogSettled: async (timeoutMs = 15_000) => {
            await until(() => controller.taskLogIdle(), timeoutMs);
        },
        stop: () => controller.stop()
    };
}
