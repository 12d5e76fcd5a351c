// The self-check: walks the chain from the softphone panel to the phone system and reports each
// link as passed, failed (with the message that says what to do) or not checked. A link is checked
// only when every link before it passed, so the first red link is the one to fix.
//
// It spends one Open CTI request (the settings, asked again so an admin's fix shows at once) and one
// unauthenticated request to the Suite. The session links (API key, user, licence, extension) come
// from the live connection instead of a second session, which would take one of the user's few
// connections on the Suite.
import { parseCallCenterSettings, settingMessage } from '../../telephony/settings/parse';
import { RETIRED_SETTINGS, settingPath, type SoftphoneSettings } from '../../telephony/settings/schema';
import { SIGNED_ASSERTION_ONLY_FEATURE } from '../../suite/suiteRequests';
import { SuiteError, type SuiteConnection, type SuiteErrorCode, type SuiteUser } from '../../suite/types';

export interface SelfCheckInputs {
    /** Asks Salesforce for the call center settings. */
    fetchSettings(): Promise<unknown>;
    /** The Salesforce user's email from start-up, or the message saying why there is none. */
    email: string | { problem: SoftphoneMessage };
    /** Asks the Suite named by these settings for its release and features (SuiteClient.checkServer). */
    checkServer(settings: SoftphoneSettings): Promise<{ version: string; features?: readonly string[] }>;
    /** The live connection, if the softphone got as far as opening one. */
    live?: {
        connection: SuiteConnection;
        user: SuiteUser | undefined;
        pbxConnected: boolean;
        /** What this tab dropped from a Suite that reported more than a phone can have. */
        dropped?: DroppedCounts;
    };
}

export interface DroppedCounts {
    liveCalls: number;
    endedCalls: number;
    automaticPops: number;
}

/** The event channel's detail when something was dropped: the counts, for an admin to report. */
function droppedDetail(dropped: DroppedCounts | undefined): string | undefined {
    if (!dropped) return undefined;
    const parts = [
        [dropped.liveCalls, 'live calls'],
        [dropped.endedCalls, 'ended calls'],
        [dropped.automaticPops, 'automatic pops']
    ]
        .filter(([count]) => (count as number) > 0)
        .map(([count, what]) => `${count} ${what}`);
    return parts.length > 0 ? `over the limits, dropped: ${parts.join(', ')}` : undefined;
}

export const CHECK_ORDER: readonly SoftphoneCheckId[] = [
    'inSoftphone',
    'openCti',
    'userEmail',
    'settings',
    'localNetwork',
    'suiteReachable',
    'suiteVersion',
    'apiKey',
    'userFound',
    'licence',
    'primaryExtension',
    'eventChannel',
    'pbxLink'
];

/** The session link each configuration error of the Suite belongs to. */
const SESSION_LINK: Partial<Record<SuiteErrorCode, SoftphoneCheckId>> = {
    apiKeyMissing: 'apiKey',
    apiKeyRejected: 'apiKey',
    apiDisabled: 'apiKey',
    apiKeyNotAccepted: 'apiKey',
    assertionUnavailable: 'apiKey',
    assertionRejected: 'apiKey',
    assertionNotAccepted: 'apiKey',
    userNotFound: 'userFound',
    userDisabled: 'userFound',
    licenceRequired: 'licence',
    noPrimaryExtension: 'primaryExtension',
    stationNotFound: 'primaryExtension'
};

const SESSION_LINKS: readonly SoftphoneCheckId[] = ['apiKey', 'userFound', 'licence', 'primaryExtension'];

type Outcome = Omit<SoftphoneCheck, 'id'>;

const pass = (detail?: string, note?: SoftphoneMessage): Outcome => ({
    result: 'pass',
    ...(detail ? { detail } : {}),
    ...(note ? { note } : {})
});
const fail = (message: SoftphoneMessage): Outcome => ({ result: 'fail', message });
const notChecked: Outcome = { result: 'notChecked' };

/** Every link as not checked yet: what the view shows while the first run is under way. */
export function uncheckedLinks(): SoftphoneCheck[] {
    return CHECK_ORDER.map((id) => ({ id, result: 'notChecked' }));
}

export async function runSelfCheck(inputs: SelfCheckInputs): Promise<SoftphoneCheck[]> {
    const outcomes = new Map<SoftphoneCheckId, Outcome>();
    const record = (id: SoftphoneCheckId, outcome: Outcome) => outcomes.set(id, outcome);
    const result = () => CHECK_ORDER.map((id) => ({ id, ...(outcomes.get(id) ?? notChecked) }));

    // The softphone core starts only inside the softphone panel (the adapter page explains otherwise).
    record('inSoftphone', pass());

    let rawSettings: unknown;
    try {
        rawSettings = await inputs.fetchSettings();
        record('openCti', pass());
    } catch (error) {
        record(
            'openCti',
            fail({
                code: 'openCtiUnavailable',
                params: { method: 'getCallCenterSettings', detail: describe(error) }
            })
        );
        return result();
    }

    if (typeof inputs.email !== 'string') {
        record('userEmail', fail(inputs.email.problem));
        return result();
    }
    record('userEmail', pass(inputs.email));

    const parsed = parseCallCenterSettings(rawSettings);
    if (!parsed.ok) {
        record('settings', fail(settingMessage(parsed.errors[0])));
        return result();
    }
    record('settings', pass(undefined, retiredSetting(rawSettings)));

    const address = `${parsed.settings.suiteHost}:${parsed.settings.suitePort}`;
    let features: readonly string[] = [];
    try {
        const server = await inputs.checkServer(parsed.settings);
        const version = server.version;
        features = server.features ?? [];
        record('localNetwork', pass());
        record('suiteReachable', pass(address));
        record('suiteVersion', pass(version));
    } catch (error) {
        const suiteError = asSuiteError(error, parsed.settings);
        if (suiteError.code === 'localNetworkRefused') {
            record('localNetwork', fail(suiteError.panelMessage()));
            return result();
        }
        // An answer, or no answer the browser could have refused: this link is not the one to fix.
        record('localNetwork', pass());
        if (suiteError.code === 'suiteTooOld') {
            record('suiteReachable', pass(address));
            record('suiteVersion', fail(suiteError.panelMessage()));
        } else {
            record('suiteReachable', fail(suiteError.panelMessage()));
        }
        return result();
    }

    if (inputs.live) checkLiveConnection(inputs.live, { settings: parsed.settings, features }, record);
    return result();
}

/** A call center item the softphone no longer reads that still holds a value (schema.ts RETIRED_SETTINGS). */
function retiredSetting(raw: unknown): SoftphoneMessage | undefined {
    const source = raw !== null && typeof raw === 'object' ? (raw as Record<string, unknown>) : {};
    const left = RETIRED_SETTINGS.find((setting) => {
        const value = source[settingPath(setting)];
        return typeof value === 'string' && value.trim() !== '';
    });
    return left && { code: 'settingNoLongerRead', params: { setting: left.label } };
}

/** What the server lets the agent's way of signing in do: their own station, or any with the shared key. */
function signInNote({ settings, features }: Server, user: SuiteUser): SoftphoneMessage {
    const host = { host: settings.suiteHost, port: String(settings.suitePort) };
    return settings.authMode === 'signedAssertion' && features.includes(SIGNED_ASSERTION_ONLY_FEATURE)
        ? { code: 'signInPerAgent', params: { ...host, extension: user.primaryExtension } }
        : { code: 'signInSharedKey', params: host };
}

/** The settings the check ran with, and what the server said it offers. */
interface Server {
    settings: SoftphoneSettings;
    features: readonly string[];
}

type RecordOutcome = (id: SoftphoneCheckId, outcome: Outcome) => void;

/**
 * The links after the Suite's release, from the live connection: the session (API key, user,
 * licence, extension), the event channel and the phone system, up to the first that failed.
 */
function checkLiveConnection(
    live: NonNullable<SelfCheckInputs['live']>,
    server: Server,
    record: RecordOutcome
): void {
    if (!checkSession(live, server, record)) return;
    const { settings } = server;
    const hostParams = { host: settings.suiteHost, port: String(settings.suitePort) };
    const connection = live.connection;
    if (connection.state === 'connecting') return;
    if (connection.state !== 'open') {
        const error = connectionError(connection);
        record(
            'eventChannel',
            fail(error ? error.panelMessage() : { code: 'suiteUnreachable', params: hostParams })
        );
        return;
    }
    record('eventChannel', pass(droppedDetail(live.dropped)));
    record('pbxLink', live.pbxConnected ? pass() : fail({ code: 'pbxLinkDown', params: hostParams }));
}

/** The session links, passed when the connection knows the agent; false where one failed or nothing is known. */
function checkSession(
    live: NonNullable<SelfCheckInputs['live']>,
    server: Server,
    record: RecordOutcome
): boolean {
    if (live.user) {
        // Which way the agent signed in, and what the server lets that do.
        record('apiKey', pass(server.settings.authMode, signInNote(server, live.user)));
        record(
            'userFound',
            pass(live.user.displayName ? `${live.user.displayName} · ${live.user.email}` : live.user.email)
        );
        record('licence', pass());
        record('primaryExtension', pass(live.user.primaryExtension));
        return true;
    }
    const error = connectionError(live.connection);
    const failedLink = error && SESSION_LINK[error.code];
    if (!error || !failedLink) {
        // No session yet, for a reason that says nothing about the session links.
        if (error) record('eventChannel', fail(error.panelMessage()));
        return false;
    }
    for (const link of SESSION_LINKS) {
        if (link === failedLink) {
            record(link, fail(error.panelMessage()));
            return false;
        }
        record(link, pass());
    }
    return true;
}

function connectionError(connection: SuiteConnection): SuiteError | undefined {
    if (connection.state === 'failed') return connection.error;
    if (connection.state === 'reconnecting') return connection.lastError;
    return undefined;
}

function asSuiteError(error: unknown, settings: SoftphoneSettings): SuiteError {
    if (error instanceof SuiteError) return error;
    return new SuiteError(
        'suiteUnreachable',
        { host: settings.suiteHost, port: String(settings.suitePort) },
        { detail: describe(error) }
    );
}

function describe(error: unknown): string {
    return (error instanceof Error ? error.message : String(error)).slice(0, 200);
}
