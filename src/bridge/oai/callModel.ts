// Turns the OAI events of one monitored station into contract v1 calls (docs/suite-api.md, "Call").
// The bridge routes each event here by its Mon_Cross_Ref_ID and its extension fields (./routing.ts);
// only an event of the station's own monitor speaks of its local state. Which event means what follows
// docs/oai-protocol.md; where OAI says nothing (a consult's related call), the rule is ours and named.
import {
    endedWhileAway,
    type CallCapability,
    type CallDirection,
    type CallState,
    type SuiteCall
} from '../../core/suite/types';
import type { OaiEvent, LocalConnectionState } from './messages';
import { contractCapabilities } from '../../core/suite/capabilities';
import { createCallIdStore, type StationCallIds } from '../callIds';

export interface OaiCallModelOptions {
    /** The station this model follows. */
    extension: string;
    /** Hunt groups, so a call that came through one says so. */
    huntGroups?: readonly string[];
    now?: () => number;
    /** Where contract call ids are kept (src/bridge/callIds.ts); in memory by default. */
    ids?: StationCallIds;
}

interface Tracked {
    call: SuiteCall;
    oaiCallId: string;
    seenInResync: boolean;
    /** The call as last reported, so an event that changes nothing (heard twice) reports nothing. */
    reported: string;
}

/** Event causes (docs/oai-protocol.md) as the contract's cause words. */
const CAUSE_NAMES: Record<number, string> = {
    3: 'busy',
    9: 'callForward',
    10: 'callNotAnswered',
    11: 'callPickup',
    12: 'campOn',
    13: 'destinationNotAvailable',
    14: 'doNotDisturb',
    22: 'newCall',
    27: 'recall',
    28: 'redirected',
    29: 'reorderTone',
    30: 'resourcesNotAvailable',
    32: 'transfer',
    33: 'trunksBusy',
    35: 'answered',
    36: 'normalClear',
    38: 'holdForTransfer',
    41: 'conference',
    37: 'holdSystem',
    42: 'holdIndividual',
    44: 'callStolen'
};

export function causeName(cause: number | undefined): string {
    if (cause === undefined) return 'unknown';
    return CAUSE_NAMES[cause] ?? `cause${String(cause).padStart(2, '0')}`;
}

export class OaiCallModel {
    private readonly extension: string;
    private readonly huntGroups: ReadonlySet<string>;
    private readonly now: () => number;
    private readonly ids: StationCallIds;
    private readonly tracked = new Map<string, Tracked>();
    private dndEnabled = false;
    private online = true;
    private resyncing = false;

    constructor(options: OaiCallModelOptions) {
        this.extension = options.extension;
        this.huntGroups = new Set(options.huntGroups ?? []);
        this.now = options.now ?? Date.now;
        this.ids = options.ids ?? createCallIdStore().station(options.extension);
    }

    get dnd(): boolean {
        return this.dndEnabled;
    }

    get deviceOnline(): boolean {
        return this.online;
    }

    /** Live calls of the station. */
    calls(): SuiteCall[] {
        return [...this.tracked.values()].map((entry) => entry.call);
    }

    /** The OAI call id a live call of this station is on now (a transfer can move it to another). */
    oaiCallIdOf(callId: string): string | undefined {
        for (const entry of this.tracked.values()) if (entry.call.callId === callId) return entry.oaiCallId;
        return undefined;
    }

    /** Whether this station follows the OAI call now. */
    tracks(oaiCallId: string): boolean {
        return this.tracked.has(oaiCallId);
    }

    /** The contract call id of a live OAI call at this station. */
    callIdOf(oaiCallId: string): string | undefined {
        return this.tracked.get(oaiCallId)?.call.callId;
    }

    /** A resync is starting: calls it does not report again have ended meanwhile. */
    beginResync(): void {
        this.resyncing = true;
        for (const entry of this.tracked.values()) entry.seenInResync = false;
    }

    /** The resync has ended: returns the calls it did not report, now cleared (and any call that changed with them). */
    endResync(): SuiteCall[] {
        this.resyncing = false;
        const ended: SuiteCall[] = [];
        for (const [oaiCallId, entry] of this.tracked) {
            if (entry.seenInResync) continue;
            this.tracked.delete(oaiCallId);
            this.ids.released(oaiCallId);
            ended.push(endedWhileAway(entry.call, this.now()));
        }
        return [...ended, ...this.refreshCapabilities().map(copy)];
    }

    /**
     * Applies one event; returns the calls it changed, complete, after the change. `own`: it came under
     * this station's monitor, so its Local_Cnx_State is this station's; otherwise (another monitor's
     * id, or one from before a reconnect) only its extension fields say what it means here.
     */
    apply(event: OaiEvent, own = true): SuiteCall[] {
        const here = (extension: string) => extension === this.extension;
        switch (event.code) {
            case 'DE':
                return this.delivered(event, own);
            case 'ES':
                if (own) return this.established(event, stateOf(event.localState) ?? 'connected');
                return here(event.answeringExt) || here(event.internalCallingExt)
                    ? this.established(event, 'connected')
                    : this.touch(event.callId);
            case 'HE':
                return here(event.holdingExt)
                    ? this.update(event.callId, 'held', causeName(event.cause ?? 42))
                    : this.touch(event.callId);
            case 'RE':
                // Retrieved by the other party: nothing changes here (this side was not the one holding).
                return here(event.retrievingExt)
                    ? this.update(event.callId, 'connected', 'retrieved')
                    : this.touch(event.callId);
            case 'QU':
                if (!own && !here(event.queuedExt)) return this.touch(event.callId);
                return this.upsert(event.callId, 'queued', causeName(event.cause), () => ({
                    direction: directionOf(event.callingDeviceType),
                    remote: {
                        number: event.outsideCallerNumber || event.internalCallingExt,
                        name: event.outsideCallerName
                    }
                }));
            case 'TR':
                return this.transferred(event, own);
            case 'XC':
                return event.clearedExt === this.extension
                    ? this.clear(event.callId, this.clearCause(event.callId, event.cause))
                    : [];
            case 'CC':
                return this.clear(event.callId, causeName(event.cause));
            case 'DI':
                return event.divertedFromExt === this.extension
                    ? this.clear(event.callId, causeName(event.cause))
                    : [];
            case 'FA':
                // The station hears reorder or busy tone: for the agent the call is over.
                return event.failedExt === this.extension
                    ? this.clear(event.callId, causeName(event.cause))
                    : [];
            case 'CO':
                return this.update(event.primaryCallId, 'connected', 'conference');
            case 'DND':
                if (event.extension === this.extension) this.dndEnabled = event.enabled;
                return [];
            case 'OL':
                if (event.extension === this.extension) this.online = event.online;
                return [];
            default:
                return [];
        }
    }

    private delivered(event: Extract<OaiEvent, { code: 'DE' }>, own: boolean): SuiteCall[] {
        const ringingHere = event.alertingExt === this.extension && event.localState === 'A';
        // The caller's own line: it hears the far end ringing. Under another monitor, only if it names us.
        const callingHere =
            event.localState === 'C' &&
            event.alertingExt !== this.extension &&
            (own || event.internalCallingExt === this.extension);
        const hunt = this.huntGroups.has(event.originallyCalledDevice)
            ? event.originallyCalledDevice
            : undefined;
        if (ringingHere) {
            const cause = event.cause === 27 ? 'recall' : causeName(event.cause);
            return this.upsert(event.callId, 'ringing', cause, () => ({
                direction: directionOf(event.callingDeviceType),
                remote: {
                    number: event.outsideCallerNumber || event.internalCallingExt,
                    name: event.outsideCallerName
                },
                huntGroup: hunt
            }));
        }
        if (callingHere) {
            // This station placed the call and hears it ringing at the far end.
            return this.upsert(event.callId, 'dialing', causeName(event.cause), () => ({
                direction: event.alertingDeviceType === 'E' ? 'outbound' : 'internal',
                remote: { number: event.alertingOutsideNumber || event.alertingExt, name: '' },
                relatedCallId: this.heldCallId()
            }));
        }
        return this.touch(event.callId);
    }

    private established(event: Extract<OaiEvent, { code: 'ES' }>, state: CallState): SuiteCall[] {
        const answeredHere = event.answeringExt === this.extension;
        return this.upsert(
            event.callId,
            state,
            'answered',
            () =>
                answeredHere
                    ? {
                          direction: directionOf(event.callingDeviceType),
                          remote: { number: event.outsideCallerNumber || event.internalCallingExt, name: '' }
                      }
                    : {
                          direction: event.answeringDeviceType === 'E' ? 'outbound' : 'internal',
                          remote: { number: event.answeringOutsideNumber || event.answeringExt, name: '' }
                      },
            (call) => {
                if (call.answerTime === undefined) call.answerTime = this.now();
            }
        );
    }

    private transferred(event: Extract<OaiEvent, { code: 'TR' }>, own: boolean): SuiteCall[] {
        // The transferring station leaves the call, whichever party's line this is.
        if (event.transferringExt === this.extension) {
            return this.clear(event.callId, 'transfer', event.destinationExt);
        }
        // Another party's line: its state is ours only if we are on the call already (or its announcement).
        if (!own && !this.tracked.has(event.callId) && !this.tracked.has(event.announcementCallId))
            return this.touch(event.callId);
        const state = stateOf(event.localState);
        if (!state) return [];
        // At a consulted station the announcement call becomes the transferred call: for the agent it
        // is the same conversation, so it keeps its contract id and now follows the OAI call id.
        const announcement = event.announcementCallId
            ? this.tracked.get(event.announcementCallId)
            : undefined;
        if (announcement && !this.tracked.has(event.callId)) {
            this.tracked.delete(event.announcementCallId);
            this.ids.moved(event.announcementCallId, event.callId);
            announcement.oaiCallId = event.callId;
            this.tracked.set(event.callId, announcement);
            announcement.call.remote = {
                number: event.outsideCallerNumber || event.transferredExt,
                name: event.outsideCallerName
            };
            announcement.call.direction = event.outsideCallerNumber ? 'inbound' : 'internal';
            delete announcement.call.relatedCallId;
        }
        return [
            ...this.upsert(event.callId, state, 'transfer', () => ({
                direction: event.outsideCallerNumber ? 'inbound' : 'internal',
                remote: {
                    number: event.outsideCallerNumber || event.transferredExt,
                    name: event.outsideCallerName
                }
            }))
        ];
    }

    private clearCause(oaiCallId: string, cause: number | undefined): string {
        const entry = this.tracked.get(oaiCallId);
        // Answered at another member of the group while it rang here.
        if (entry?.call.state === 'ringing' && cause === 35) return 'answeredElsewhere';
        return causeName(cause);
    }

    private upsert(
        oaiCallId: string,
        state: CallState,
        cause: string,
        create: () => Pick<SuiteCall, 'direction' | 'remote'> &
            Partial<Pick<SuiteCall, 'huntGroup' | 'relatedCallId'>>,
        also?: (call: SuiteCall) => void
    ): SuiteCall[] {
        let entry = this.tracked.get(oaiCallId);
        const now = this.now();
        if (!entry) {
            const fields = create();
            // OAI reuses call ids; the first-seen time keeps ours unique, and the store keeps it over a restart.
            const record = this.ids.assign(oaiCallId, now);
            const call: SuiteCall = {
                callId: record.callId,
                state,
                direction: fields.direction,
                remote: fields.remote,
                startTime: record.startTime,
                cause,
                capabilities: []
            };
            if (record.answerTime !== undefined) call.answerTime = record.answerTime;
            if (fields.huntGroup) call.huntGroup = fields.huntGroup;
            if (fields.relatedCallId) call.relatedCallId = fields.relatedCallId;
            entry = { call, oaiCallId, seenInResync: true, reported: '' };
            this.tracked.set(oaiCallId, entry);
        } else {
            const fresh = create();
            entry.call.state = state;
            entry.call.cause = cause;
            if (!entry.call.remote.name && fresh.remote.name)
                entry.call.remote = { ...entry.call.remote, name: fresh.remote.name };
        }
        if (this.resyncing) entry.seenInResync = true;
        if (state === 'connected' && entry.call.answerTime === undefined) entry.call.answerTime = now;
        also?.(entry.call);
        return this.changed(entry);
    }

    private update(oaiCallId: string, state: CallState, cause: string): SuiteCall[] {
        const entry = this.tracked.get(oaiCallId);
        if (!entry) return [];
        entry.call.state = state;
        entry.call.cause = cause;
        if (this.resyncing) entry.seenInResync = true;
        if (state === 'connected' && entry.call.answerTime === undefined) entry.call.answerTime = this.now();
        return this.changed(entry);
    }

    /** An event about a known call that changes nothing here still proves, in a resync, that it lives. */
    private touch(oaiCallId: string): SuiteCall[] {
        const entry = this.tracked.get(oaiCallId);
        if (entry && this.resyncing) entry.seenInResync = true;
        return [];
    }

    private clear(oaiCallId: string, cause: string, transferredTo?: string): SuiteCall[] {
        const entry = this.tracked.get(oaiCallId);
        if (!entry) return [];
        this.tracked.delete(oaiCallId);
        this.ids.released(oaiCallId);
        const call: SuiteCall = {
            ...entry.call,
            state: 'cleared',
            cause,
            endTime: this.now(),
            capabilities: []
        };
        if (transferredTo) call.transferredTo = transferredTo;
        return [call, ...this.refreshCapabilities().map(copy)];
    }

    /** The changed call plus any whose capabilities follow from it (a consult and its held call). */
    private changed(entry: Tracked): SuiteCall[] {
        const others = this.refreshCapabilities().filter((call) => call !== entry.call);
        if (entry.call.answerTime !== undefined) this.ids.answered(entry.oaiCallId, entry.call.answerTime);
        const fingerprint = JSON.stringify(entry.call);
        const unchanged = fingerprint === entry.reported;
        entry.reported = fingerprint;
        for (const other of this.tracked.values())
            if (others.includes(other.call)) other.reported = JSON.stringify(other.call);
        return [...(unchanged ? [] : [entry.call]), ...others].map(copy);
    }

    /** Recomputes every call's capabilities; returns those that changed. */
    private refreshCapabilities(): SuiteCall[] {
        const changed: SuiteCall[] = [];
        for (const entry of this.tracked.values()) {
            const capabilities = this.capabilitiesOf(entry.call);
            if (capabilities.join() !== entry.call.capabilities.join()) {
                entry.call.capabilities = capabilities;
                changed.push(entry.call);
            }
        }
        return changed;
    }

    private capabilitiesOf(call: SuiteCall): CallCapability[] {
        const related = call.relatedCallId ? this.findByContractId(call.relatedCallId) : undefined;
        return contractCapabilities(call.state, related?.state === 'held');
    }

    /** Our rule, OAI has none: a call placed while another is held here is a consult of the held one. */
    private heldCallId(): string | undefined {
        return [...this.tracked.values()].find((entry) => entry.call.state === 'held')?.call.callId;
    }

    private findByContractId(callId: string): SuiteCall | undefined {
        return [...this.tracked.values()].find((entry) => entry.call.callId === callId)?.call;
    }
}

function copy(call: SuiteCall): SuiteCall {
    return { ...call, remote: { ...call.remote }, capabilities: [...call.capabilities] };
}

function directionOf(callingDeviceType: string): CallDirection {
    return callingDeviceType === 'E' ? 'inbound' : 'internal';
}

function stateOf(localState: LocalConnectionState): CallState | undefined {
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
