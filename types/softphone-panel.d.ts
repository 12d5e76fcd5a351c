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
    | 'settingTooManyEntries' // a list (entries separated by semicolons) holds more than {max} entries
    | 'settingEntryTooLong' // an entry of a list is longer than {max} characters, {detail}: the entry
    | 'settingDuplicateEntry' // a list holds an entry twice, {detail}: the entry
    | 'settingNotSeconds' // not a whole number of seconds from 0 to {max}
    | 'settingNoLongerRead' // {setting} is set in the call center but now comes from admin-only configuration
    // The Suite ({host}, {port} always given)
    | 'suiteUnreachable' // network error: firewall/VPN or an untrusted certificate
    | 'localNetworkRefused' // the browser's Local Network Access rule refused it {origin} {permission}
    | 'suiteTooOld' // {version} {minimum}
    | 'apiKeyMissing'
    | 'apiKeyRejected'
    | 'apiDisabled'
    | 'apiKeyNotAccepted' // the server opens sessions with signed assertions only
    | 'assertionUnavailable' // Salesforce could not sign the assertion (certificate, class access) {detail}
    | 'assertionRejected' // the server refused the signed assertion {detail}: its error code
    | 'assertionNotAccepted' // the server does not accept signed assertions
    | 'userNotFound' // {email}
    | 'userDisabled' // {email}
    | 'licenceRequired' // {email}
    | 'noPrimaryExtension' // {email}
    | 'stationNotFound' // the extension Salesforce signed for {email} is no station of the phone system
    // How the session signed in and what that allows, a setup check note ({host}, {port} always given)
    | 'signInPerAgent' // the agent controls their own {extension} only
    | 'signInSharedKey' // anyone with the key controls any extension
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

/**
 * What the agent is doing, shown on the status line while the phase is `ready`: ready for a call, on a
 * call, in wrap-up after one, or in do not disturb. Absent: the line says Ready as before.
 */
type SoftphoneActivity = 'ready' | 'onCall' | 'wrapUp' | 'dnd';

interface SoftphoneStatus {
    phase: SoftphonePhase;
    /** Set while phase is `ready`: the agent's state the status line names. */
    activity?: SoftphoneActivity;
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
    /**
     * The records the search found, from the searchAndScreenPop result (no extra request), in its
     * order. The panel lists them when there are two or more; `pick` chooses one, during the call or
     * in wrap-up. Stays after a pick, so the agent can change the choice.
     */
    candidates?: SoftphoneMatchCandidate[];
    /** The candidate the agent picked (its recordId); the panel marks it. */
    pickedId?: string;
}

/** One record a search found for the call's number. Names and API names are data, shown as text. */
interface SoftphoneMatchCandidate {
    recordId: string;
    /** The record's Name (plain text, never markup). */
    name: string;
    /** The object's API name from the result's RecordType: Contact, Account, Lead, a custom object. */
    objectType: string;
    /** A Person Account (IsPersonAccount in the result): the panel says Person Account. */
    personAccount?: boolean;
    /** The API name of the field holding the number: Phone, MobilePhone, PersonMobilePhone, a custom field. */
    matchedField?: string;
}

/** A record a call or its Task is linked to. */
interface SoftphoneRecordRef {
    recordId: string;
    /** Plain text, never markup. */
    name: string;
    /** The object's API name: Contact, Account, Lead, a custom object. */
    objectType: string;
    personAccount?: boolean;
}

/**
 * After-call work. Set on a call that has ended (state `cleared`) and whose Task is already saved: the
 * card stays as "Wrap-up" until the agent presses Done or the auto-close deadline passes. The values
 * are the core's current draft, shared by the agent's tabs; the notes are the call's `notes`.
 */
interface SoftphoneWrapUp {
    /** The Task's Subject as it stands (the agent may edit it). */
    subject: string;
    /** The call result picked, one of resultChoices, or '' for none. */
    result: string;
    /** The call results the admin defined (callResults setting), in order; empty: the panel shows no picker. */
    resultChoices: string[];
    /** The record the Task is linked to (WhoId/WhatId), if any; changed with `pick`. */
    linkedRecord?: SoftphoneRecordRef;
    /** Epoch ms at which wrap-up closes by itself, saving what was typed; absent: no auto-close. */
    closesAt?: number;
}

/** What the agent changed in the wrap-up form: only the fields whose value differs from the snapshot's. */
interface SoftphoneWrapUpChanges {
    notes?: string;
    result?: string;
    subject?: string;
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
    /** Set while the call is in wrap-up (after it ended); the card shows the wrap-up form. */
    wrapUp?: SoftphoneWrapUp;
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
    /** Set on a pass that needs saying more: how the agent signed in and what that allows, a setting to tidy. */
    note?: SoftphoneMessage;
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
    /** The agent's recent calls ("Recent" list); absent: the panel shows no list. */
    history?: SoftphoneHistory;
}

/** The agent's last calls, newest first (at most 50), kept per agent in the browser and shared by tabs. */
interface SoftphoneHistory {
    entries: SoftphoneHistoryEntry[];
    /** Missed calls since the agent last opened the list; `historyseen` sets it back to 0. */
    unseenMissed: number;
}

interface SoftphoneHistoryEntry {
    /** The call's id (Task.CallObject), for the callback intent and as the list key. */
    callId: string;
    direction: SoftphoneCallDirection;
    /** The other party's number as the PBX reported it. */
    number: string;
    /** The linked record's name or the PBX name; absent or empty: the panel shows the number. */
    name?: string;
    /** Epoch ms the call started. */
    startedAt: number;
    /** From answer to end; 0 for a call never answered. */
    durationSeconds: number;
    /** The call result picked in wrap-up, if any (one of the admin's call results). */
    result?: string;
    /** The record the Task is linked to, for `openrecord`. */
    record?: SoftphoneRecordRef;
    /** The Task's Id once saved, for `opentask`. */
    taskId?: string;
    /** An inbound call nobody here answered. */
    missed: boolean;
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
    | { type: 'dismisslog'; callObject: string }
    // A match the agent chose: pop it and link the call and its Task (in wrap-up: the Task, when wrap-up ends).
    | { type: 'pick'; callId: string; recordId: string }
    // A wrap-up field edited (the subject after a pause in typing, the result at once); notes use `notes`.
    | { type: 'wrapupchange'; callId: string; field: 'subject' | 'result'; value: string }
    // Done: end wrap-up, saving into the same Task (by Id) what changed, in one request, only if anything did.
    | { type: 'wrapupdone'; callId: string; changes: SoftphoneWrapUpChanges }
    // From the Recent list: call the entry's number back, through the dial normaliser.
    | { type: 'callback'; callId: string }
    | { type: 'openrecord'; recordId: string }
    | { type: 'opentask'; taskId: string }
    // The agent opened the Recent list: the missed calls so far are seen.
    | { type: 'historyseen' };

/** Every intent the panel raises. */
type SoftphonePanelIntent = SoftphoneIntent;
