// The live calls a Suite client holds, as last reported: one mirror for the client that talks to the
// Suite and for the tab-shared client that mirrors another tab's. A call that leaves without its end
// being seen is reported as ended while away, so it is still logged; what the Suite reports beyond
// what a desk phone can have is dropped and counted.
import { endedWhileAway, type SuiteCall, type SuiteClientStats } from './types';

/**
 * What one snapshot may report: a desk phone has a handful of lines, and the Suite sends at most 50
 * recently ended calls. Anything beyond is a misbehaving Suite; it is dropped and counted in `stats`.
 */
export const SNAPSHOT_LIMITS = { liveCalls: 16, recentCalls: 50 };

/** How many call ids the mirror remembers as dropped, and as reported ended. */
const REMEMBERED_IDS = 1000;

export type DroppedCalls = Pick<SuiteClientStats, 'droppedLiveCalls' | 'droppedRecentCalls'>;

/** Call ids, the oldest forgotten beyond `REMEMBERED_IDS`. */
class RecentIds {
    readonly #ids = new Set<string>();

    has(callId: string): boolean {
        return this.#ids.has(callId);
    }

    add(callId: string): void {
        this.#ids.add(callId);
        if (this.#ids.size > REMEMBERED_IDS) this.#ids.delete(this.#ids.values().next().value as string);
    }
}

export class CallMirror {
    /** Live calls by id, in the order they first appeared. */
    readonly calls = new Map<string, SuiteCall>();
    readonly #dropped: DroppedCalls;
    /** Calls dropped for being over the live-call limit, so their later events are dropped too. */
    readonly #overLimit = new RecentIds();
    /** Ended calls already reported, so a later snapshot does not report them again. */
    readonly #reportedEnded = new RecentIds();

    /** `dropped` is counted up as calls are dropped (the client's `stats`). */
    constructor(dropped: DroppedCalls = { droppedLiveCalls: 0, droppedRecentCalls: 0 }) {
        this.#dropped = dropped;
    }

    /** A call's change: a cleared call leaves, any other takes its place. */
    apply(call: SuiteCall): void {
        if (call.state === 'cleared') {
            this.calls.delete(call.callId);
            this.#reportedEnded.add(call.callId);
        } else {
            this.calls.set(call.callId, call);
        }
    }

    /**
     * A call's change as the Suite reported it: applied and true, or false for a call over the
     * live-call limit, which is dropped for its whole life, its end included (no Task).
     */
    admit(call: SuiteCall): boolean {
        if (this.#isOverLimit(call)) return false;
        this.apply(call);
        return true;
    }

    /** Every call known live that `live` lacks leaves and is reported to `ended`, ended while away. */
    endMissing(live: ReadonlySet<string>, now: number, ended: (call: SuiteCall) => void): void {
        for (const known of [...this.calls.values()]) {
            if (live.has(known.callId)) continue;
            this.calls.delete(known.callId);
            this.#reportedEnded.add(known.callId);
            ended(endedWhileAway(known, now));
        }
    }

    /** Holds `calls` and nothing else (a cleared one among them is not live). */
    replace(calls: readonly SuiteCall[]): void {
        this.calls.clear();
        for (const call of calls) if (call.state !== 'cleared') this.calls.set(call.callId, call);
    }

    /**
     * A snapshot from the Suite: its live calls `reported` and its `recentCalls` as they came (read
     * with `readCall`, the last `SNAPSHOT_LIMITS.recentCalls` only). Reports to `report`, in this
     * order, the known calls it lacks (ended while away) and the recently ended calls not reported
     * before; then holds its live calls, those already known first, up to the live-call limit.
     * Returns the live calls it holds.
     */
    takeSnapshot(
        reported: readonly SuiteCall[],
        recentCalls: readonly unknown[],
        readCall: (raw: unknown) => SuiteCall | undefined,
        now: number,
        report: (call: SuiteCall) => void
    ): SuiteCall[] {
        // Calls already on screen keep their place; calls over the limit are dropped for good.
        const wanted = [
            ...reported.filter((call) => this.calls.has(call.callId)),
            ...reported.filter((call) => !this.calls.has(call.callId) && !this.#overLimit.has(call.callId))
        ];
        const kept = wanted.slice(0, SNAPSHOT_LIMITS.liveCalls);
        for (const call of wanted.slice(SNAPSHOT_LIMITS.liveCalls)) this.#dropOverLimit(call.callId);
        this.endMissing(new Set(reported.map((call) => call.callId)), now, report);
        // Calls that started and ended during the gap: report them once, as ended, so they are logged.
        const recent = recentCalls.slice(-SNAPSHOT_LIMITS.recentCalls).map(readCall);
        this.#dropped.droppedRecentCalls += recentCalls.length - recent.length;
        for (const call of recent) {
            if (
                call?.state === 'cleared' &&
                !this.#reportedEnded.has(call.callId) &&
                !this.#overLimit.has(call.callId)
            ) {
                this.#reportedEnded.add(call.callId);
                report(call);
            }
        }
        this.replace(kept);
        return [...this.calls.values()];
    }

    #isOverLimit(call: SuiteCall): boolean {
        if (this.#overLimit.has(call.callId)) return true;
        if (call.state === 'cleared' || this.calls.has(call.callId)) return false;
        if (this.calls.size < SNAPSHOT_LIMITS.liveCalls) return false;
        this.#dropOverLimit(call.callId);
        return true;
    }

    #dropOverLimit(callId: string): void {
        this.#dropped.droppedLiveCalls++;
        this.#overLimit.add(callId);
    }
}
