// The agent's calls as the Suite reports them: the one copy a tab holds, whichever client fills it
// (its own connection, or the leading tab's through the tab channel). A state machine: which calls
// are live, when each was answered, and what each report did (a new call, an answer, an end to be
// logged, also for a call that started and ended while nobody listened). A call that leaves without
// its end being seen is reported as ended while away, so it is still logged; what the Suite reports
// beyond what a desk phone can have is dropped and counted. It knows nothing of Salesforce, storage
// or the panel: the host acts on what it reports.
import { endedWhileAway, type BookedCall, type CallChange, type SuiteCall } from './types';

/**
 * What one snapshot may report: a desk phone has a handful of lines, and the Suite sends at most 50
 * recently ended calls. Anything beyond is a misbehaving Suite; it is dropped and counted.
 */
export const SNAPSHOT_LIMITS = { liveCalls: 16, recentCalls: 50 };

/** How many call ids the book remembers as dropped, and as reported ended. */
const REMEMBERED_IDS = 1000;

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

export class CallBook {
    /** What was dropped from a Suite that reported more than a desk phone can have. */
    readonly dropped = { liveCalls: 0, recentCalls: 0 };
    /** The live calls, in the order they first appeared. */
    readonly #entries = new Map<string, BookedCall>();
    /** The same calls as the Suite reported them, for the clients' `calls`. */
    readonly #calls = new Map<string, SuiteCall>();
    /** Calls dropped for being over the live-call limit, so their later reports are dropped too. */
    readonly #overLimit = new RecentIds();
    /** Ended calls already reported, so a later snapshot does not report them again. */
    readonly #reportedEnded = new RecentIds();
    readonly #now: () => number;

    constructor(now: () => number = Date.now) {
        this.#now = now;
    }

    /** The live calls as the Suite last reported them, in the order they first appeared. */
    get calls(): ReadonlyMap<string, SuiteCall> {
        return this.#calls;
    }

    /**
     * A report of one call as the Suite sent it: what it did, or undefined for a call over the
     * live-call limit, which is dropped for its whole life, its end included (no Task).
     */
    admit(call: SuiteCall): CallChange | undefined {
        return this.#isOverLimit(call) ? undefined : this.apply(call);
    }

    /** A report of one call, whatever the limit (the leading tab applied it already): what it did. */
    apply(call: SuiteCall): CallChange {
        const known = this.#entries.get(call.callId);
        if (call.state === 'cleared') this.#reportedEnded.add(call.callId);
        if (!known && call.state === 'cleared') {
            const entry = { call, incoming: call.direction === 'inbound', answeredAt: call.answerTime };
            return { kind: 'ended', entry, seenLive: false };
        }
        const incoming = known?.incoming ?? (call.state === 'ringing' || call.state === 'queued');
        let answeredAt = known ? known.answeredAt : call.answerTime;
        if (answeredAt === undefined && (call.state === 'connected' || call.answerTime !== undefined))
            answeredAt = call.answerTime ?? this.#now();
        const answered = known?.answeredAt === undefined && answeredAt !== undefined;
        const entry: BookedCall = { call, incoming, answeredAt };
        if (call.state === 'cleared') {
            this.#entries.delete(call.callId);
            this.#calls.delete(call.callId);
            return { kind: 'ended', entry, seenLive: true };
        }
        this.#entries.set(call.callId, entry);
        this.#calls.set(call.callId, call);
        return { kind: 'live', entry, isNew: !known, answered, previous: known?.call.state };
    }

    /**
     * Every call known live that `live` lacks leaves and is reported to `report`: as `endedAs` says it
     * ended when it knows (the Suite's record of it), else as ended while away.
     */
    endMissing(
        live: ReadonlySet<string>,
        report: (change: CallChange) => void,
        endedAs: (callId: string) => SuiteCall | undefined = () => undefined
    ): void {
        for (const call of [...this.#calls.values()]) {
            if (live.has(call.callId)) continue;
            report(this.apply(endedAs(call.callId) ?? endedWhileAway(call, this.#now())));
        }
    }

    /**
     * The full list of live calls from the tab that holds the connection: the calls it lacks end
     * (reported to `report`), the others are taken as they are. What each of them did, in its order.
     */
    follow(calls: readonly SuiteCall[], report: (change: CallChange) => void): CallChange[] {
        const live = calls.filter((call) => call.state !== 'cleared');
        this.endMissing(new Set(live.map((call) => call.callId)), report);
        return live.map((call) => this.apply(call));
    }

    /**
     * A snapshot from the Suite: its live calls `reported` and its `recentCalls` as they came (read
     * with `readCall`, the last `SNAPSHOT_LIMITS.recentCalls` only). Reports to `report`, in this
     * order, the known calls it lacks (as the recent calls say they ended, else ended while away) and
     * the recently ended calls not reported before; then takes its live calls, those already known
     * first, up to the live-call limit. Returns what each live call it holds did.
     */
    takeSnapshot(
        reported: readonly SuiteCall[],
        recentCalls: readonly unknown[],
        readCall: (raw: unknown) => SuiteCall | undefined,
        report: (change: CallChange) => void
    ): CallChange[] {
        const live = reported.filter((call) => call.state !== 'cleared');
        // Calls already on screen keep their place; calls over the limit are dropped for good.
        const wanted = [
            ...live.filter((call) => this.#calls.has(call.callId)),
            ...live.filter((call) => !this.#calls.has(call.callId) && !this.#overLimit.has(call.callId))
        ];
        const kept = wanted.slice(0, SNAPSHOT_LIMITS.liveCalls);
        for (const call of wanted.slice(SNAPSHOT_LIMITS.liveCalls)) this.#dropOverLimit(call.callId);
        const recent = recentCalls.slice(-SNAPSHOT_LIMITS.recentCalls).map(readCall);
        this.dropped.recentCalls += recentCalls.length - recent.length;
        const recentlyEnded = new Map(
            recent.flatMap((call) => (call?.state === 'cleared' ? [[call.callId, call] as const] : []))
        );
        this.endMissing(new Set(kept.map((call) => call.callId)), report, (callId) =>
            recentlyEnded.get(callId)
        );
        // Calls that started and ended during the gap: report them once, as ended, so they are logged.
        for (const call of recent) {
            const unreported =
                call?.state === 'cleared' &&
                !this.#reportedEnded.has(call.callId) &&
                !this.#overLimit.has(call.callId);
            if (unreported) report(this.apply(call));
        }
        return kept.map((call) => this.apply(call));
    }

    get(callId: string): BookedCall | undefined {
        return this.#entries.get(callId);
    }

    /** The live calls, oldest first. */
    list(): BookedCall[] {
        return [...this.#entries.values()].sort((a, b) => a.call.startTime - b.call.startTime);
    }

    /** The call the agent is on: the connected one, else one ringing or dialling, else the newest. */
    active(): BookedCall | undefined {
        const calls = this.list();
        return (
            calls.find((entry) => entry.call.state === 'connected') ??
            calls.find((entry) => entry.call.state === 'ringing' || entry.call.state === 'dialing') ??
            calls.at(-1)
        );
    }

    /** The caller a consult call was made for (held meanwhile), if the consult call is live here. */
    heldPartyOf(consultCallId: string): string | undefined {
        return this.#calls.get(consultCallId)?.relatedCallId;
    }

    #isOverLimit(call: SuiteCall): boolean {
        if (this.#overLimit.has(call.callId)) return true;
        if (call.state === 'cleared' || this.#calls.has(call.callId)) return false;
        if (this.#calls.size < SNAPSHOT_LIMITS.liveCalls) return false;
        this.#dropOverLimit(call.callId);
        return true;
    }

    #dropOverLimit(callId: string): void {
        this.dropped.liveCalls++;
        this.#overLimit.add(callId);
    }
}
