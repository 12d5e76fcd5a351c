import { LightningElement, api } from 'lwc';
import { LABELS, formatLabel } from 'c/softphoneLabels';
import { hasDialableInput } from 'c/softphoneNumber';
import { emitIntent } from 'c/softphoneIntent';

const KEYS = ['1', '2', '3', '4', '5', '6', '7', '8', '9', '*', '0', '#'];

type FieldEvent = CustomEvent<{ value?: string }>;

interface RecentItem {
    number: string;
    label: string;
}

/** Number field, dial pad and recent numbers. Enter in the field dials. */
export default class SoftphoneDialer extends LightningElement {
    @api recentNumbers: string[] = [];
    /** True while a call cannot be placed (the softphone is not ready). */
    @api disabled = false;
    /** Fold the keypad and recent numbers away (calls are on screen); the agent can open them. */
    @api collapsed = false;

    labels = LABELS;
    keys = KEYS;
    number = '';
    keypadOpen = false;

    get dialDisabled(): boolean {
        return this.disabled || !hasDialableInput(this.number);
    }

    get showKeypad(): boolean {
        return !this.collapsed || this.keypadOpen;
    }

    get keypadToggleLabel(): string {
        return this.keypadOpen ? LABELS.dialerHideKeypad : LABELS.dialerShowKeypad;
    }

    get keypadExpanded(): string {
        return String(this.keypadOpen);
    }

    get recentItems(): RecentItem[] {
        return (this.recentNumbers ?? []).map((number) => ({
            number,
            label: formatLabel(LABELS.dialerCallNumber, { number })
        }));
    }

    get hasRecent(): boolean {
        return this.recentItems.length > 0;
    }

    get deleteDisabled(): boolean {
        return !this.number;
    }

    /** The field keeps what the agent typed or pasted; the core turns it into the dial string. */
    handleNumberChange(event: FieldEvent): void {
        this.number = event.detail?.value ?? '';
    }

    handleNumberKeyDown(event: KeyboardEvent): void {
        if (event.key === 'Enter') {
            event.preventDefault();
            this.dial(this.number);
        }
    }

    handleKey(event: Event): void {
        const key = (event.currentTarget as HTMLElement).dataset.key ?? '';
        this.number += key;
    }

    handleDeleteDigit(): void {
        this.number = this.number.slice(0, -1);
    }

    handleDial(): void {
        this.dial(this.number);
    }

    handleRecent(event: Event): void {
        const number = (event.currentTarget as HTMLElement).dataset.number ?? '';
        this.dial(number);
    }

    handleToggleKeypad(): void {
        this.keypadOpen = !this.keypadOpen;
    }

    private dial(number: string): void {
        if (this.disabled || !hasDialableInput(number)) return;
        emitIntent(this, { type: 'dial', number });
        this.number = '';
    }
}
