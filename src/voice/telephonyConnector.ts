// The telephony half of the connector (scv-connector-base 4.x's TelephonyConnector): Salesforce's
// call requests become Suite commands, answered with the library's result objects built from the call
// as the Suite then reports it (its capabilities set Salesforce's buttons), and what happens at the
// handset or the far end is published by SuiteReports. One rule throughout: an event is published only
// for what Salesforce did not ask for (the library publishes the result of a request itself).
import {
    ActiveCallsResult,
    CallResult,
    Constants,
    Contact,
    GenericResult,
    HangupResult,
    HoldToggleResult,
    ParticipantResult,
    PhoneContactsResult,
    type AgentConfig,
    type AgentConfigResult,
    type PhoneCall
} from '@salesforce/scv-connector-base';
import { contractCapabilities } from '../core/suite/capabilities';
import { normaliseDialString, type DialingOptions } from '../core/telephony/dialNumber';
import type { CallState, SuiteCall, SuiteClient } from '../core/suite/types';
import type { DiagnosticsSink } from '../core/telephony/diagnostics';
import { CallRegister } from './callRegister';
import {
    DESK_PHONE_CAPABILITIES,
    NOT_ON_A_DESK_PHONE,
    callInfo,
    deskPhoneConfig,
    libraryError,
    phoneCall,
    type VoiceCapabilities
} from './deskPhone';
import { SuiteReports, type PublishEvent } from './suiteReports';
import type { VoiceCallRecords } from './voiceCalls';

export type { PublishEvent } from './suiteReports';

export interface TelephonyConnectorOptions {
    suite: SuiteClient;
    dialing: DialingOptions;
    publish: PublishEvent;
    voiceCalls: VoiceCallRecords;
    diagnostics: DiagnosticsSink;
    /** How long a dial or consult waits for the Suite to report the new call. */
    newCallTimeoutMs?: number;
    /** How long a command's result waits for the Suite to report the call it changed. */
    reportTimeoutMs?: number;
}

export class DeskPhoneTelephonyConnector {
    private readonly options: TelephonyConnectorOptions;
    private readonly register = new CallRegister();
    private readonly reports: SuiteReports;
    private readonly unsubscribe: (() => void)[] = [];

    constructor(options: TelephonyConnectorOptions) {
        this.options = options;
        this.reports = new SuiteReports({
            register: this.register,
            publish: options.publish,
            voiceCalls: options.voiceCalls,
            diagnostics: options.diagnostics,
            toPhoneCall: (call) => this.toPhoneCall(call),
            holdResult: (call) => this.holdResult(call)
        });
    }

    /**
     * Starts publishing what each Suite event did to the tab's calls (the CallBook); the calls
     * already live are Salesforce's to replay.
     */
    attach(): void {
        this.unsubscribe.push(
            this.options.suite.on('call', (_call, change) => this.reports.onSuiteCall(change)),
            this.options.suite.on('snapshot', (_calls, changes) => {
                for (const change of changes) this.reports.onSuiteCall(change);
            })
        );
    }

    detach(): void {
        for (const stop of this.unsubscribe.splice(0)) stop();
    }

    // ---- Salesforce → Suite -------------------------------------------------------------------

    async getActiveCalls(): Promise<ActiveCallsResult> {
        const live = [...this.options.suite.calls.values()].filter(
            (call) => call.state !== 'cleared' && !this.register.isExpected(call.callId, 'cleared')
        );
        return new ActiveCallsResult({ activeCalls: live.map((call) => this.toPhoneCall(call)) });
    }

    async acceptCall(call: PhoneCall): Promise<CallResult> {
        const live = this.liveCall(call);
        const answered = await this.command(live, 'connected', () => this.options.suite.answer(live.callId));
        return new CallResult({ call: this.toPhoneCall(answered) });
    }

    async declineCall(call: PhoneCall): Promise<CallResult> {
        const live = this.liveCall(call);
        const cleared = await this.command(live, 'cleared', () => this.options.suite.clear(live.callId));
        return new CallResult({ call: this.toPhoneCall(this.endedHere(cleared)) });
    }

    async endCall(call: PhoneCall): Promise<HangupResult> {
        const live = this.liveCall(call);
        const consultId = this.register.consultFor(live.callId);
        let cleared: SuiteCall;
        if (consultId && this.options.suite.calls.has(consultId)) {
            // Hanging up the caller's leg while consulting hands the caller to the consulted party.
            void this.register.expect(consultId, 'cleared', this.reportTimeoutMs);
            cleared = await this.command(live, 'cleared', () =>
                this.options.suite.completeTransfer(live.callId, consultId)
            );
        } else {
            cleared = await this.command(live, 'cleared', () => this.options.suite.clear(live.callId));
        }
        return new HangupResult({ calls: [this.toPhoneCall(this.endedHere(cleared))] });
    }

    async hold(call: PhoneCall): Promise<HoldToggleResult> {
        const live = this.liveCall(call);
        return this.holdResult(await this.command(live, 'held', () => this.options.suite.hold(live.callId)));
    }

    async resume(call: PhoneCall): Promise<HoldToggleResult> {
        const live = this.liveCall(call);
        return this.holdResult(
            await this.command(live, 'connected', () => this.options.suite.retrieve(live.callId))
        );
    }

    async dial(contact: Contact): Promise<CallResult> {
        const to = this.dialString(contact);
        const placed = await this.placeCall(
            (call) => call.direction !== 'inbound',
            () => this.options.suite.makeCall(to)
        );
        this.register.rememberDialled(placed.callId, dialledContact(contact));
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
        const dialled = dialledContact(contact);
        if (isBlindTransfer) {
            await this.command(live, 'cleared', () => this.options.suite.blindTransfer(live.callId, to));
            return new ParticipantResult({
                initialCallHasEnded: true,
                callInfo: callInfo(live),
                phoneNumber: dialled.phoneNumber ?? to,
                callId: live.callId
            });
        }
        void this.register.expect(live.callId, 'held', this.reportTimeoutMs);
        const consult = await this.placeCall(
            (candidate) => candidate.relatedCallId === live.callId || candidate.direction !== 'inbound',
            () => this.options.suite.consult(live.callId, to)
        ).catch((error: unknown) => {
            this.register.settle(live.callId, 'held', undefined);
            throw error;
        });
        this.register.setConsult(live.callId, consult.callId);
        this.register.rememberDialled(consult.callId, dialled);
        return new ParticipantResult({
            initialCallHasEnded: false,
            callInfo: callInfo(consult),
            phoneNumber: dialled.phoneNumber ?? to,
            callId: consult.callId
        });
    }

    /** After-call work ended in Salesforce: a desk phone has nothing to release, so this never fails. */
    async wrapUpCall(call: PhoneCall | undefined): Promise<GenericResult> {
        if (call?.callId) this.register.forget(call.callId);
        return new GenericResult({ success: true });
    }

    /** No phone book: Salesforce's transfer dialog offers the number field alone. */
    async getPhoneContacts(): Promise<PhoneContactsResult> {
        return new PhoneContactsResult({ contacts: [], contactTypes: [] });
    }

    async getAgentConfig(): Promise<AgentConfigResult> {
        return deskPhoneConfig(this.primaryExtension());
    }

    /** The desk phone on the Suite user's primary extension is the only phone there is. */
    async setAgentConfig(config: AgentConfig): Promise<GenericResult> {
        const selected = (config as { selectedPhone?: { type?: string; number?: string } } | undefined)
            ?.selectedPhone;
        if (selected?.type !== undefined && selected.type !== Constants.PHONE_TYPE.DESK_PHONE) {
            throw libraryError(
                'CAN_NOT_SET_AGENT_CONFIG',
                `Only the desk phone can be selected: ${NOT_ON_A_DESK_PHONE}`
            );
        }
        const number = selected?.number?.trim();
        if (number && number !== this.primaryExtension()) {
            throw libraryError(
                Constants.ERROR_TYPE.CAN_NOT_UPDATE_PHONE_NUMBER,
                `The desk phone is the Suite user's primary extension ${this.primaryExtension()}; ${number} is set in the phone system, not here`
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

    // ---- helpers ------------------------------------------------------------------------------

    private get reportTimeoutMs(): number {
        return this.options.reportTimeoutMs ?? 3000;
    }

    private primaryExtension(): string {
        return this.options.suite.user?.primaryExtension ?? '';
    }

    private toPhoneCall(call: SuiteCall): PhoneCall {
        return phoneCall(call, {
            voiceCallId: this.options.voiceCalls.known(call.callId),
            dialled: this.register.dialled(call.callId)
        });
    }

    private holdResult(call: SuiteCall): HoldToggleResult {
        return new HoldToggleResult({
            isThirdPartyOnHold: false,
            isCustomerOnHold: call.state === 'held',
            calls: [this.toPhoneCall(call)]
        });
    }

    /** A call the agent ended from Salesforce ended normally, whatever cause the Suite gives. */
    private endedHere(call: SuiteCall): SuiteCall {
        return { ...call, state: 'cleared', cause: 'normalClear' };
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

    /**
     * Runs a command on `live` and answers with the call as the Suite then reports it (its report is
     * not published again); if the Suite is silent, the call as contract v1 says it is in `state`.
     */
    private async command(live: SuiteCall, state: CallState, run: () => Promise<void>): Promise<SuiteCall> {
        const reported = this.register.expect(live.callId, state, this.reportTimeoutMs);
        try {
            await run();
        } catch (error) {
            this.register.settle(live.callId, state, undefined);
            throw error;
        }
        // Another tab or the handset may have reached the goal first: its report is already in.
        const now = this.options.suite.calls.get(live.callId);
        if (now?.state === state || (state === 'cleared' && !now))
            this.register.settle(live.callId, state, now ?? { ...live, state });
        return (await reported) ?? this.asContractSays(live, state);
    }

    private asContractSays(live: SuiteCall, state: CallState): SuiteCall {
        const related = live.relatedCallId ? this.options.suite.calls.get(live.relatedCallId) : undefined;
        return { ...live, state, capabilities: contractCapabilities(state, related?.state === 'held') };
    }

    /** Runs a command that makes a new call and answers with that call once the Suite reports it. */
    private placeCall(matches: (call: SuiteCall) => boolean, run: () => Promise<void>): Promise<SuiteCall> {
        if (this.register.claimNewCall)
            return Promise.reject(
                libraryError(Constants.ERROR_TYPE.GENERIC_ERROR, 'Another call is being placed')
            );
        return new Promise<SuiteCall>((resolve, reject) => {
            const timer = setTimeout(() => {
                this.register.claimNewCall = undefined;
                reject(
                    libraryError(Constants.ERROR_TYPE.GENERIC_ERROR, 'The Suite did not report the new call')
                );
            }, this.options.newCallTimeoutMs ?? 10_000);
            this.register.claimNewCall = (call) => {
                if (!matches(call)) return false;
                clearTimeout(timer);
                this.register.claimNewCall = undefined;
                resolve(call);
                return true;
            };
            run().catch((error: unknown) => {
                clearTimeout(timer);
                this.register.claimNewCall = undefined;
                reject(error);
            });
        });
    }
}

/** The contact as Salesforce gave it, its number trimmed: what the agent sees for the call. */
function dialledContact(contact: Contact): Contact {
    return new Contact({ ...contact, phoneNumber: contact.phoneNumber?.trim() });
}
