// Transfers on the simulated PBX: one step (`_TO`), supervised (`_TR`), the recall of a blind transfer
// nobody answered, and a conference, in the order of Issue 9.0's Transferred, Diverted and Conferenced
// examples.
import type { Field } from '../../bridge/oai/csv';
import { OUTCOME } from '../../bridge/oai/outcomes';
import { cause, deliveredFields, transferConfirmation, transferredFields } from './eventFields';
import { PbxCore } from './pbxCore';
import { PbxCommandError, type SimCall } from './pbxTypes';

export class PbxTransfers extends PbxCore {
    /**
     * `_TO`: blind transfer of the call connected at `extension` (a blank call id: the one connected
     * there now). TR (N) to the transferring station, TR (own state, no announcement call) to the
     * transferred party, then the destination rings (DE A 32) and the party hears it (DE C 32).
     * Returns the confirmation's fields.
     */
    transferOneStep(extension: string, callId: string, destination: string): Field[] {
        this.station(extension);
        const call = callId ? this.call(callId) : this.activeCallAt(extension);
        if (!call) throw new PbxCommandError(OUTCOME.noActiveCall, `${extension} is on no call`);
        const state = call.stations.get(extension);
        if (state !== 'C' && state !== 'H')
            throw new PbxCommandError(OUTCOME.noActiveCall, `${call.id} is not connected at ${extension}`);
        if (!this.stations.has(destination))
            throw new PbxCommandError(OUTCOME.invalidDestination, `nothing answers to ${destination}`);
        if (!this.reachable(destination))
            throw new PbxCommandError(
                OUTCOME.genericStateIncompatibility,
                `${destination} cannot take calls`
            );
        const transferred = this.otherParty(call, extension).extension;
        const parties = { transferring: extension, transferred, destination };
        call.stations.delete(extension);
        this.emit(call, extension, 'TR', transferredFields(call, parties, '', 'N'));
        for (const [receiver, receiverState] of call.stations)
            this.emit(call, receiver, 'TR', transferredFields(call, parties, '', receiverState));
        if (call.external && call.callerIsExternal)
            this.emit(call, call.external.trunk, 'TR', transferredFields(call, parties, '', 'C'));
        call.transferredBy = extension;
        call.lastRedirection = extension;
        call.calledDevice = destination;
        this.ringAfterTransfer(call, destination, transferred, 32);
        return transferConfirmation(call, destination, transferred);
    }

    /**
     * `_TR` (Issue 9.0, TR example): TR (N) and XC for the announcement call at the transferring
     * station, TR to the transferred party (no announcement call id), TR to the destination with the
     * announcement call's state, the destination's XCs for the announcement call, then, if the
     * destination had not answered, its DE (A 32) and the party's DE (C 32). The held call keeps its id.
     */
    transfer(extension: string, heldCallId: string, announcementCallId: string): Field[] {
        this.station(extension);
        const held = this.call(heldCallId);
        const announcement = this.call(announcementCallId);
        if (held.stations.get(extension) !== 'H')
            throw new PbxCommandError(OUTCOME.noHeldCall, `${heldCallId} is not held at ${extension}`);
        if (!announcement.stations.has(extension))
            throw new PbxCommandError(OUTCOME.noActiveCall, `${extension} is not on ${announcementCallId}`);
        const destination = [...announcement.stations.keys()].find((station) => station !== extension);
        if (!destination)
            throw new PbxCommandError(
                OUTCOME.genericStateIncompatibility,
                `${announcementCallId} has no destination`
            );
        const destinationState = announcement.stations.get(destination)!;
        const transferred = this.otherParty(held, extension).extension;
        const parties = { transferring: extension, transferred, destination };
        this.calls.delete(announcement.id);
        held.stations.delete(extension);
        held.lastRedirection = extension;
        this.emit(held, extension, 'TR', transferredFields(held, parties, announcement.id, 'N'));
        this.emit(announcement, extension, 'XC', [announcement.id, extension, extension, 'N', cause(36)]);
        for (const [receiver, state] of held.stations)
            this.emit(held, receiver, 'TR', transferredFields(held, parties, '', state));
        this.emit(
            held,
            destination,
            'TR',
            transferredFields(held, parties, announcement.id, destinationState)
        );
        this.emit(announcement, destination, 'XC', [announcement.id, extension, extension, '', cause(36)]);
        this.emit(announcement, destination, 'XC', [announcement.id, destination, extension, 'N', cause(36)]);
        if (destinationState === 'C') {
            held.stations.set(destination, 'C');
            held.answered = true;
        } else {
            held.calledDevice = destination;
            this.ringAfterTransfer(held, destination, transferred, 32);
        }
        return transferConfirmation(held, destination, transferred);
    }

    /**
     * A blind-transferred call nobody answered goes back to the station that transferred it (Issue 9.0
     * DE: "the initial recall destination … become[s] the originally called device"): DI (N 27) at
     * the destination, DI (own state) to the others, DE (A 27) at the recalled station, DE (C 27) to the party.
     */
    recall(callId: string): void {
        const call = this.call(callId);
        const back = call.transferredBy;
        const destination = [...call.stations].find(([, state]) => state === 'A')?.[0];
        if (!back || !destination)
            throw new PbxCommandError(OUTCOME.invalidObjectState, `${callId} is not an unanswered transfer`);
        call.stations.delete(destination);
        this.emit(call, destination, 'DI', [call.id, destination, back, '', 'N', cause(27)]);
        for (const [receiver, state] of call.stations)
            this.emit(call, receiver, 'DI', [call.id, destination, back, '', state, cause(27)]);
        call.lastRedirection = destination;
        call.calledDevice = back;
        call.transferredBy = undefined;
        const party = this.otherParty(call, back).extension;
        this.ringAfterTransfer(call, back, party, 27);
    }

    /**
     * The station joins its held call and its other call into a conference (Issue 9.0 CO example, the
     * phone's conference key): the other call goes on conference-wait hold (HE 39), then each party
     * hears CO (C 41), naming every party with the call id it knows the conference by; the controller's
     * is a new one. Returns it.
     */
    conference(controller: string, heldCallId: string, otherCallId: string): string {
        const first = this.call(heldCallId);
        const second = this.call(otherCallId);
        if (first.stations.get(controller) !== 'H')
            throw new PbxCommandError(OUTCOME.noHeldCall, `${heldCallId} is not held at ${controller}`);
        if (second === first || !second.stations.has(controller))
            throw new PbxCommandError(OUTCOME.noActiveCall, `${controller} is not on ${otherCallId}`);
        if (second.stations.get(controller) === 'C') {
            second.stations.set(controller, 'H');
            this.toParties(second, controller, (_, state) => ({
                code: 'HE',
                fields: [second.id, controller, state, cause(39)]
            }));
        }
        const merged = this.newCall('hex', {
            caller: controller,
            callerIsExternal: false,
            calledDevice: first.calledDevice
        });
        merged.answered = true;
        merged.external = first.external ?? second.external;
        merged.huntGroups = [...new Set([...first.huntGroups, ...second.huntGroups])];
        merged.partyCallIds = new Map([[controller, merged.id]]);
        for (const call of [first, second]) {
            this.calls.delete(call.id);
            this.aliases.set(call.id, merged);
            for (const station of call.stations.keys())
                if (station !== controller) merged.partyCallIds.set(station, call.id);
            if (call.external) merged.partyCallIds.set(call.external.trunk, call.id);
        }
        for (const station of merged.partyCallIds.keys())
            if (this.stations.has(station)) merged.stations.set(station, 'C');
        const parties = [...merged.partyCallIds].flat();
        for (const [party, partyCallId] of merged.partyCallIds) {
            const primary = party === controller ? first.id : partyCallId;
            const secondary = party === controller ? second.id : '';
            const fields = [
                party,
                primary,
                secondary,
                controller,
                String(merged.partyCallIds.size),
                ...parties,
                'C',
                cause(41)
            ];
            this.emit(merged, party, 'CO', fields);
        }
        return merged.id;
    }

    /** The call rings at `at` (DE A), and the party it was transferred for hears it ring (DE C). */
    private ringAfterTransfer(call: SimCall, at: string, party: string, eventCause: number): void {
        call.stations.set(at, 'A');
        const alerting = { extension: at, outsideNumber: '', type: 'I' as const };
        // The transferred party is the caller now, as the manual's DE after a transfer shows it.
        const asCaller = {
            ...call,
            caller: party,
            callerIsExternal: call.external !== undefined && call.callerIsExternal
        };
        this.emit(call, at, 'DE', deliveredFields(asCaller, alerting, 'A', eventCause));
        this.emit(call, party, 'DE', deliveredFields(asCaller, alerting, 'C', eventCause));
    }
}
