// The events the bridge reads, one interface per event code, fields named as both readings of the
// manual name them (docs/oai-protocol.md, "Events").
import type { LocalConnectionState } from './fields';

export type { LocalConnectionState } from './fields';

interface LineBase {
    /** The PBX's own line counter, first on every line. */
    sequence: string;
}

interface EventBase extends LineBase {
    kind: 'event';
    /** Blank outside a resync; `0` power-up or port reset; otherwise the invoke id of the `_RR` (`1` for `RR`). */
    resyncCode: string;
}

interface MonitoredEvent extends EventBase {
    monCrossRefId: string;
}

interface CallEventBase extends MonitoredEvent {
    callId: string;
    localState: LocalConnectionState;
    /** Two-digit event cause (docs/oai-protocol.md); undefined when blank. */
    cause: number | undefined;
}

export interface DeliveredEvent extends CallEventBase {
    code: 'DE';
    alertingExt: string;
    alertingOutsideNumber: string;
    alertingDeviceType: string;
    internalCallingExt: string;
    outsideCallerName: string;
    outsideCallerNumber: string;
    trunkName: string;
    trunkOutsideNumber: string;
    callingDeviceType: string;
    originallyCalledDevice: string;
    lastRedirectionExt: string;
    accountCode: string;
    /** V ≥ 07.00; blank before. */
    acdGroup: string;
}

export interface EstablishedEvent extends CallEventBase {
    code: 'ES';
    answeringExt: string;
    answeringOutsideNumber: string;
    answeringDeviceType: string;
    internalCallingExt: string;
    outsideCallerNumber: string;
    trunkOutsideNumber: string;
    callingDeviceType: string;
    originallyCalledDevice: string;
    lastRedirectionExt: string;
}

/** A call is being set up from a device (Issue 9.0 p. 37); the first event of a call. */
export interface OriginatedEvent extends CallEventBase {
    code: 'OR';
    internalCallingExt: string;
    outsideCallerNumber: string;
    callingDeviceType: string;
    dialedNumber: string;
    accountCode: string;
}

/** The call has reached a trunk (Issue 9.0 p. 36): later events may not come. */
export interface NetworkReachedEvent extends CallEventBase {
    code: 'NT';
    trunkUsed: string;
    dialedNumber: string;
}

export interface HeldEvent extends CallEventBase {
    code: 'HE';
    holdingExt: string;
}

export interface RetrievedEvent extends CallEventBase {
    code: 'RE';
    retrievingExt: string;
    retrievedExt: string;
    retrievedOutsideNumber: string;
    retrievedTrunkNumber: string;
    retrievedDeviceType: string;
}

export interface TransferredEvent extends CallEventBase {
    code: 'TR';
    /** `callId` is the transferred call. */
    transferringExt: string;
    transferredExt: string;
    /** Blank on the line for the transferred party (it never knew of the announcement call). */
    announcementCallId: string;
    destinationExt: string;
    outsideCallerName: string;
    outsideCallerNumber: string;
    trunkName: string;
    trunkOutsideNumber: string;
}

/** The state is blank on the line telling a party that another one left (Issue 9.0 p. 29). */
export interface ConnectionClearedEvent extends Omit<CallEventBase, 'localState'> {
    code: 'XC';
    localState: LocalConnectionState | undefined;
    clearedExt: string;
    terminatingExt: string;
}

export interface QueuedEvent extends CallEventBase {
    code: 'QU';
    queuedExt: string;
    internalCallingExt: string;
    outsideCallerName: string;
    outsideCallerNumber: string;
    trunkName: string;
    trunkOutsideNumber: string;
    callingDeviceType: string;
    originallyCalledDevice: string;
    lastRedirectionExt: string;
    numberQueued: string;
    accountCode: string;
}

export interface DivertedEvent extends CallEventBase {
    code: 'DI';
    divertedFromExt: string;
    newDestinationExt: string;
    divertedToOutsideNumber: string;
}

export interface FailedEvent extends CallEventBase {
    code: 'FA';
    /** The station that made the call fail (the busy or DND station), not always the one hearing it. */
    failedExt: string;
    calledNumber: string;
}

/** No local connection state: the call is gone. */
export interface CallClearedEvent extends MonitoredEvent {
    code: 'CC';
    callId: string;
    cause: number | undefined;
    /** V ≥ 08.00, for cause 32 only. */
    transferredCallId: string;
    transferDestination: string;
}

export interface ConferencedEvent extends MonitoredEvent {
    code: 'CO';
    subjectExt: string;
    primaryCallId: string;
    secondaryCallId: string;
    controllingExt: string;
    parties: { extension: string; callId: string }[];
    localState: LocalConnectionState;
    cause: number | undefined;
}

export interface DndEvent extends MonitoredEvent {
    code: 'DND';
    extension: string;
    /** A blank (or absent) DND message means DND is being turned off. */
    enabled: boolean;
    message: string;
    text: string;
}

export interface DeviceOfflineEvent extends MonitoredEvent {
    code: 'OL';
    extension: string;
    online: boolean;
    /** V ≥ 08.10; blank before. */
    deviceType: string;
    physicalDeviceType: string;
}

export interface ResyncResponseEvent extends EventBase {
    code: 'RS';
    time: string;
    date: string;
    protocolVersion: string;
    ksuSoftwareVersion: string;
    /** 0 no common status (Gateway), 1 events only, 2 call control only, 3 both; undefined before V05.00. */
    premiumFeatureStatus: number | undefined;
    networkNodeNumber: string;
    networkingEnabled: string;
    countryCode: string;
    /** Only through a CT Gateway at V ≥ 06.00; blank otherwise. */
    tcpipFlag: string;
}

export interface ResyncEndedEvent extends EventBase {
    code: 'RD';
    /** Blank for a system-wide resync. */
    specificExtension: string;
}

export interface MonitorEndedEvent extends MonitoredEvent {
    code: 'ME';
    cause: number | undefined;
}

export type OaiCallEvent =
    | DeliveredEvent
    | EstablishedEvent
    | OriginatedEvent
    | NetworkReachedEvent
    | HeldEvent
    | RetrievedEvent
    | TransferredEvent
    | ConnectionClearedEvent
    | CallClearedEvent
    | QueuedEvent
    | DivertedEvent
    | ConferencedEvent
    | FailedEvent;

export type OaiEvent =
    OaiCallEvent | DndEvent | DeviceOfflineEvent | ResyncResponseEvent | ResyncEndedEvent | MonitorEndedEvent;
export type OaiEventCode = OaiEvent['code'];

export type ConfirmationDetail =
    /** The manual prints both orders (Issue 9.0 `_MC`): which field is the call id needs the extension sent. */
    | { command: '_MC'; fields: [string, string] }
    | { command: '_MS'; monitors: { monCrossRefId: string; device: string }[]; filters: string[] }
    | {
          command: '_TR' | '_TO';
          newCallId: string;
          destinationExt: string;
          transferredExt: string;
          outsideCallerName: string;
          outsideCallerNumber: string;
      }
    | { command: '_RR'; extension: string }
    | { command: '_NO'; nodes: { node: string; answered: boolean }[] }
    /** Query Device Info: `<Affected_Ext>,<Device_Type>,…` in every version (Issue 9.0 `_QI`). */
    | { command: '_QI'; device: string; deviceType: number };

export interface OaiConfirmation extends LineBase {
    kind: 'confirmation';
    command: string;
    invokeId: number;
    /** 0 is success; the others are the manual's outcome codes (./outcomes.ts). */
    outcome: number;
    /** Fields after the outcome, as sent. */
    rest: string[];
    /** The command-specific fields, for a successful confirmation whose layout could be read. */
    detail?: ConfirmationDetail;
}

export interface OaiLineError {
    kind: 'error';
    /**
     * `malformed`: a line of a kind the bridge reads that it cannot read; `unknown`: a well-formed
     * line of a kind neither reading lists; `ignored`: a kind the manual lists that the bridge does
     * not use (agent events, forwarding, callbacks).
     */
    reason: 'malformed' | 'unknown' | 'ignored';
    code?: string;
    line: string;
    detail: string;
}

export type OaiInbound = OaiConfirmation | OaiEvent | OaiLineError;
