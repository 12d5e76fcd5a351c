// The contract between the softphone core (controller + host) and the panel LWCs.
// The core pushes one SoftphonePanelState snapshot at a time; the panel answers with intents
// (DOM CustomEvents named after SoftphoneIntent['type'], detail = the rest of the intent).
// Ambient on purpose: both the core bundle and the LWC bundles see these types without an import.

/**
 * Every message the panel can show. Each code has a custom label (English default) and an entry
 * in the admin guide's troubleshooting index; params fill `{name}` placeholders in the label.
 */
// A code's comment names the params its label shows as {name}; [name] is a param the label leaves out
// (an error code, Salesforce's reason, a request's name): the setup check shows it to the admin.
type SoftphoneMessageCode =
    // Where the softphone runs
    | 'notInSoftphone' // page opened outside the Salesforce softphone panel
    | 'openCtiUnavailable' // Open CTI requests are not answered [method] [detail]
    | 'userEmailUnavailable' // runApex for the user's email failed (class access) [detail]
    | 'phoneWindowWithoutTab' // the phone window has no Salesforce tab to learn the agent from [detail]
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
    | 'assertionUnavailable' // Salesforce could not sign the assertion (certificate, class access) [detail]
    | 'assertionRejected' // the server refused the signed assertion [detail]: its error code
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
    | 'suiteProtocolError' // [detail]: what was not understood
    | 'suiteError' // [detail]: the Suite's error code
    // Transient notices
    | 'numberEmpty'
    | 'numberInvalid' // {number}
    | 'dialFailed' // the phone system did not place the call (the reason is in the diagnostics)
    | 'commandFailed' // the phone system did not carry out a call control (the reason is in the diagnostics)
    | 'callChanged' // a call control came too late: the call had changed state meanwhile
    | 'phoneBusy' // the agent's phone is busy with something else
    | 'phoneUnavailable' // the agent's phone is not available to the phone system (unplugged, logged out)
    | 'notConnected' // a request while the connection to the phone system is being restored
    | 'salesforceRequestFailed' // Salesforce did not search for the caller or open the record
    | 'phoneWindowBlocked' // the browser blocked the phone window from opening
    | 'callLogRetrying' // a Task save failed and will be retried
    | 'callLogFailed' // a Task could not be saved: Salesforce refused it, or retries ran out {detail}
    | 'storageUnavailable' // browser storage is full or denied: queued Task saves live in this tab only
    | 'extrasUnavailable' // the second part of the core (SoftphoneExtras) did not load: no wrap-up, Recent or setup check
    // Why the softphone is reconnecting ({host}, {port} always given)
    | 'connectionLost' // the connection dropped, it comes back by itself
    | 'suiteNotAnswering'; // the Suite does not answer (network, VPN, or the Suite is down)

/** Connection phase shown in the status bar. `ready`: a call can be placed right now; `offline`: the
 * browser has no network (it reconnects the moment it is back). */
type SoftphonePhase = 'connecting' | 'ready' | 'reconnecting' | 'offline' | 'error';

/**
 * A message the panel shows, by code. The panel maps the code to a custom label and fills
 * `{name}` placeholders from params; the core never sends display text of its own.
 */
interface SoftphoneMessage {
    code: SoftphoneMessageCode;
    params?: Record<string, string>;
}

/**
 * What the agent is doing, shown on the status line while the phase is `ready`: a call ringing, one
 * being dialled, on a call, on hold, consulting a colleague before a transfer, in wrap-up after a
 * call, in do not disturb, or ready for a call. Absent: the line says Ready.
 */
type SoftphoneActivity =
    'ready' | 'ringing' | 'dialing' | 'onCall' | 'onHold' | 'consulting' | 'wrapUp' | 'dnd';

interface SoftphoneStatus {
    phase: SoftphonePhase;
    /** Set while phase is `ready`: the agent's state the status line names. */
    activity?: SoftphoneActivity;
    /** Set while phase is `reconnecting` or `offline`: epoch ms the connection was lost. */
    since?: number;
    /** Set while phase is `reconnecting`: why (connectionLost, suiteNotAnswering, rateLimited…). */
    cause?: SoftphoneMessage;
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

/**
 * How a call that was never answered ended: the far end was busy, did not answer, refused the call
 * (do not disturb, declined), or the phone system could not place it; `missed`: an incoming call
 * nobody here answered.
 */
type SoftphoneCallOutcome = 'busy' | 'noAnswer' | 'rejected' | 'failed' | 'missed';

/** A number as the agent reads it: national format for the site's country, international otherwise. */
interface SoftphoneNumber {
    /** The number, formatted (digits as written when its country is not known). */
    text: string;
    /** A written extension that is not dialled (the agent asks for it when the far end answers). */
    extension?: string;
}

interface SoftphoneCallView {
    callId: string;
    state: SoftphoneCallState;
    direction: SoftphoneCallDirection;
    /** The other party's number as the agent reads it (the one number presenter). */
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
    /**
     * Set for a few seconds on a call that ended unanswered (state `cleared`): what happened to it; and on
     * a call placed here that the phone system says failed while it lives on (state `dialing`: the agent
     * hears the busy tone until hanging up), for as long as it does.
     */
    outcome?: SoftphoneCallOutcome;
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
    /** The dial pad: how the number being typed reads, and the dials placed from it. */
    dialPad?: SoftphoneDialPad;
    /** Whether the panel offers "Open phone in its own window" (a Lightning tab with its settings). */
    canOpenPhoneWindow?: boolean;
    /**
     * A notice (for example a number that cannot be dialled). It stays until its cause is gone (the
     * connection is back, the call changed, the number was edited) or the agent dismisses it.
     */
    notice?: SoftphoneMessage & { id: number };
    /** Set while the self-check view is open. */
    selfCheck?: SoftphoneSelfCheck;
    /** Task saves that stopped being retried; each stays until saved (retry) or dismissed. */
    failedLogs?: SoftphoneFailedLog[];
    /** The agent's recent calls ("Recent" list); absent: the panel shows no list. */
    history?: SoftphoneHistory;
}

interface SoftphoneDialPad {
    /** The text the echo is for (the panel shows it only while the field still holds that text). */
    input: string;
    /** How the number typed reads; absent when it cannot be dialled. */
    echo?: SoftphoneNumber;
    /** Counts the calls placed from the dial pad: a new value clears the field that dialled it. */
    placed: number;
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
    /** The other party's number as the agent reads it (the one number presenter). */
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
    /** How a call never answered ended (busy, no answer, rejected, failed, missed). */
    outcome?: SoftphoneCallOutcome;
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
    // The text in the dial pad changed: the core answers with how it reads (dialPad.echo).
    | { type: 'dialinput'; number: string }
    | { type: 'dismissnotice'; id: number }
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
