import { LightningElement, api } from 'lwc';
import { LABELS } from 'c/softphoneLabels';
import { cleanDialString } from 'c/softphoneNumber';
import { emitIntent } from 'c/softphoneIntent';

type FieldEvent = CustomEvent<{ value?: string }>;

/** Where to transfer a call: a number field, then a blind transfer or a consult call first. */
export default class SoftphoneTransfer extends LightningElement {
    @api callId = '';
    @api canTransfer = false;
    @api canConsult = false;

    labels = LABELS;
    target = '';

    /** The target as dialled: the field as typed or pasted, cleaned of formatting. */
    get to(): string {
        return cleanDialString(this.target);
    }

    get transferDisabled(): boolean {
        return !this.canTransfer || !this.to;
    }

    get consultDisabled(): boolean {
        return !this.canConsult || !this.to;
    }

    handleTargetChange(event: FieldEvent): void {
        this.target = event.detail?.value ?? '';
    }

    handleTransfer(): void {
        if (this.transferDisabled) return;
        emitIntent(this, { type: 'transfer', callId: this.callId, to: this.to });
        this.target = '';
    }

    handleConsult(): void {
        if (this.consultDisabled) return;
        emitIntent(this, { type: 'consult', callId: this.callId, to: this.to });
        this.target = '';
    }
}
