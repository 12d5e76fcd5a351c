import { LightningElement, api } from 'lwc';
import { LABELS, formatLabel } from 'c/softphoneLabels';
import { messageText } from 'c/softphoneMessages';
import { startTicker } from 'c/softphoneClock';
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
    onCall: { icon: 'utility:call', text: LABELS.statusOnCall, textAs: LABELS.statusOnCallAs },
    wrapUp: { icon: 'utility:edit_form', text: LABELS.statusWrapUp, textAs: LABELS.statusWrapUpAs },
    dnd: { icon: 'utility:ban', variant: 'warning', text: LABELS.statusDnd, textAs: LABELS.statusDndAs }
};

/** The connection status line: connecting, ready, reconnecting with a countdown, or an error with a retry. */
export default class StatusLine extends LightningElement {
    @api agent: Agent;
    /** Whether this tab can open the phone window, the agent's remedy for a Local Network Access refusal. */
    @api canOpenPhoneWindow = false;

    labels = LABELS;
    now = Date.now();
    private current: SoftphoneStatus = CONNECTING;
    private stopTicker?: () => void;

    @api
    get status(): SoftphoneStatus {
        return this.current;
    }
    set status(value: SoftphoneStatus | undefined) {
        this.current = value ?? CONNECTING;
        this.now = Date.now();
        this.syncTicker();
    }

    override connectedCallback(): void {
        this.syncTicker();
    }

    override disconnectedCallback(): void {
        this.stopTicker?.();
        this.stopTicker = undefined;
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
        return this.isError ? 'slds-media slds-media_small' : 'slds-media slds-media_center slds-media_small';
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
        const seconds = this.secondsToNextAttempt;
        return seconds > 0
            ? formatLabel(LABELS.statusReconnecting, { seconds })
            : LABELS.statusReconnectingNow;
    }

    get errorText(): string {
        return this.current.error ? messageText(this.current.error) : '';
    }

    get showRetry(): boolean {
        return this.current.canRetry && (this.isReconnecting || this.isError);
    }

    handleRetry(): void {
        emitIntent(this, { type: 'retry' });
    }

    private get secondsToNextAttempt(): number {
        const at = this.current.nextAttemptAt;
        return at === undefined ? 0 : Math.max(0, Math.ceil((at - this.now) / 1000));
    }

    /** The countdown ticks only while reconnecting and only while the element is on the page. */
    private syncTicker(): void {
        const wanted = this.isConnected && this.isReconnecting && this.current.nextAttemptAt !== undefined;
        if (wanted && !this.stopTicker) {
            this.stopTicker = startTicker(() => {
                this.now = Date.now();
            });
        } else if (!wanted && this.stopTicker) {
            this.stopTicker();
            this.stopTicker = undefined;
        }
    }
}
