// The panel's state as a pure function of what the softphone knows: no storage read, no change of
// state, so drawing the panel any number of times shows the same thing and costs nothing.
import type { SoftphoneSettings } from '../../telephony/settings/schema';
import type { BookedCall, SuiteConnection, SuiteError, SuiteUser } from '../../suite/types';
import type { CallLink } from '../records/recordLinks';
import { presentNumber } from '../../telephony/numberPresenter';
import { failedWhileLive } from '../taskLog/callTask';

export type StartupProblem = SoftphoneMessage & { canRetry: boolean };

export interface ConnectionView {
    startupProblem?: StartupProblem;
    /** Undefined until the Suite client exists. */
    connection?: SuiteConnection;
    /** The connection was open at least once (so a later failure is a reconnect, not a set-up error). */
    everOpen: boolean;
    pbxConnected: boolean;
    settings?: SoftphoneSettings;
    /** The browser says it has a network (navigator.onLine). */
    online: boolean;
    /** Since when the connection that was open is lost (epoch ms). */
    lostAt?: number;
}

export interface PanelView extends ConnectionView {
    user?: SuiteUser;
    dndEnabled: boolean;
    /**
     * The live calls, oldest first, each with what the host knows about it, then the calls in wrap-up,
     * then the calls that just ended unanswered (with their outcome).
     */
    calls: { entry: BookedCall; link: CallLink; wrapUp?: SoftphoneWrapUp; outcome?: SoftphoneCallOutcome }[];
    activeCallId?: string;
    screenPopMode?: SoftphoneSettings['screenPopMode'];
    /** The phone window pops nothing: the Lightning tabs do. */
    inPhoneWindow: boolean;
    dialPad?: SoftphoneDialPad;
    failedLogs: SoftphoneFailedLog[];
    canOpenPhoneWindow: boolean;
    notice?: SoftphoneMessage & { id: number };
    selfCheck?: SoftphoneSelfCheck;
    history?: SoftphoneHistory;
}

/** Connected to the Suite, and the Suite to the phone system: calls can be placed. */
export function isReady(view: Pick<ConnectionView, 'connection' | 'pbxConnected'>): boolean {
    return view.connection?.state === 'open' && view.pbxConnected;
}

/** Why the softphone is reconnecting, as the status line says it: the Suite does not answer, or the link dropped. */
function reconnectCause(view: ConnectionView, lastError: SuiteError | undefined): SoftphoneMessage {
    const params = { host: view.settings?.suiteHost ?? '', port: String(view.settings?.suitePort ?? '') };
    if (lastError?.code === 'rateLimited') return { code: 'rateLimited', params };
    return { code: lastError?.code === 'suiteUnreachable' ? 'suiteNotAnswering' : 'connectionLost', params };
}

export function connectionStatus(view: ConnectionView): SoftphoneStatus {
    if (view.startupProblem) {
        const { canRetry, ...error } = view.startupProblem;
        return { phase: 'error', error, canRetry };
    }
    const connection = view.connection;
    if (connection?.state !== 'open' && connection?.state !== 'failed' && !view.online && view.everOpen)
        return { phase: 'offline', since: view.lostAt, canRetry: true };
    if (!connection || connection.state === 'connecting') return { phase: 'connecting', canRetry: false };
    if (connection.state === 'failed')
        return { phase: 'error', error: connection.error.panelMessage(), canRetry: true };
    if (connection.state === 'reconnecting') {
        if (!view.everOpen && connection.lastError) {
            return { phase: 'error', error: connection.lastError.panelMessage(), canRetry: true };
        }
        const cause = reconnectCause(view, connection.lastError);
        return { phase: 'reconnecting', since: view.lostAt, cause, canRetry: true };
    }
    if (!view.pbxConnected)
        return {
            phase: 'error',
            error: {
                code: 'pbxLinkDown',
                params: { host: view.settings?.suiteHost ?? '', port: String(view.settings?.suitePort ?? '') }
            },
            canRetry: false
        };
    return { phase: 'ready', canRetry: false };
}

/**
 * What the agent is doing, for the status line: a call ringing comes first (it needs an answer), then a
 * consult, a conversation, a call being dialled, calls on hold, wrap-up, do not disturb, ready.
 */
export function activityOf(view: Pick<PanelView, 'calls' | 'dndEnabled'>): SoftphoneActivity {
    const live = view.calls.filter((call) => !call.wrapUp && !call.outcome).map(({ entry }) => entry);
    const has = (test: (entry: BookedCall) => boolean) => live.some(test);
    if (has((entry) => entry.incoming && (entry.call.state === 'ringing' || entry.call.state === 'queued')))
        return 'ringing';
    if (has((entry) => entry.call.state === 'connected' && entry.call.relatedCallId !== undefined))
        return 'consulting';
    if (has((entry) => entry.call.state === 'connected')) return 'onCall';
    if (has((entry) => entry.call.state === 'dialing' || entry.call.state === 'ringing')) return 'dialing';
    if (has((entry) => entry.call.state === 'held')) return 'onHold';
    if (live.length > 0) return 'onCall';
    if (view.calls.some((call) => call.wrapUp)) return 'wrapUp';
    return view.dndEnabled ? 'dnd' : 'ready';
}

/** The match as the panel shows it: the search's records (from the result already received) and the pick. */
function matchView(link: CallLink): SoftphoneMatch {
    const match: SoftphoneMatch = { ...link.match };
    if (link.candidates.length > 0)
        match.candidates = link.candidates.map((candidate) => {
            const view: SoftphoneMatchCandidate = {
                recordId: candidate.recordId,
                name: candidate.name,
                objectType: candidate.objectType
            };
            if (candidate.personAccount) view.personAccount = true;
            if (candidate.matchedField) view.matchedField = candidate.matchedField;
            return view;
        });
    if (link.pickedId) match.pickedId = link.pickedId;
    return match;
}

/** Find Caller is offered when no single record is linked yet and no search is running. */
function canFindCaller(link: CallLink, view: PanelView): boolean {
    return !view.inPhoneWindow && link.match.kind !== 'pending' && link.match.kind !== 'single';
}

function callView(
    { entry, link, wrapUp, outcome }: PanelView['calls'][number],
    view: PanelView,
    ready: boolean
): SoftphoneCallView {
    const { call } = entry;
    const number = view.settings
        ? presentNumber(call.remote.number, view.settings, !entry.incoming).text
        : call.remote.number;
    const shown = {
        callId: call.callId,
        direction: call.direction,
        number,
        pbxName: call.remote.name,
        match: matchView(link),
        startedAt: call.startTime,
        answeredAt: entry.answeredAt,
        huntGroup: call.huntGroup,
        notes: link.notes
    };
    const ended = { ...shown, state: 'cleared' as const, capabilities: [], active: false };
    if (wrapUp) return { ...ended, canPop: canFindCaller(link, view), wrapUp };
    if (outcome) return { ...ended, canPop: false, outcome };
    const failed = failedWhileLive(entry);
    return {
        ...shown,
        // Busy (or refused) while the agent still hears it: the card says so until the agent hangs up.
        ...(failed && { outcome: failed }),
        state: call.state,
        // Nothing the phone system cannot carry out now is offered: while not connected, no command is.
        capabilities: ready ? call.capabilities : [],
        active: call.callId === view.activeCallId,
        relatedCallId: call.relatedCallId,
        canPop:
            canFindCaller(link, view) &&
            (link.match.kind === 'notSearched' || view.screenPopMode === 'manual')
    };
}

export function projectPanel(view: PanelView): SoftphonePanelState {
    const user = view.user;
    const status = connectionStatus(view);
    const ready = status.phase === 'ready';
    if (ready) status.activity = activityOf(view);
    return {
        status,
        agent: user
            ? { displayName: user.displayName, extension: user.primaryExtension, email: user.email }
            : undefined,
        calls: view.calls.map((shown) => callView(shown, view, ready)),
        dnd: {
            available: isReady(view) || (view.connection?.state === 'open' && !view.pbxConnected),
            enabled: view.dndEnabled
        },
        dialPad: view.dialPad,
        failedLogs: view.failedLogs,
        canOpenPhoneWindow: view.canOpenPhoneWindow,
        notice: view.notice,
        selfCheck: view.selfCheck,
        history: view.history
    };
}
