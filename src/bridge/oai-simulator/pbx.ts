// The simulated MiVoice Office 250: stations, trunks, a hunt group, DND and calls, producing the OAI
// event sequences docs/oai-protocol.md lists under "Which events follow which action". No sockets
// here: the server turns these events into lines for each connection's monitors.
import { FEATURE_CODE } from '../oai/commands';
import { text, type Field } from '../oai/csv';
import type { LocalConnectionState } from '../oai/messages';

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

/** One event as a device's monitor reports it: the fields after `<Mon_Cross_Ref_ID>`. */
export interface PbxEvent {
    device: string;
    code: 'DE' | 'ES' | 'HE' | 'RE' | 'TR' | 'XC' | 'CC' | 'DI' | 'FA' | 'DND' | 'OL';
    fields: Field[];
}

/** Outcome codes of the simulator; the manual's own codes are unknown (docs/oai-protocol.md). */
export const SIM_OUTCOME = {
    ok: 0,
    invalidDevice: 1,
    invalidState: 2,
    invalidCall: 3,
    invalidParameter: 4
} as const;

export class PbxCommandError extends Error {
    readonly outcome: number;
    constructor(outcome: number, message: string) {
        super(message);
        this.outcome = outcome;
    }
}

interface Station {
    extension: string;
    name: string;
    dnd: boolean;
    dndMessage: string;
    online: boolean;
}

interface ExternalParty {
    trunk: string;
    number: string;
    name: string;
    trunkName: string;
    trunkOutsideNumber: string;
}

interface SimCall {
    id: string;
    /** Station parties and their local connection state. */
    stations: Map<string, LocalConnectionState>;
    external?: ExternalParty;
    /** Inbound: the trunk; internal or outbound: the calling station. */
    caller: string;
    callerIsExternal: boolean;
    calledDevice: string;
    huntGroup?: string;
    lastRedirection: string;
    /** The station that blind-transferred the call, for a recall. */
    transferredBy?: string;
    /** A consult: the held call this announcement call would transfer. */
    announcesFor?: string;
    answered: boolean;
}

export interface SimCallView {
    callId: string;
    stations: Record<string, LocalConnectionState>;
    external?: { number: string; name: string };
    huntGroup?: string;
}

export class SimulatedPbx {
    private readonly seed: PbxSeed;
    private readonly stations = new Map<string, Station>();
    private readonly calls = new Map<string, SimCall>();
    private readonly listeners = new Set<(event: PbxEvent) => void>();
    private nextCallId = 1001;

    constructor(seed: PbxSeed = DEFAULT_SEED) {
        this.seed = seed;
        this.reset();
    }

    reset(): void {
        this.stations.clear();
        this.calls.clear();
        for (const station of this.seed.stations) {
            this.stations.set(station.extension, { ...station, dnd: false, dndMessage: '', online: true });
        }
    }

    onEvent(listener: (event: PbxEvent) => void): () => void {
        this.listeners.add(listener);
        return () => this.listeners.delete(listener);
    }

    hasDevice(device: string): boolean {
        return (
            this.stations.has(device) ||
            this.seed.huntGroups.some((group) => group.extension === device) ||
            this.seed.trunks.some((trunk) => trunk.extension === device)
        );
    }

    liveCalls(): SimCallView[] {
        return [...this.calls.values()].map((call) => ({
            callId: call.id,
            stations: Object.fromEntries(call.stations),
            external: call.external ? { number: call.external.number, name: call.external.name } : undefined,
            huntGroup: call.huntGroup
        }));
    }

    isDnd(extension: string): boolean {
        return this.station(extension).dnd;
    }

    // ---- the outside world and the people at the phones (control API) ----

    /** An outside caller dials `to` (a station or the hunt group). Returns the call id. */
    inbound(to: string, from: { number: string; name: string }): string {
        const trunk = this.seed.trunks[0];
        const group = this.seed.huntGroups.find((candidate) => candidate.extension === to);
        const call = this.newCall({
            caller: trunk.extension,
            callerIsExternal: true,
            calledDevice: to,
            huntGroup: group?.extension,
            external: {
                trunk: trunk.extension,
                number: from.number,
                name: from.name,
                trunkName: trunk.name,
                trunkOutsideNumber: trunk.outsideNumber
            }
        });
        const targets = group ? group.members : [this.station(to).extension];
        const ringing = targets.filter((extension) => this.reachable(extension));
        if (ringing.length === 0) {
            // Nobody can take it: the caller hears busy and the call never reaches a monitored phone.
            this.calls.delete(call.id);
            return call.id;
        }
        for (const extension of ringing) this.alert(call, extension, 22);
        return call.id;
    }

    /** The station's user picks up a call ringing there (or recalling there). */
    answer(extension: string, callId: string): void {
        const call = this.call(callId);
        if (call.stations.get(extension) !== 'A')
            throw new PbxCommandError(SIM_OUTCOME.invalidState, `${callId} is not ringing at ${extension}`);
        call.stations.set(extension, 'C');
        call.answered = true;
        call.transferredBy = undefined;
        for (const [other, state] of [...call.stations]) {
            if (other !== extension && state === 'A') {
                // Answered elsewhere: the other ringing members drop out.
                call.stations.delete(other);
                this.emit(other, 'XC', [call.id, other, extension, 'N', cause(35)]);
            }
        }
        this.emitToParties(call, (receiver, state) => ({
            code: 'ES',
            fields: [call.id, extension, '', 'I', ...this.callingFields(call, 'ES'), state, cause(35)],
            device: receiver
        }));
    }

    /** The far end of an outside or internal call answers a call placed from a station. */
    remoteAnswer(callId: string): void {
        const call = this.call(callId);
        if (!call.external || call.callerIsExternal)
            throw new PbxCommandError(SIM_OUTCOME.invalidState, `${callId} is not an outgoing outside call`);
        call.answered = true;
        this.emitToParties(call, (receiver, state) => ({
            device: receiver,
            code: 'ES',
            fields: [
                call.id,
                call.external!.trunk,
                call.external!.number,
                'E',
                ...this.callingFields(call, 'ES'),
                state,
                cause(35)
            ]
        }));
    }

    /** The outside party hangs up. */
    remoteHangup(callId: string): void {
        const call = this.call(callId);
        if (!call.external)
            throw new PbxCommandError(SIM_OUTCOME.invalidState, `${callId} has no outside party`);
        this.endCall(call, call.external.trunk, 36);
    }

    /** A station's user hangs up. */
    hangup(extension: string, callId: string): void {
        const call = this.call(callId);
        if (!call.stations.has(extension))
            throw new PbxCommandError(SIM_OUTCOME.invalidState, `${extension} is not on ${callId}`);
        this.dropStation(call, extension, extension, 36);
    }

    /** A blind-transferred call nobody answered goes back to the station that transferred it. */
    recall(callId: string): void {
        const call = this.call(callId);
        const back = call.transferredBy;
        const destination = [...call.stations].find(([, state]) => state === 'A')?.[0];
        if (!back || !destination)
            throw new PbxCommandError(SIM_OUTCOME.invalidState, `${callId} is not an unanswered transfer`);
        call.stations.delete(destination);
        this.emit(destination, 'DI', [call.id, destination, back, '', 'N', cause(27)]);
        call.lastRedirection = destination;
        call.transferredBy = undefined;
        this.alert(call, back, 27);
    }

    setDnd(extension: string, enabled: boolean, message = 'DO NOT DISTURB'): void {
        const station = this.station(extension);
        station.dnd = enabled;
        station.dndMessage = enabled ? message : '';
        this.emit(extension, 'DND', this.dndFields(station));
    }

    setOnline(extension: string, online: boolean): void {
        const station = this.station(extension);
        station.online = online;
        this.emit(extension, 'OL', [extension, online ? '1' : '0', '1', online ? '34' : '0']);
    }

    // ---- OAI commands ----

    /** `_MC`: returns the new call id. */
    makeCall(extension: string, digits: string, transferCallId?: string): string {
        const caller = this.station(extension);
        if (!caller.online) throw new PbxCommandError(SIM_OUTCOME.invalidState, `${extension} is offline`);
        if (transferCallId !== undefined && this.call(transferCallId).stations.get(extension) !== 'H') {
            throw new PbxCommandError(
                SIM_OUTCOME.invalidState,
                `${transferCallId} is not on hold at ${extension}`
            );
        }
        if (this.activeCallAt(extension))
            throw new PbxCommandError(SIM_OUTCOME.invalidState, `${extension} is busy`);
        const dialled = digits.replace(/[-(); ]/g, '');
        const outside = dialled.startsWith(this.seed.trunkAccessCode) && dialled.length > 4;
        if (!outside && !this.stations.has(dialled))
            throw new PbxCommandError(SIM_OUTCOME.invalidParameter, `nothing answers to ${digits}`);
        const trunk = this.seed.trunks[0];
        const call = this.newCall({
            caller: extension,
            callerIsExternal: false,
            calledDevice: dialled,
            announcesFor: transferCallId,
            external: outside
                ? {
                      trunk: trunk.extension,
                      number: dialled.slice(this.seed.trunkAccessCode.length),
                      name: '',
                      trunkName: trunk.name,
                      trunkOutsideNumber: ''
                  }
                : undefined
        });
        call.stations.set(extension, 'C');
        if (outside) {
            this.emit(
                extension,
                'DE',
                this.deliveredFields(call, trunk.extension, call.external!.number, 'E', 'C', 22)
            );
        } else if (!this.reachable(dialled)) {
            call.stations.set(extension, 'F');
            this.emit(extension, 'FA', [
                call.id,
                extension,
                dialled,
                'F',
                cause(this.station(dialled).dnd ? 14 : 13)
            ]);
        } else {
            this.emit(extension, 'DE', this.deliveredFields(call, dialled, '', 'I', 'C', 22));
            this.alert(call, dialled, 22);
        }
        return call.id;
    }

    hold(extension: string, callId: string): void {
        const call = this.call(callId);
        if (call.stations.get(extension) !== 'C')
            throw new PbxCommandError(SIM_OUTCOME.invalidState, `${callId} is not connected at ${extension}`);
        call.stations.set(extension, 'H');
        this.emitToParties(call, (receiver, state) => ({
            device: receiver,
            code: 'HE',
            fields: [call.id, extension, state, cause(42)]
        }));
    }

    retrieve(extension: string, callId: string): void {
        const call = this.call(callId);
        if (call.stations.get(extension) !== 'H')
            throw new PbxCommandError(SIM_OUTCOME.invalidState, `${callId} is not held at ${extension}`);
        if (this.activeCallAt(extension))
            throw new PbxCommandError(SIM_OUTCOME.invalidState, `${extension} is busy`);
        call.stations.set(extension, 'C');
        const other = this.otherParty(call, extension);
        this.emitToParties(call, (receiver, state) => ({
            device: receiver,
            code: 'RE',
            fields: [
                call.id,
                extension,
                state,
                cause(22),
                other.extension,
                other.number,
                other.trunkNumber,
                other.type
            ]
        }));
    }

    /** `_CC`: the whole call ends. */
    clearCall(extension: string, callId: string): void {
        const call = this.call(callId);
        if (!call.stations.has(extension))
            throw new PbxCommandError(SIM_OUTCOME.invalidState, `${extension} is not on ${callId}`);
        this.endCall(call, extension, 36);
    }

    /** `_CX`: the station drops out; on a two-party call that ends it. */
    clearConnection(extension: string, callId: string, completeTransfer: boolean): void {
        const call = this.call(callId);
        const state = call.stations.get(extension);
        if (state === undefined || state === 'H')
            throw new PbxCommandError(SIM_OUTCOME.invalidState, `${callId} is not connected at ${extension}`);
        if (completeTransfer) {
            if (!call.announcesFor)
                throw new PbxCommandError(
                    SIM_OUTCOME.invalidState,
                    `${callId} is not a transfer announce call`
                );
            this.transfer(extension, call.announcesFor, callId);
            return;
        }
        this.dropStation(call, extension, extension, 36);
    }

    /** `_TO`: blind transfer of the call connected (or held) at `extension`. Returns the destination. */
    transferOneStep(extension: string, callId: string, destination: string): string {
        const call = this.call(callId);
        const state = call.stations.get(extension);
        if (state !== 'C' && state !== 'H')
            throw new PbxCommandError(SIM_OUTCOME.invalidState, `${callId} is not connected at ${extension}`);
        if (!this.stations.has(destination))
            throw new PbxCommandError(SIM_OUTCOME.invalidParameter, `nothing answers to ${destination}`);
        if (!this.reachable(destination))
            throw new PbxCommandError(SIM_OUTCOME.invalidState, `${destination} cannot take calls`);
        const other = this.otherParty(call, extension);
        call.stations.delete(extension);
        this.emit(
            extension,
            'TR',
            this.transferredFields(call, extension, other.extension, '', destination, 'N')
        );
        for (const [receiver, receiverState] of call.stations) {
            this.emit(
                receiver,
                'TR',
                this.transferredFields(call, extension, other.extension, '', destination, receiverState)
            );
        }
        call.transferredBy = extension;
        call.lastRedirection = extension;
        call.calledDevice = destination;
        this.alert(call, destination, 32);
        return destination;
    }

    /** `_TR`: the held call joins the announcement call's destination; the announcement call ends. */
    transfer(extension: string, heldCallId: string, announcementCallId: string): { destination: string } {
        const held = this.call(heldCallId);
        const announcement = this.call(announcementCallId);
        if (held.stations.get(extension) !== 'H')
            throw new PbxCommandError(SIM_OUTCOME.invalidState, `${heldCallId} is not held at ${extension}`);
        if (!announcement.stations.has(extension))
            throw new PbxCommandError(
                SIM_OUTCOME.invalidState,
                `${extension} is not on ${announcementCallId}`
            );
        const destination = [...announcement.stations.keys()].find((station) => station !== extension);
        if (!destination)
            throw new PbxCommandError(SIM_OUTCOME.invalidState, `${announcementCallId} has no destination`);
        const destinationState = announcement.stations.get(destination)!;
        const other = this.otherParty(held, extension);
        this.calls.delete(announcement.id);
        held.stations.delete(extension);
        held.stations.set(destination, destinationState);
        held.lastRedirection = extension;
        if (destinationState === 'C') held.answered = true;
        this.emit(
            extension,
            'TR',
            this.transferredFields(held, extension, other.extension, announcement.id, destination, 'N')
        );
        this.emit(extension, 'XC', [announcement.id, extension, extension, 'N', cause(32)]);
        for (const [receiver, state] of held.stations) {
            this.emit(
                receiver,
                'TR',
                this.transferredFields(held, extension, other.extension, announcement.id, destination, state)
            );
        }
        return { destination };
    }

    /** `_EF` with a DND feature code. */
    extensionFeature(extension: string, feature: string): void {
        const code = feature.replace(/^!/, '');
        const station = this.station(extension);
        if (code === FEATURE_CODE.dnd) this.setDnd(extension, true);
        else if (code === FEATURE_CODE.dndCancel) this.setDnd(extension, false);
        else if (code === '372') this.setDnd(extension, !station.dnd);
        else throw new PbxCommandError(SIM_OUTCOME.invalidParameter, `feature ${feature} is not simulated`);
    }

    /** What a resync reports for one monitored device: its live calls, then its DND and online status. */
    resyncEvents(device: string): PbxEvent[] {
        const events: PbxEvent[] = [];
        for (const call of this.calls.values()) {
            const state = call.stations.get(device);
            if (state === 'A') {
                events.push({
                    device,
                    code: 'DE',
                    fields: this.deliveredFields(call, device, '', 'I', 'A', 22)
                });
            } else if (state === 'C' && !call.answered) {
                const far = call.external ? call.external.trunk : call.calledDevice;
                events.push({
                    device,
                    code: 'DE',
                    fields: this.deliveredFields(
                        call,
                        far,
                        call.external?.number ?? '',
                        call.external ? 'E' : 'I',
                        'C',
                        22
                    )
                });
            } else if (state === 'C' || state === 'H') {
                // The answering party: the called side, which is this device unless it placed the call.
                const answering =
                    call.caller === device
                        ? this.otherParty(call, device)
                        : { extension: device, number: '', trunkNumber: '', type: 'I' };
                events.push({
                    device,
                    code: 'ES',
                    fields: [
                        call.id,
                        answering.extension,
                        answering.number,
                        answering.type,
                        ...this.callingFields(call, 'ES'),
                        'C',
                        cause(35)
                    ]
                });
                if (state === 'H')
                    events.push({ device, code: 'HE', fields: [call.id, device, 'H', cause(42)] });
            }
        }
        const station = this.stations.get(device);
        if (station) {
            events.push({ device, code: 'DND', fields: this.dndFields(station) });
            if (!station.online) events.push({ device, code: 'OL', fields: [device, '0', '1', '0'] });
        }
        return events;
    }

    // ---- internals ----

    private newCall(
        init: Pick<
            SimCall,
            'caller' | 'callerIsExternal' | 'calledDevice' | 'huntGroup' | 'external' | 'announcesFor'
        >
    ): SimCall {
        const call: SimCall = {
            id: String(this.nextCallId++),
            stations: new Map(),
            lastRedirection: '',
            answered: false,
            ...init
        };
        this.calls.set(call.id, call);
        return call;
    }

    private alert(call: SimCall, extension: string, eventCause: number): void {
        call.stations.set(extension, 'A');
        const fields = this.deliveredFields(call, extension, '', 'I', 'A', eventCause);
        this.emit(extension, 'DE', fields);
        if (call.huntGroup) this.emit(call.huntGroup, 'DE', fields);
    }

    private deliveredFields(
        call: SimCall,
        alerting: string,
        alertingOutsideNumber: string,
        alertingType: string,
        state: LocalConnectionState,
        eventCause: number
    ): Field[] {
        return [
            call.id,
            alerting,
            alertingOutsideNumber,
            alertingType,
            ...this.callingFields(call, 'DE'),
            state,
            cause(eventCause),
            ''
        ]; // ACD group
    }

    /** Internal_Calling_Ext … Last_Redirection_Ext (and Account_Code for DE), as DE and ES list them. */
    private callingFields(call: SimCall, code: 'DE' | 'ES'): Field[] {
        const inbound = call.callerIsExternal ? call.external : undefined;
        const fields: Field[] =
            code === 'DE'
                ? [
                      call.caller,
                      text(inbound?.name ?? ''),
                      inbound?.number ?? '',
                      text(inbound?.trunkName ?? ''),
                      inbound?.trunkOutsideNumber ?? ''
                  ]
                : [call.caller, inbound?.number ?? '', inbound?.trunkOutsideNumber ?? ''];
        fields.push(call.callerIsExternal ? 'E' : 'I', call.calledDevice, call.lastRedirection);
        if (code === 'DE') fields.push(''); // account code
        return fields;
    }

    private transferredFields(
        call: SimCall,
        transferring: string,
        transferred: string,
        announcementCallId: string,
        destination: string,
        state: LocalConnectionState
    ): Field[] {
        const outside = call.external;
        return [
            call.id,
            transferring,
            transferred,
            announcementCallId,
            destination,
            text(outside?.name ?? ''),
            outside?.number ?? '',
            text(outside?.trunkName ?? ''),
            outside?.trunkOutsideNumber ?? '',
            state,
            cause(32)
        ];
    }

    private dndFields(station: Station): Field[] {
        return [station.extension, text(station.dndMessage), text('')];
    }

    private otherParty(
        call: SimCall,
        extension: string
    ): { extension: string; number: string; trunkNumber: string; type: string } {
        const station = [...call.stations.keys()].find((candidate) => candidate !== extension);
        if (station) return { extension: station, number: '', trunkNumber: '', type: 'I' };
        if (call.external)
            return {
                extension: call.external.trunk,
                number: call.external.number,
                trunkNumber: call.external.trunkOutsideNumber,
                type: 'E'
            };
        return { extension: '', number: '', trunkNumber: '', type: '' };
    }

    private dropStation(call: SimCall, extension: string, terminating: string, eventCause: number): void {
        const remainingStations = [...call.stations.keys()].filter((station) => station !== extension);
        // A two-party call ends with either party; a ringing group call ends when the caller goes.
        if (remainingStations.length + (call.external ? 1 : 0) <= 1 || extension === call.caller) {
            this.endCall(call, terminating, eventCause);
            return;
        }
        call.stations.delete(extension);
        this.emit(extension, 'XC', [call.id, extension, terminating, 'N', cause(eventCause)]);
    }

    private endCall(call: SimCall, terminating: string, eventCause: number): void {
        this.calls.delete(call.id);
        for (const extension of call.stations.keys()) {
            this.emit(extension, 'XC', [call.id, extension, terminating, 'N', cause(eventCause)]);
        }
        if (call.huntGroup) this.emit(call.huntGroup, 'CC', [call.id, cause(eventCause)]);
    }

    private emitToParties(
        call: SimCall,
        build: (receiver: string, state: LocalConnectionState) => PbxEvent
    ): void {
        for (const [receiver, state] of [...call.stations]) this.send(build(receiver, state));
    }

    private emit(device: string, code: PbxEvent['code'], fields: Field[]): void {
        this.send({ device, code, fields });
    }

    private send(event: PbxEvent): void {
        for (const listener of this.listeners) listener(event);
    }

    private activeCallAt(extension: string): SimCall | undefined {
        return [...this.calls.values()].find((call) => call.stations.get(extension) === 'C');
    }

    private reachable(extension: string): boolean {
        const station = this.stations.get(extension);
        return station !== undefined && station.online && !station.dnd;
    }

    private station(extension: string): Station {
        const station = this.stations.get(extension);
        if (!station) throw new PbxCommandError(SIM_OUTCOME.invalidDevice, `no station ${extension}`);
        return station;
    }

    private call(callId: string): SimCall {
        const call = this.calls.get(callId);
        if (!call) throw new PbxCommandError(SIM_OUTCOME.invalidCall, `no call ${callId}`);
        return call;
    }
}

function cause(value: number): string {
    return String(value).padStart(2, '0');
}
