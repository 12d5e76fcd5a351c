// Where the core meets the panel: snapshots go in as one property, intents come out as DOM events.
// Bursts of changes (a snapshot after a reconnect, several call events) are pushed as one render.

export interface PanelHost {
    render(state: SoftphonePanelState): void;
    onIntent(handler: (intent: SoftphoneIntent) => void): void;
    /** Settles once the panel is on the page, for a host whose element comes later; none: it is there. */
    shown?: Promise<void>;
}

/** A panel host whose element comes later: Lightning Out creates it while the softphone starts. */
export interface DeferredPanelHost extends PanelHost {
    attach(element: HTMLElement & { state?: SoftphonePanelState }): void;
}

// A record, so the compiler refuses an intent type that is missing here.
const INTENTS: Record<SoftphoneIntent['type'], true> = {
    answer: true,
    hangup: true,
    hold: true,
    retrieve: true,
    dial: true,
    dialinput: true,
    dismissnotice: true,
    transfer: true,
    consult: true,
    completetransfer: true,
    canceltransfer: true,
    pop: true,
    dnd: true,
    notes: true,
    retry: true,
    selfcheck: true,
    phonewindow: true,
    closeselfcheck: true,
    retrylog: true,
    dismisslog: true,
    pick: true,
    wrapupchange: true,
    wrapupdone: true,
    callback: true,
    openrecord: true,
    opentask: true,
    historyseen: true
};

export const INTENT_TYPES = Object.keys(INTENTS) as SoftphoneIntent['type'][];

/** The root panel element (c-softphone) takes `state` and raises intents as bubbling, composed events. */
export function createElementPanelHost(element: HTMLElement & { state?: SoftphonePanelState }): PanelHost {
    let pending: SoftphonePanelState | undefined;
    return {
        render(state) {
            const scheduled = pending !== undefined;
            pending = state;
            if (scheduled) return;
            queueMicrotask(() => {
                const latest = pending;
                pending = undefined;
                if (latest) element.state = latest;
            });
        },
        onIntent(handler) {
            for (const type of INTENT_TYPES) {
                element.addEventListener(type, (event) => {
                    const detail = (event as CustomEvent<Record<string, unknown> | null>).detail ?? {};
                    handler({ ...detail, type } as SoftphoneIntent);
                });
            }
        }
    };
}

/**
 * The softphone starts (who the agent is, the connection) while Lightning Out is still creating the
 * panel; until the element is attached, the latest state and the intent handlers wait here.
 */
export function createDeferredPanelHost(): DeferredPanelHost {
    let host: PanelHost | undefined;
    let latest: SoftphonePanelState | undefined;
    const handlers: ((intent: SoftphoneIntent) => void)[] = [];
    let showPanel = () => {};
    const shown = new Promise<void>((resolve) => (showPanel = resolve));
    return {
        shown,
        render(state) {
            if (host) host.render(state);
            else latest = state;
        },
        onIntent(handler) {
            if (host) host.onIntent(handler);
            else handlers.push(handler);
        },
        attach(element) {
            if (host) return;
            host = createElementPanelHost(element);
            for (const handler of handlers.splice(0)) host.onIntent(handler);
            if (latest) host.render(latest);
            latest = undefined;
            showPanel();
        }
    };
}
