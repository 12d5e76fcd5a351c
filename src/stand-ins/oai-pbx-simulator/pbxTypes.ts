// The simulated PBX's seed, calls and events (./pbx.ts).
import type { Field } from '../../bridge/oai/csv';
import type { LocalConnectionState } from '../../bridge/oai/fields';

export interface StationSeed {
    extension: string;
    name: string;
}

export interface PbxSeed {
    stations: StationSeed[];
    trunks: { extension: string; name: string; outsideNumber: string }[];
    huntGroups: { extension: string; name: string; members: string[] }[];
    /** The digit that seizes a trunk for an outside number. */
    trunkAccessCode: string;
}

export const DEFAULT_SEED: PbxSeed = {
    stations: [
        { extension: '2001', name: 'Alice' },
        { extension: '2002', name: 'Bob' },
        { extension: '2003', name: 'Carol' }
    ],
    trunks: [{ extension: '9001', name: 'MAIN', outsideNumber: '4005551000' }],
    huntGroups: [{ extension: '2100', name: 'SALES', members: ['2001', '2002'] }],
    trunkAccessCode: '9'
};

export type PbxEventCode =
    'SI' | 'OR' | 'NT' | 'DE' | 'ES' | 'HE' | 'RE' | 'TR' | 'XC' | 'CC' | 'DI' | 'FA' | 'CO' | 'DND' | 'OL';

/** One event as the device it is about reports it: the fields after `<Mon_Cross_Ref_ID>`. */
export interface PbxEvent {
    /** The device whose view this is (its Local_Cnx_State); blank for Call Cleared. */
    device: string;
    code: PbxEventCode;
    fields: Field[];
    /** The call it belongs to, and the hunt groups it went through (their calls-via-device monitors follow it). */
    call?: { id: string; huntGroups: readonly string[] };
}

/** A command the PBX refuses, with the manual's outcome code (src/bridge/oai/outcomes.ts). */
export class PbxCommandError extends Error {
    readonly outcome: number;
    constructor(outcome: number, message: string) {
        super(message);
        this.outcome = outcome;
    }
}

export interface Station {
    extension: string;
    name: string;
    dnd: boolean;
    dndMessage: string;
    dndText: string;
    online: boolean;
}

export interface ExternalParty {
    trunk: string;
    number: string;
    name: string;
    trunkName: string;
    trunkOutsideNumber: string;
}

export interface SimCall {
    id: string;
    /** Station parties and their local connection state. */
    stations: Map<string, LocalConnectionState>;
    external?: ExternalParty;
    /** Inbound: the trunk; internal or outbound: the calling station. */
    caller: string;
    callerIsExternal: boolean;
    calledDevice: string;
    huntGroups: string[];
    lastRedirection: string;
    /** The station that blind-transferred the call, for a recall. */
    transferredBy?: string;
    /** A consult: the held call this announcement call would transfer. */
    announcesFor?: string;
    answered: boolean;
    /** The cause the call failed with (FA), while the caller still hears it. */
    failure?: number;
    /** The hold cause a station put the call on hold with (38 for a transfer, 42 individual). */
    holdCause?: number;
    /** A conference: each party's own call id (Issue 9.0 CO: 100 on 224, 101 on 222, 102 on 223). */
    partyCallIds?: Map<string, string>;
}

/** The call id a device knows the call by: its own in a conference, the call's otherwise. */
export function callIdAt(call: SimCall, device: string): string {
    return call.partyCallIds?.get(device) ?? call.id;
}

export interface SimCallView {
    callId: string;
    stations: Record<string, LocalConnectionState>;
    external?: { number: string; name: string };
    huntGroup?: string;
    /** Whether the called party has answered (an outside call a station dialled is `C` there before it is). */
    answered: boolean;
    /** The station that blind-transferred the call while it rings unanswered (it recalls there). */
    transferredBy?: string;
}

/** The system's DND messages by number (the manual's example sets 19, "GONE HOME", by `_EF …,37019`). */
export function dndMessageText(index: number | undefined): string {
    if (index === undefined || index === 1) return 'DO-NOT-DISTURB';
    if (index === 19) return 'GONE HOME';
    return `DND MESSAGE ${String(index).padStart(2, '0')}`;
}
