// The single source of truth for the call center settings: the generated call center files and
// the start-up validation of getCallCenterSettings both come from this table.

export type ScreenPopMode = 'manual' | 'ringing' | 'answered';

export const SCREEN_POP_MODES: readonly ScreenPopMode[] = ['manual', 'ringing', 'answered'];

/** How a session opens: the server's API key, or an assertion Salesforce signs for the agent. */
export type AuthMode = 'apiKey' | 'signedAssertion';

export const AUTH_MODES: readonly AuthMode[] = ['apiKey', 'signedAssertion'];

export interface SoftphoneSettings {
    suiteHost: string;
    suitePort: number;
    apiKey: string;
    authMode: AuthMode;
    screenPopMode: ScreenPopMode;
    createTasks: boolean;
    logMissedCalls: boolean;
    outsidePrefix: string;
    longDistancePrefix: string;
    internationalPrefix: string;
    siteCountryCode: string;
    siteNationalPrefix: string;
    /** The call results an agent picks from in wrap-up, in the admin's order; empty: no picker. */
    callResults: string[];
    /** Wrap-up closes by itself after this many seconds, saving what was typed; 0: it waits for Done. */
    wrapUpAutoCloseSeconds: number;
}

/** Why a value was refused; the panel turns the code into a label naming the setting. */
export type SettingProblem =
    | { code: 'settingMissing' }
    | { code: 'settingNotHost' }
    | { code: 'settingNotPort' }
    | { code: 'settingNotChoice'; choices: string }
    | { code: 'settingNotBoolean' }
    | { code: 'settingNotDigits' }
    | { code: 'settingNotCountryCode' }
    | { code: 'settingTooLong'; max: string }
    | { code: 'settingHasSpaces' }
    | { code: 'settingTooManyEntries'; max: string }
    | { code: 'settingEntryTooLong'; max: string; detail: string }
    | { code: 'settingDuplicateEntry'; detail: string }
    | { code: 'settingNotSeconds'; max: string };

export interface SettingDefinition<K extends keyof SoftphoneSettings = keyof SoftphoneSettings> {
    key: K;
    section: SectionName;
    /** Item name in the call center definition (the key in getCallCenterSettings is /section/name). */
    name: string;
    label: string;
    defaultValue: string;
    /**
     * An empty value normally takes the default (older call centers lack newer items). With this set,
     * only an absent item takes the default; an item the admin emptied keeps its empty value.
     */
    emptyIsValue?: boolean;
    /** Whether an empty value is an error; a function decides from the other settings (the mode). */
    required: boolean | ((settings: Partial<SoftphoneSettings>) => boolean);
    /** Turns the raw string into the typed value, or says what is wrong with it. */
    parse(raw: string): { value: SoftphoneSettings[K] } | { problem: SettingProblem };
}

export type SectionName = 'reqDialingOptions' | 'mivoiceDialing' | 'mivoiceSuite';

export const SECTION_LABELS: Record<SectionName, string> = {
    reqDialingOptions: 'Dialing Options',
    mivoiceDialing: 'Site Dialing Rules',
    mivoiceSuite: 'MiVoice Office Application Suite'
};

const MAX_TEXT = 255;
const HOST_LABEL = /^(?!-)[a-z0-9-]{1,63}(?<!-)$/i;

function tooLong(raw: string, max = MAX_TEXT): SettingProblem | undefined {
    return raw.length > max ? { code: 'settingTooLong', max: String(max) } : undefined;
}

function parseHost(raw: string): { value: string } | { problem: SettingProblem } {
    const host = raw.trim().toLowerCase().replace(/\.$/, '');
    const long = tooLong(host, 253);
    if (long) return { problem: long };
    const labels = host.split('.');
    if (!host || !labels.every((label) => HOST_LABEL.test(label))) {
        return { problem: { code: 'settingNotHost' } };
    }
    return { value: host };
}

function parsePort(raw: string): { value: number } | { problem: SettingProblem } {
    const text = raw.trim();
    if (!/^\d{1,5}$/.test(text)) return { problem: { code: 'settingNotPort' } };
    const port = Number(text);
    return port >= 1 && port <= 65535 ? { value: port } : { problem: { code: 'settingNotPort' } };
}

function parseSecret(raw: string): { value: string } | { problem: SettingProblem } {
    const key = raw.trim();
    const long = tooLong(key, 512);
    if (long) return { problem: long };
    if (/\s/.test(key)) return { problem: { code: 'settingHasSpaces' } };
    return { value: key };
}

function parseAuthMode(raw: string): { value: AuthMode } | { problem: SettingProblem } {
    const text = raw.trim().toLowerCase();
    const mode = AUTH_MODES.find((candidate) => candidate.toLowerCase() === text);
    return mode ? { value: mode } : { problem: { code: 'settingNotChoice', choices: AUTH_MODES.join(', ') } };
}

function parseBoolean(raw: string): { value: boolean } | { problem: SettingProblem } {
    const text = raw.trim().toLowerCase();
    if (text === 'true') return { value: true };
    if (text === 'false') return { value: false };
    return { problem: { code: 'settingNotBoolean' } };
}

function parsePrefix(raw: string): { value: string } | { problem: SettingProblem } {
    const text = raw.trim();
    const long = tooLong(text, 10);
    if (long) return { problem: long };
    return /^[0-9*#]*$/.test(text) ? { value: text } : { problem: { code: 'settingNotDigits' } };
}

/** A country calling code: 1 to 3 digits, written without + or 00. */
function parseCountryCode(raw: string): { value: string } | { problem: SettingProblem } {
    const text = raw.trim();
    return text === '' || /^[1-9]\d{0,2}$/.test(text)
        ? { value: text }
        : { problem: { code: 'settingNotCountryCode' } };
}

function parsePopMode(raw: string): { value: ScreenPopMode } | { problem: SettingProblem } {
    const text = raw.trim().toLowerCase();
    const mode = SCREEN_POP_MODES.find((candidate) => candidate === text);
    return mode
        ? { value: mode }
        : { problem: { code: 'settingNotChoice', choices: SCREEN_POP_MODES.join(', ') } };
}

/** Call results: a picker is usable with a few dozen entries at most, each short enough for one line. */
export const MAX_CALL_RESULTS = 25;
export const MAX_CALL_RESULT_LENGTH = 80;
/** An hour: wrap-up longer than that is not after-call work any more. */
export const MAX_WRAP_UP_SECONDS = 3600;

/** A ';'-separated list: entries trimmed, empty entries (a trailing ';') dropped, duplicates refused. */
function parseCallResults(raw: string): { value: string[] } | { problem: SettingProblem } {
    const long = tooLong(raw.trim(), 2000);
    if (long) return { problem: long };
    const entries = raw
        .split(';')
        .map((entry) => entry.trim())
        .filter((entry) => entry !== '');
    if (entries.length > MAX_CALL_RESULTS)
        return { problem: { code: 'settingTooManyEntries', max: String(MAX_CALL_RESULTS) } };
    const seen = new Set<string>();
    for (const entry of entries) {
        if (entry.length > MAX_CALL_RESULT_LENGTH)
            return {
                problem: { code: 'settingEntryTooLong', max: String(MAX_CALL_RESULT_LENGTH), detail: entry }
            };
        const key = entry.toLowerCase();
        if (seen.has(key)) return { problem: { code: 'settingDuplicateEntry', detail: entry } };
        seen.add(key);
    }
    return { value: entries };
}

function parseSeconds(raw: string): { value: number } | { problem: SettingProblem } {
    const text = raw.trim();
    const seconds = Number(text);
    return /^\d{1,4}$/.test(text) && seconds <= MAX_WRAP_UP_SECONDS
        ? { value: seconds }
        : { problem: { code: 'settingNotSeconds', max: String(MAX_WRAP_UP_SECONDS) } };
}

function define<K extends keyof SoftphoneSettings>(definition: SettingDefinition<K>): SettingDefinition<K> {
    return definition;
}

export const SETTINGS = [
    define({
        key: 'outsidePrefix',
        section: 'reqDialingOptions',
        name: 'reqOutsidePrefix',
        label: 'Outside Prefix',
        defaultValue: '',
        required: false,
        parse: parsePrefix
    }),
    define({
        key: 'longDistancePrefix',
        section: 'reqDialingOptions',
        name: 'reqLongDistPrefix',
        label: 'Long Distance Prefix',
        defaultValue: '',
        required: false,
        parse: parsePrefix
    }),
    define({
        key: 'internationalPrefix',
        section: 'reqDialingOptions',
        name: 'reqInternationalPrefix',
        label: 'International Prefix',
        defaultValue: '00',
        required: false,
        parse: parsePrefix
    }),
    define({
        key: 'siteCountryCode',
        section: 'mivoiceDialing',
        name: 'siteCountryCode',
        label: 'Site Country Code (for example 44 or 1)',
        defaultValue: '',
        required: false,
        parse: parseCountryCode
    }),
    define({
        key: 'siteNationalPrefix',
        section: 'mivoiceDialing',
        name: 'siteNationalPrefix',
        label: 'Site National Prefix (0, or 1 in North America)',
        defaultValue: '',
        required: false,
        parse: parsePrefix
    }),
    define({
        key: 'suiteHost',
        section: 'mivoiceSuite',
        name: 'suiteHost',
        label: 'Suite Host',
        defaultValue: '',
        required: true,
        parse: parseHost
    }),
    define({
        key: 'suitePort',
        section: 'mivoiceSuite',
        name: 'suitePort',
        label: 'Suite Port',
        defaultValue: '8204',
        required: true,
        parse: parsePort
    }),
    define({
        key: 'apiKey',
        section: 'mivoiceSuite',
        name: 'apiKey',
        label: 'API Key',
        defaultValue: '',
        required: (settings) => settings.authMode !== 'signedAssertion',
        parse: parseSecret
    }),
    define({
        key: 'authMode',
        section: 'mivoiceSuite',
        name: 'authMode',
        label: 'Authentication (apiKey or signedAssertion)',
        defaultValue: 'apiKey',
        required: true,
        parse: parseAuthMode
    }),
    define({
        key: 'screenPopMode',
        section: 'mivoiceSuite',
        name: 'screenPopMode',
        label: 'Screen Pop (manual, ringing or answered)',
        defaultValue: 'answered',
        required: true,
        parse: parsePopMode
    }),
    define({
        key: 'createTasks',
        section: 'mivoiceSuite',
        name: 'createTasks',
        label: 'Create Tasks (true or false)',
        defaultValue: 'true',
        required: true,
        parse: parseBoolean
    }),
    define({
        key: 'logMissedCalls',
        section: 'mivoiceSuite',
        name: 'logMissedCalls',
        label: 'Log Missed Calls (true or false)',
        defaultValue: 'true',
        required: true,
        parse: parseBoolean
    }),
    define({
        key: 'callResults',
        section: 'mivoiceSuite',
        name: 'callResults',
        label: 'Call Results (separated by ;, empty: no picker)',
        defaultValue: 'Resolved;Follow-up needed;Left voicemail;Wrong number',
        emptyIsValue: true,
        required: false,
        parse: parseCallResults
    }),
    define({
        key: 'wrapUpAutoCloseSeconds',
        section: 'mivoiceSuite',
        name: 'wrapUpAutoClose',
        label: 'Wrap-up Auto-close (seconds, 0: off)',
        defaultValue: '0',
        required: false,
        parse: parseSeconds
    })
] as const satisfies readonly SettingDefinition[];

/**
 * Items older call centers carry that the softphone no longer reads: the certificate that signs
 * assertions and the audience they are for now come from the MiVoice Assertion Setting custom
 * metadata, which only an admin can change (docs/security.md), never from the browser. The setup
 * check names any that is still set, so the admin can move its value and empty it.
 */
export const RETIRED_SETTINGS: readonly Pick<SettingDefinition, 'section' | 'name' | 'label'>[] = [
    {
        section: 'mivoiceSuite',
        name: 'assertionCertificate',
        label: 'Assertion Certificate Unique Name (signedAssertion)'
    },
    {
        section: 'mivoiceSuite',
        name: 'assertionAudience',
        label: 'Bridge Audience (signedAssertion; empty: https://host:port)'
    }
];

/** The key getCallCenterSettings uses for a setting: `/section/item`. */
export function settingPath(definition: Pick<SettingDefinition, 'section' | 'name'>): string {
    return `/${definition.section}/${definition.name}`;
}
