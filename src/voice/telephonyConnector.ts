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
import type { SuiteCall, SuiteClient } from '../core/suite/types';
import type { DiagnosticsSink } from '../core/telephony/diagnostics';
import { callInfo, deskPhoneConfig, phoneCall } from './deskPhone';
import type { VoiceCallRecords } from './voiceCalls';

/** Publishes one telephony event through the library (its publishEvent). */
export type PublishEvent = (eventType: string, payload: unknown) => Promise<void>;

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

/** An error the library maps to its own error type (`{type, message}`, as its demo connector throws). */
function libraryError(type: string, message: string): Error & { type: string } {
    return Object.assign(new Error(message), { type });
}

const NOT_ON_A_DESK_PHONE = 'a desk phone controlled through the Suite cannot do this';

export class DeskPhoneTelephonyConnector {
    private readonly options: TelephonyConnectorOptions;
    private readonly told = new Map<string, Told>();
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

    /** Starts publishing the Suite's events; the calls already live are Salesforce's to replay. */
    attach(): void {
        for (const call of this.options.suite.calls.values()) this.told.set(call.callId, toldFor(call));
        this.unsubscribe.push(
            this.options.suite.on('call', (call) => this.onSuiteCall(call)),
            this.options.suite.on('snapshot', (calls) => {
                for (const call of calls) this.onSuiteCall(call);
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
        this.told.set(live.callId, 'connected');
        return new CallResult({ call: this.toPhoneCall({ ...live, state: 'connected' }) });
    }

    async declineCall(call: PhoneCall): Promise<CallResult> {
        const live = this.liveCall(call);
        await this.command(live.callId, 'cleared', () => this.options.suite.clear(live.callId));
        this.told.delete(live.callId);
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
            this.told.delete(consultId);
        } else {
            await this.command(live.callId, 'cleared', () => this.options.suite.clear(live.callId));
        }
        this.told.delete(live.callId);
        return new HangupResult({ calls: [this.toPhoneCall({ ...live, state: 'cleared' })] });
    }

    async hold(call: PhoneCall): Promise<HoldToggleResult> {
        const live = this.liveCall(call);
        await this.command(live.callId, 'held', () => this.options.suite.hold(live.callId));
        this.told.set(live.callId, 'held');
        return this.holdResult({ ...live, state: 'held' });
    }

    async resume(call: PhoneCall): Promise<HoldToggleResult> {
        const live = this.liveCall(call);
        await this.command(live.callId, 'connected', () => this.options.suite.retrieve(live.callId));
        this.told.set(live.callId, 'connected');
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
            this.told.delete(live.callId);
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
        this.told.set(live.callId, 'held');
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

    private onSuiteCall(call: SuiteCall): void {
        const id = call.callId;
        const before = this.told.get(id);
        if (before === undefined && call.state !== 'cleared' && this.claimNewCall?.(call)) return;
        if (this.expected.get(id) === call.state) {
            this.expected.delete(id);
            if (call.state === 'cleared') this.forget(id);
            else this.told.set(id, toldFor(call));
            return;
        }
        const initialId = [...this.consults.entries()].find(([, consult]) => consult === id)?.[0];
        switch (call.state) {
            case 'ringing':
            case 'dialing':
            case 'queued':
                if (before === undefined) this.announce(call);
                return;
            case 'connected':
                if (before === undefined) this.announce(call);
                if (before === 'held') {
                    this.told.set(id, 'connected');
                    this.serial(id, () =>
                        this.options.publish(Constants.EVENT_TYPE.HOLD_TOGGLE, this.holdResult(call))
                    );
                } else if (before !== 'connected') {
                    this.told.set(id, 'connected');
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
                    this.told.set(id, 'held');
                    this.serial(id, () =>
                        this.options.publish(Constants.EVENT_TYPE.HOLD_TOGGLE, this.holdResult(call))
                    );
                }
                return;
            case 'cleared':
                if (before === undefined) return;
                this.serial(id, () =>
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
                this.forget(id);
                return;
        }
    }

    /** A call Salesforce did not start: its VoiceCall (inbound only), then CALL_STARTED. */
    private announce(call: SuiteCall): void {
        this.told.set(call.callId, 'started');
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
        this.told.delete(callId);
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
                this.told.set(call.callId, toldFor(call));
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

function toldFor(call: SuiteCall): Told {
    if (call.state === 'connected') return 'connected';
    if (call.state === 'held') return 'held';
    return 'started';
}
