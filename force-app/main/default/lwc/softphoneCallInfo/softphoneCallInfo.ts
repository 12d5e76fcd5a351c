// How a call is named and described on screen; shared by the call card and the announcements.
import { LABELS } from 'c/softphoneLabels';

const STATE_LABELS: Record<SoftphoneCallState, string> = {
    dialing: LABELS.stateDialing,
    ringing: LABELS.stateRinging,
    queued: LABELS.stateQueued,
    connected: LABELS.stateConnected,
    held: LABELS.stateHeld,
    cleared: LABELS.stateCleared
};

const OUTCOME_LABELS: Record<SoftphoneCallOutcome, string> = {
    busy: LABELS.outcomeBusy,
    noAnswer: LABELS.outcomeNoAnswer,
    rejected: LABELS.outcomeRejected,
    failed: LABELS.outcomeFailed,
    missed: LABELS.outcomeMissed
};

const DIRECTION_LABELS: Record<SoftphoneCallDirection, string> = {
    inbound: LABELS.directionInbound,
    outbound: LABELS.directionOutbound,
    internal: LABELS.directionInternal
};

const DIRECTION_ICONS: Record<SoftphoneCallDirection, string> = {
    inbound: 'utility:incoming_call',
    outbound: 'utility:outbound_call',
    internal: 'utility:internal_share'
};

/** The single matched record's name wins, then "Multiple Matches", then the PBX name, then the number. */
export function callerName(call: SoftphoneCallView): string {
    if (call.match.kind === 'single' && call.match.recordName) return call.match.recordName;
    if (call.match.kind === 'multiple') return LABELS.callMultipleMatches;
    return call.pbxName || call.number || LABELS.callUnknownCaller;
}

/** The line under the name: the number, plus the PBX name when a record name replaced it. */
export function callerDetail(call: SoftphoneCallView): string {
    const name = callerName(call);
    const parts = [call.pbxName, call.number].filter((part) => part && part !== name);
    return parts.join(' · ');
}

export function stateLabel(state: SoftphoneCallState): string {
    return STATE_LABELS[state];
}

/** How a call never answered ended: Busy, No answer, Rejected, Call failed, Missed. */
export function outcomeLabel(outcome: SoftphoneCallOutcome): string {
    return OUTCOME_LABELS[outcome];
}

export function directionLabel(direction: SoftphoneCallDirection): string {
    return DIRECTION_LABELS[direction];
}

export function directionIcon(direction: SoftphoneCallDirection): string {
    return DIRECTION_ICONS[direction];
}

/** The timer runs from the answer, or from the start while the call is not answered yet. */
export function timerStart(call: SoftphoneCallView): number {
    return call.answeredAt ?? call.startedAt;
}
