// Event causes (docs/oai-protocol.md, "Events") as the contract's cause words, and the small readings
// of an event's fields the call model shares.
import type { CallDirection, CallState } from '../../core/suite/types';
import type { LocalConnectionState } from './fields';

const CAUSE_NAMES: Record<number, string> = {
    3: 'busy',
    8: 'callForwardNoAnswer',
    9: 'callForward',
    10: 'callNotAnswered',
    11: 'callPickup',
    12: 'campOn',
    13: 'destinationNotAvailable',
    14: 'doNotDisturb',
    22: 'newCall',
    23: 'noAvailableAgents',
    24: 'override',
    27: 'recall',
    28: 'redirected',
    29: 'reorderTone',
    30: 'resourcesNotAvailable',
    32: 'transfer',
    33: 'trunksBusy',
    35: 'answered',
    36: 'normalClear',
    37: 'holdSystem',
    38: 'holdForTransfer',
    39: 'holdForConference',
    40: 'transferAnnouncement',
    41: 'conference',
    42: 'holdIndividual',
    44: 'callStolen'
};

export function causeName(cause: number | undefined): string {
    if (cause === undefined) return 'unknown';
    return CAUSE_NAMES[cause] ?? `cause${String(cause).padStart(2, '0')}`;
}

export function directionOf(callingDeviceType: string): CallDirection {
    return callingDeviceType === 'E' ? 'inbound' : 'internal';
}

export function stateOf(localState: LocalConnectionState | undefined): CallState | undefined {
    switch (localState) {
        case 'A':
            return 'ringing';
        case 'C':
            return 'connected';
        case 'H':
            return 'held';
        case 'Q':
            return 'queued';
        case 'I':
            return 'dialing';
        default:
            return undefined;
    }
}
