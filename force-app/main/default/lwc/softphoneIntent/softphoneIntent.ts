// The panel's only way out: a DOM event named after the intent, which bubbles and crosses shadow
// boundaries so the host sees it on <c-softphone> whichever child raised it.
type IntentDetail<T extends SoftphonePanelIntent> = Omit<T, 'type'>;

export function emitIntent<T extends SoftphonePanelIntent>(source: EventTarget, intent: T): void {
    const { type, ...detail } = intent;
    source.dispatchEvent(
        new CustomEvent<IntentDetail<T>>(type, {
            detail: detail as IntentDetail<T>,
            bubbles: true,
            composed: true
        })
    );
}
