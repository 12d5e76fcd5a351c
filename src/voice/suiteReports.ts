// What happens at the handset or the far end, published as the matching telephony event: a call that
// rings or is dialled at the handset, answered, held or retrieved there, ended by the far end. A report
// that a command of ours brought about is the result of Salesforce's request and is not published again,
// so each state change reaches Salesforce once.
import {
    CallResult,
    Constants,
    HangupResult,
    HoldToggleResult,
    ParticipantResult,
    type PhoneCall
} from '@salesforce/scv-connector-base';
import type { CallChange, CallState, SuiteCall } from '../core/suite/types';
import type { DiagnosticsSink } from '../core/telephony/diagnostics';
import type { CallRegister } from './callRegister';
import { callInfo } from './deskPhone';
import type { VoiceCallRecords } from './voiceCalls';

/** Publishes one telephony event through the library (its publishEvent). */
export type PublishEvent = (eventType: string, payload: unknown) => Promise<void>;

/** What Salesforce was last told of a call. */
type Told = 'started' | 'connected' | 'held';

function toldFor(state: CallState): Told {
    if (state === 'connected') return 'connected';
    if (state === 'held') return 'held';
    return 'started';
}

export interface SuiteReportsOptions {
    register: CallRegister;
    publish: PublishEvent;
    voiceCalls: VoiceCallRecords;
    diagnostics: DiagnosticsSink;
    toPhoneCall(call: SuiteCall): PhoneCall;
    holdResult(call: SuiteCall): HoldToggleResult;
}

export class SuiteReports {
    private readonly options: SuiteReportsOptions;
    /** Per call, the publishing in order (a VoiceCall is asked for before CALL_STARTED). */
    private readonly chains = new Map<string, Promise<void>>();

    constructor(options: SuiteReportsOptions) {
        this.options = options;
    }

    /** What one Suite report did to the tab's calls (the CallBook), told to Salesforce. */
    onSuiteCall(change: CallChange): void {
        const { register } = this.options;
        const { call } = change.entry;
        if (change.kind === 'live' && change.isNew && register.claimNewCall?.(call)) return;
        if (register.consume(call)) {
            if (call.state === 'cleared') register.forget(call.callId);
            return;
        }
        const initialId = register.initialFor(call.callId);
        if (change.kind === 'ended') {
            // A call that started and ended while nobody listened was never Salesforce's.
            if (change.seenLive) this.hangUp(call, initialId);
            return;
        }
        // What Salesforce was told of the call so far: it followed every report the book took.
        const before = change.previous && toldFor(change.previous);
        if (before === undefined) this.announce(call);
        if (call.state === 'held') {
            if (before !== 'held') this.publishHold(call);
            return;
        }
        if (call.state !== 'connected' || before === 'connected') return;
        if (before === 'held') this.publishHold(call);
        else if (initialId) this.publishParticipantConnected(call);
        else this.publishCall(Constants.EVENT_TYPE.CALL_CONNECTED, call);
    }

    private publishHold(call: SuiteCall): void {
        this.serial(call.callId, () =>
            this.options.publish(Constants.EVENT_TYPE.HOLD_TOGGLE, this.options.holdResult(call))
        );
    }

    private publishCall(eventType: string, call: SuiteCall): void {
        this.serial(call.callId, () =>
            this.options.publish(eventType, new CallResult({ call: this.options.toPhoneCall(call) }))
        );
    }

    private publishParticipantConnected(call: SuiteCall): void {
        const phoneNumber = this.options.toPhoneCall(call).phoneNumber;
        this.serial(call.callId, () =>
            this.options.publish(
                Constants.EVENT_TYPE.PARTICIPANT_CONNECTED,
                new ParticipantResult({
                    initialCallHasEnded: false,
                    callInfo: callInfo(call),
                    phoneNumber: phoneNumber ?? '',
                    callId: call.callId
                })
            )
        );
    }

    /** A call Salesforce knew ended without its asking: HANGUP, or PARTICIPANT_REMOVED for a consult. */
    private hangUp(call: SuiteCall, initialId: string | undefined): void {
        if (initialId) this.publishCall(Constants.EVENT_TYPE.PARTICIPANT_REMOVED, call);
        else
            this.serial(call.callId, () =>
                this.options.publish(
                    Constants.EVENT_TYPE.HANGUP,
                    new HangupResult({ calls: [this.options.toPhoneCall(call)] })
                )
            );
        this.forget(call.callId);
    }

    /** A call Salesforce did not start: its VoiceCall (inbound only), then CALL_STARTED. */
    private announce(call: SuiteCall): void {
        this.serial(call.callId, async () => {
            if (call.direction !== 'outbound') {
                await this.options.voiceCalls.forInbound(call).catch((error: unknown) => {
                    this.options.diagnostics.record('voice.createVoiceCall', error);
                });
            }
            await this.options.publish(
                Constants.EVENT_TYPE.CALL_STARTED,
                new CallResult({ call: this.options.toPhoneCall(call) })
            );
        });
    }

    private serial(callId: string, publish: () => Promise<void>): void {
        const next = (this.chains.get(callId) ?? Promise.resolve())
            .then(publish)
            .catch((error: unknown) => this.options.diagnostics.record('voice.publish', error));
        this.chains.set(callId, next);
    }

    private forget(callId: string): void {
        this.options.register.forget(callId);
        const chain = this.chains.get(callId);
        void chain?.then(() => {
            if (this.chains.get(callId) === chain) this.chains.delete(callId);
        });
    }
}
