import { LightningElement, api } from 'lwc';
import { LABELS } from 'c/softphoneLabels';
import { messageText } from 'c/softphoneMessages';
import { emitIntent } from 'c/softphoneIntent';

interface FailedLogItem {
    key: string;
    subject: string;
    text: string;
}

/**
 * Call logs Salesforce refused, or that failed too often: each stays listed with Salesforce's
 * reason until the agent retries it (and it saves) or dismisses it (after logging the call by hand).
 */
export default class SoftphoneFailedLogs extends LightningElement {
    labels = LABELS;

    @api failedLogs: SoftphoneFailedLog[] = [];

    get items(): FailedLogItem[] {
        return (this.failedLogs ?? []).map((log) => ({
            key: log.callObject,
            subject: log.subject,
            text: messageText(log.message)
        }));
    }

    handleRetry(event: Event): void {
        emitIntent(this, { type: 'retrylog', callObject: this.callObjectOf(event) });
    }

    handleDismiss(event: Event): void {
        emitIntent(this, { type: 'dismisslog', callObject: this.callObjectOf(event) });
    }

    private callObjectOf(event: Event): string {
        return (event.currentTarget as HTMLElement).dataset.callObject ?? '';
    }
}
