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

/** A Suite call as the library's PhoneCall; the Suite call id is the vendor call key. */
export function phoneCall(
    call: SuiteCall,
    options: { voiceCallId?: string; participantType?: string } = {}
): PhoneCall {
    const contact = new Contact({
        phoneNumber: call.remote.number || undefined,
        name: call.remote.name || undefined
    });
    return new PhoneCall({
        callId: call.callId,
        callType: callType(call),
        phoneNumber: call.remote.number || undefined,
        contact,
        state: callState(call),
        callInfo: callInfo(call),
        callAttributes: new PhoneCallAttributes({
            voiceCallId: options.voiceCallId,
            participantType: options.participantType ?? Constants.PARTICIPANT_TYPE.INITIAL_CALLER,
            isOnHold: call.state === 'held'
        }),
        reason: call.state === 'cleared' ? call.cause : undefined
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
