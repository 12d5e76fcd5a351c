// The single connector object scv-connector-base 3.6.2 expects, as a thin layer over the 4.x-shaped
// vendor and telephony connectors: moving to 4.x means handing the library those two instead.
import {
    CapabilitiesResult,
    Constants,
    GenericResult,
    VendorConnector,
    type ActiveCallsResult,
    type AgentConfig,
    type AgentConfigResult,
    type CallResult,
    type Contact,
    type HangupResult,
    type HoldToggleResult,
    type InitResult,
    type LogoutResult,
    type ParticipantResult,
    type PhoneCall,
    type PhoneContactsResult
} from '@salesforce/scv-connector-base';
import { DeskPhoneVendorConnector, type VendorConnectorOptions } from './vendorConnector';

export class DeskPhoneConnector extends VendorConnector {
    readonly vendor: DeskPhoneVendorConnector;

    constructor(options: VendorConnectorOptions) {
        super();
        this.vendor = new DeskPhoneVendorConnector(options);
    }

    private get telephony() {
        return this.vendor.getTelephonyConnector();
    }

    override init(config: unknown): Promise<InitResult> {
        return this.vendor.init(config);
    }

    override async getCapabilities(): Promise<CapabilitiesResult> {
        return new CapabilitiesResult({
            ...this.telephony.getVoiceCapabilities(),
            debugEnabled: false,
            hasContactSearch: false,
            hasAgentAvailability: false,
            hasQueueWaitTime: false,
            hasPendingStatusChange: false
        });
    }

    override getAgentConfig(): Promise<AgentConfigResult> {
        return this.telephony.getAgentConfig();
    }

    override setAgentConfig(config: AgentConfig): Promise<GenericResult> {
        return this.telephony.setAgentConfig(config);
    }

    override getActiveCalls(): Promise<ActiveCallsResult> {
        return this.telephony.getActiveCalls();
    }

    override acceptCall(call: PhoneCall): Promise<CallResult> {
        return this.telephony.acceptCall(call);
    }

    override declineCall(call: PhoneCall): Promise<CallResult> {
        return this.telephony.declineCall(call);
    }

    override endCall(call: PhoneCall): Promise<HangupResult> {
        return this.telephony.endCall(call);
    }

    override hold(call: PhoneCall): Promise<HoldToggleResult> {
        return this.telephony.hold(call);
    }

    override resume(call: PhoneCall): Promise<HoldToggleResult> {
        return this.telephony.resume(call);
    }

    override dial(contact: Contact): Promise<CallResult> {
        return this.telephony.dial(contact);
    }

    override sendDigits(digits: string): void {
        void this.telephony.sendDigits(digits);
    }

    override addParticipant(
        contact: Contact,
        call: PhoneCall,
        isBlindTransfer: boolean
    ): Promise<ParticipantResult> {
        return this.telephony.addParticipant(contact, call, isBlindTransfer);
    }

    override mute(): never {
        throw new Error('mute: a desk phone controlled through the Suite cannot do this');
    }

    override unmute(): never {
        throw new Error('unmute: a desk phone controlled through the Suite cannot do this');
    }

    override setAgentStatus(agentStatus: string): Promise<GenericResult> {
        return this.vendor.setAgentStatus(agentStatus);
    }

    override logout(): Promise<LogoutResult> {
        return this.vendor.logout();
    }

    override handleMessage(message: object): void {
        this.vendor.handleMessage(message);
    }

    override getPhoneContacts(): Promise<PhoneContactsResult> {
        return this.telephony.getPhoneContacts();
    }

    /** Salesforce ended after-call work. The library neither waits for this nor catches: it never fails. */
    override wrapUpCall(call: PhoneCall): Promise<GenericResult> {
        try {
            return this.telephony.wrapUpCall(call).catch(() => new GenericResult({ success: false }));
        } catch {
            return Promise.resolve(new GenericResult({ success: false }));
        }
    }

    /** Salesforce's own log lines (LOG): its errors go to the connector's diagnostics. */
    override logMessageToVendor(logLevel: string, message: string): void {
        if (logLevel === Constants.LOG_LEVEL.ERROR)
            this.vendor.diagnostics.record('salesforce.log', new Error(String(message)));
    }
}
