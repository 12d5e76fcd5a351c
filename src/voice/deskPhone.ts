// What Salesforce Voice is told about a desk-phone call and the phone: Suite calls as the library's
// own objects (results are checked with instanceof against the bundled copy, so they are built from
// it here), what a desk phone can do, and the errors the library shows for what it cannot.
import {
    AgentConfigResult,
    CallInfo,
    Constants,
    Contact,
    Phone,
    PhoneCall,
    PhoneCallAttributes
} from '@salesforce/scv-connector-base';
import type { SuiteCall } from '../core/suite/types';

/** The library's call types, by the Suite's direction. */
function callType(call: SuiteCall): string {
    switch (call.direction) {
        case 'outbound':
            return Constants.CALL_TYPE.OUTBOUND;
        case 'internal':
            return Constants.CALL_TYPE.INTERNAL_CALL;
        default:
            return Constants.CALL_TYPE.INBOUND;
    }
}

/** The library's call state: a desk-phone call is ringing, connected (held or not) or ended. */
export function callState(call: SuiteCall): string {
    switch (call.state) {
        case 'connected':
        case 'held':
            return Constants.CALL_STATE.CONNECTED;
        case 'cleared':
            return Constants.CALL_STATE.ENDED;
        default:
            return Constants.CALL_STATE.RINGING;
    }
}

/**
 * Per call, what Salesforce's softphone may offer: what the Suite says the call can do now, and
 * never mute, record, merge or swap (a desk phone's audio is not in the browser).
 */
export function callInfo(call: SuiteCall): CallInfo {
    const can = new Set(call.capabilities);
    return new CallInfo({
        isOnHold: call.state === 'held',
        isMuted: false,
        isRecordingPaused: false,
        isSoftphoneCall: false,
        callStateTimestamp: new Date(call.answerTime ?? call.startTime),
        acceptEnabled: can.has('answer'),
        declineEnabled: call.state === 'ringing' && can.has('clear'),
        holdEnabled: can.has('hold') || can.has('retrieve'),
        addCallerEnabled: can.has('transfer') || can.has('consult'),
        extensionEnabled: true,
        muteEnabled: false,
        recordEnabled: false,
        swapEnabled: false,
        conferenceEnabled: false,
        showMuteButton: false,
        showRecordButton: false,
        showMergeButton: false,
        showSwapButton: false,
        showAddCallerButton: can.has('consult'),
        showAddBlindTransferButton: can.has('transfer'),
        isReplayable: true,
        removeParticipantVariant: Constants.REMOVE_PARTICIPANT_VARIANT.NEVER as 'NEVER'
    });
}

/** Suite causes that mean a call the agent placed did not get through. */
const FAILED_CAUSES = new Set([
    'busy',
    'callNotAnswered',
    'invalidNumber',
    'rejected',
    'failed',
    'congestion'
]);

/**
 * Why an ended call ended, in the library's words (HANGUP_REASON): `error` for a call the agent placed
 * that did not get through, `ended` for every other end (hung up here or at the far end, answered
 * elsewhere, transferred, missed).
 */
export function hangupReason(call: SuiteCall): string {
    return call.direction !== 'inbound' && call.answerTime === undefined && FAILED_CAUSES.has(call.cause)
        ? Constants.HANGUP_REASON.PHONE_CALL_ERROR
        : Constants.HANGUP_REASON.PHONE_CALL_ENDED;
}

export interface PhoneCallOptions {
    voiceCallId?: string;
    participantType?: string;
    /** The contact the agent dialled from Salesforce: reported as given, not as the PBX dialled it. */
    dialled?: Contact;
}

/** A Suite call as the library's PhoneCall; the Suite call id is the vendor call key. */
export function phoneCall(call: SuiteCall, options: PhoneCallOptions = {}): PhoneCall {
    const contact =
        options.dialled ??
        new Contact({
            phoneNumber: call.remote.number || undefined,
            name: call.remote.name || undefined
        });
    return new PhoneCall({
        callId: call.callId,
        callType: callType(call),
        phoneNumber: contact.phoneNumber || undefined,
        contact,
        state: callState(call),
        callInfo: callInfo(call),
        callAttributes: new PhoneCallAttributes({
            voiceCallId: options.voiceCallId,
            participantType: options.participantType ?? Constants.PARTICIPANT_TYPE.INITIAL_CALLER,
            isOnHold: call.state === 'held'
        }),
        reason: call.state === 'cleared' ? hangupReason(call) : undefined
    });
}

/** The agent's phone: the desk phone on the Suite user's primary extension, and nothing else. */
export function deskPhoneConfig(primaryExtension: string): AgentConfigResult {
    const deskPhone = new Phone({ type: Constants.PHONE_TYPE.DESK_PHONE, number: primaryExtension });
    // The library's own default and its demo list phone types here, not Phone objects (its typing says Phone[]).
    const phoneTypes = [Constants.PHONE_TYPE.DESK_PHONE] as unknown as Phone[];
    return new AgentConfigResult({ phones: phoneTypes, selectedPhone: deskPhone });
}

/** What the voice capabilities say (4.x getVoiceCapabilities); all false but blind transfer. */
export interface VoiceCapabilities {
    hasMute: false;
    hasRecord: false;
    hasMerge: false;
    hasSwap: false;
    hasSignedRecordingUrl: false;
    supportsMos: false;
    hasSupervisorListenIn: false;
    hasSupervisorBargeIn: false;
    hasBlindTransfer: true;
    hasTransferToOmniFlow: false;
    hasPhoneBook: false;
}

export const DESK_PHONE_CAPABILITIES: VoiceCapabilities = {
    hasMute: false,
    hasRecord: false,
    hasMerge: false,
    hasSwap: false,
    hasSignedRecordingUrl: false,
    supportsMos: false,
    hasSupervisorListenIn: false,
    hasSupervisorBargeIn: false,
    hasBlindTransfer: true,
    hasTransferToOmniFlow: false,
    hasPhoneBook: false
};

/** An error the library maps to its own error type (`{type, message}`, as its demo connector throws). */
export function libraryError(type: string, message: string): Error & { type: string } {
    return Object.assign(new Error(message), { type });
}

export const NOT_ON_A_DESK_PHONE = 'a desk phone controlled through the Suite cannot do this';
