// The Task a handled call leaves in Salesforce.
import type { SuiteCall } from '../../suite/types';
import type { LinkedRecord } from '../opencti/searchResult';

export interface CallRecord {
    call: SuiteCall;
    /** When the agent's side was answered (a call may be answered, held and retrieved). */
    answeredAt?: number;
    linked?: LinkedRecord;
    notes: string;
    /** The call rang at the agent's phone (rather than being placed from it). */
    incoming: boolean;
}

export type CallDisposition = 'answered' | 'missed' | 'busy' | 'no answer' | 'transferred';

const CALL_TYPES = { inbound: 'Inbound', outbound: 'Outbound', internal: 'Internal' } as const;

/** Who/What Ids: contacts and leads are people (WhoId), everything else is a thing (WhatId). */
const PERSON_PREFIXES = ['003', '00Q'];

export function dispositionOf(record: CallRecord): CallDisposition {
    const { call } = record;
    if (call.cause === 'transfer' || call.transferredTo) return 'transferred';
    if (record.answeredAt !== undefined) return 'answered';
    if (call.cause === 'busy') return 'busy';
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

export function buildTask(record: CallRecord, now: number): Record<string, string | number> {
    const { call } = record;
    const end = call.endTime ?? now;
    const disposition = dispositionOf(record);
    const party = call.remote.name
        ? `${call.remote.name} (${call.remote.number})`
        : call.remote.number || 'unknown number';
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
