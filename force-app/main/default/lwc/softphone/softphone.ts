import { LightningElement, api } from 'lwc';
import { LABELS, formatLabel } from 'c/softphoneLabels';
import { messageText } from 'c/softphoneMessages';
import { callerName } from 'c/softphoneCallInfo';
import { emitIntent } from 'c/softphoneIntent';

interface CallItem {
    key: string;
    call: SoftphoneCallView;
    expanded: boolean;
    linkedCallId?: string;
}

const PHASE_ANNOUNCEMENTS: Record<Exclude<SoftphonePhase, 'error'>, string> = {
    connecting: LABELS.statusConnecting,
    ready: LABELS.statusReady,
    reconnecting: LABELS.statusReconnectingNow,
    offline: LABELS.statusOfflineCause
};

const ACTIVITY_ANNOUNCEMENTS: Record<SoftphoneActivity, string> = {
    ready: LABELS.statusReady,
    ringing: LABELS.statusRinging,
    dialing: LABELS.statusDialing,
    onCall: LABELS.statusOnCall,
    onHold: LABELS.statusOnHold,
    consulting: LABELS.statusConsulting,
    wrapUp: LABELS.statusWrapUp,
    dnd: LABELS.statusDnd
};

type ToggleEvent = CustomEvent<{ checked?: boolean }>;

/** What the panel shows before the first snapshot arrives. */
export const INITIAL_STATE: SoftphonePanelState = {
    status: { phase: 'connecting', canRetry: false },
    calls: [],
    dnd: { available: false, enabled: false }
};

/**
 * The softphone panel. The core pushes one SoftphonePanelState snapshot at a time through `state`;
 * the panel raises the agent's intents as events named after them (see types/softphone-panel.d.ts).
 * It decides nothing: what is enabled comes from the snapshot.
 */
export default class Softphone extends LightningElement {
    labels = LABELS;
    /** Text for the polite live region: incoming calls, status changes and notices. */
    announcement = '';

    private snapshot: SoftphonePanelState = INITIAL_STATE;
    private announcedRinging = new Set<string>();
    private lastNoticeId?: number;

    @api
    get state(): SoftphonePanelState {
        return this.snapshot;
    }
    set state(value: SoftphonePanelState | undefined) {
        const next = value ?? INITIAL_STATE;
        const news = this.newsBetween(this.snapshot, next);
        this.snapshot = next;
        if (news.length > 0) this.announce(news.join(' '));
    }

    get status(): SoftphoneStatus {
        return this.snapshot.status;
    }

    get agent(): SoftphonePanelState['agent'] {
        return this.snapshot.agent;
    }

    get showDnd(): boolean {
        return this.snapshot.dnd.available;
    }

    get dndEnabled(): boolean {
        return this.snapshot.dnd.enabled;
    }

    get noticeText(): string {
        const notice = this.snapshot.notice;
        return notice ? messageText(notice) : '';
    }

    handleDismissNotice(): void {
        const notice = this.snapshot.notice;
        if (notice) emitIntent(this, { type: 'dismissnotice', id: notice.id });
    }

    /** Why the call controls and the dial pad are off: the softphone is not connected (empty while ready). */
    get blockedReason(): string {
        return this.snapshot.status.phase === 'ready' ? '' : LABELS.controlNotConnected;
    }

    get failedLogs(): SoftphoneFailedLog[] {
        return this.snapshot.failedLogs ?? [];
    }

    get hasFailedLogs(): boolean {
        return this.failedLogs.length > 0;
    }

    get hasCalls(): boolean {
        return this.snapshot.calls.length > 0;
    }

    get callItems(): CallItem[] {
        const calls = this.snapshot.calls;
        // The core marks the active call; if it marks none, the first call is the one to show in full.
        const anyActive = calls.some((call) => call.active);
        return calls.map((call, index) => ({
            key: call.callId,
            call,
            expanded: anyActive ? call.active : index === 0,
            linkedCallId: calls.find((other) => other.relatedCallId === call.callId)?.callId
        }));
    }

    get selfCheck(): SoftphoneSelfCheck | undefined {
        return this.snapshot.selfCheck;
    }

    get selfCheckOpen(): boolean {
        return this.snapshot.selfCheck !== undefined;
    }

    get history(): SoftphoneHistory | undefined {
        return this.snapshot.history;
    }

    get dialPad(): SoftphoneDialPad | undefined {
        return this.snapshot.dialPad;
    }

    get dialDisabled(): boolean {
        return this.snapshot.status.phase !== 'ready';
    }

    get canOpenPhoneWindow(): boolean {
        return this.snapshot.canOpenPhoneWindow === true;
    }

    handleSelfCheck(): void {
        emitIntent(this, { type: 'selfcheck' });
    }

    handlePhoneWindow(): void {
        emitIntent(this, { type: 'phonewindow' });
    }

    handleDndChange(event: ToggleEvent): void {
        const wanted = Boolean(event.detail?.checked);
        // The toggle shows the Suite's state, not the click: it moves when a snapshot confirms.
        (event.target as HTMLInputElement).checked = this.snapshot.dnd.enabled;
        emitIntent(this, { type: 'dnd', enabled: wanted });
    }

    /** A live region speaks only when its text changes: the same news twice must still differ. */
    private announce(text: string): void {
        this.announcement = text === this.announcement ? `${text}\u00a0` : text;
    }

    /** What changed that a screen reader user must hear about. */
    private newsBetween(previous: SoftphonePanelState, next: SoftphonePanelState): string[] {
        const news: string[] = [];
        const phaseChanged = previous.status.phase !== next.status.phase;
        const errorChanged = previous.status.error?.code !== next.status.error?.code;
        // A call ringing is announced with its caller below: "Ringing" alone would say it twice.
        const activityChanged =
            next.status.phase === 'ready' &&
            next.status.activity !== undefined &&
            next.status.activity !== 'ringing' &&
            previous.status.activity !== next.status.activity;
        if (phaseChanged || activityChanged || (next.status.phase === 'error' && errorChanged)) {
            news.push(this.statusAnnouncement(next));
        }
        const ringingNow = new Set<string>();
        for (const call of next.calls) {
            if (call.state !== 'ringing') continue;
            ringingNow.add(call.callId);
            if (!this.announcedRinging.has(call.callId)) {
                news.push(formatLabel(LABELS.announceIncoming, { caller: callerName(call) }));
            }
        }
        this.announcedRinging = ringingNow;
        if (next.notice && next.notice.id !== this.lastNoticeId) {
            news.push(messageText(next.notice));
        }
        this.lastNoticeId = next.notice?.id;
        return news;
    }

    private statusAnnouncement(state: SoftphonePanelState): string {
        const { phase, error, activity } = state.status;
        if (phase === 'error') {
            return error ? `${LABELS.statusError}. ${messageText(error)}` : LABELS.statusError;
        }
        if (phase === 'ready' && activity) return ACTIVITY_ANNOUNCEMENTS[activity];
        return PHASE_ANNOUNCEMENTS[phase];
    }
}
