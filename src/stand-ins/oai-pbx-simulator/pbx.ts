// The simulated MiVoice Office 250: stations, a trunk, a hunt group, DND and calls, sending the OAI
// event sequences of the manual's examples (docs/oai-protocol.md, "Which events follow which action").
// No sockets here: the server turns these events into lines for each connection's monitors. The
// world's side (an outside caller, the people at the phones) and the OAI commands are methods; a
// command the manual would refuse throws a PbxCommandError with the manual's outcome code.
import { OUTCOME } from '../../bridge/oai/outcomes';
import { cause, deliveredFields, dndFields, establishedFields, originatedFields } from './eventFields';
import { PbxTransfers } from './pbxTransfers';
import { dndMessageText, PbxCommandError, type SimCall, type SimCallView } from './pbxTypes';
import { resyncEvents } from './resync';

export { DEFAULT_SEED, PbxCommandError, type PbxEvent, type PbxSeed, type SimCallView } from './pbxTypes';

export class SimulatedPbx extends PbxTransfers {
    liveCalls(): SimCallView[] {
        return [...this.calls.values()].map((call) => ({
            callId: call.id,
            stations: Object.fromEntries(call.stations),
            external: call.external ? { number: call.external.number, name: call.external.name } : undefined,
            huntGroup: call.huntGroups[0],
            answered: call.answered,
            ...(call.transferredBy ? { transferredBy: call.transferredBy } : {})
        }));
    }

    /** The digits that seize a trunk for an outside number (the softphone's Outside Prefix). */
    get trunkAccessCode(): string {
        return this.seed.trunkAccessCode;
    }

    // ---- the outside world and the people at the phones (control API) ----

    /** An outside caller dials `to` (a station or the hunt group). Returns the call id. */
    inbound(to: string, from: { number: string; name: string }): string {
        const trunk = this.seed.trunks[0];
        const group = this.seed.huntGroups.find((candidate) => candidate.extension === to);
        const call = this.newCall(group ? 'hex' : 'decimal', {
            caller: trunk.extension,
            callerIsExternal: true,
            calledDevice: to,
            huntGroups: group ? [group.extension] : [],
            external: {
                trunk: trunk.extension,
                number: from.number,
                name: from.name,
                trunkName: trunk.name,
                trunkOutsideNumber: trunk.outsideNumber
            }
        });
        this.emit(call, trunk.extension, 'OR', originatedFields(call, trunk.outsideNumber));
        const targets = group ? group.members : [this.station(to).extension];
        const ringing = targets.filter((extension) => this.reachable(extension));
        if (ringing.length === 0) {
            // Nobody can take it (DND, offline): the PBX says so and the outside caller hears busy.
            for (const extension of targets) {
                const failure = this.station(extension).dnd ? 14 : 13;
                this.emit(call, extension, 'FA', [call.id, extension, to, 'F', cause(failure)]);
            }
            this.emit(call, trunk.extension, 'FA', [call.id, group ? to : targets[0], to, 'C', cause(3)]);
            this.dropParty(call, trunk.extension, trunk.extension, 36);
            return call.id;
        }
        for (const extension of ringing) this.alert(call, extension, 22);
        return call.id;
    }

    /** The station's user picks up a call ringing there (or recalling there). */
    answer(extension: string, callId: string): void {
        const call = this.call(callId);
        if (call.stations.get(extension) !== 'A')
            throw new PbxCommandError(OUTCOME.noCallToAnswer, `${callId} is not ringing at ${extension}`);
        if (this.activeCallAt(extension))
            throw new PbxCommandError(OUTCOME.invalidObjectState, `${extension} is on another call`);
        call.stations.set(extension, 'C');
        call.answered = true;
        call.transferredBy = undefined;
        for (const [other, state] of [...call.stations]) {
            if (other !== extension && state === 'A') {
                // Answered elsewhere: the other ringing members drop out.
                call.stations.delete(other);
                this.emit(call, other, 'XC', [call.id, other, extension, 'N', cause(35)]);
            }
        }
        const answering = { extension, outsideNumber: '', type: 'I' as const };
        // The calling side's ES first, then the answering station's (Issue 9.0, ES examples).
        if (call.callerIsExternal && call.external)
            this.emit(call, call.external.trunk, 'ES', establishedFields(call, answering, 'C', 35));
        this.toParties(call, extension, (_, state) => ({
            code: 'ES',
            fields: establishedFields(call, answering, state, 35)
        }));
    }

    /**
     * The far end answers a call a station placed: the outside party of a trunk call, or the station
     * an internal call rings at (the one that rang first).
     */
    remoteAnswer(callId: string): void {
        const call = this.call(callId);
        const ringing = [...call.stations].find(([, state]) => state === 'A')?.[0];
        if (ringing) return this.answer(ringing, callId);
        if (!call.external || call.callerIsExternal || call.answered)
            throw new PbxCommandError(
                OUTCOME.invalidObjectState,
                `${callId} is not an outgoing call waiting for an answer`
            );
        call.answered = true;
        const external = call.external;
        const answering = { extension: external.trunk, outsideNumber: external.number, type: 'E' as const };
        this.emit(call, external.trunk, 'ES', establishedFields(call, answering, 'C', 35));
        this.toParties(call, '', (_, state) => ({
            code: 'ES',
            fields: establishedFields(call, answering, state, 35)
        }));
    }

    /** The outside party of an outgoing call is busy: the trunk reports the failure, the caller hears busy. */
    remoteBusy(callId: string): void {
        const call = this.call(callId);
        if (!call.external || call.callerIsExternal || call.answered)
            throw new PbxCommandError(
                OUTCOME.invalidObjectState,
                `${callId} is not an outgoing outside call`
            );
        call.failure = 3;
        const fields = (state: 'C' | 'F') => [
            call.id,
            call.external!.trunk,
            call.external!.number,
            state,
            cause(3)
        ];
        this.emit(call, call.external.trunk, 'FA', fields('F'));
        for (const extension of call.stations.keys()) this.emit(call, extension, 'FA', fields('C'));
    }

    /** The outside party hangs up. */
    remoteHangup(callId: string): void {
        const call = this.call(callId);
        if (!call.external)
            throw new PbxCommandError(OUTCOME.invalidObjectState, `${callId} has no outside party`);
        this.dropParty(call, call.external.trunk, call.external.trunk, 36);
    }

    /** A station's user hangs up. */
    hangup(extension: string, callId: string): void {
        const call = this.call(callId);
        if (!call.stations.has(extension))
            throw new PbxCommandError(OUTCOME.noConnectionToClear, `${extension} is not on ${callId}`);
        this.dropParty(call, extension, extension, 36);
    }

    setDnd(extension: string, enabled: boolean, messageIndex?: number, customText = ''): void {
        const station = this.station(extension);
        station.dnd = enabled;
        station.dndMessage = enabled ? dndMessageText(messageIndex) : '';
        station.dndText = enabled ? customText : '';
        this.emit(undefined, extension, 'DND', dndFields(station));
    }

    setOnline(extension: string, online: boolean): void {
        const station = this.station(extension);
        station.online = online;
        // V08.10 layout: device type 0 (keyset), physical type 0 while offline (Issue 9.0, OL).
        this.emit(undefined, extension, 'OL', [extension, online ? '1' : '0', '0', online ? '13' : '0']);
    }

    // ---- OAI commands ----

    /** `_MC`: the station places a call (a transfer-announce call with `transferCallId`). Returns its id. */
    makeCall(extension: string, digits: string, transferCallId?: string): string {
        const caller = this.station(extension);
        if (!caller.online)
            throw new PbxCommandError(OUTCOME.genericStateIncompatibility, `${extension} is offline`);
        if (transferCallId !== undefined && this.call(transferCallId).stations.get(extension) !== 'H')
            throw new PbxCommandError(OUTCOME.noHeldCall, `${transferCallId} is not on hold at ${extension}`);
        if (this.activeCallAt(extension))
            throw new PbxCommandError(OUTCOME.genericStateIncompatibility, `${extension} is busy`);
        const dialled = digits.replace(/[-(); ]/g, '');
        const outside = dialled.startsWith(this.seed.trunkAccessCode) && dialled.length > 4;
        if (!outside && !this.stations.has(dialled) && !this.isHuntGroup(dialled))
            throw new PbxCommandError(OUTCOME.invalidCalledDevice, `nothing answers to ${digits}`);
        const number = outside ? dialled.slice(this.seed.trunkAccessCode.length) : dialled;
        const call = this.newCall('at', {
            caller: extension,
            callerIsExternal: false,
            calledDevice: number,
            announcesFor: transferCallId
        });
        call.stations.set(extension, 'C');
        this.emit(call, extension, 'SI', [call.id, extension, 'I', cause(22), '']);
        this.emit(call, extension, 'OR', originatedFields(call, number));
        if (outside) this.seizeTrunk(call, number);
        else this.dialStation(call, dialled, transferCallId === undefined ? 22 : 40);
        return call.id;
    }

    /** `_AC`: the station answers the call ringing there. */
    answerCall(extension: string, callId: string): void {
        this.station(extension);
        this.answer(extension, callId);
    }

    hold(extension: string, callId: string, holdCause = 42): void {
        this.station(extension);
        const call = this.call(callId);
        if (call.stations.get(extension) !== 'C')
            throw new PbxCommandError(
                OUTCOME.genericStateIncompatibility,
                `${callId} is not connected at ${extension}`
            );
        call.stations.set(extension, 'H');
        call.holdCause = holdCause;
        this.toParties(call, extension, (_, state) => ({
            code: 'HE',
            fields: [call.id, extension, state, cause(holdCause)]
        }));
    }

    retrieve(extension: string, callId: string): void {
        this.station(extension);
        const call = this.call(callId);
        if (call.stations.get(extension) !== 'H')
            throw new PbxCommandError(OUTCOME.noHeldCall, `${callId} is not held at ${extension}`);
        if (this.activeCallAt(extension))
            throw new PbxCommandError(OUTCOME.invalidObjectState, `${extension} is busy`);
        call.stations.set(extension, 'C');
        const other = this.otherParty(call, extension);
        this.toParties(call, extension, (_, state) => ({
            code: 'RE',
            fields: [
                call.id,
                extension,
                state,
                cause(35),
                other.extension,
                other.number,
                other.trunkNumber,
                other.type
            ]
        }));
    }

    /** `_CC`: the whole call ends. */
    clearCall(extension: string, callId: string): void {
        this.station(extension);
        const call = this.calls.get(callId);
        if (!call) throw new PbxCommandError(OUTCOME.noCallToClear, `no call ${callId}`);
        if (!call.stations.has(extension))
            throw new PbxCommandError(OUTCOME.invalidDeviceIdentifier, `${extension} is not on ${callId}`);
        this.endCall(call, extension, 36);
    }

    /** `_CX`: the station drops out; on a two-party call that ends it. */
    clearConnection(extension: string, callId: string, completeTransfer: boolean): void {
        this.station(extension);
        const call = this.call(callId);
        const state = call.stations.get(extension);
        if (state === undefined || state === 'H')
            throw new PbxCommandError(
                OUTCOME.noConnectionToClear,
                `${callId} is not connected at ${extension}`
            );
        if (!completeTransfer) return this.dropParty(call, extension, extension, 36);
        if (!call.announcesFor)
            throw new PbxCommandError(
                OUTCOME.invalidObjectState,
                `${callId} is not a transfer announce call`
            );
        this.transfer(extension, call.announcesFor, callId);
    }

    /** `_SD` (Issue 9.0): on with a message number (1…20) and text, or off. */
    setDndCommand(extension: string, enabled: boolean, messageIndex?: number, customText?: string): void {
        if (
            messageIndex !== undefined &&
            (!Number.isInteger(messageIndex) || messageIndex < 1 || messageIndex > 20)
        )
            throw new PbxCommandError(OUTCOME.valueOutOfRange, `DND message ${messageIndex}`);
        this.setDnd(extension, enabled, messageIndex, customText);
    }

    /** `_EF` with a DND feature code: 370 (with a two-digit message number after it), 371, 372. */
    extensionFeature(extension: string, feature: string): void {
        const code = feature.replace(/^!/, '');
        const station = this.station(extension);
        const on = /^370(\d{2})?$/.exec(code);
        if (on) this.setDndCommand(extension, true, on[1] ? Number(on[1]) : undefined);
        else if (code === '371') this.setDnd(extension, false);
        else if (code === '372') this.setDnd(extension, !station.dnd);
        else throw new PbxCommandError(OUTCOME.invalidFeature, `feature ${feature} is not simulated`);
    }

    /** What a resync reports for one monitored device (./resync.ts). */
    resyncEvents(device: string): ReturnType<typeof resyncEvents> {
        return resyncEvents([...this.calls.values()], this.stations.get(device), device);
    }

    private dialStation(call: SimCall, dialled: string, eventCause: number): void {
        const target = this.isHuntGroup(dialled)
            ? this.seed.huntGroups.find((group) => group.extension === dialled)!.members
            : [dialled];
        if (this.isHuntGroup(dialled)) call.huntGroups.push(dialled);
        const ringing = target.filter((extension) => this.reachable(extension));
        if (ringing.length > 0)
            return ringing.forEach((extension) => this.alert(call, extension, eventCause));
        // Issue 9.0 FA example: the DND station's FA (F, 14), then the caller's (C, 14); the caller hears it until it hangs up.
        const failedExt = target[0];
        call.failure = this.stations.get(failedExt)?.dnd ? 14 : 13;
        if (!this.isHuntGroup(dialled)) call.stations.set(failedExt, 'F');
        const fields = (state: 'C' | 'F') => [call.id, failedExt, dialled, state, cause(call.failure!)];
        if (!this.isHuntGroup(dialled)) this.emit(call, failedExt, 'FA', fields('F'));
        this.emit(call, call.caller, 'FA', fields('C'));
    }

    /** Issue 9.0, NT and DE examples: NT at the caller, NT at the trunk, DE at the trunk, DE at the caller. */
    private seizeTrunk(call: SimCall, number: string): void {
        const trunk = this.seed.trunks[0];
        call.external = {
            trunk: trunk.extension,
            number,
            name: '',
            trunkName: trunk.name,
            trunkOutsideNumber: ''
        };
        this.emit(call, call.caller, 'NT', [call.id, trunk.extension, number, 'C', cause(22)]);
        this.emit(call, trunk.extension, 'NT', [call.id, trunk.extension, number, 'A', cause(22)]);
        const alerting = { extension: trunk.extension, outsideNumber: number, type: 'E' as const };
        this.emit(call, trunk.extension, 'DE', deliveredFields(call, alerting, 'A', 22));
        this.emit(call, call.caller, 'DE', deliveredFields(call, alerting, 'C', 22));
    }
}
