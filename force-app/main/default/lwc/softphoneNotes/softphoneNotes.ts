import { LightningElement, api } from 'lwc';
import { LABELS } from 'c/softphoneLabels';
import { emitIntent } from 'c/softphoneIntent';

/** Quiet time after the last keystroke before the notes go to the core, which persists them. */
export const NOTES_DEBOUNCE_MS = 600;
/** Task.Description holds up to 32,000 characters. */
export const NOTES_MAX_LENGTH = 32000;

type FieldEvent = CustomEvent<{ value?: string }>;

/**
 * The agent's notes for one call. While the agent is typing, the local draft wins over the
 * snapshots that echo older text back; otherwise the snapshot is the truth (for example after a reload).
 */
export default class SoftphoneNotes extends LightningElement {
    labels = LABELS;
    maxLength = NOTES_MAX_LENGTH;
    draft = '';

    private currentCallId = '';
    private focused = false;
    private pending?: ReturnType<typeof setTimeout>;

    @api
    get callId(): string {
        return this.currentCallId;
    }
    set callId(value: string) {
        if (value !== this.currentCallId) {
            this.flush();
            this.currentCallId = value;
        }
    }

    @api
    get notes(): string {
        return this.draft;
    }
    set notes(value: string | undefined) {
        if (!this.editing) this.draft = value ?? '';
    }

    /** Sends the notes typed and not yet sent at once (the wrap-up form's Done calls it first). */
    @api
    commit(): void {
        this.flush();
    }

    override disconnectedCallback(): void {
        // Best effort: whether an event from a departing element still reaches the host depends on the engine.
        this.flush();
    }

    handleFocus(): void {
        this.focused = true;
    }

    handleBlur(): void {
        this.focused = false;
        this.flush();
    }

    handleChange(event: FieldEvent): void {
        this.draft = event.detail?.value ?? '';
        this.cancelPending();
        // eslint-disable-next-line @lwc/lwc/no-async-operation -- debounce: one notes intent per pause in typing, not per keystroke
        this.pending = setTimeout(() => this.flush(), NOTES_DEBOUNCE_MS);
    }

    private get editing(): boolean {
        return this.focused || this.pending !== undefined;
    }

    private flush(): void {
        if (this.pending === undefined) return;
        this.cancelPending();
        if (this.currentCallId)
            emitIntent(this, { type: 'notes', callId: this.currentCallId, text: this.draft });
    }

    private cancelPending(): void {
        if (this.pending !== undefined) clearTimeout(this.pending);
        this.pending = undefined;
    }
}
