// The contract between the softphone core (controller + host) and the panel LWCs.
// The core pushes one SoftphonePanelState snapshot at a time; the panel answers with intents
// (DOM CustomEvents named after SoftphoneIntent['type'], detail = the rest of the intent).
// Ambient on purpose: both the core bundle and the LWC bundles see these types without an import.

/**
 * Every message the panel can show. Each code has a custom label (English default) and an entry
 * in the admin guide's troubleshooting index; params fill `{name}` placeholders in the label.
 */
type SoftphoneMessageCode =
    // Where the softphone runs
    | 'notInSoftphone' // page opened outside the Salesforce softphone panel
    | 'openCtiUnavailable' // Open CTI requests are not answered {method}
    | 'userEmailUnavailable' // runApex for the user's email failed (class access) {detail}
    | 'phoneWindowWithoutTab' // the phone window has no Salesforce tab to learn the agent from {detail}
    // Call center settings: {setting} is the label the admin sees in Setup
    | 'settingMissing'
    | 'settingNotHost'
    | 'settingNotPort'
    | 'settingNotChoice' // {choices}
    | 'settingNotBoolean'
    | 'settingNotDigits'
    | 'settingNotCountryCode'
    | 'settingTooLong' // {max}
    | 'settingHasSpaces'
    // The Suite ({host}, {port} always given)
    | 'suiteUnreachable' // network error: firewall/VPN or an untrusted certificate
    | 'localNetworkRefused' // the browser's Local Network Access rule refused it {origin} {permission}
    | 'suiteTooOld' // {version} {minimum}
    | 'apiKeyMissing'
    | 'apiKeyRejected'
    | 'apiDisabled'
    | 'assertionUnavailable' // Salesforce could not sign the assertion (certificate, class access) {detail}
    | 'assertionRejected' // the server refused the signed assertion {detail}: its error code
    | 'userNotFound' // {email}
    | 'userDisabled' // {email}
    | 'licenceRequired' // {email}
    | 'noPrimaryExtension' // {email}
    | 'pbxLinkDown'
    | 'rateLimited'
    | 'tooManyConnections'
    | 'suiteProtocolError' // {detail}
    | 'suiteError' // {detail}
    // Transient notices
    | 'numberEmpty'
    | 'numberInvalid' // {number}
    | 'dialFailed' // {detail}
    | 'commandFailed' // {detail}
    | 'phoneWindowBlocked' // the browser blocked the phone window from opening
    | 'callLogRetrying' // a Task save failed and will be retried
    | 'callLogFailed' // a Task could not be saved: Salesforce refused it, or retries ran out {detail}
    | 'storageUnavailable'; // browser storage is full or denied: queued Task saves live in this tab only

/** Connection phase shown in the status bar. `ready` means a call can be placed right now. */
type SoftphonePhase = 'connecting' | 'ready' | 'reconnecting' | 'error';

/**
 * A message the panel shows, by code. The panel maps the code to a custom label and fills
 * `{name}` placeholders from params; the core never sends display text of its own.
 */
interface SoftphoneMessage {
    code: SoftphoneMessageCode;
    params?: Record<string, string>;
}

interface SoftphoneStatus {
    phase: SoftphonePhase;
    /** Set while phase is `reconnecting`: epoch ms of the next attempt, for a countdown. */
    nextAttemptAt?: number;
    /** Set while phase is `error`: what is wrong and what to do. */
    error?: SoftphoneMessage;
    /** Whether the agent can ask for an immediate retry. */
    canRetry: boolean;
}

type SoftphoneCallState = 'dialing' | 'ringing' | 'queued' | 'connected' | 'held' | 'cleared';
type SoftphoneCallDirection = 'inbound' | 'outbound' | 'internal';
type SoftphoneCapability =
    'answer' | 'hold' | 'retrieve' | 'clear' | 'transfer' | 'consult' | 'completeTransfer' | 'cancelTransfer';

interface SoftphoneMatch {
    /** pending: a search is running; none/single/multiple: its outcome; notSearched: no pop yet. */
    kind: 'notSearched' | 'pending' | 'none' | 'single' | 'multiple';
    recordId?: string;
    recordName?: string;
    recordType?: string;
}

interface SoftphoneCallView {
    callId: string;
    state: SoftphoneCallState;
    direction: SoftphoneCallDirection;
    /** The other party's number as the PBX reports it. */
    number: string;
    /** The other party's name from the PBX, if any (plain text, never markup). */
    pbxName: string;
    match: SoftphoneMatch;
    /** Epoch ms; the panel runs a live timer from answeredAt (or startedAt while not answered). */
    startedAt: number;
    answeredAt?: number;
    huntGroup?: string;
    /** Commands the Suite says are valid now; the panel enables controls from this only. */
    capabilities: SoftphoneCapability[];
    /** True for the call the agent is working on (expanded in the list). */
    active: boolean;
    /** For a consult call: the held call it will transfer. */
    relatedCallId?: string;
    /** The agent's notes for this call (saved into the Task). */
    notes: string;
    /** Show the manual screen-pop button. */
    canPop: boolean;
}

interface SoftphoneDnd {
    available: boolean;
    enabled: boolean;
}

/** The links of the chain the self-check walks, in order. */
type SoftphoneCheckId =
    | 'inSoftphone' // the page runs inside the Salesforce softphone panel
    | 'openCti' // Salesforce answers Open CTI requests
    | 'userEmail' // the Salesforce user's email, through runApex
    | 'settings' // the call center settings are valid
    | 'localNetwork' // the browser lets this page reach the Suite's (local) network
    | 'suiteReachable' // the Suite answers over HTTPS with a certificate the browser trusts
    | 'suiteVersion' // release 5.2 or later
    | 'apiKey' // the API key is accepted
    | 'userFound' // a Suite user has the Salesforce email
    | 'licence' // that user has a Phone Manager API licence
    | 'primaryExtension' // that user has a primary extension
    | 'eventChannel' // the live event channel is open
    | 'pbxLink'; // the Suite is linked to the phone system

interface SoftphoneCheck {
    id: SoftphoneCheckId;
    /** notChecked: a link before it failed, or the softphone has no answer yet. */
    result: 'pass' | 'fail' | 'notChecked';
    /** What was found (a version, an email, an extension): plain text, never markup. */
    detail?: string;
    /** Set on a failure: what is wrong and what to do. */
    message?: SoftphoneMessage;
}

/** A failure nobody was waiting on (a request Salesforce did not acknowledge, a retry that gave up). */
interface SoftphoneDiagnostic {
    /** Epoch ms. */
    at: number;
    /** What was being done, e.g. `opencti.refreshView` (plain text). */
    operation: string;
    /** The error's code or message (plain text, at most 200 characters). */
    detail: string;
}

interface SoftphoneSelfCheck {
    running: boolean;
    checks: SoftphoneCheck[];
    /** What this tab recorded since it started, newest last; shown under the links. */
    diagnostics?: SoftphoneDiagnostic[];
}

interface SoftphonePanelState {
    status: SoftphoneStatus;
    agent?: { displayName: string; extension: string; email: string };
    calls: SoftphoneCallView[];
    dnd: SoftphoneDnd;
    recentNumbers: string[];
    /** Whether the panel offers "Open phone in its own window" (a Lightning tab with its settings). */
    canOpenPhoneWindow?: boolean;
    /** A transient notice (for example a number that cannot be dialled). */
    notice?: SoftphoneMessage & { id: number };
    /** Set while the self-check view is open. */
    selfCheck?: SoftphoneSelfCheck;
    /** Task saves that stopped being retried; each stays until saved (retry) or dismissed. */
    failedLogs?: SoftphoneFailedLog[];
}

interface SoftphoneFailedLog {
    /** The call's id (Task.CallObject), for the retry and dismiss intents. */
    callObject: string;
    /** The Task's subject, to tell the agent which call it is (plain text). */
    subject: string;
    /** callLogFailed with Salesforce's reason as {detail}. */
    message: SoftphoneMessage;
}

type SoftphoneIntent =
    | { type: 'answer'; callId: string }
    | { type: 'hangup'; callId: string }
    | { type: 'hold'; callId: string }
    | { type: 'retrieve'; callId: string }
    | { type: 'dial'; number: string }
    | { type: 'transfer'; callId: string; to: string }
    | { type: 'consult'; callId: string; to: string }
    | { type: 'completetransfer'; callId: string; consultCallId: string }
    | { type: 'canceltransfer'; consultCallId: string }
    | { type: 'pop'; callId: string }
    | { type: 'dnd'; enabled: boolean }
    | { type: 'notes'; callId: string; text: string }
    | { type: 'retry' }
    | { type: 'selfcheck' }
    | { type: 'phonewindow' }
    | { type: 'closeselfcheck' }
    | { type: 'retrylog'; callObject: string }
    | { type: 'dismisslog'; callObject: string };
