import { LightningElement, api } from 'lwc';
import { LABELS, formatLabel } from 'c/softphoneLabels';
import {
    callerDetail,
    callerName,
    directionIcon,
    directionLabel,
    outcomeLabel,
    stateLabel,
    timerStart
} from 'c/softphoneCallInfo';
import { emitIntent } from 'c/softphoneIntent';

/** One call: a full card when it is the call being worked on, a one-line row otherwise. */
export default class SoftphoneCall extends LightningElement {
    @api call?: SoftphoneCallView;
    @api expanded = false;
    /** For a held call: the consult call that will transfer it. */
    @api linkedCallId?: string;
    /** Set while the softphone is not connected: why the controls are off. */
    @api blockedReason = '';

    labels = LABELS;

    get hasCall(): boolean {
        return this.call !== undefined;
    }

    get name(): string {
        return this.call ? callerName(this.call) : '';
    }

    get detail(): string {
        return this.call ? callerDetail(this.call) : '';
    }

    get inWrapUp(): boolean {
        return this.call?.wrapUp !== undefined;
    }

    get stateText(): string {
        if (!this.call) return '';
        if (this.call.outcome) return outcomeLabel(this.call.outcome);
        return this.inWrapUp ? LABELS.stateWrapUp : stateLabel(this.call.state);
    }

    /**
     * A call that just ended unanswered: the card says how, and offers to call again. A call still live
     * (busy tone heard until the agent hangs up) says how in its badge and keeps its controls.
     */
    get hasOutcome(): boolean {
        return this.call?.outcome !== undefined && this.call.state === 'cleared';
    }

    handleCallAgain(): void {
        if (this.call) emitIntent(this, { type: 'callback', callId: this.call.callId });
    }

    get match(): SoftphoneMatch | undefined {
        return this.call?.match;
    }

    get directionText(): string {
        return this.call ? directionLabel(this.call.direction) : '';
    }

    get directionIconName(): string {
        return this.call ? directionIcon(this.call.direction) : '';
    }

    get since(): number {
        return this.call ? timerStart(this.call) : 0;
    }

    get showTimer(): boolean {
        return this.call !== undefined && this.call.state !== 'cleared';
    }

    get huntGroupText(): string {
        const huntGroup = this.call?.huntGroup;
        return huntGroup ? formatLabel(LABELS.callHuntGroup, { huntGroup }) : '';
    }

    get isConsult(): boolean {
        return Boolean(this.call?.relatedCallId);
    }

    get matchText(): string {
        switch (this.call?.match.kind) {
            case 'pending':
                return LABELS.callSearching;
            case 'none':
                return LABELS.callNoMatch;
            default:
                return '';
        }
    }

    get canPop(): boolean {
        return this.call?.canPop ?? false;
    }

    get callId(): string {
        return this.call?.callId ?? '';
    }

    get notes(): string {
        return this.call?.notes ?? '';
    }

    /**
     * A call ringing here gets its notes box once answered: the card reaches the screen sooner and
     * Answer sits higher. A held call that recalls keeps the notes it has.
     */
    get showNotes(): boolean {
        return this.call?.state !== 'ringing' || this.notes !== '';
    }

    handlePop(): void {
        if (this.call) emitIntent(this, { type: 'pop', callId: this.call.callId });
    }
}
