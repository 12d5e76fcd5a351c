// The panel's state as a pure function of what the softphone knows: no storage read, no change of
// state, so drawing the panel any number of times shows the same thing and costs nothing.
import type { SoftphoneSettings } from '../../telephony/settings/schema';
import type { BookedCall, SuiteConnection, SuiteUser } from '../../suite/types';
import type { CallLink } from '../records/recordLinks';

export type StartupProblem = SoftphoneMessage & { canRetry: boolean };

export interface ConnectionView {
    startupProblem?: StartupProblem;
    /** Undefined until the Suite client exists. */
    connection?: SuiteConnection;
    /** The connection was open at least once (so a later failure is a reconnect, not a set-up error). */
    everOpen: boolean;
    pbxConnected: boolean;
    settings?: Pick<SoftphoneSettings, 'suiteHost' | 'suitePort'>;
}

export interface PanelView extends ConnectionView {
    user?: SuiteUser;
    dndEnabled: boolean;
    /** The live calls, oldest first, each with what the host knows about it, then the calls in wrap-up. */
    calls: { entry: BookedCall; link: CallLink; wrapUp?: SoftphoneWrapUp }[];
    activeCallId?: string;
    screenPopMode?: SoftphoneSettings['screenPopMode'];
    /** The phone window pops nothing: the Lightning tabs do. */
    inPhoneWindow: boolean;
    recentNumbers: string[];
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

export function connectionStatus(view: ConnectionView): SoftphoneStatus {
    if (view.startupProblem) {
        const { canRetry, ...error } = view.startupProblem;
        return { phase: 'error', error, canRetry };
    }
    const connection = view.connection;
    if (!connection || connection.state === 'connecting') return { phase: 'connecting', canRetry: false };
    if (connection.state === 'failed')
        return { phase: 'error', error: connection.error.panelMessage(), canRetry: true };
    if (connection.state === 'reconnecting') {
        if (!view.everOpen && connection.lastError) {
            return { phase: 'error', error: connection.lastError.panelMessage(), canRetry: true };
        }
        return { phase: 'reconnecting', nextAttemptAt: connection.nextAttemptAt, canRetry: true };
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

/** What the agent is doing, for the status line: on a call, in wrap-up, in do not disturb, or ready. */
export function activityOf(view: Pick<PanelView, 'calls' | 'dndEnabled'>): SoftphoneActivity {
    if (view.calls.some((call) => !call.wrapUp)) return 'onCall';
    if (view.calls.length > 0) return 'wrapUp';
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

function callView(
    entry: BookedCall,
    link: CallLink,
    view: PanelView,
    wrapUp: SoftphoneWrapUp | undefined
): SoftphoneCallView {
    const { call } = entry;
    const shown = {
        callId: call.callId,
        direction: call.direction,
        number: call.remote.number,
        pbxName: call.remote.name,
        match: matchView(link),
        startedAt: call.startTime,
        answeredAt: entry.answeredAt,
        huntGroup: call.huntGroup,
        notes: link.notes
    };
    if (wrapUp) return { ...shown, state: 'cleared', capabilities: [], active: false, canPop: false, wrapUp };
    return {
        ...shown,
        state: call.state,
        capabilities: call.capabilities,
        active: call.callId === view.activeCallId,
        relatedCallId: call.relatedCallId,
        canPop:
            !view.inPhoneWindow &&
            link.match.kind !== 'pending' &&
            (link.match.kind === 'notSearched' ||
                (view.screenPopMode === 'manual' && link.match.kind !== 'single'))
    };
}

export function projectPanel(view: PanelView): SoftphonePanelState {
    const user = view.user;
    const status = connectionStatus(view);
    if (status.phase === 'ready') status.activity = activityOf(view);
    return {
        status,
        agent: user
            ? { displayName: user.displayName, extension: user.primaryExtension, email: user.email }
            : undefined,
        calls: view.calls.map(({ entry, link, wrapUp }) => callView(entry, link, view, wrapUp)),
        dnd: {
            available: isReady(view) || (view.connection?.state === 'open' && !view.pbxConnected),
            enabled: view.dndEnabled
        },
        recentNumbers: view.recentNumbers,
        failedLogs: view.failedLogs,
        canOpenPhoneWindow: view.canOpenPhoneWindow,
        notice: view.notice,
        selfCheck: view.selfCheck,
        history: view.history
    };
}
