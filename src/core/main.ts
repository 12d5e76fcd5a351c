// The browser entry, bundled into the SoftphoneCore static resource: window.MiVoiceSoftphone.bootAdapterPage.
import { bootAdapterPage, type AdapterPageOptions } from './opencti-host/adapter/bootAdapterPage';
import type { PlatformNames } from './opencti-host/adapter/platformNames';
import { trackActiveTab } from './opencti-host/pops/activeTab';
import type { KeyValueStore } from './telephony/storage/keyValueStore';
import type { LockManagerLike } from './telephony/tabs/leadership';
import { ResilientStore } from './telephony/storage/resilientStore';
import { tabChannel } from './telephony/tabs/tabChannel';
import { createDeferredPanelHost, type PanelHost } from './opencti-host/panel/panelHost';
import { OpenCtiClient, type OpenCtiApi } from './opencti-host/opencti/openCtiClient';
import { isPhoneWindow, phoneWindowIdentity, phoneWindowOpener } from './opencti-host/popout/phoneWindow';
import { SoftphoneController } from './opencti-host/controller';
import { wakeOnReturn } from './opencti-host/wakeOnReturn';
import { createSuiteClient } from './suite/client';
import type { WebSocketLike } from './suite/types';
import { scriptPart } from './opencti-host/adapter/scriptPart';
import type { BrowserExtras } from './extras/extras';

export interface StartOptions {
    opencti: OpenCtiApi;
    /** Where the panel is drawn: a deferred host when Lightning Out is still creating the element. */
    panel: PanelHost;
    names: PlatformNames;
    /** `{!$Resource.SoftphoneExtras}`: the second part of the core. */
    extrasUrl: string;
}

export interface SoftphoneHandle {
    controller: SoftphoneController;
    openCti: OpenCtiClient;
    stop(): void;
}

function browserStorage(): KeyValueStore {
    try {
        return window.localStorage;
    } catch (error) {
        // Storage denied (privacy settings): every access fails, so the ResilientStore around it
        // works in memory from the first use, and the agent is told.
        const refuse = (): never => {
            throw error;
        };
        return {
            getItem: refuse,
            setItem: refuse,
            removeItem: refuse,
            key: refuse,
            get length(): number {
                return refuse();
            }
        };
    }
}

export function start(options: StartOptions): SoftphoneHandle {
    // The phone window has no Open CTI parent: its client has no method at all, so nothing reaches Open CTI.
    const phoneWindow = isPhoneWindow(window);
    const openCti = new OpenCtiClient(phoneWindow ? {} : options.opencti);
    // Quota or denial later on never stops a call or a save: the store falls back to memory.
    const storage = new ResilientStore(browserStorage());
    const loadExtras = scriptPart(document, options.extrasUrl, () => window.MiVoiceSoftphoneExtras);
    // Asked only when the Suite does not answer: the browser's permission state, from the second part.
    let localNetwork: ReturnType<BrowserExtras['localNetworkAccess']> | undefined;
    const controller = new SoftphoneController({
        opencti: openCti,
        loadExtras,
        panel: options.panel,
        names: options.names,
        storage,
        locks: (navigator as Navigator & { locks?: LockManagerLike }).locks,
        isVisible: () => document.visibilityState === 'visible',
        isOnline: () => navigator.onLine,
        // Pops go to the Lightning tab the agent used last, never to the phone window.
        hasFocus: phoneWindow ? () => false : trackActiveTab(storage),
        phoneWindow: phoneWindow ? phoneWindowIdentity(window) : undefined,
        phoneWindowOpener: phoneWindow ? undefined : phoneWindowOpener(window),
        openTabChannel:
            typeof BroadcastChannel === 'function'
                ? (name) => tabChannel(new BroadcastChannel(name))
                : undefined,
        createSuite: (connection) =>
            createSuiteClient({
                ...connection,
                fetch: window.fetch.bind(window),
                webSocket: (url) => new WebSocket(url) as unknown as WebSocketLike,
                async localNetworkRefusal(host) {
                    const extras = await loadExtras();
                    localNetwork ??= extras.localNetworkAccess(extras.browserLocalNetwork());
                    const verdict = await localNetwork.verdict(host);
                    return verdict.kind === 'refused'
                        ? { origin: verdict.origin, permission: `${verdict.permission}: ${verdict.state}` }
                        : undefined;
                }
            })
    });
    void controller.start();
    wakeOnReturn({ window, document }, () => controller.wake());
    // A closing tab hands its leadership on and closes its Suite session instead of leaving it to expire.
    window.addEventListener('pagehide', (event) => {
        if (!event.persisted) controller.stop();
    });
    return { controller, openCti, stop: () => controller.stop() };
}

/**
 * Set by the build: true in the workbench's bundle, false in the SoftphoneCore static resource,
 * where the running controller (and through it the call center's API key) must not be in reach of
 * every script of the page.
 */
declare const MIVOICE_DIAGNOSTIC_HANDLE: boolean;

declare global {
    interface Window {
        MiVoiceSoftphone: {
            bootAdapterPage(options: AdapterPageOptions): void;
            /** Workbench builds only. */
            start?: typeof start;
            /** The running softphone of this page, for diagnostics in the workbench; workbench builds only. */
            current?: SoftphoneHandle;
        };
    }
}

window.MiVoiceSoftphone = {
    bootAdapterPage(options) {
        bootAdapterPage(options, (names) => {
            const panel = createDeferredPanelHost();
            const handle = start({
                opencti: (window.sforce?.opencti ?? {}) as OpenCtiApi,
                panel,
                names,
                extrasUrl: options.extrasUrl
            });
            if (MIVOICE_DIAGNOSTIC_HANDLE) window.MiVoiceSoftphone.current = handle;
            return { attach: (element) => panel.attach(element), stop: handle.stop };
        });
    }
};
if (MIVOICE_DIAGNOSTIC_HANDLE) window.MiVoiceSoftphone.start = start;
