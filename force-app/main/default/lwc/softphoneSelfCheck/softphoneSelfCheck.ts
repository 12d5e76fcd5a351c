import { LightningElement, api } from 'lwc';
import { LABELS, formatLabel } from 'c/softphoneLabels';
import { messageText } from 'c/softphoneMessages';
import { emitIntent } from 'c/softphoneIntent';

const LINK_LABELS: Record<SoftphoneCheckId, string> = {
    inSoftphone: LABELS.checkInSoftphone,
    openCti: LABELS.checkOpenCti,
    userEmail: LABELS.checkUserEmail,
    settings: LABELS.checkSettings,
    localNetwork: LABELS.checkLocalNetwork,
    suiteReachable: LABELS.checkSuiteReachable,
    suiteVersion: LABELS.checkSuiteVersion,
    apiKey: LABELS.checkApiKey,
    userFound: LABELS.checkUserFound,
    licence: LABELS.checkLicence,
    primaryExtension: LABELS.checkPrimaryExtension,
    eventChannel: LABELS.checkEventChannel,
    pbxLink: LABELS.checkPbxLink
};

const RESULT_LOOK: Record<SoftphoneCheck['result'], { icon: string; variant: string; text: string }> = {
    pass: { icon: 'utility:success', variant: 'success', text: LABELS.checkPassed },
    fail: { icon: 'utility:error', variant: 'error', text: LABELS.checkFailed },
    notChecked: { icon: 'utility:dash', variant: '', text: LABELS.checkNotChecked }
};

interface LinkItem {
    key: string;
    label: string;
    icon: string;
    variant: string;
    resultText: string;
    detail: string;
    /** What a passed link means: how the agent signed in and what that allows, a setting to tidy. */
    note: string;
    remedy: string;
}

/** The self-check view: each link from the panel to the phone system, green or red with the remedy. */
export default class SelfCheck extends LightningElement {
    @api selfCheck: SoftphoneSelfCheck | undefined;

    labels = LABELS;

    get running(): boolean {
        return this.selfCheck?.running ?? false;
    }

    get links(): LinkItem[] {
        return (this.selfCheck?.checks ?? []).map((check) => {
            const look = RESULT_LOOK[check.result];
            return {
                key: check.id,
                label: LINK_LABELS[check.id],
                icon: look.icon,
                variant: look.variant,
                resultText: look.text,
                detail: check.detail ?? '',
                note: check.result === 'pass' && check.note ? messageText(check.note) : '',
                remedy: check.result === 'fail' && check.message ? messageText(check.message) : ''
            };
        });
    }

    get diagnostics(): { key: string; text: string }[] {
        return (this.selfCheck?.diagnostics ?? []).map((entry, index) => ({
            key: `${index}-${entry.at}`,
            text: formatLabel(LABELS.checkDiagnosticEntry, {
                time: new Date(entry.at).toLocaleTimeString(),
                operation: entry.operation,
                detail: entry.detail
            })
        }));
    }

    get hasDiagnostics(): boolean {
        return (this.selfCheck?.diagnostics?.length ?? 0) > 0;
    }

    /** One line for the live region: still running, the first link that failed, or the outcome. */
    get summary(): string {
        if (this.running) return LABELS.checkRunning;
        const checks = this.selfCheck?.checks ?? [];
        const failed = checks.find((check) => check.result === 'fail');
        if (failed) return formatLabel(LABELS.checkFirstFailure, { link: LINK_LABELS[failed.id] });
        return checks.every((check) => check.result === 'pass')
            ? LABELS.checkAllPassed
            : LABELS.checkIncomplete;
    }

    handleRunAgain(): void {
        emitIntent(this, { type: 'selfcheck' });
    }

    handleClose(): void {
        emitIntent(this, { type: 'closeselfcheck' });
    }
}
