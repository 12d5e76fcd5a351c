import { LightningElement, api } from 'lwc';
import { LABELS, formatLabel } from 'c/softphoneLabels';
import { callerName, stateLabel } from 'c/softphoneCallInfo';
import { emitIntent } from 'c/softphoneIntent';

type Action = 'answer' | 'hangup' | 'hold' | 'retrieve' | 'transfer' | 'completetransfer' | 'canceltransfer';

interface ControlButton {
    action: Action;
    label: string;
    iconName: string;
    variant: string;
    disabled: boolean;
    /** The tooltip and accessible description: why the button is off, when it is. */
    title: string;
    ariaExpanded?: string;
}

interface ConsultPair {
    callId: string;
    consultCallId: string;
}

/** Actions a compact row offers; the rest needs the expanded card. */
const COMPACT_ACTIONS: readonly Action[] = ['answer', 'retrieve', 'hangup'];

/**
 * The buttons for one call. A button is enabled only when the Suite lists its capability; a few
 * stay visible but disabled in the states where agents expect them, so the layout does not jump.
 */
export default class SoftphoneCallControls extends LightningElement {
    @api call?: SoftphoneCallView;
    /** The other half of a consult pair, when this call is the held original. */
    @api linkedCallId?: string;
    /** Icon buttons for a collapsed call row. */
    @api compact = false;
    /** Set while the softphone is not connected: why no control works (they are all off then). */
    @api blockedReason = '';

    labels = LABELS;
    transferOpen = false;

    get groupLabel(): string {
        return this.call ? formatLabel(LABELS.callActions, { caller: callerName(this.call) }) : '';
    }

    /** Why a control that is off is off: not connected, or not possible in the call's state. */
    get disabledReason(): string {
        if (this.blockedReason) return this.blockedReason;
        return this.call ? formatLabel(LABELS.controlNotNow, { state: stateLabel(this.call.state) }) : '';
    }

    get buttons(): ControlButton[] {
        const call = this.call;
        if (!call) return [];
        const reason = this.disabledReason;
        const all = this.allButtons(call).map((button) => ({
            ...button,
            title: button.disabled ? reason : button.label
        }));
        return this.compact
            ? all.filter((button) => COMPACT_ACTIONS.includes(button.action) && !button.disabled)
            : all;
    }

    get showTransferForm(): boolean {
        return !this.compact && this.transferOpen && (this.can('transfer') || this.can('consult'));
    }

    get canTransfer(): boolean {
        return this.can('transfer');
    }

    get canConsult(): boolean {
        return this.can('consult');
    }

    get callId(): string {
        return this.call?.callId ?? '';
    }

    handleClick(event: Event): void {
        const action = (event.currentTarget as HTMLElement).dataset.action as Action;
        const call = this.call;
        // A click can race a snapshot that just took the capability away: the current state decides.
        const current = this.buttons.find((button) => button.action === action);
        if (!call || !current || current.disabled) return;
        const callId = call.callId;
        const pair = this.consultPair;
        switch (action) {
            case 'answer':
            case 'hangup':
            case 'hold':
            case 'retrieve':
                emitIntent(this, { type: action, callId });
                break;
            case 'transfer':
                this.transferOpen = !this.transferOpen;
                break;
            case 'completetransfer':
                if (pair) emitIntent(this, { type: 'completetransfer', ...pair });
                break;
            case 'canceltransfer':
                if (pair) emitIntent(this, { type: 'canceltransfer', consultCallId: pair.consultCallId });
                break;
            default:
                break;
        }
    }

    /** The transfer form raised its intent (it keeps bubbling to the host); fold the form away. */
    handleTransferSent(): void {
        this.transferOpen = false;
    }

    private can(capability: SoftphoneCapability): boolean {
        return this.call?.capabilities.includes(capability) ?? false;
    }

    /** A consult call names the held call it belongs to; the held call learns its consult call from the list. */
    private get consultPair(): ConsultPair | undefined {
        const call = this.call;
        if (!call) return undefined;
        if (call.relatedCallId) return { callId: call.relatedCallId, consultCallId: call.callId };
        if (this.linkedCallId) return { callId: call.callId, consultCallId: this.linkedCallId };
        return undefined;
    }

    private allButtons(call: SoftphoneCallView): Omit<ControlButton, 'title'>[] {
        const state = call.state;
        const buttons: Omit<ControlButton, 'title'>[] = [];
        const add = (visible: boolean, button: Omit<ControlButton, 'title'>) => {
            if (visible) buttons.push(button);
        };
        const ringing = state === 'ringing' || state === 'queued';
        add(this.can('answer') || state === 'ringing', {
            action: 'answer',
            label: LABELS.callAnswer,
            iconName: 'utility:call',
            variant: 'success',
            disabled: !this.can('answer')
        });
        add(this.can('retrieve') || state === 'held', {
            action: 'retrieve',
            label: LABELS.callRetrieve,
            iconName: 'utility:play',
            variant: 'neutral',
            disabled: !this.can('retrieve')
        });
        add(this.can('hold') || state === 'connected', {
            action: 'hold',
            label: LABELS.callHold,
            iconName: 'utility:pause',
            variant: 'neutral',
            disabled: !this.can('hold')
        });
        add(this.can('clear') || state !== 'cleared', {
            action: 'hangup',
            label: ringing && call.direction !== 'outbound' ? LABELS.callDecline : LABELS.callEnd,
            iconName: 'utility:end_call',
            variant: 'destructive',
            disabled: !this.can('clear')
        });
        add(this.can('completeTransfer'), {
            action: 'completetransfer',
            label: LABELS.callCompleteTransfer,
            iconName: 'utility:check',
            variant: 'brand',
            disabled: !this.consultPair
        });
        add(this.can('cancelTransfer'), {
            action: 'canceltransfer',
            label: LABELS.callCancelTransfer,
            iconName: 'utility:cancel_transfer',
            variant: 'neutral',
            disabled: !this.consultPair
        });
        const transferable = this.can('transfer') || this.can('consult');
        add(transferable || state === 'connected' || state === 'held', {
            action: 'transfer',
            label: LABELS.callTransfer,
            iconName: 'utility:forward',
            variant: 'neutral',
            disabled: !transferable,
            ariaExpanded: String(this.transferOpen && transferable)
        });
        return buttons;
    }
}
