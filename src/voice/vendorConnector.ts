// The vendor half of the connector (scv-connector-base 4.x's VendorConnector): start-up from the
// contact center's settings, the Suite connection, and Omni-Channel presence as the phone's DND.
import {
    Constants,
    CustomError,
    GenericResult,
    InitResult,
    LogoutResult,
    publishError,
    publishEvent
} from '@salesforce/scv-connector-base';
import { parseCallCenterSettings, settingMessage } from '../core/telephony/settings/parse';
import type { SoftphoneSettings } from '../core/telephony/settings/schema';
import { SuiteError, type SuiteClient } from '../core/suite/types';
import { Diagnostics } from '../core/telephony/diagnostics';
import { DeskPhoneTelephonyConnector } from './telephonyConnector';
import type { VoiceCallRecords } from './voiceCalls';

type PublishArgs = Parameters<typeof publishEvent>[0];
type ErrorArgs = Parameters<typeof publishError>[0];

export interface VendorConnectorOptions {
    /** The Suite client for these settings (in the browser: the tab-shared one). */
    createSuite(settings: SoftphoneSettings): SuiteClient;
    /** The VoiceCall records of inbound calls, once the Suite user is known. */
    voiceCalls(suite: SuiteClient): VoiceCallRecords;
    /** The namespace of the package's custom labels that name each error ('c' unpackaged). */
    labelNamespace?: string;
    /** How long start-up waits for the Suite before it reports the last error. */
    startTimeoutMs?: number;
    diagnostics?: Diagnostics;
}

/** A message the agent sees through Salesforce: the custom label the Open CTI panel shows too. */
export function labelledError(message: SoftphoneMessage, namespace: string): CustomError {
    const detail = Object.entries(message.params ?? {})
        .map(([name, value]) => `${name}=${value}`)
        .join(' ');
    return new CustomError({
        labelName: `Softphone_Msg_${message.code}`,
        namespace,
        message: detail ? `${message.code}: ${detail}` : message.code
    });
}

function whenOpen(suite: SuiteClient, timeoutMs: number): Promise<void> {
    if (suite.connection.state === 'open') return Promise.resolve();
    return new Promise((resolve, reject) => {
        let last: SuiteError | undefined;
        const finish = (error?: SuiteError) => {
            clearTimeout(timer);
            stop();
            if (error) reject(error);
            else resolve();
        };
        const stop = suite.on('connection', (status) => {
            if (status.state === 'open') finish();
            else if (status.state === 'failed') finish(status.error);
            else if (status.state === 'reconnecting') last = status.lastError ?? last;
        });
        const timer = setTimeout(() => finish(last ?? new SuiteError('suiteUnreachable')), timeoutMs);
    });
}

export class DeskPhoneVendorConnector {
    private readonly options: VendorConnectorOptions;
    readonly diagnostics: Diagnostics;
    private suite: SuiteClient | undefined;
    private telephony: DeskPhoneTelephonyConnector | undefined;

    constructor(options: VendorConnectorOptions) {
        this.options = options;
        this.diagnostics = options.diagnostics ?? new Diagnostics();
    }

    private get namespace(): string {
        return this.options.labelNamespace || 'c';
    }

    async init(connectorConfig: unknown): Promise<InitResult> {
        const parsed = parseCallCenterSettings(connectorConfig);
        if (!parsed.ok) throw labelledError(settingMessage(parsed.errors[0]), this.namespace);
        if (parsed.settings.authMode === 'signedAssertion') {
            throw labelledError(
                { code: 'assertionUnavailable', params: { detail: 'apiKey mode only' } },
                this.namespace
            );
        }
        this.suite?.stop();
        const suite = this.options.createSuite(parsed.settings);
        this.suite = suite;
        suite.start();
        try {
            await whenOpen(suite, this.options.startTimeoutMs ?? 15_000);
        } catch (error) {
            const cause =
                error instanceof SuiteError ? error : new SuiteError('suiteError', { detail: String(error) });
            throw labelledError(cause.panelMessage(), this.namespace);
        }
        const telephony = new DeskPhoneTelephonyConnector({
            suite,
            dialing: parsed.settings,
            voiceCalls: this.options.voiceCalls(suite),
            diagnostics: this.diagnostics,
            publish: (eventType, payload) =>
                publishEvent({
                    eventType: eventType as PublishArgs['eventType'],
                    payload: payload as object,
                    registerLog: true
                })
        });
        telephony.attach();
        this.telephony = telephony;
        suite.on('connection', (status) => {
            if (status.state === 'failed') {
                publishError({
                    eventType: Constants.EVENT_TYPE.AGENT_ERROR as ErrorArgs['eventType'],
                    error: labelledError(status.error.panelMessage(), this.namespace)
                });
            }
        });
        return new InitResult({ showLogin: false });
    }

    getTelephonyConnector(): DeskPhoneTelephonyConnector {
        if (!this.telephony) throw new Error('The connector has not started');
        return this.telephony;
    }

    /** Omni-Channel presence: an offline status turns the phone's DND on, any online one off. */
    async setAgentStatus(agentStatus: string): Promise<GenericResult> {
        const suite = this.requireSuite();
        const dnd = agentStatus === Constants.AGENT_STATUS.OFFLINE;
        if (suite.dndEnabled !== dnd) await suite.setDnd(dnd);
        return new GenericResult({ success: true });
    }

    async logout(): Promise<LogoutResult> {
        this.telephony?.detach();
        this.suite?.stop();
        this.suite = undefined;
        this.telephony = undefined;
        return new LogoutResult({ success: true });
    }

    handleMessage(message: unknown): void {
        this.diagnostics.record(
            'voice.handleMessage',
            new Error(`Unhandled message ${JSON.stringify(message).slice(0, 100)}`)
        );
    }

    private requireSuite(): SuiteClient {
        if (!this.suite) throw new Error('The connector has not started');
        return this.suite;
    }
}
