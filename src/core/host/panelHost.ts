// Where the core meets the panel: snapshots go in as one property, intents come out as DOM events.
// Bursts of changes (a snapshot after a reconnect, several call events) are pushed as one render.

export interface PanelHost {
    render(state: SoftphonePanelState): void;
    onIntent(handler: (intent: SoftphoneIntent) => void): void;
}

export const INTENT_TYPES: readonly SoftphoneIntent['type'][] = [
    'answer',
    'hangup',
    'hold',
    'retrieve',
    'dial',
    'transfer',
    'consult',
    'completetransfer',
    'canceltransfer',
    'pop',
    'dnd',
    'notes',
    'retry'
];

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
