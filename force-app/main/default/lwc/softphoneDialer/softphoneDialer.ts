import { LightningElement, api } from 'lwc';
import { LABELS, formatLabel } from 'c/softphoneLabels';
import { hasDialableInput } from 'c/softphoneNumber';
import { emitIntent } from 'c/softphoneIntent';

const KEYS = ['1', '2', '3', '4', '5', '6', '7', '8', '9', '*', '0', '#'];

type FieldEvent = CustomEvent<{ value?: string }>;

/**
 * Number field and dial pad. Enter in the field dials. Under the field, the number reads as the call
 * card will show it (the core's number presenter). The field keeps what was typed until the call is
 * placed, so a dial that failed can be corrected and tried again.
 */
export default class SoftphoneDialer extends LightningElement {
    /** True while a call cannot be placed (the softphone is not ready). */
    @api disabled = false;
    /** Why, while disabled: the softphone is not connected. */
    @api blockedReason = '';
    /** Fold the keypad away (calls are on screen); the agent can open it. */
    @api collapsed = false;

    labels = LABELS;
    keys = KEYS;
    number = '';
    keypadOpen = false;
    private pad: SoftphoneDialPad | undefined;

    @api
    get dialPad(): SoftphoneDialPad | undefined {
        return this.pad;
    }
    set dialPad(value: SoftphoneDialPad | undefined) {
        // A call placed from here: the number it was placed with leaves the field.
        if (value && this.pad && value.placed > this.pad.placed) this.number = '';
        this.pad = value;
    }

    get dialDisabled(): boolean {
        return this.disabled || !hasDialableInput(this.number);
    }

    /** The tooltip and accessible description of Call: why it is off, when it is. */
    get dialTitle(): string {
        if (this.disabled) return this.blockedReason || LABELS.controlNotConnected;
        return hasDialableInput(this.number) ? LABELS.dialerCall : LABELS.controlNoNumber;
    }

    /** How the number typed reads, once the core has read this very text. */
    get echoText(): string {
        const pad = this.pad;
        if (!pad?.echo || pad.input !== this.number) return '';
        const echo = formatLabel(LABELS.dialerEcho, { number: pad.echo.text });
        return pad.echo.extension
            ? `${echo}, ${formatLabel(LABELS.dialerExtension, { extension: pad.echo.extension })}`
            : echo;
    }

    /**
     * Folded by hiding, not by removing: a ringing call then does not take twelve buttons off the page
     * on its way to the screen, and the end of the call does not build them again.
     */
    get keypadHidden(): boolean {
        return this.collapsed && !this.keypadOpen;
    }

    /** The toggle is there only while the keypad can fold; like the keypad, it hides rather than goes. */
    get keypadToggleClass(): string {
        return `slds-m-left_x-small slds-m-bottom_x-small${this.collapsed ? '' : ' slds-hide'}`;
    }

    get keypadToggleLabel(): string {
        return this.keypadOpen ? LABELS.dialerHideKeypad : LABELS.dialerShowKeypad;
    }

    get keypadExpanded(): string {
        return String(this.keypadOpen);
    }

    get deleteDisabled(): boolean {
        return !this.number;
    }

    /** The field keeps what the agent typed or pasted; the core turns it into the dial string. */
    handleNumberChange(event: FieldEvent): void {
        this.setNumber(event.detail?.value ?? '');
    }

    handleNumberKeyDown(event: KeyboardEvent): void {
        if (event.key === 'Enter') {
            event.preventDefault();
            this.dial(this.number);
        }
    }

    handleKey(event: Event): void {
        const key = (event.currentTarget as HTMLElement).dataset.key ?? '';
        this.setNumber(this.number + key);
    }

    handleDeleteDigit(): void {
        this.setNumber(this.number.slice(0, -1));
    }

    handleDial(): void {
        this.dial(this.number);
    }

    handleToggleKeypad(): void {
        this.keypadOpen = !this.keypadOpen;
    }

    private setNumber(number: string): void {
        this.number = number;
        emitIntent(this, { type: 'dialinput', number });
    }

    private dial(number: string): void {
        if (this.disabled || !hasDialableInput(number)) return;
        emitIntent(this, { type: 'dial', number });
    }
}
