import { LightningElement, api } from 'lwc';
import { LABELS, formatLabel } from 'c/softphoneLabels';
import { objectLabel } from 'c/softphoneRecordInfo';
import { startTicker } from 'c/softphoneClock';
import { emitIntent } from 'c/softphoneIntent';

/** Quiet time after the last keystroke in the subject before it goes to the core, as for the notes. */
export const SUBJECT_DEBOUNCE_MS = 600;
/** Task.Subject holds up to 255 characters. */
export const SUBJECT_MAX_LENGTH = 255;

type FieldEvent = CustomEvent<{ value?: string }>;
type NotesElement = HTMLElement & { notes: string; commit(): void };

interface ResultOption {
    label: string;
    value: string;
}

/**
 * After-call work for one ended call: notes, call result, subject and the linked record, then Done.
 * Each edit goes to the core as it is made (so another tab, or the auto-close, saves it); Done carries
 * the fields that still differ from the snapshot, so nothing typed a moment before is lost.
 */
export default class WrapUpForm extends LightningElement {
    labels = LABELS;
    subjectMaxLength = SUBJECT_MAX_LENGTH;
    subjectDraft = '';
    resultDraft = '';
    doneSent = false;
    now = Date.now();

    private current?: SoftphoneCallView;
    private subjectFocused = false;
    private subjectPending?: ReturnType<typeof setTimeout>;
    private resultPicked = false;
    private stopTicker?: () => void;

    @api
    get call(): SoftphoneCallView | undefined {
        return this.current;
    }
    set call(value: SoftphoneCallView | undefined) {
        const previousId = this.current?.callId;
        if (value?.callId !== previousId) {
            this.flushSubject();
            this.doneSent = false;
            this.resultPicked = false;
            this.subjectFocused = false;
        }
        this.current = value;
        const wrapUp = value?.wrapUp;
        if (!this.editingSubject) this.subjectDraft = wrapUp?.subject ?? '';
        // A pick shows at once; the snapshot takes over again once it echoes the pick.
        if (!this.resultPicked || wrapUp?.result === this.resultDraft) {
            this.resultPicked = false;
            this.resultDraft = wrapUp?.result ?? '';
        }
        this.now = Date.now();
        this.syncTicker();
    }

    override connectedCallback(): void {
        this.syncTicker();
    }

    override disconnectedCallback(): void {
        this.flushSubject();
        this.stopTicker?.();
        this.stopTicker = undefined;
    }

    get callId(): string {
        return this.current?.callId ?? '';
    }

    get notes(): string {
        return this.current?.notes ?? '';
    }

    private get wrapUp(): SoftphoneWrapUp | undefined {
        return this.current?.wrapUp;
    }

    get hasResults(): boolean {
        return (this.wrapUp?.resultChoices.length ?? 0) > 0;
    }

    get resultOptions(): ResultOption[] {
        const choices = this.wrapUp?.resultChoices ?? [];
        return [
            { label: LABELS.wrapUpNoResult, value: '' },
            ...choices.map((choice) => ({ label: choice, value: choice }))
        ];
    }

    get linkedRecord(): SoftphoneRecordRef | undefined {
        return this.wrapUp?.linkedRecord;
    }

    get linkedRecordType(): string {
        const record = this.linkedRecord;
        return record ? objectLabel(record) : '';
    }

    get linkedRecordTitle(): string {
        const record = this.linkedRecord;
        return record ? formatLabel(LABELS.historyOpenRecord, { name: record.name }) : '';
    }

    get hasCountdown(): boolean {
        return this.wrapUp?.closesAt !== undefined;
    }

    get countdownText(): string {
        const closesAt = this.wrapUp?.closesAt;
        if (closesAt === undefined) return '';
        const seconds = Math.ceil((closesAt - this.now) / 1000);
        return seconds > 0 ? formatLabel(LABELS.wrapUpClosesIn, { seconds }) : LABELS.wrapUpClosing;
    }

    handleSubjectFocus(): void {
        this.subjectFocused = true;
    }

    handleSubjectBlur(): void {
        this.subjectFocused = false;
        this.flushSubject();
    }

    handleSubjectChange(event: FieldEvent): void {
        this.subjectDraft = event.detail?.value ?? '';
        this.cancelSubjectPending();
        // eslint-disable-next-line @lwc/lwc/no-async-operation -- debounce: one edit per pause in typing, not per keystroke
        this.subjectPending = setTimeout(() => this.flushSubject(), SUBJECT_DEBOUNCE_MS);
    }

    handleResultChange(event: FieldEvent): void {
        const value = event.detail?.value ?? '';
        if (value === this.resultDraft) return;
        this.resultDraft = value;
        this.resultPicked = true;
        if (this.callId)
            emitIntent(this, { type: 'wrapupchange', callId: this.callId, field: 'result', value });
    }

    handleOpenRecord(): void {
        const record = this.linkedRecord;
        if (record) emitIntent(this, { type: 'openrecord', recordId: record.recordId });
    }

    handleDone(): void {
        const call = this.current;
        const wrapUp = call?.wrapUp;
        if (!call || !wrapUp || this.doneSent) return;
        const notesField = this.template?.querySelector<NotesElement>('c-softphone-notes');
        notesField?.commit();
        this.flushSubject();
        const changes: SoftphoneWrapUpChanges = {};
        const notes = notesField ? notesField.notes : call.notes;
        if (notes !== call.notes) changes.notes = notes;
        if (this.resultDraft !== wrapUp.result) changes.result = this.resultDraft;
        if (this.subjectDraft !== wrapUp.subject) changes.subject = this.subjectDraft;
        this.doneSent = true;
        emitIntent(this, { type: 'wrapupdone', callId: call.callId, changes });
    }

    private get editingSubject(): boolean {
        return this.subjectFocused || this.subjectPending !== undefined;
    }

    private flushSubject(): void {
        if (this.subjectPending === undefined) return;
        this.cancelSubjectPending();
        if (this.callId)
            emitIntent(this, {
                type: 'wrapupchange',
                callId: this.callId,
                field: 'subject',
                value: this.subjectDraft
            });
    }

    private cancelSubjectPending(): void {
        if (this.subjectPending !== undefined) clearTimeout(this.subjectPending);
        this.subjectPending = undefined;
    }

    /** The countdown ticks only while an auto-close deadline is set and the form is on the page. */
    private syncTicker(): void {
        const wanted = this.isConnected && this.hasCountdown;
        if (wanted && !this.stopTicker) {
            this.stopTicker = startTicker(() => {
                this.now = Date.now();
            });
        } else if (!wanted && this.stopTicker) {
            this.stopTicker();
            this.stopTicker = undefined;
        }
    }
}
