import { LightningElement, api } from 'lwc';
import { LABELS, formatLabel } from 'c/softphoneLabels';
import { messageText } from 'c/softphoneMessages';
import { emitIntent } from 'c/softphoneIntent';

type Agent = SoftphonePanelState['agent'];

const CONNECTING: SoftphoneStatus = { phase: 'connecting', canRetry: false };

interface ActivityLook {
    icon: string;
    variant?: string;
    text: string;
    textAs: string;
}

/** How each of the agent's states looks while connected; no activity looks like ready, as before. */
const ACTIVITY_LOOKS: Record<SoftphoneActivity, ActivityLook> = {
    ready: {
        icon: 'utility:success',
        variant: 'success',
        text: LABELS.statusReady,
        textAs: LABELS.statusReadyAs
    },
    ringing: {
        icon: 'utility:incoming_call',
        variant: 'warning',
        text: LABELS.statusRinging,
        textAs: LABELS.statusRingingAs
    },
    dialing: { icon: 'utility:outbound_call', text: LABELS.statusDialing, textAs: LABELS.statusDialingAs },
    onCall: { icon: 'utility:call', text: LABELS.statusOnCall, textAs: LABELS.statusOnCallAs },
    onHold: { icon: 'utility:pause', text: LABELS.statusOnHold, textAs: LABELS.statusOnHoldAs },
    consulting: {
        icon: 'utility:forward',
        text: LABELS.statusConsulting,
        textAs: LABELS.statusConsultingAs
    },
    wrapUp: { icon: 'utility:edit_form', text: LABELS.statusWrapUp, textAs: LABELS.statusWrapUpAs },
    dnd: { icon: 'utility:ban', variant: 'warning', text: LABELS.statusDnd, textAs: LABELS.statusDndAs }
};

/** A moment as the agent's clock shows it (hours and minutes). */
export function clockTime(at: number): string {
    return new Date(at).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });
}

/**
 * The status line: connecting, what the agent is doing while ready, reconnecting (since when, and why),
 * offline, or an error with its remedy; Retry Now where trying at once can help.
 */
export default class StatusLine extends LightningElement {
    @api agent: Agent;
    /** Whether this tab can open the phone window, the agent's remedy for a Local Network Access refusal. */
    @api canOpenPhoneWindow = false;

    labels = LABELS;
    private current: SoftphoneStatus = CONNECTING;

    @api
    get status(): SoftphoneStatus {
        return this.current;
    }
    set status(value: SoftphoneStatus | undefined) {
        this.current = value ?? CONNECTING;
    }

    get isConnecting(): boolean {
        return this.current.phase === 'connecting';
    }

    get isReady(): boolean {
        return this.current.phase === 'ready';
    }

    get isReconnecting(): boolean {
        return this.current.phase === 'reconnecting';
    }

    get isOffline(): boolean {
        return this.current.phase === 'offline';
    }

    get isError(): boolean {
        return this.current.phase === 'error';
    }

    get offerPhoneWindow(): boolean {
        return this.canOpenPhoneWindow && this.current.error?.code === 'localNetworkRefused';
    }

    handlePhoneWindow(): void {
        emitIntent(this, { type: 'phonewindow' });
    }

    /** One-line states centre the icon on the text; an error message is long, so its icon sits at the top. */
    get mediaClass(): string {
        return this.isReady || this.isConnecting
            ? 'slds-media slds-media_center slds-media_small'
            : 'slds-media slds-media_small';
    }

    private get look(): ActivityLook {
        return ACTIVITY_LOOKS[this.current.activity ?? 'ready'];
    }

    get readyIcon(): string {
        return this.look.icon;
    }

    get readyIconVariant(): string | undefined {
        return this.look.variant;
    }

    get readyText(): string {
        const agent = this.agent;
        const look = this.look;
        return agent
            ? formatLabel(look.textAs, { name: agent.displayName, extension: agent.extension })
            : look.text;
    }

    get reconnectText(): string {
        const since = this.current.since;
        return since === undefined
            ? LABELS.statusReconnectingNow
            : formatLabel(LABELS.statusReconnecting, { time: clockTime(since) });
    }

    /** Why it is reconnecting, in words. */
    get causeText(): string {
        return this.current.cause ? messageText(this.current.cause) : '';
    }

    get offlineText(): string {
        return formatLabel(LABELS.statusOffline, { time: clockTime(this.current.since ?? Date.now()) });
    }

    get errorText(): string {
        return this.current.error ? messageText(this.current.error) : '';
    }

    get showRetry(): boolean {
        return this.current.canRetry && (this.isReconnecting || this.isOffline || this.isError);
    }

    handleRetry(): void {
        emitIntent(this, { type: 'retry' });
    }
}
