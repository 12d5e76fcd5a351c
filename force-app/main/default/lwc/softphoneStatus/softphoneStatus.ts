import { LightningElement, api } from 'lwc';
import { LABELS, formatLabel } from 'c/softphoneLabels';
import { messageText } from 'c/softphoneMessages';
import { startTicker } from 'c/softphoneClock';
import { emitIntent } from 'c/softphoneIntent';

type Agent = SoftphonePanelState['agent'];

const CONNECTING: SoftphoneStatus = { phase: 'connecting', canRetry: false };

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

    get readyText(): string {
        const agent = this.agent;
        return agent
            ? formatLabel(LABELS.statusReadyAs, { name: agent.displayName, extension: agent.extension })
            : LABELS.statusReady;
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
