// The VoiceCall of each inbound call: the leader tab asks the connector page's remote action for it,
// once per Suite call, and tells the other tabs of the agent which record it got; a follower waits
// for that word instead of asking (two requests for one call could make two records).
import type { TabChannel } from '../core/telephony/tabs/tabChannel';
import type { SuiteCall } from '../core/suite/types';

/** The page's remote action (VoiceConnectorController.createInboundVoiceCall). */
export type CreateVoiceCall = (
    vendorCallKey: string,
    fromNumber: string,
    toNumber: string
) => Promise<{ status: string; voiceCallId?: string | null }>;

export interface VoiceCallRecords {
    /** The VoiceCall Id of an inbound call, once there is one; undefined when none is made. */
    forInbound(call: SuiteCall): Promise<string | undefined>;
    /** The VoiceCall Id already known for a call. */
    known(callId: string): string | undefined;
}

export interface VoiceCallRecordsOptions {
    isLeader(): boolean;
    /** Absent where the page offers no remote action: no VoiceCall is asked for. */
    create?: CreateVoiceCall;
    channel?: TabChannel;
    /** The number the caller called: the agent's primary extension (or the hunt group). */
    calledNumber(call: SuiteCall): string;
    /** How long a follower waits for the leader's word. */
    followerWaitMs?: number;
}

const MAX_REMEMBERED = 100;
const VOICE_CALL_ID = /^[A-Za-z0-9]{15,18}$/;
const CALL_ID = /^[\x21-\x7e]{1,255}$/;
/** A caller number as VoiceCallCreator takes it; anything else is a withheld caller. */
const CALLER_NUMBER = /^\+?[0-9*#]{1,32}$/;

/** The caller as the remote action takes it: the number, or `anonymous` for none or one that is no number. */
export function callerNumber(call: SuiteCall): string {
    const number = call.remote.number.trim();
    return CALLER_NUMBER.test(number) ? number : 'anonymous';
}

interface VoiceCallMessage {
    kind: 'voiceCall';
    callId: string;
    voiceCallId: string;
}

function parseMessage(data: unknown): VoiceCallMessage | undefined {
    if (typeof data !== 'object' || data === null) return undefined;
    const { kind, callId, voiceCallId } = data as Record<string, unknown>;
    if (kind !== 'voiceCall' || typeof callId !== 'string' || typeof voiceCallId !== 'string')
        return undefined;
    if (!CALL_ID.test(callId) || !VOICE_CALL_ID.test(voiceCallId)) return undefined;
    return { kind, callId, voiceCallId };
}

export function createVoiceCallRecords(
    options: VoiceCallRecordsOptions
): VoiceCallRecords & { close(): void } {
    const ids = new Map<string, string>();
    const pending = new Map<string, Promise<string | undefined>>();
    const waiting = new Map<string, (voiceCallId: string) => void>();

    const remember = (callId: string, voiceCallId: string) => {
        ids.set(callId, voiceCallId);
        if (ids.size > MAX_REMEMBERED) ids.delete(ids.keys().next().value as string);
        waiting.get(callId)?.(voiceCallId);
        waiting.delete(callId);
    };

    if (options.channel) {
        options.channel.onmessage = (event) => {
            const message = parseMessage(event.data);
            if (message && !ids.has(message.callId)) remember(message.callId, message.voiceCallId);
        };
    }

    const create = async (call: SuiteCall): Promise<string | undefined> => {
        if (!options.create) return undefined;
        const outcome = await options.create(call.callId, callerNumber(call), options.calledNumber(call));
        const voiceCallId = outcome.voiceCallId ?? undefined;
        if (!voiceCallId) return undefined;
        remember(call.callId, voiceCallId);
        options.channel?.postMessage({
            kind: 'voiceCall',
            callId: call.callId,
            voiceCallId
        } satisfies VoiceCallMessage);
        return voiceCallId;
    };

    const awaitLeader = (call: SuiteCall): Promise<string | undefined> =>
        new Promise((resolve) => {
            const timer = setTimeout(() => {
                waiting.delete(call.callId);
                resolve(undefined);
            }, options.followerWaitMs ?? 5000);
            waiting.set(call.callId, (voiceCallId) => {
                clearTimeout(timer);
                resolve(voiceCallId);
            });
        });

    return {
        forInbound(call) {
            const known = ids.get(call.callId);
            if (known) return Promise.resolve(known);
            const inFlight = pending.get(call.callId);
            if (inFlight) return inFlight;
            const request = (options.isLeader() ? create(call) : awaitLeader(call)).finally(() =>
                pending.delete(call.callId)
            );
            pending.set(call.callId, request);
            return request;
        },
        known: (callId) => ids.get(callId),
        close() {
            if (options.channel) options.channel.onmessage = null;
        }
    };
}
