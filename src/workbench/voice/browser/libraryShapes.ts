// The shapes scv-connector-base 3.6.2 posts to Salesforce (src/main/baseConnector.js and types.js), as
// the emulated container checks them: a payload the library could not have produced is a finding, never
// quietly taken. Where the library and Salesforce's demo connector (byo-demo-connector, on 4.x) write a
// value differently, both are taken: call types in either case (`Outbound`, `outbound`), phones listed by
// type or as Phone objects, and HANGUP as a list of calls (END_CALL, a published HangupResult) or as the
// one call (DECLINE_CALL, a blind transfer, the last participant removed).

export interface ShapeCall {
    callId: string;
    callType?: string;
    phoneNumber?: string;
    state?: string;
    reason?: string;
    contact?: { phoneNumber?: string; name?: string };
    callInfo?: Record<string, unknown>;
    callAttributes?: { voiceCallId?: string; participantType?: string; isOnHold?: boolean };
    isReplayedCall?: boolean;
}

const CALL_TYPES = ['inbound', 'outbound', 'callback', 'addparticipant', 'transfer', 'internalcall'];
const CALL_INFO_FLAGS = [
    'isOnHold',
    'isSoftphoneCall',
    'acceptEnabled',
    'declineEnabled',
    'holdEnabled',
    'addCallerEnabled',
    'muteEnabled',
    'recordEnabled',
    'swapEnabled',
    'conferenceEnabled',
    'extensionEnabled',
    'showMuteButton',
    'showRecordButton',
    'showAddCallerButton',
    'showAddBlindTransferButton',
    'showMergeButton',
    'showSwapButton'
];

const isObject = (value: unknown): value is Record<string, unknown> =>
    typeof value === 'object' && value !== null && !Array.isArray(value);

/** The library's call type, whichever case the connector wrote it in. */
export function callTypeOf(call: ShapeCall): string {
    return (call.callType ?? '').toLowerCase();
}

/** Problems with a PhoneCall as the library builds one (types.js PhoneCall, CallInfo). */
export function phoneCallProblems(value: unknown, where: string): string[] {
    if (!isObject(value)) return [`${where}: not a PhoneCall`];
    const problems: string[] = [];
    if (typeof value.callId !== 'string' || !value.callId) problems.push(`${where}: no callId`);
    if (value.callType !== undefined && !CALL_TYPES.includes(String(value.callType).toLowerCase()))
        problems.push(`${where}: callType ${String(value.callType)} is none of the library's CALL_TYPE`);
    if (value.callInfo !== undefined) {
        if (!isObject(value.callInfo)) problems.push(`${where}: callInfo is not an object`);
        else
            for (const flag of CALL_INFO_FLAGS)
                if (value.callInfo[flag] !== undefined && typeof value.callInfo[flag] !== 'boolean')
                    problems.push(`${where}: callInfo.${flag} is not a boolean`);
    }
    return problems;
}

/** Phones as CONNECTOR_READY lists them: PHONE_TYPE names (library default, demo) or Phone objects (typings). */
export function phoneTypes(value: unknown): string[] | undefined {
    if (!Array.isArray(value)) return undefined;
    const types = value.map((phone) => (isObject(phone) ? phone.type : phone));
    return types.every((type) => type === 'DESK_PHONE' || type === 'SOFT_PHONE')
        ? (types as string[])
        : undefined;
}

/** The calls of a HANGUP: a list (END_CALL, HangupResult) or the one call (DECLINE_CALL, blind transfer). */
export function hangupCalls(payload: unknown): unknown[] {
    return Array.isArray(payload) ? payload : [payload];
}

/** Problems with a telephony event's payload, by what the library can send for that event. */
export function eventProblems(type: string, payload: unknown): string[] {
    switch (type) {
        case 'CALL_STARTED':
        case 'CALL_CONNECTED':
        case 'QUEUED_CALL_STARTED':
            return phoneCallProblems(payload, type);
        case 'HANGUP':
            return hangupCalls(payload).flatMap((call, index) => phoneCallProblems(call, `HANGUP[${index}]`));
        case 'HOLD_TOGGLE': {
            if (!isObject(payload) || typeof payload.isCustomerOnHold !== 'boolean')
                return ['HOLD_TOGGLE: no isCustomerOnHold'];
            const calls = payload.calls === undefined ? [] : Object.values(payload.calls as object);
            return calls.flatMap((call, index) => phoneCallProblems(call, `HOLD_TOGGLE.calls[${index}]`));
        }
        case 'PARTICIPANT_ADDED':
        case 'PARTICIPANT_CONNECTED':
            if (!isObject(payload) || typeof payload.initialCallHasEnded !== 'boolean')
                return [`${type}: no initialCallHasEnded`];
            return payload.callId !== undefined && typeof payload.callId !== 'string'
                ? [`${type}: callId`]
                : [];
        case 'PARTICIPANT_REMOVED':
            return isObject(payload) ? [] : ['PARTICIPANT_REMOVED: not an object'];
        case 'ERROR':
            return isObject(payload) && (typeof payload.message === 'string' || isObject(payload.customError))
                ? []
                : ['ERROR: neither a message nor a customError'];
        case 'SET_AGENT_STATUS_RESULT':
        case 'AGENT_CONFIG_UPDATED':
        case 'LOGOUT_RESULT':
            return isObject(payload) && typeof payload.success === 'boolean' ? [] : [`${type}: no success`];
        case 'PHONE_CONTACTS':
            return isObject(payload) && Array.isArray(payload.contacts)
                ? []
                : ['PHONE_CONTACTS: no contacts'];
        case 'CALL_FAILED':
            return payload === undefined || payload === null
                ? []
                : ['CALL_FAILED: the library sends no payload'];
        default:
            return [];
    }
}
