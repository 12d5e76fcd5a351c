// The telephony half of the connector (scv-connector-base 4.x's TelephonyConnector): Salesforce's
// call requests become Suite commands answered with the library's result objects, and what happens
// at the handset or the far end is published as the matching telephony event. One rule throughout:
// an event is published only for what Salesforce did not ask for (the library publishes the result
// of a request itself), so each state change reaches Salesforce once.
import {
    ActiveCallsResult,
    CallResult,
    Constants,
    GenericResult,
    HangupResult,
    HoldToggleResult,
    ParticipantResult,
    type AgentConfig,
    type AgentConfigResult,
    type Contact,
    type PhoneCall
} from '@salesforce/scv-connector-base';
import { normaliseDialString, type DialingOptions } from '../core/telephony/dialNumber';
import type { CallChange, CallState, SuiteCall, SuiteClient } from '../core/suite/types';
import type { DiagnosticsSink } from '../core/telephony/diagnostics';
import {
    DESK_PHONE_CAPABILITIES,
    NOT_ON_A_DESK_PHONE,
    callInfo,
    deskPhoneConfig,
    libraryError,
    phoneCall,
    type VoiceCapabilities
} from './deskPhone';
import type { VoiceCallRecords } from './voiceCalls';

/** Publishes one telephony event through the library (its publishEvent). */
export type PublishEvent = (eventType: string, payload: unknown) => Promise<void>;

/** What Salesforce was last told of a call. */
type Told = 'started' | 'connected' | 'held';

export interface TelephonyConnectorOptions {
    suite: SuiteClient;
    dialing: DialingOptions;
    publish: PublishEvent;
    voiceCalls: VoiceCallRecords;
    diagnostics: DiagnosticsSink;
    /** How long a dial or consult waits for the Suite to report the new call. */
    newCallTimeoutMs?: number;
}

export class DeskPhoneTelephonyConnector {
    private readonly options: TelephonyConnectorOptions;
    /** States our own commands will bring about: their Suite events are not published again. */
    private readonly expected = new Map<string, SuiteCall['state']>();
    /** Initial call → consult call. */
    private readonly consults = new Map<string, string>();
    /** Per call, the publishing in order (a VoiceCall is asked for before CALL_STARTED). */
    private readonly chains = new Map<string, Promise<void>>();
    private claimNewCall: ((call: SuiteCall) => boolean) | undefined;
    private readonly unsubscribe: (() => void)[] = [];

    constructor(options: TelephonyConnectorOptions) {
        this.options = options;
    }

    /**
     * Starts publishing what each Suite event did to the tab's calls (the CallBook); the calls
     * already live are Salesforce's to replay.
     */
    attach(): void {
        this.unsubscribe.push(
            this.options.suite.on('call', (_call, change) => this.onSuiteCall(change)),
            this.options.suite.on('snapshot', (_calls, changes) => {
                for (const change of changes) this.onSuiteCall(change);
            })
        );
    }

    detach(): void {
        for (const stop of this.unsubscribe.splice(0)) stop();
    }

    // ---- Salesforce → Suite -------------------------------------------------------------------

    async getActiveCalls(): Promise<ActiveCallsResult> {
        const live = [...this.options.suite.calls.values()].filter(
            (call) => call.state !== 'cleared' && this.expected.get(call.callId) !== 'cleared'
        );
        return new ActiveCallsResult({ activeCalls: live.map((call) => this.toPhoneCall(call)) });
    }

    async acceptCall(call: PhoneCall): Promise<CallResult> {
        const live = this.liveCall(call);
        await this.command(live.callId, 'connected', () => this.options.suite.answer(live.callId));
        return new CallResult({ call: this.toPhoneCall({ ...live, state: 'connected' }) });
    }

    async declineCall(call: PhoneCall): Promise<CallResult> {
        const live = this.liveCall(call);
        await this.command(live.callId, 'cleared', () => this.options.suite.clear(live.callId));
        return new CallResult({ call: this.toPhoneCall({ ...live, state: 'cleared' }) });
    }

    async endCall(call: PhoneCall): Promise<HangupResult> {
        const live = this.liveCall(call);
        const consultId = this.consults.get(live.callId);
        if (consultId && this.options.suite.calls.has(consultId)) {
            // Hanging up the caller's leg while consulting hands the caller to the consulted party.
            this.expected.set(consultId, 'cleared');
            await this.command(live.callId, 'cleared', () =>
                this.options.suite.completeTransfer(live.callId, consultId)
            );
        } else {
            await this.command(live.callId, 'cleared', () => this.options.suite.clear(live.callId));
        }
        return new HangupResult({ calls: [this.toPhoneCall({ ...live, state: 'cleared' })] });
    }

    async hold(call: PhoneCall): Promise<HoldToggleResult> {
        const live = this.liveCall(call);
        await this.command(live.callId, 'held', () => this.options.suite.hold(live.callId));
        return this.holdResult({ ...live, state: 'held' });
    }

    async resume(call: PhoneCall): Promise<HoldToggleResult> {
        const live = this.liveCall(call);
        await this.command(live.callId, 'connected', () => this.options.suite.retrieve(live.callId));
        return this.holdResult({ ...live, state: 'connected' });
    }

    async dial(contact: Contact): Promise<CallResult> {
        const to = this.dialString(contact);
        const placed = await this.placeCall(
            (call) => call.direction !== 'inbound',
            () => this.options.suite.makeCall(to)
        );
        return new CallResult({ call: this.toPhoneCall(placed) });
    }

    async sendDigits(digits: string): Promise<void> {
        // The agent keys digits on the handset; the Suite has no command for them.
        this.options.diagnostics.record(
            'voice.sendDigits',
            new Error(`${digits.length} digits not sent: ${NOT_ON_A_DESK_PHONE}`)
        );
    }

    async addParticipant(
        contact: Contact,
        call: PhoneCall,
        isBlindTransfer: boolean
    ): Promise<ParticipantResult> {
        const live = this.liveCall(call);
        const to = this.dialString(contact);
        if (isBlindTransfer) {
            await this.command(live.callId, 'cleared', () =>
                this.options.suite.blindTransfer(live.callId, to)
            );
            return new ParticipantResult({
                initialCallHasEnded: true,
                callInfo: callInfo(live),
                phoneNumber: to,
                callId: live.callId
            });
        }
        this.expected.set(live.callId, 'held');
        const consult = await this.placeCall(
            (candidate) => candidate.relatedCallId === live.callId || candidate.direction !== 'inbound',
            () => this.options.suite.consult(live.callId, to)
        ).catch((error: unknown) => {
            this.expected.delete(live.callId);
            throw error;
        });
        this.consults.set(live.callId, consult.callId);
        return new ParticipantResult({
            initialCallHasEnded: false,
            callInfo: callInfo(consult),
            phoneNumber: to,
            callId: consult.callId
        });
    }

    async getAgentConfig(): Promise<AgentConfigResult> {
        return deskPhoneConfig(this.options.suite.user?.primaryExtension ?? '');
    }

    async setAgentConfig(config: AgentConfig): Promise<GenericResult> {
        const type = (config as { selectedPhone?: { type?: string } }).selectedPhone?.type;
        if (type !== undefined && type !== Constants.PHONE_TYPE.DESK_PHONE) {
            throw libraryError(
                'CAN_NOT_SET_AGENT_CONFIG',
                `Only the desk phone can be selected: ${NOT_ON_A_DESK_PHONE}`
            );
        }
        return new GenericResult({ success: true });
    }

    getVoiceCapabilities(): VoiceCapabilities {
        return DESK_PHONE_CAPABILITIES;
    }

    async notSupported(what: string): Promise<never> {
        throw libraryError(Constants.ERROR_TYPE.GENERIC_ERROR, `${what}: ${NOT_ON_A_DESK_PHONE}`);
    }

    // ---- Suite → Salesforce -------------------------------------------------------------------

    private onSuiteCall(change: CallChange): void {
        const { call } = change.entry;
        const id = call.callId;
        if (change.kind === 'live' && change.isNew && this.claimNewCall?.(call)) return;
        if (this.expected.get(id) === call.state) {
            this.expected.delete(id);
            if (call.state === 'cleared') this.forget(id);
            return;
        }
        const initialId = [...this.consults.entries()].find(([, consult]) => consult === id)?.[0];
        if (change.kind === 'ended') {
            // A call that started and ended while nobody listened was never Salesforce's.
            if (change.seenLive) this.hangUp(call, initialId);
            return;
        }
        // What Salesforce was told of the call so far: it followed every report the book took.
        const before = change.previous && toldFor(change.previous);
        switch (call.state) {
            case 'ringing':
            case 'dialing':
            case 'queued':
                if (before === undefined) this.announce(call);
                return;
            case 'connected':
                if (before === undefined) this.announce(call);
                if (before === 'held') {
                    this.serial(id, () =>
                        this.options.publish(Constants.EVENT_TYPE.HOLD_TOGGLE, this.holdResult(call))
                    );
                } else if (before !== 'connected') {
                    this.serial(id, () =>
                        initialId
                            ? this.options.publish(
                                  Constants.EVENT_TYPE.PARTICIPANT_CONNECTED,
                                  new ParticipantResult({
                                      initialCallHasEnded: false,
                                      callInfo: callInfo(call),
                                      phoneNumber: call.remote.number,
                                      callId: id
                                  })
                              )
                            : this.options.publish(
                                  Constants.EVENT_TYPE.CALL_CONNECTED,
                                  new CallResult({ call: this.toPhoneCall(call) })
                              )
                    );
                }
                return;
            case 'held':
                if (before === undefined) this.announce(call);
                if (before !== 'held') {
                    this.serial(id, () =>
                        this.options.publish(Constants.EVENT_TYPE.HOLD_TOGGLE, this.holdResult(call))
                    );
                }
                return;
        }
    }

    /** A call Salesforce knew ended without its asking: HANGUP, or PARTICIPANT_REMOVED for a consult. */
    private hangUp(call: SuiteCall, initialId: string | undefined): void {
        this.serial(call.callId, () =>
            initialId
                ? this.options.publish(
                      Constants.EVENT_TYPE.PARTICIPANT_REMOVED,
                      new CallResult({ call: this.toPhoneCall(call) })
                  )
                : this.options.publish(
                      Constants.EVENT_TYPE.HANGUP,
                      new HangupResult({ calls: [this.toPhoneCall(call)] })
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
                new CallResult({ call: this.toPhoneCall(call) })
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
        this.expected.delete(callId);
        this.consults.delete(callId);
        for (const [initial, consult] of this.consults) if (consult === callId) this.consults.delete(initial);
        const chain = this.chains.get(callId);
        void chain?.then(() => {
            if (this.chains.get(callId) === chain) this.chains.delete(callId);
        });
    }

    // ---- helpers ------------------------------------------------------------------------------

    private toPhoneCall(call: SuiteCall): PhoneCall {
        return phoneCall(call, { voiceCallId: this.options.voiceCalls.known(call.callId) });
    }

    private holdResult(call: SuiteCall): HoldToggleResult {
        return new HoldToggleResult({
            isThirdPartyOnHold: false,
            isCustomerOnHold: call.state === 'held',
            calls: [this.toPhoneCall(call)]
        });
    }

    private liveCall(call: PhoneCall): SuiteCall {
        const live = call?.callId ? this.options.suite.calls.get(call.callId) : undefined;
        if (!live)
            throw libraryError(
                Constants.ERROR_TYPE.INVALID_PARTICIPANT,
                `No live call ${String(call?.callId)}`
            );
        return live;
    }

    private dialString(contact: Contact): string {
        const dial = normaliseDialString(contact?.phoneNumber ?? '', this.options.dialing);
        if (!dial.ok) throw libraryError(Constants.ERROR_TYPE.INVALID_DESTINATION, dial.reason);
        return dial.dial;
    }

    /** Runs a command whose Suite event is then not published again; undone when it fails. */
    private async command(
        callId: string,
        state: SuiteCall['state'],
        run: () => Promise<void>
    ): Promise<void> {
        this.expected.set(callId, state);
        try {
            await run();
        } catch (error) {
            if (this.expected.get(callId) === state) this.expected.delete(callId);
            throw error;
        }
    }

    /** Runs a command that makes a new call and answers with that call once the Suite reports it. */
    private placeCall(matches: (call: SuiteCall) => boolean, run: () => Promise<void>): Promise<SuiteCall> {
        if (this.claimNewCall)
            return Promise.reject(
                libraryError(Constants.ERROR_TYPE.GENERIC_ERROR, 'Another call is being placed')
            );
        return new Promise<SuiteCall>((resolve, reject) => {
            const timer = setTimeout(() => {
                this.claimNewCall = undefined;
                reject(
                    libraryError(Constants.ERROR_TYPE.GENERIC_ERROR, 'The Suite did not report the new call')
                );
            }, this.options.newCallTimeoutMs ?? 10_000);
            this.claimNewCall = (call) => {
                if (!matches(call)) return false;
                clearTimeout(timer);
                this.claimNewCall = undefined;
                resolve(call);
                return true;
            };
            run().catch((error: unknown) => {
                clearTimeout(timer);
                this.claimNewCall = undefined;
                reject(error);
            });
        });
    }
}

function toldFor(state: CallState): Told {
    if (state === 'connected') return 'connected';
    if (state === 'held') return 'held';
    return 'started';
}
