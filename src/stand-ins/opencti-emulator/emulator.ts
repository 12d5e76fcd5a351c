// An Open CTI emulator: what Salesforce answers to the softphone's requests, with the documented
// shapes — getCallCenterSettings as the flat /section/item map, runApex as {runApex}, search
// results keyed by record Id, saveLog creating or updating records — over an in-memory store that
// tests and the workbench can read. It logs every request for assertions and benchmarks.
import { randomBytes } from 'node:crypto';
import { SETTINGS, settingPath } from '../../core/telephony/settings/schema';
import seedRecords from './records.json';

export interface EmulatedRecord {
    Id: string;
    Name: string;
    objectType: 'Contact' | 'Account' | 'Lead';
    Phone: string;
    Email?: string;
    /** A Person Account: an Account that is also a person, whose contact is PersonContactId. */
    IsPersonAccount?: boolean;
    PersonContactId?: string;
}

export interface OpenCtiReply {
    success: boolean;
    returnValue: unknown;
    errors: { code: string; description: string; details?: unknown }[] | null;
}

/**
 * Something in the org that refuses a Task whatever the softphone does: a validation rule, a
 * required custom field, no create access on Task, activities disabled on the linked object.
 * Salesforce answers every such saveLog alike, with the record's error in `errors[].details`.
 */
export interface SaveLogRule {
    /** True when this rule refuses the Task (the fields as saveLog received them). */
    refuses(task: Record<string, unknown>): boolean;
    /** The record error, as the org's admin wrote it or as Salesforce phrases it. */
    message: string;
}

export interface LoggedRequest {
    method: string;
    args: Record<string, unknown>;
    at: number;
}

export interface EmulatorOptions {
    agentEmail?: string;
    settings?: Record<string, string>;
    records?: EmulatedRecord[];
    /** saveLog's returnValue: the Id itself, or an object holding it (both occur). */
    saveLogShape?: 'id' | 'object';
    /** The package namespace the org has the Apex classes and the page under ('' for none). */
    namespace?: string;
    /** The org Id, the issuer of SoftphoneAssertion's assertions. */
    orgId?: string;
    /**
     * Certificate and Key Management: Unique Name → a signer of a JSON claims payload (RS256 compact JWS).
     * SoftphoneAssertion signs with these only, as in an org; none means no certificate at all.
     */
    certificates?: Record<string, (claims: Record<string, unknown>) => Promise<string>>;
    /** The MiVoice Assertion Setting record Default (custom metadata); none: the org has no such record. */
    assertionSetting?: AssertionSetting;
    /** The agent's User record: Name and MiVoice Extension (blank: the admin gave them none). */
    agentName?: string;
    agentExtension?: string;
}

/** What an admin sets in the MiVoice Assertion Setting record Default. */
export interface AssertionSetting {
    certificateName: string;
    audience: string;
}

/** What SoftphoneAssertion.cls puts in an assertion (kept in step with its claimsFor). */
export const ASSERTION_VALIDITY_SECONDS = 120;
const CERTIFICATE_NAME = /^[A-Za-z][A-Za-z0-9_]{0,79}$/;
const EXTENSION = /^[0-9]{1,8}$/;

export const DEFAULT_SETTINGS: Record<string, string> = {
    '/reqGeneralInfo/reqInternalName': 'MiVoiceSoftphone',
    '/reqGeneralInfo/reqDisplayName': 'MiVoice Softphone',
    '/reqGeneralInfo/reqAdapterUrl': '/apex/MiVoiceSoftphone',
    '/reqGeneralInfo/reqUseApi': 'true',
    '/reqGeneralInfo/reqSoftphoneHeight': '480',
    '/reqGeneralInfo/reqSoftphoneWidth': '320',
    '/reqGeneralInfo/reqSalesforceCompatibilityMode': 'Lightning',
    ...Object.fromEntries(SETTINGS.map((setting) => [settingPath(setting), setting.defaultValue])),
    '/mivoiceSuite/suiteHost': 'localhost',
    '/mivoiceSuite/apiKey': 'dev-key-123'
};

const digits = (text: string) => text.replace(/\D/g, '');

/** Two numbers match when their national significant digits agree (last 9 digits). */
export function samePhoneNumber(a: string, b: string): boolean {
    const [left, right] = [digits(a), digits(b)];
    if (left.length < 3 || right.length < 3) return false;
    return left.slice(-9) === right.slice(-9);
}

/**
 * searchAndScreenPop is a free-text search, as in Salesforce: its term finds a record by a phone
 * number or by any searchable text field holding it (the name, the email), not by phone fields only.
 */
export function matchesSearch(record: EmulatedRecord, term: string): boolean {
    if (samePhoneNumber(record.Phone, term)) return true;
    const text = term.trim().toLowerCase();
    // Salesforce's search needs at least two characters.
    if (text.length < 2) return false;
    return [record.Name, record.Email ?? ''].some((field) => field.toLowerCase().includes(text));
}

const success = (returnValue: unknown): OpenCtiReply => ({ success: true, returnValue, errors: null });
const failure = (code: string, description: string): OpenCtiReply => ({
    success: false,
    returnValue: null,
    errors: [{ code, description }]
});

export class OpenCtiEmulator {
    agentEmail: string;
    settings: Record<string, string>;
    readonly records: EmulatedRecord[];
    readonly tasks = new Map<string, Record<string, unknown>>();
    readonly requests: LoggedRequest[] = [];
    panelVisible = true;
    clickToDialEnabled = false;
    panelLabel = '';
    /** Failure injection: the next N saveLog requests fail; the first N requests find the container not ready. */
    failNextSaveLogs = 0;
    containerNotReadyFor = 0;
    /** Failure injection: the next N runApex requests are never answered (the callback never runs). */
    unansweredRunApex = 0;
    /** The org's rules that refuse some Tasks on every attempt (see SaveLogRule). */
    readonly saveLogRules: SaveLogRule[] = [];
    private readonly saveLogShape: 'id' | 'object';
    readonly namespace: string;
    readonly orgId: string;
    certificates: Record<string, (claims: Record<string, unknown>) => Promise<string>>;
    assertionSetting: AssertionSetting | undefined;
    agentName: string;
    agentExtension: string;
    private taskCounter = 0;
    now: () => number = Date.now;

    constructor(options: EmulatorOptions = {}) {
        this.agentEmail = options.agentEmail ?? 'alice@example.com';
        this.namespace = options.namespace ?? '';
        this.orgId = options.orgId ?? '00D000000000001AAA';
        this.certificates = options.certificates ?? {};
        this.assertionSetting = options.assertionSetting;
        this.agentName = options.agentName ?? 'Alice Agent';
        this.agentExtension = options.agentExtension ?? '';
        this.settings = {
            ...DEFAULT_SETTINGS,
            ...(this.namespace
                ? { '/reqGeneralInfo/reqAdapterUrl': `/apex/${this.namespace}__MiVoiceSoftphone` }
                : {}),
            ...options.settings
        };
        this.records = structuredClone(options.records ?? (seedRecords as EmulatedRecord[]));
        this.saveLogShape = options.saveLogShape ?? 'object';
    }

    count(method?: string): number {
        return method
            ? this.requests.filter((request) => request.method === method).length
            : this.requests.length;
    }

    /** The reply Salesforce sends, or undefined when it never answers (the callback is never called). */
    async handle(method: string, args: Record<string, unknown> = {}): Promise<OpenCtiReply | undefined> {
        this.requests.push({ method, args: structuredClone(args), at: this.now() });
        if (this.containerNotReadyFor > 0) {
            this.containerNotReadyFor--;
            return failure(
                'SOFTPHONE_CONTAINER_ERROR',
                'Unable to execute sendPostMessage because the softphone container hasn’t initialized yet.'
            );
        }
        switch (method) {
            case 'getCallCenterSettings':
                return success({ ...this.settings });
            case 'runApex':
                if (this.unansweredRunApex > 0) {
                    this.unansweredRunApex--;
                    return undefined;
                }
                return this.runApex(args);
            case 'searchAndScreenPop':
                return success(this.search(String(args.searchParams ?? ''), Boolean(args.deferred)));
            case 'saveLog':
                return this.saveLog(args.object);
            case 'isSoftphonePanelVisible':
                return success({ visible: this.panelVisible });
            case 'setSoftphonePanelVisibility':
                this.panelVisible = args.visible === true;
                return success(null);
            case 'enableClickToDial':
            case 'disableClickToDial':
                this.clickToDialEnabled = method === 'enableClickToDial';
                return success(null);
            case 'setSoftphonePanelLabel':
            case 'setSoftphoneItemLabel':
                this.panelLabel = String(args.label ?? '');
                return success(null);
            case 'screenPop':
            case 'refreshView':
            case 'notifyInitializationComplete':
            case 'setSoftphoneItemIcon':
            case 'setSoftphonePanelIcon':
            case 'onClickToDial':
            case 'onNavigationChange':
                return success(null);
            default:
                return failure('INVALID_PARAM', `The emulator does not implement ${method}`);
        }
    }

    private async runApex(args: Record<string, unknown>): Promise<OpenCtiReply> {
        // As in an org: a packaged class is found only under its namespace, an unpackaged one without.
        const prefix = this.namespace ? `${this.namespace}.` : '';
        const requested = String(args.apexClass ?? '');
        const apexClass = requested.startsWith(prefix) ? requested.slice(prefix.length) : '';
        const params = new URLSearchParams(String(args.methodParams ?? ''));
        if (apexClass === 'SoftphoneIdentity' && args.methodName === 'getUserEmail')
            return success({ runApex: this.agentEmail });
        // The method takes no parameter: whatever a caller sends, it signs the org's configuration.
        if (apexClass === 'SoftphoneAssertion' && args.methodName === 'getAssertion')
            return this.signAssertion();
        if (apexClass === 'SoftphoneCallLog' && args.methodName === 'findTaskId') {
            const callObject = params.get('callObject') ?? '';
            const found = [...this.tasks.entries()].find(([, task]) => task.CallObject === callObject);
            return success({ runApex: found ? found[0] : '' });
        }
        return failure(
            'SERVER_ERROR',
            `No Apex method ${String(args.apexClass)}.${String(args.methodName)} is available to this user`
        );
    }

    /**
     * SoftphoneAssertion.getAssertion: the same checks and claims, an exception as Apex reports one.
     * The certificate and the audience are the MiVoice Assertion Setting's, the station the agent's
     * MiVoice Extension.
     */
    private async signAssertion(): Promise<OpenCtiReply> {
        const apexError = (message: string) =>
            failure('SERVER_ERROR', `SoftphoneAssertion.AssertionException: ${message}`);
        const setting = this.assertionSetting;
        if (!setting)
            return apexError(
                'No MiVoice Assertion Setting named Default: an admin must create it (Setup, Custom Metadata Types)'
            );
        const { certificateName, audience } = setting;
        if (!CERTIFICATE_NAME.test(certificateName))
            return apexError(
                'The MiVoice Assertion Setting Certificate Unique Name must be the Unique Name of a certificate in Certificate and Key Management'
            );
        if (!audience.trim() || audience.length > 255 || /\s/.test(audience))
            return apexError(
                'The MiVoice Assertion Setting Bridge Audience must be set, without spaces, at most 255 characters'
            );
        const extension = this.agentExtension.trim();
        if (extension && !EXTENSION.test(extension))
            return apexError(`The MiVoice Extension of your user must be 1 to 8 digits, not ${extension}`);
        const sign = Object.hasOwn(this.certificates, certificateName)
            ? this.certificates[certificateName]
            : undefined;
        if (!sign)
            return apexError(`The certificate ${certificateName} could not sign the assertion: not found`);
        const iat = Math.floor(this.now() / 1000);
        const claims = {
            iss: this.orgId,
            sub: this.agentEmail,
            aud: audience,
            iat,
            exp: iat + ASSERTION_VALIDITY_SECONDS,
            jti: randomBytes(16).toString('hex'),
            ...(this.agentName ? { name: this.agentName } : {}),
            ...(extension ? { extension } : {})
        };
        return success({ runApex: await sign(claims) });
    }

    search(term: string, deferred: boolean): Record<string, unknown> {
        const matches = this.records.filter((record) => matchesSearch(record, term));
        const result: Record<string, unknown> = {};
        for (const record of matches)
            result[record.Id] = {
                Id: record.Id,
                Name: record.Name,
                RecordType: record.objectType,
                Phone: record.Phone,
                ...(record.IsPersonAccount
                    ? { IsPersonAccount: true, PersonContactId: record.PersonContactId }
                    : {})
            };
        if (deferred) result.SCREEN_POP_DATA = { type: 'search', params: { searchString: term } };
        return result;
    }

    private saveLog(value: unknown): OpenCtiReply {
        if (this.failNextSaveLogs > 0) {
            this.failNextSaveLogs--;
            return failure('GENERIC_ERROR', 'An error occurred while calling the API method.');
        }
        if (!value || typeof value !== 'object') return failure('INVALID_PARAM', 'saveLog needs a record');
        const fields = { ...(value as Record<string, unknown>) };
        // An Id updates that record; without one, entityApiName names the object to create.
        if (typeof fields.Id !== 'string' && fields.entityApiName !== 'Task')
            return failure('INVALID_PARAM', 'Only Tasks are saved by the softphone');
        const refusal = this.saveLogRules.find((rule) => rule.refuses(fields));
        if (refusal) {
            // The documented shape of a record error (Open CTI guide, "Common Error Messages").
            return {
                success: false,
                returnValue: null,
                errors: [
                    {
                        code: 'GENERIC_ERROR',
                        description:
                            'An error occurred while calling the saveLog() API method. Review the Details field in the error section.',
                        details: [{ message: refusal.message }]
                    }
                ]
            };
        }
        let id = typeof fields.Id === 'string' ? fields.Id : '';
        if (id && !this.tasks.has(id)) return failure('INVALID_PARAM', `No Task ${id}`);
        if (!id) {
            this.taskCounter++;
            id = `00T5g${String(this.taskCounter).padStart(10, '0')}`;
        }
        delete fields.entityApiName;
        this.tasks.set(id, { ...this.tasks.get(id), ...fields, Id: id });
        return success(this.saveLogShape === 'id' ? id : { recordId: id });
    }

    recordById(id: string): EmulatedRecord | undefined {
        return this.records.find((record) => record.Id === id);
    }
}
