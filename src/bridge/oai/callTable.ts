// One station's live calls as contract v1 calls, keyed by the OAI call id each is on now: creating,
// changing, moving (a transfer or a conference puts the station's call on another OAI id) and
// clearing them, with the capabilities that follow and the resync bookkeeping. What an event means
// is decided in ./callModel.ts; this only keeps the calls and says which changed. A change costs the
// same however many calls the station holds (a hunt group member may follow hundreds): calls are
// indexed by contract id, and by the call they are a consult of, whose capabilities follow theirs.
import { contractCapabilities } from '../../core/suite/capabilities';
import { endedWhileAway, type CallState, type SuiteCall } from '../../core/suite/types';
import type { StationCallIds } from '../callIds';

interface Tracked {
    call: SuiteCall;
    oaiCallId: string;
    seenInResync: boolean;
    /** The call as last reported, so an event that changes nothing (heard twice) reports nothing. */
    reported: string;
    /** Why the call failed (FA) while the station still hears it: the cause it ends with. */
    failure?: string;
    /** The related call id this entry is indexed under (see `dependents`). */
    indexedRelated?: string;
    /** Whether `heldCount` counts it. */
    countedHeld?: boolean;
}

export type NewCall = Pick<SuiteCall, 'direction' | 'remote'> &
    Partial<Pick<SuiteCall, 'huntGroup' | 'relatedCallId'>>;

export interface TrackingListener {
    /** The station follows the OAI call now (`true`) or no longer (`false`). */
    (oaiCallId: string, tracked: boolean): void;
}

export class CallTable {
    /** By the OAI call id each call is on now. */
    private readonly tracked = new Map<string, Tracked>();
    /** The same calls by contract call id. */
    private readonly byCallId = new Map<string, Tracked>();
    /** Contract call id → the calls whose relatedCallId it is (a consult's capabilities follow its held call). */
    private readonly dependents = new Map<string, Set<Tracked>>();
    private readonly ids: StationCallIds;
    private readonly now: () => number;
    private readonly onTracking: TrackingListener;
    private resyncing = false;
    private heldCount = 0;

    constructor(ids: StationCallIds, now: () => number, onTracking: TrackingListener = () => undefined) {
        this.ids = ids;
        this.now = now;
        this.onTracking = onTracking;
    }

    calls(): SuiteCall[] {
        return [...this.tracked.values()].map((entry) => entry.call);
    }

    oaiCallIds(): string[] {
        return [...this.tracked.keys()];
    }

    has(oaiCallId: string): boolean {
        return this.tracked.has(oaiCallId);
    }

    get(oaiCallId: string): SuiteCall | undefined {
        return this.tracked.get(oaiCallId)?.call;
    }

    oaiCallIdOf(callId: string): string | undefined {
        return this.byCallId.get(callId)?.oaiCallId;
    }

    /** Our rule, OAI has none: a call placed while another is held here is a consult of the held one. */
    heldCallId(): string | undefined {
        if (this.heldCount === 0) return undefined;
        for (const entry of this.tracked.values()) if (entry.call.state === 'held') return entry.call.callId;
        return undefined;
    }

    beginResync(): void {
        this.resyncing = true;
        for (const entry of this.tracked.values()) entry.seenInResync = false;
    }

    /** The calls the resync did not report, now cleared, and any call that changed with them. */
    endResync(): SuiteCall[] {
        this.resyncing = false;
        const ended: SuiteCall[] = [];
        for (const [oaiCallId, entry] of this.tracked) {
            if (entry.seenInResync) continue;
            this.remove(entry);
            this.ids.released(oaiCallId);
            ended.push(endedWhileAway(entry.call, this.now()));
        }
        return [...ended, ...this.refreshCapabilities(this.tracked.values()).map(copy)];
    }

    /**
     * Creates the call (with `create`) or sets its state and cause; `refine` then adjusts it (a later
     * event knows the far end better). Returns the calls that changed.
     */
    upsert(
        oaiCallId: string,
        state: CallState,
        cause: string,
        create: () => NewCall,
        refine?: (call: SuiteCall) => void
    ): SuiteCall[] {
        let entry = this.tracked.get(oaiCallId);
        const now = this.now();
        if (!entry) {
            entry = this.create(oaiCallId, state, cause, create(), now);
        } else {
            entry.call.state = state;
            entry.call.cause = entry.failure ?? cause;
            const name = create().remote.name;
            if (!entry.call.remote.name && name) entry.call.remote = { ...entry.call.remote, name };
        }
        if (this.resyncing) entry.seenInResync = true;
        if (state === 'connected' && entry.call.answerTime === undefined) entry.call.answerTime = now;
        refine?.(entry.call);
        return this.changed(entry);
    }

    /** Changes a known call; an unknown one stays unknown. */
    update(oaiCallId: string, change: (call: SuiteCall) => void, failure?: string): SuiteCall[] {
        const entry = this.tracked.get(oaiCallId);
        if (!entry) return [];
        change(entry.call);
        if (failure) entry.failure = failure;
        if (this.resyncing) entry.seenInResync = true;
        if (entry.call.state === 'connected' && entry.call.answerTime === undefined)
            entry.call.answerTime = this.now();
        return this.changed(entry);
    }

    /** An event about a known call that changes nothing here still proves, in a resync, that it lives. */
    touch(oaiCallId: string): SuiteCall[] {
        const entry = this.tracked.get(oaiCallId);
        if (entry && this.resyncing) entry.seenInResync = true;
        return [];
    }

    /** The station's call now lives on another OAI call id; it keeps its contract id. */
    move(from: string, to: string): boolean {
        const entry = this.tracked.get(from);
        if (!entry || from === to || this.tracked.has(to)) return false;
        this.tracked.delete(from);
        this.onTracking(from, false);
        this.ids.moved(from, to);
        entry.oaiCallId = to;
        this.tracked.set(to, entry);
        this.onTracking(to, true);
        return true;
    }

    clear(oaiCallId: string, cause: string, transferredTo?: string): SuiteCall[] {
        const entry = this.tracked.get(oaiCallId);
        if (!entry) return [];
        this.remove(entry);
        this.ids.released(oaiCallId);
        const call: SuiteCall = {
            ...entry.call,
            state: 'cleared',
            cause: entry.failure ?? cause,
            endTime: this.now(),
            capabilities: []
        };
        if (transferredTo) call.transferredTo = transferredTo;
        return [call, ...this.refreshCapabilities(this.dependentsOf(entry)).map(copy)];
    }

    private create(
        oaiCallId: string,
        state: CallState,
        cause: string,
        fields: NewCall,
        now: number
    ): Tracked {
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
        const entry: Tracked = { call, oaiCallId, seenInResync: true, reported: '' };
        this.tracked.set(oaiCallId, entry);
        this.byCallId.set(call.callId, entry);
        this.onTracking(oaiCallId, true);
        return entry;
    }

    private remove(entry: Tracked): void {
        this.tracked.delete(entry.oaiCallId);
        this.byCallId.delete(entry.call.callId);
        this.setRelated(entry, undefined);
        this.countHeld(entry, false);
        this.onTracking(entry.oaiCallId, false);
    }

    /** Files `entry` under the call it is related to now (a consult under its held call). */
    private setRelated(entry: Tracked, related: string | undefined): void {
        if (entry.indexedRelated === related) return;
        if (entry.indexedRelated !== undefined) {
            const siblings = this.dependents.get(entry.indexedRelated);
            siblings?.delete(entry);
            if (siblings?.size === 0) this.dependents.delete(entry.indexedRelated);
        }
        entry.indexedRelated = related;
        if (related === undefined) return;
        const siblings = this.dependents.get(related) ?? new Set<Tracked>();
        siblings.add(entry);
        this.dependents.set(related, siblings);
    }

    private dependentsOf(entry: Tracked): Iterable<Tracked> {
        return this.dependents.get(entry.call.callId) ?? [];
    }

    /** The changed call plus any whose capabilities follow from it (a consult of it, when it is held or not). */
    private changed(entry: Tracked): SuiteCall[] {
        this.setRelated(entry, entry.call.relatedCallId);
        this.countHeld(entry, entry.call.state === 'held');
        const others = this.refreshCapabilities([entry, ...this.dependentsOf(entry)]).filter(
            (call) => call !== entry.call
        );
        if (entry.call.answerTime !== undefined) this.ids.answered(entry.oaiCallId, entry.call.answerTime);
        const fingerprint = JSON.stringify(entry.call);
        const unchanged = fingerprint === entry.reported;
        entry.reported = fingerprint;
        for (const other of this.dependentsOf(entry))
            if (others.includes(other.call)) other.reported = JSON.stringify(other.call);
        return [...(unchanged ? [] : [entry.call]), ...others].map(copy);
    }

    private countHeld(entry: Tracked, held: boolean): void {
        if ((entry.countedHeld ?? false) === held) return;
        entry.countedHeld = held;
        this.heldCount += held ? 1 : -1;
    }

    /** Recomputes the capabilities of `entries`; returns the calls whose capabilities changed. */
    private refreshCapabilities(entries: Iterable<Tracked>): SuiteCall[] {
        const changed: SuiteCall[] = [];
        for (const entry of entries) {
            const related = entry.call.relatedCallId
                ? this.byCallId.get(entry.call.relatedCallId)
                : undefined;
            const capabilities = contractCapabilities(entry.call.state, related?.call.state === 'held');
            if (capabilities.join() !== entry.call.capabilities.join()) {
                entry.call.capabilities = capabilities;
                changed.push(entry.call);
            }
        }
        return changed;
    }
}

export function copy(call: SuiteCall): SuiteCall {
    return { ...call, remote: { ...call.remote }, capabilities: [...call.capabilities] };
}
