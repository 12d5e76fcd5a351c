import { LightningElement, api } from 'lwc';
import { LABELS } from 'c/softphoneLabels';
import { hasDialableInput } from 'c/softphoneNumber';
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
        return !this.canTransfer || !hasDialableInput(this.target);
    }

    get consultDisabled(): boolean {
        return !this.canConsult || !hasDialableInput(this.target);
    }

    handleTargetChange(event: FieldEvent): void {
        this.target = event.detail?.value ?? '';
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
