// The field lists of the events the bridge reads, after the Resync_Code, in the manual's order
// (docs/oai-protocol.md, "Events"). `optional` counts the trailing fields a line may lack: those a
// later protocol version added (DE's ACD group at V07.00, CC's transfer fields at V08.00, OL's device
// types at V08.10, RS's fields from V05.00 on) and those the manual leaves off (DND turned off).
// CO has its own reader (a count of parties), in ./messages.ts.
import type { FieldSpec } from './fields';
import type { OaiEventCode } from './events';

export interface EventSchema {
    fields: readonly FieldSpec[];
    optional?: number;
}

const CALLING_PARTY: readonly FieldSpec[] = [
    ['internalCallingExt', 'text'],
    ['outsideCallerName', 'text'],
    ['outsideCallerNumber', 'text'],
    ['trunkName', 'text'],
    ['trunkOutsideNumber', 'text'],
    ['callingDeviceType', 'text'],
    ['originallyCalledDevice', 'text'],
    ['lastRedirectionExt', 'text']
];

const STATE_AND_CAUSE: readonly FieldSpec[] = [
    ['localState', 'state'],
    ['cause', 'cause']
];

const CALL: readonly FieldSpec[] = [
    ['monCrossRefId', 'text'],
    ['callId', 'text']
];

export const SCHEMAS: Record<Exclude<OaiEventCode, 'CO'>, EventSchema> = {
    DE: {
        fields: [
            ...CALL,
            ['alertingExt', 'text'],
            ['alertingOutsideNumber', 'text'],
            ['alertingDeviceType', 'text'],
            ...CALLING_PARTY,
            ['accountCode', 'text'],
            ...STATE_AND_CAUSE,
            ['acdGroup', 'text']
        ],
        optional: 1
    },
    ES: {
        fields: [
            ...CALL,
            ['answeringExt', 'text'],
            ['answeringOutsideNumber', 'text'],
            ['answeringDeviceType', 'text'],
            ['internalCallingExt', 'text'],
            ['outsideCallerNumber', 'text'],
            ['trunkOutsideNumber', 'text'],
            ['callingDeviceType', 'text'],
            ['originallyCalledDevice', 'text'],
            ['lastRedirectionExt', 'text'],
            ...STATE_AND_CAUSE
        ]
    },
    OR: {
        fields: [
            ...CALL,
            ['internalCallingExt', 'text'],
            ['outsideCallerNumber', 'text'],
            ['callingDeviceType', 'text'],
            ['dialedNumber', 'text'],
            ['accountCode', 'text'],
            ...STATE_AND_CAUSE
        ]
    },
    NT: { fields: [...CALL, ['trunkUsed', 'text'], ['dialedNumber', 'text'], ...STATE_AND_CAUSE] },
    HE: { fields: [...CALL, ['holdingExt', 'text'], ...STATE_AND_CAUSE] },
    RE: {
        fields: [
            ...CALL,
            ['retrievingExt', 'text'],
            ...STATE_AND_CAUSE,
            ['retrievedExt', 'text'],
            ['retrievedOutsideNumber', 'text'],
            ['retrievedTrunkNumber', 'text'],
            ['retrievedDeviceType', 'text']
        ]
    },
    TR: {
        fields: [
            ...CALL,
            ['transferringExt', 'text'],
            ['transferredExt', 'text'],
            ['announcementCallId', 'text'],
            ['destinationExt', 'text'],
            ['outsideCallerName', 'text'],
            ['outsideCallerNumber', 'text'],
            ['trunkName', 'text'],
            ['trunkOutsideNumber', 'text'],
            ...STATE_AND_CAUSE
        ]
    },
    XC: {
        fields: [
            ...CALL,
            ['clearedExt', 'text'],
            ['terminatingExt', 'text'],
            ['localState', 'stateOrBlank'],
            ['cause', 'cause']
        ]
    },
    CC: {
        fields: [...CALL, ['cause', 'cause'], ['transferredCallId', 'text'], ['transferDestination', 'text']],
        optional: 2
    },
    QU: {
        fields: [
            ...CALL,
            ['queuedExt', 'text'],
            ...CALLING_PARTY,
            ['numberQueued', 'text'],
            ['accountCode', 'text'],
            ...STATE_AND_CAUSE
        ]
    },
    DI: {
        fields: [
            ...CALL,
            ['divertedFromExt', 'text'],
            ['newDestinationExt', 'text'],
            ['divertedToOutsideNumber', 'text'],
            ...STATE_AND_CAUSE
        ]
    },
    FA: { fields: [...CALL, ['failedExt', 'text'], ['calledNumber', 'text'], ...STATE_AND_CAUSE] },
    DND: {
        fields: [
            ['monCrossRefId', 'text'],
            ['extension', 'text'],
            ['message', 'text'],
            ['text', 'text']
        ],
        optional: 2
    },
    OL: {
        fields: [
            ['monCrossRefId', 'text'],
            ['extension', 'text'],
            ['online', 'flag'],
            ['deviceType', 'text'],
            ['physicalDeviceType', 'text']
        ],
        optional: 2
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
        ],
        optional: 5
    },
    RD: { fields: [['specificExtension', 'text']], optional: 1 },
    ME: {
        fields: [
            ['monCrossRefId', 'text'],
            ['cause', 'cause']
        ]
    }
};

/** Fields without which an event would be about no one: a blank one is refused, not guessed. */
export const REQUIRED_VALUES: Partial<Record<OaiEventCode, readonly string[]>> = {
    DND: ['extension'],
    OL: ['extension'],
    HE: ['callId', 'holdingExt'],
    RE: ['callId', 'retrievingExt'],
    XC: ['callId', 'clearedExt'],
    TR: ['callId'],
    ES: ['callId'],
    DE: ['callId'],
    OR: ['callId'],
    NT: ['callId'],
    CC: ['callId'],
    DI: ['callId'],
    QU: ['callId']
};

/**
 * Event codes the manual lists that the bridge does not use: read as `ignored`, not as unknown.
 * Agent (LN LF RY NRY WNR), feature (SI CB FW MW MU OE CI GI ET FE DLC DCE), display and system
 * (DEE DSC CS OF PE SMR AL DB EC NM) events, and the Gateway's link and connection status (LS, CS).
 */
export const IGNORED_CODES: ReadonlySet<string> = new Set([
    'SI',
    'CB',
    'FW',
    'MW',
    'MU',
    'OE',
    'CI',
    'GI',
    'ET',
    'FE',
    'DLC',
    'DCE',
    'DEE',
    'DSC',
    'CS',
    'LS',
    'OF',
    'PE',
    'SMR',
    'AL',
    'DB',
    'EC',
    'NM',
    'LN',
    'LF',
    'RY',
    'NRY',
    'WNR'
]);
