// Where the core meets the panel: snapshots go in as one property, intents come out as DOM events.
// Bursts of changes (a snapshot after a reconnect, several call events) are pushed as one render.

export interface PanelHost {
    render(state: SoftphonePanelState): void;
    onIntent(handler: (intent: SoftphoneIntent) => void): void;
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
