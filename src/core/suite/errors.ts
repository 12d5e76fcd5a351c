// One catalogue of errors: the wire error codes of contract v1 (docs/suite-api.md, Errors) that every
// server of the contract sends, what the client makes of each, and the client's own error. Codes
// only: the shape of an error answer stays in client.ts.

/** The client's error codes, as the panel and the tabs know them. */
export const SUITE_ERROR_CODES = [
    'suiteUnreachable',
    'localNetworkRefused',
    'suiteTooOld',
    'apiKeyMissing',
    'apiKeyRejected',
    'apiDisabled',
    'apiKeyNotAccepted',
    'assertionUnavailable',
    'assertionRejected',
    'assertionNotAccepted',
    'userNotFound',
    'userDisabled',
    'licenceRequired',
    'noPrimaryExtension',
    'stationNotFound',
    'pbxLinkDown',
    'rateLimited',
    'tooManyConnections',
    'suiteProtocolError',
    'suiteError',
    'invalidState',
    'deviceBusy',
    'deviceUnavailable',
    'callNotFound',
    'invalidNumber',
    'sessionExpired'
] as const;

export type SuiteErrorCode = (typeof SUITE_ERROR_CODES)[number];

const KNOWN_CODES: ReadonlySet<string> = new Set(SUITE_ERROR_CODES);

/** Whether a value from outside (another tab) is one of the client's error codes. */
export const isSuiteErrorCode = (value: unknown): value is SuiteErrorCode =>
    typeof value === 'string' && KNOWN_CODES.has(value);

/** The wire error codes a server of the contract sends, by name. */
export const WIRE_ERROR = {
    apiKeyMissing: 'api_key_missing',
    apiKeyInvalid: 'api_key_invalid',
    apiDisabled: 'api_disabled',
    /** A server that opens sessions only with signed assertions refuses the API key. */
    apiKeyNotAccepted: 'api_key_not_accepted',
    userNotFound: 'user_not_found',
    userDisabled: 'user_disabled',
    licenceRequired: 'licence_required',
    noPrimaryExtension: 'no_primary_extension',
    /** The station a signed assertion names is not a station of the phone system. */
    stationNotFound: 'station_not_found',
    tokenInvalid: 'token_invalid',
    tokenExpired: 'token_expired',
    pbxUnavailable: 'pbx_unavailable',
    rateLimited: 'rate_limited',
    invalidState: 'invalid_state',
    deviceBusy: 'device_busy',
    deviceUnavailable: 'device_unavailable',
    callNotFound: 'call_not_found',
    invalidNumber: 'invalid_number',
    assertionExpired: 'assertion_expired',
    assertionNotYetValid: 'assertion_not_yet_valid',
    assertionReplayed: 'assertion_replayed',
    assertionReplayCacheFull: 'assertion_replay_cache_full',
    badRequest: 'bad_request',
    notFound: 'not_found',
    /** A request refused for where it came from (the simulator's control API). */
    forbidden: 'forbidden',
    /** The event channel's `error` frame for a frame that is not JSON. */
    badFrame: 'bad_frame',
    internal: 'internal'
} as const;

export type WireErrorCode = (typeof WIRE_ERROR)[keyof typeof WIRE_ERROR];

/** Every signed-assertion refusal is `assertion_` and a reason (the bridge's verifier names them). */
export type AssertionWireCode = `assertion_${string}`;

/** What the client makes of each wire code; a code missing here or not in the catalogue fails the build. */
const CLIENT_CODE = {
    api_key_missing: 'apiKeyMissing',
    api_key_invalid: 'apiKeyRejected',
    api_disabled: 'apiDisabled',
    api_key_not_accepted: 'apiKeyNotAccepted',
    user_not_found: 'userNotFound',
    user_disabled: 'userDisabled',
    licence_required: 'licenceRequired',
    no_primary_extension: 'noPrimaryExtension',
    station_not_found: 'stationNotFound',
    token_invalid: 'sessionExpired',
    token_expired: 'sessionExpired',
    pbx_unavailable: 'pbxLinkDown',
    rate_limited: 'rateLimited',
    invalid_state: 'invalidState',
    device_busy: 'deviceBusy',
    device_unavailable: 'deviceUnavailable',
    call_not_found: 'callNotFound',
    invalid_number: 'invalidNumber',
    assertion_expired: 'assertionRejected',
    assertion_not_yet_valid: 'assertionRejected',
    assertion_replayed: 'assertionRejected',
    assertion_replay_cache_full: 'rateLimited',
    bad_request: 'suiteError',
    not_found: 'suiteError',
    forbidden: 'suiteError',
    bad_frame: 'suiteError',
    internal: 'suiteError'
} as const satisfies Record<WireErrorCode, SuiteErrorCode>;

/** Assertion refusals for timing or reuse: a freshly signed assertion may pass (once). */
export const RENEWABLE_ASSERTION_CODES: ReadonlySet<string> = new Set<WireErrorCode>([
    'assertion_expired',
    'assertion_not_yet_valid',
    'assertion_replayed'
]);

/** The client's error code for a wire code; only the catalogue's own entries count (not `constructor`). */
export function clientErrorCode(wireCode: string): SuiteErrorCode {
    if (Object.hasOwn(CLIENT_CODE, wireCode)) return CLIENT_CODE[wireCode as WireErrorCode];
    // Every other assertion_* code says the server will not take this Salesforce's assertions as they are.
    return /^assertion_[a-z_]{1,40}$/.test(wireCode) ? 'assertionRejected' : 'suiteError';
}

/** Configuration errors: retrying cannot help until an admin fixes something. */
const FATAL: ReadonlySet<SuiteErrorCode> = new Set([
    'suiteTooOld',
    'apiKeyMissing',
    'apiKeyRejected',
    'apiDisabled',
    'apiKeyNotAccepted',
    'assertionUnavailable',
    'assertionRejected',
    'assertionNotAccepted',
    'userNotFound',
    'userDisabled',
    'licenceRequired',
    'noPrimaryExtension',
    'stationNotFound',
    'tooManyConnections',
    // Only the agent's answer or an admin's policy (then a browser restart) changes this.
    'localNetworkRefused'
]);

/** Errors the panel explains with a message of their own; the rest show as a generic Suite error. */
const OWN_MESSAGE: ReadonlySet<SuiteErrorCode> = new Set([
    ...FATAL,
    'suiteUnreachable',
    'pbxLinkDown',
    'rateLimited',
    'suiteProtocolError'
]);

export class SuiteError extends Error {
    readonly code: SuiteErrorCode;
    readonly params: Record<string, string>;
    readonly fatal: boolean;
    readonly status?: number;

    constructor(
        code: SuiteErrorCode,
        params: Record<string, string> = {},
        options: { status?: number; detail?: string } = {}
    ) {
        super(options.detail ? `${code}: ${options.detail}` : code);
        this.name = 'SuiteError';
        this.code = code;
        this.params = params;
        this.fatal = FATAL.has(code);
        this.status = options.status;
    }

    /** What the panel shows for this error. */
    panelMessage(): SoftphoneMessage {
        return OWN_MESSAGE.has(this.code)
            ? { code: this.code as SoftphoneMessageCode, params: this.params }
            : { code: 'suiteError', params: { ...this.params, detail: this.code } };
    }
}

/** The Suite an error is about, as the panel names it. */
export interface SuiteAddress {
    host: string;
    port: number;
}

/** An error about the Suite at `at`: its host and port lead the params the message shows. */
export function suiteError(
    code: SuiteErrorCode,
    at: SuiteAddress,
    params: Record<string, string> = {},
    options: { status?: number; detail?: string } = {}
): SuiteError {
    return new SuiteError(code, { host: at.host, port: String(at.port), ...params }, options);
}
