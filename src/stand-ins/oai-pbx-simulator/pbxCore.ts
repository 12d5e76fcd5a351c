// The simulated PBX's state and the steps every sequence is made of: a call rings a station, a party
// leaves, a call ends. Each step sends the events in the order and with the fields the manual's
// example sequences show (Issue 9.0, docs/oai-protocol.md "Which events follow which action").
import type { Field } from '../../bridge/oai/csv';
import type { LocalConnectionState } from '../../bridge/oai/fields';
import { OUTCOME } from '../../bridge/oai/outcomes';
import { CallIdForms, type CallIdForm } from './callIdForms';
import { cause, deliveredFields } from './eventFields';
import {
    callIdAt,
    DEFAULT_SEED,
    PbxCommandError,
    type PbxEvent,
    type PbxEventCode,
    type PbxSeed,
    type SimCall,
    type Station
} from './pbxTypes';

export interface Party {
    extension: string;
    number: string;
    trunkNumber: string;
    type: 'I' | 'E';
}

export class PbxCore {
    protected readonly seed: PbxSeed;
    protected readonly stations = new Map<string, Station>();
    protected readonly calls = new Map<string, SimCall>();
    /** The call ids a conference's parties still know it by. */
    protected readonly aliases = new Map<string, SimCall>();
    private readonly listeners = new Set<(event: PbxEvent) => void>();
    private readonly ids = new CallIdForms();

    constructor(seed: PbxSeed = DEFAULT_SEED) {
        this.seed = seed;
        this.reset();
    }

    reset(): void {
        this.stations.clear();
        this.calls.clear();
        this.aliases.clear();
        this.ids.reset();
        for (const station of this.seed.stations)
            this.stations.set(station.extension, {
                ...station,
                dnd: false,
                dndMessage: '',
                dndText: '',
                online: true
            });
    }

    onEvent(listener: (event: PbxEvent) => void): () => void {
        this.listeners.add(listener);
        return () => this.listeners.delete(listener);
    }

    hasDevice(device: string): boolean {
        return this.stations.has(device) || this.isHuntGroup(device) || this.isTrunk(device);
    }

    isHuntGroup(device: string): boolean {
        return this.seed.huntGroups.some((group) => group.extension === device);
    }

    /**
     * What Query Device Info reports of a device (Issue 9.0 `_QI`, Table 30): a station is a keyset (0),
     * the hunt group an ACD/hunt group (2), the trunk an ISDN trunk (9); anything else is no device.
     */
    deviceInfo(device: string): { deviceType: number; name: string; online: boolean } {
        const station = this.stations.get(device);
        if (station) return { deviceType: 0, name: station.name, online: station.online };
        const group = this.seed.huntGroups.find((candidate) => candidate.extension === device);
        if (group) return { deviceType: 2, name: group.name, online: true };
        const trunk = this.seed.trunks.find((candidate) => candidate.extension === device);
        if (trunk) return { deviceType: 9, name: trunk.name, online: true };
        throw new PbxCommandError(OUTCOME.invalidDeviceIdentifier, `no device ${device}`);
    }

    isTrunk(device: string): boolean {
        return this.seed.trunks.some((trunk) => trunk.extension === device);
    }

    isDnd(extension: string): boolean {
        return this.station(extension).dnd;
    }

    protected newCall(
        form: CallIdForm,
        init: Pick<SimCall, 'caller' | 'callerIsExternal' | 'calledDevice'> & Partial<SimCall>
    ): SimCall {
        const call: SimCall = {
            id: this.ids.next(form, (id) => this.calls.has(id)),
            stations: new Map(),
            lastRedirection: '',
            huntGroups: [],
            answered: false,
            ...init
        };
        this.calls.set(call.id, call);
        return call;
    }

    /** The call rings at a station: its DE (A), then the calling side's DE (C) (Issue 9.0, DE examples). */
    protected alert(call: SimCall, extension: string, eventCause: number): void {
        call.stations.set(extension, 'A');
        const alerting = { extension, outsideNumber: '', type: 'I' as const };
        this.emit(call, extension, 'DE', deliveredFields(call, alerting, 'A', eventCause));
        this.emit(call, this.callingSide(call), 'DE', deliveredFields(call, alerting, 'C', eventCause));
    }

    /** The device that placed the call: the trunk of an inbound call, the station otherwise. */
    protected callingSide(call: SimCall): string {
        return call.callerIsExternal && call.external ? call.external.trunk : call.caller;
    }

    /**
     * A party leaves (Issue 9.0, XC examples): its own XC (N), an XC with a blank state to each party
     * that stays; when one party or none is left, the call ends.
     */
    protected dropParty(call: SimCall, leaving: string, terminating: string, eventCause: number): void {
        const external = call.external && leaving === call.external.trunk;
        if (!external) call.stations.delete(leaving);
        this.emit(call, leaving, 'XC', [call.id, leaving, terminating, 'N', cause(eventCause)]);
        for (const extension of call.stations.keys())
            this.emit(call, extension, 'XC', [call.id, leaving, terminating, '', cause(eventCause)]);
        if (external) call.external = undefined;
        const left = call.stations.size + (call.external ? 1 : 0);
        if (left <= 1 || (leaving === call.caller && !call.answered))
            this.endCall(call, terminating, eventCause);
    }

    /** Every party still on the call leaves, then the calls-via-device monitors hear Call Cleared. */
    protected endCall(call: SimCall, terminating: string, eventCause: number): void {
        this.calls.delete(call.id);
        for (const id of call.partyCallIds?.values() ?? []) this.aliases.delete(id);
        for (const extension of [...call.stations.keys()]) {
            call.stations.delete(extension);
            this.emit(call, extension, 'XC', [call.id, extension, terminating, 'N', cause(eventCause)]);
        }
        this.emit(call, '', 'CC', [call.id, cause(eventCause), '', '']);
    }

    /** The far end as the station sees it: the other station, or the outside party on its trunk. */
    protected otherParty(call: SimCall, extension: string): Party {
        const station = [...call.stations.keys()].find((candidate) => candidate !== extension);
        if (station) return { extension: station, number: '', trunkNumber: '', type: 'I' };
        if (call.external)
            return {
                extension: call.external.trunk,
                number: call.external.number,
                trunkNumber: call.external.trunkOutsideNumber,
                type: 'E'
            };
        return { extension: '', number: '', trunkNumber: '', type: 'I' };
    }

    /** Each party's line: the other parties' first, `last`'s last (HE and RE examples). */
    protected toParties(
        call: SimCall,
        last: string,
        build: (receiver: string, state: LocalConnectionState) => { code: PbxEventCode; fields: Field[] }
    ): void {
        const order = [...call.stations.keys()].sort((a, b) => Number(a === last) - Number(b === last));
        for (const receiver of order) {
            const { code, fields } = build(receiver, call.stations.get(receiver)!);
            this.emit(call, receiver, code, fields);
        }
    }

    protected emit(call: SimCall | undefined, device: string, code: PbxEventCode, fields: Field[]): void {
        // In a conference each party hears of the call by its own id.
        const own = call && fields[0] === call.id ? callIdAt(call, device) : undefined;
        const event: PbxEvent = { device, code, fields: own ? [own, ...fields.slice(1)] : fields };
        if (call) event.call = { id: call.id, huntGroups: [...call.huntGroups] };
        for (const listener of this.listeners) listener(event);
    }

    protected activeCallAt(extension: string): SimCall | undefined {
        return [...this.calls.values()].find((call) => call.stations.get(extension) === 'C');
    }

    protected reachable(extension: string): boolean {
        const station = this.stations.get(extension);
        return station !== undefined && station.online && !station.dnd;
    }

    protected station(extension: string): Station {
        const station = this.stations.get(extension);
        if (!station) throw new PbxCommandError(OUTCOME.invalidDeviceIdentifier, `no station ${extension}`);
        return station;
    }

    protected call(callId: string): SimCall {
        const call = this.calls.get(callId) ?? this.aliases.get(callId);
        if (!call) throw new PbxCommandError(OUTCOME.invalidCallIdentifier, `no call ${callId}`);
        return call;
    }
}
