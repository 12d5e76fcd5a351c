// Typed decoding of the lines the PBX sends: confirmations and events (docs/oai-protocol.md).
// A line that cannot be read becomes an OaiLineError value; decoding never throws.
import { splitFields } from './csv';

export const LOCAL_CONNECTION_STATES = ['N', 'I', 'A', 'C', 'H', 'F', 'Q'] as const;
/** N null, I initiate (dialtone), A alerting, C connected, H hold, F failed, Q queued. */
export type LocalConnectionState = (typeof LOCAL_CONNECTION_STATES)[number];

interface LineBase {
    /** The PBX's own line counter, first on every line. */
    sequence: string;
}

interface EventBase extends LineBase {
    kind: 'event';
    /** Blank outside a resync; `0` power-up or port reset; otherwise the invoke id of the `_RR`. */
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
    announcementCallId: string;
    destinationExt: string;
    outsideCallerName: string;
    outsideCallerNumber: string;
    trunkName: string;
    trunkOutsideNumber: string;
}

export interface ConnectionClearedEvent extends CallEventBase {
    code: 'XC';
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
    failedExt: string;
    calledNumber: string;
}

/** No local connection state: the call is gone. */
export interface CallClearedEvent extends MonitoredEvent {
    code: 'CC';
    callId: string;
    cause: number | undefined;
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
    /** A blank DND message means DND is being turned off. */
    enabled: boolean;
    message: string;
    text: string;
}

export interface DeviceOfflineEvent extends MonitoredEvent {
    code: 'OL';
    extension: string;
    online: boolean;
    deviceType: string;
    physicalDeviceType: string;
}

export interface ResyncResponseEvent extends EventBase {
    code: 'RS';
    time: string;
    date: string;
    protocolVersion: string;
    ksuSoftwareVersion: string;
    /** 1 events only, 2 call control only, 3 both. */
    premiumFeatureStatus: number;
    networkNodeNumber: string;
    networkingEnabled: string;
    countryCode: string;
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
    | { command: '_MC'; callId: string; extension: string }
    | { command: '_MS'; monitors: { monCrossRefId: string; device: string }[]; filters: string[] }
    | { command: '_TR' | '_TO'; newCallId: string; destinationExt: string };

export interface OaiConfirmation extends LineBase {
    kind: 'confirmation';
    command: string;
    invokeId: number;
    /** 0 is success. */
    outcome: number;
    /** Fields after the outcome, as sent. */
    rest: string[];
    /** The command-specific fields, for a successful confirmation of a command that has them. */
    detail?: ConfirmationDetail;
}

export interface OaiLineError {
    kind: 'error';
    /** `unknown`: a well-formed line of a kind the bridge does not read (agent events, queries...). */
    reason: 'malformed' | 'unknown';
    code?: string;
    line: string;
    detail: string;
}

export type OaiInbound = OaiConfirmation | OaiEvent | OaiLineError;

type FieldKind = 'text' | 'state' | 'cause' | 'number' | 'flag';
type FieldSpec = readonly [name: string, kind: FieldKind];

/** Field lists in the manual's order, after the resync code; `optional` trailing fields may be absent. */
const SCHEMAS: Record<Exclude<OaiEventCode, 'CO'>, { fields: readonly FieldSpec[]; optional?: number }> = {
    DE: {
        fields: [
            ['monCrossRefId', 'text'],
            ['callId', 'text'],
            ['alertingExt', 'text'],
            ['alertingOutsideNumber', 'text'],
            ['alertingDeviceType', 'text'],
            ['internalCallingExt', 'text'],
            ['outsideCallerName', 'text'],
            ['outsideCallerNumber', 'text'],
            ['trunkName', 'text'],
            ['trunkOutsideNumber', 'text'],
            ['callingDeviceType', 'text'],
            ['originallyCalledDevice', 'text'],
            ['lastRedirectionExt', 'text'],
            ['accountCode', 'text'],
            ['localState', 'state'],
            ['cause', 'cause'],
            ['acdGroup', 'text']
        ],
        optional: 1
    },
    ES: {
        fields: [
            ['monCrossRefId', 'text'],
            ['callId', 'text'],
            ['answeringExt', 'text'],
            ['answeringOutsideNumber', 'text'],
            ['answeringDeviceType', 'text'],
            ['internalCallingExt', 'text'],
            ['outsideCallerNumber', 'text'],
            ['trunkOutsideNumber', 'text'],
            ['callingDeviceType', 'text'],
            ['originallyCalledDevice', 'text'],
            ['lastRedirectionExt', 'text'],
            ['localState', 'state'],
            ['cause', 'cause']
        ]
    },
    HE: {
        fields: [
            ['monCrossRefId', 'text'],
            ['callId', 'text'],
            ['holdingExt', 'text'],
            ['localState', 'state'],
            ['cause', 'cause']
        ]
    },
    RE: {
        fields: [
            ['monCrossRefId', 'text'],
            ['callId', 'text'],
            ['retrievingExt', 'text'],
            ['localState', 'state'],
            ['cause', 'cause'],
            ['retrievedExt', 'text'],
            ['retrievedOutsideNumber', 'text'],
            ['retrievedTrunkNumber', 'text'],
            ['retrievedDeviceType', 'text']
        ]
    },
    TR: {
        fields: [
            ['monCrossRefId', 'text'],
            ['callId', 'text'],
            ['transferringExt', 'text'],
            ['transferredExt', 'text'],
            ['announcementCallId', 'text'],
            ['destinationExt', 'text'],
            ['outsideCallerName', 'text'],
            ['outsideCallerNumber', 'text'],
            ['trunkName', 'text'],
            ['trunkOutsideNumber', 'text'],
            ['localState', 'state'],
            ['cause', 'cause']
        ]
    },
    XC: {
        fields: [
            ['monCrossRefId', 'text'],
            ['callId', 'text'],
            ['clearedExt', 'text'],
            ['terminatingExt', 'text'],
            ['localState', 'state'],
            ['cause', 'cause']
        ]
    },
    CC: {
        fields: [
            ['monCrossRefId', 'text'],
            ['callId', 'text'],
            ['cause', 'cause'],
            ['transferredCallId', 'text'],
            ['transferDestination', 'text']
        ],
        optional: 2
    },
    QU: {
        fields: [
            ['monCrossRefId', 'text'],
            ['callId', 'text'],
            ['queuedExt', 'text'],
            ['internalCallingExt', 'text'],
            ['outsideCallerName', 'text'],
            ['outsideCallerNumber', 'text'],
            ['trunkName', 'text'],
            ['trunkOutsideNumber', 'text'],
            ['callingDeviceType', 'text'],
            ['originallyCalledDevice', 'text'],
            ['lastRedirectionExt', 'text'],
            ['numberQueued', 'text'],
            ['accountCode', 'text'],
            ['localState', 'state'],
            ['cause', 'cause']
        ]
    },
    DI: {
        fields: [
            ['monCrossRefId', 'text'],
            ['callId', 'text'],
            ['divertedFromExt', 'text'],
            ['newDestinationExt', 'text'],
            ['divertedToOutsideNumber', 'text'],
            ['localState', 'state'],
            ['cause', 'cause']
        ]
    },
    FA: {
        fields: [
            ['monCrossRefId', 'text'],
            ['callId', 'text'],
            ['failedExt', 'text'],
            ['calledNumber', 'text'],
            ['localState', 'state'],
            ['cause', 'cause']
        ]
    },
    DND: {
        fields: [
            ['monCrossRefId', 'text'],
            ['extension', 'text'],
            ['message', 'text'],
            ['text', 'text']
        ],
        optional: 1
    },
    OL: {
        fields: [
            ['monCrossRefId', 'text'],
            ['extension', 'text'],
            ['online', 'flag'],
            ['deviceType', 'text'],
            ['physicalDeviceType', 'text']
        ]
    },
    RS: {
        fields: [
            ['time', 'text'],
            ['date', 'text'],
            ['protocolVersion', 'text'],
            ['ksuSoftwareVersion', 'text'],
            ['premiumFeatureStatus', 'number'],
            ['networkNodeNumber', 'text'],
            ['networkingEnabled', 'text'],
            ['countryCode', 'text'],
            ['tcpipFlag', 'text']
        ]
    },
    RD: { fields: [['specificExtension', 'text']], optional: 1 },
    ME: {
        fields: [
            ['monCrossRefId', 'text'],
            ['cause', 'cause']
        ]
    }
};

export function decodeLine(line: string): OaiInbound {
    const split = splitFields(line);
    if (!split.ok) return malformed(line, split.detail);
    const fields = split.fields;
    if (fields.length < 2 || fields[1] === '') return malformed(line, 'no event code');
    const [sequence, code] = fields;
    if (code === 'CF') return decodeConfirmation(line, fields);
    if (code === 'CO') return decodeConferenced(line, fields);
    if (!Object.hasOwn(SCHEMAS, code))
        return { kind: 'error', reason: 'unknown', code, line, detail: `event ${code}` };
    const schema = SCHEMAS[code as keyof typeof SCHEMAS];
    const values = fields.slice(3);
    const required = schema.fields.length - (schema.optional ?? 0);
    if (fields.length < 3 || values.length < required) {
        return malformed(line, `${code} needs ${required + 3} fields, got ${fields.length}`, code);
    }
    const event: Record<string, unknown> = { kind: 'event', code, sequence, resyncCode: fields[2] };
    for (const [index, [name, kind]] of schema.fields.entries()) {
        const parsed = parseField(values[index] ?? '', kind);
        if (!parsed.ok) return malformed(line, `${code} ${name}: ${parsed.detail}`, code);
        event[name] = parsed.value;
    }
    if (code === 'DND') event.enabled = event.message !== '';
    return event as unknown as OaiEvent;
}

/** The numbered form: Subject_Ext, Primary, Secondary, controlling ext, count, pairs, state, cause. */
function decodeConferenced(line: string, fields: string[]): OaiInbound {
    const head = 9;
    const count = fields.length > 8 ? parseField(fields[8], 'number') : undefined;
    if (!count?.ok) return malformed(line, 'CO needs a number of parties in field 8', 'CO');
    const parties = count.value as number;
    if (fields.length < head + 2 * parties + 2) {
        return malformed(line, `CO with ${parties} parties needs ${head + 2 * parties + 2} fields`, 'CO');
    }
    const state = parseField(fields[head + 2 * parties], 'state');
    const cause = parseField(fields[head + 2 * parties + 1], 'cause');
    if (!state.ok) return malformed(line, `CO localState: ${state.detail}`, 'CO');
    if (!cause.ok) return malformed(line, `CO cause: ${cause.detail}`, 'CO');
    const event: ConferencedEvent = {
        kind: 'event',
        code: 'CO',
        sequence: fields[0],
        resyncCode: fields[2],
        monCrossRefId: fields[3],
        subjectExt: fields[4],
        primaryCallId: fields[5],
        secondaryCallId: fields[6],
        controllingExt: fields[7],
        parties: Array.from({ length: parties }, (_, party) => ({
            extension: fields[head + 2 * party],
            callId: fields[head + 2 * party + 1]
        })),
        localState: state.value as LocalConnectionState,
        cause: cause.value as number | undefined
    };
    return event;
}

function decodeConfirmation(line: string, fields: string[]): OaiInbound {
    if (fields.length < 5) return malformed(line, `CF needs 5 fields, got ${fields.length}`, 'CF');
    const [sequence, , command, invokeText, outcomeText] = fields;
    if (!/^_[A-Z]{2,3}$/.test(command)) return malformed(line, `CF command ${JSON.stringify(command)}`, 'CF');
    if (!/^\d{1,5}$/.test(invokeText))
        return malformed(line, `CF invoke id ${JSON.stringify(invokeText)}`, 'CF');
    if (!/^\d{1,5}$/.test(outcomeText))
        return malformed(line, `CF outcome ${JSON.stringify(outcomeText)}`, 'CF');
    const rest = fields.slice(5);
    const confirmation: OaiConfirmation = {
        kind: 'confirmation',
        sequence,
        command,
        invokeId: Number(invokeText),
        outcome: Number(outcomeText),
        rest
    };
    if (confirmation.outcome !== 0) return confirmation;
    const detail = confirmationDetail(command, rest);
    if (typeof detail === 'string') return malformed(line, detail, 'CF');
    if (detail) confirmation.detail = detail;
    return confirmation;
}

function confirmationDetail(command: string, rest: string[]): ConfirmationDetail | string | undefined {
    switch (command) {
        case '_MC':
            if (rest.length < 2 || !rest[0]) return 'CF _MC needs the call id and the extension';
            return { command, callId: rest[0], extension: rest[1] };
        case '_TR':
        case '_TO':
            if (rest.length < 2) return `CF ${command} needs the new call id and the destination`;
            return { command, newCallId: rest[0], destinationExt: rest[1] };
        case '_MS': {
            if (!/^\d+$/.test(rest[0] ?? '')) return 'CF _MS needs a monitor count';
            const count = Number(rest[0]);
            if (rest.length < 1 + 2 * count)
                return `CF _MS with ${count} monitors needs ${2 * count} more fields`;
            return {
                command,
                monitors: Array.from({ length: count }, (_, index) => ({
                    monCrossRefId: rest[1 + 2 * index],
                    device: rest[2 + 2 * index]
                })),
                filters: rest.slice(1 + 2 * count)
            };
        }
        default:
            return undefined;
    }
}

type Parsed = { ok: true; value: unknown } | { ok: false; detail: string };

function parseField(value: string, kind: FieldKind): Parsed {
    switch (kind) {
        case 'text':
            return { ok: true, value };
        case 'state':
            return (LOCAL_CONNECTION_STATES as readonly string[]).includes(value)
                ? { ok: true, value }
                : { ok: false, detail: `local connection state ${JSON.stringify(value)}` };
        case 'cause':
            if (value === '') return { ok: true, value: undefined };
            return /^\d{1,2}$/.test(value)
                ? { ok: true, value: Number(value) }
                : { ok: false, detail: `event cause ${JSON.stringify(value)}` };
        case 'number':
            return /^\d{1,6}$/.test(value)
                ? { ok: true, value: Number(value) }
                : { ok: false, detail: `number ${JSON.stringify(value)}` };
        case 'flag':
            return value === '0' || value === '1'
                ? { ok: true, value: value === '1' }
                : { ok: false, detail: `flag ${JSON.stringify(value)}` };
    }
}

function malformed(line: string, detail: string, code?: string): OaiLineError {
    return { kind: 'error', reason: 'malformed', code, line, detail };
}
