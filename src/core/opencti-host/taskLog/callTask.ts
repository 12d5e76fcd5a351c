// The Task a handled call leaves in Salesforce.
import type { SuiteCall } from '../../suite/types';
import type { LinkedRecord } from '../opencti/searchResult';
import type { DialingOptions } from '../../telephony/dialNumber';
import { numberText, presentNumber } from '../../telephony/numberPresenter';

export interface CallRecord {
    call: SuiteCall;
    /** When the agent's side was answered (a call may be answered, held and retrieved). */
    answeredAt?: number;
    linked?: LinkedRecord;
    notes: string;
    /** The call rang at the agent's phone (rather than being placed from it). */
    incoming: boolean;
}

export type CallDisposition =
    'answered' | 'missed' | 'busy' | 'no answer' | 'rejected' | 'failed' | 'transferred';

/** What the phone system's cause says about a call placed here that was never answered. */
const UNANSWERED_CAUSES: Record<string, Exclude<SoftphoneCallOutcome, 'missed'>> = {
    busy: 'busy',
    callNotAnswered: 'noAnswer',
    doNotDisturb: 'rejected',
    rejected: 'rejected',
    callRejected: 'rejected',
    destinationNotAvailable: 'failed',
    reorderTone: 'failed',
    resourcesNotAvailable: 'failed',
    trunksBusy: 'failed',
    invalidNumber: 'failed',
    failed: 'failed'
};

const OUTCOME_DISPOSITIONS: Record<SoftphoneCallOutcome, CallDisposition> = {
    busy: 'busy',
    noAnswer: 'no answer',
    rejected: 'rejected',
    failed: 'failed',
    missed: 'missed'
};

/**
 * How a call that was never answered ended, when the phone system says so: busy, not answered,
 * refused (do not disturb) or not placed; an incoming call is missed. Undefined for an answered or
 * transferred call, and for one placed here that the agent ended before an answer came.
 */
export function callOutcome(record: CallRecord): SoftphoneCallOutcome | undefined {
    const { call } = record;
    if (record.answeredAt !== undefined || call.cause === 'transfer' || call.transferredTo) return undefined;
    if (call.cause === 'answeredElsewhere') return undefined;
    if (record.incoming) return call.cause === 'busy' ? 'busy' : 'missed';
    return Object.hasOwn(UNANSWERED_CAUSES, call.cause) ? UNANSWERED_CAUSES[call.cause] : undefined;
}

/**
 * A call placed here that the phone system says failed while it still lives: over System OAI the
 * caller's call stays dialling with the failure (busy, do not disturb) as its cause after the PBX's
 * FA event, and the agent hears the tone until hanging up. Undefined for every other call.
 */
export function failedWhileLive(
    entry: Pick<CallRecord, 'call' | 'incoming' | 'answeredAt'>
): SoftphoneCallOutcome | undefined {
    const { call } = entry;
    if (entry.incoming || entry.answeredAt !== undefined) return undefined;
    if (call.state !== 'dialing' && call.state !== 'ringing') return undefined;
    return Object.hasOwn(UNANSWERED_CAUSES, call.cause) ? UNANSWERED_CAUSES[call.cause] : undefined;
}

const CALL_TYPES = { inbound: 'Inbound', outbound: 'Outbound', internal: 'Internal' } as const;

/** Who/What Ids: contacts and leads are people (WhoId), everything else is a thing (WhatId). */
const PERSON_PREFIXES = ['003', '00Q'];

export function dispositionOf(record: CallRecord): CallDisposition {
    const { call } = record;
    if (call.cause === 'transfer' || call.transferredTo) return 'transferred';
    if (record.answeredAt !== undefined) return 'answered';
    const outcome = callOutcome(record);
    if (outcome) return OUTCOME_DISPOSITIONS[outcome];
    return record.incoming ? 'missed' : 'no answer';
}

/** Calls the agent never really had (answered by a colleague of the hunt group) leave no Task. */
export function agentHandled(record: CallRecord): boolean {
    return !(record.answeredAt === undefined && record.call.cause === 'answeredElsewhere');
}

function localDate(time: number): string {
    const date = new Date(time);
    const pad = (value: number) => String(value).padStart(2, '0');
    return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

/** The other party's number as the agent reads it; a call placed here reports the dial string. */
export function remoteNumber(record: Pick<CallRecord, 'call' | 'incoming'>, options: DialingOptions): string {
    return numberText(presentNumber(record.call.remote.number, options, !record.incoming));
}

export function buildTask(
    record: CallRecord,
    now: number,
    options: DialingOptions
): Record<string, string | number> {
    const { call } = record;
    const end = call.endTime ?? now;
    const disposition = dispositionOf(record);
    const number = remoteNumber(record, options);
    const party = call.remote.name ? `${call.remote.name} (${number})` : number || 'unknown number';
    const subject =
        call.direction === 'outbound'
            ? `Outbound call to ${party}`
            : call.direction === 'internal'
              ? `Internal call with ${party}`
              : disposition === 'missed'
                ? `Missed call from ${party}`
                : `Inbound call from ${party}`;
    const task: Record<string, string | number> = {
        entityApiName: 'Task',
        Subject: subject.slice(0, 255),
        CallType: CALL_TYPES[call.direction],
        CallDurationInSeconds:
            record.answeredAt !== undefined ? Math.max(0, Math.round((end - record.answeredAt) / 1000)) : 0,
        CallObject: call.callId,
        CallDisposition: disposition,
        Status: 'Completed',
        ActivityDate: localDate(end),
        TaskSubtype: 'Call',
        Type: 'Call',
        Description: record.notes.slice(0, 32000)
    };
    return { ...task, ...whoWhat(record.linked) };
}

/**
 * The Task's WhoId and WhatId for the record it is linked to: contacts and leads are people (WhoId),
 * a Person Account is both (its person contact and the account), everything else is a thing (WhatId).
 */
export function whoWhat(linked: LinkedRecord | undefined): { WhoId?: string; WhatId?: string } {
    if (!linked) return {};
    if (linked.personAccount && linked.personContactId)
        return { WhoId: linked.personContactId, WhatId: linked.recordId };
    if (PERSON_PREFIXES.includes(linked.recordId.slice(0, 3))) return { WhoId: linked.recordId };
    return { WhatId: linked.recordId };
}
