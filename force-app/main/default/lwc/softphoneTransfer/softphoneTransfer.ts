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

    get transferDisabled(): boolean {
        return !this.canTransfer || !this.target;
    }

    get consultDisabled(): boolean {
        return !this.canConsult || !this.target;
    }

    handleTargetChange(event: FieldEvent): void {
        const typed = event.detail?.value ?? '';
        this.target = cleanDialString(typed);
        if (this.target !== typed) {
            (event.target as HTMLInputElement).value = this.target;
        }
    }

    handleTransfer(): void {
        if (this.transferDisabled) return;
        emitIntent(this, { type: 'transfer', callId: this.callId, to: this.target });
        this.target = '';
    }

    handleConsult(): void {
        if (this.consultDisabled) return;
        emitIntent(this, { type: 'consult', callId: this.callId, to: this.target });
        this.target = '';
    }
}
