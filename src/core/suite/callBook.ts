// The agent's calls as the Suite reports them, kept as a state machine: which calls are live, when
// each was answered, and what happened with each report (a new call, an answer, an end to be
// logged). It knows nothing of Salesforce, storage or the panel; the host acts on what it reports.
import type { SuiteCall } from './types';

export interface BookedCall {
    readonly call: SuiteCall;
    /** The call rang at the agent's phone (rather than being placed from it). */
    readonly incoming: boolean;
    /** When the agent's side was answered (a call may be answered, held and retrieved). */
    readonly answeredAt?: number;
}

/** What one report from the Suite did to the book. */
export type CallChange =
    | {
          kind: 'live';
          entry: BookedCall;
          /** First report of the call. */
          isNew: boolean;
          /** This report is the one that answered it. */
          answered: boolean;
      }
    | {
          kind: 'ended';
          entry: BookedCall;
          /**
           * False when the call started and ended while nobody was listening: it arrives cleared,
           * with its answer time if it had one. Either way the call is to be logged.
           */
          seenLive: boolean;
      };

export class CallBook {
    private readonly calls = new Map<string, BookedCall>();
    private readonly now: () => number;

    constructor(now: () => number = Date.now) {
        this.now = now;
    }

    apply(call: SuiteCall): CallChange {
        const known = this.calls.get(call.callId);
        if (!known && call.state === 'cleared') {
            return {
                kind: 'ended',
                entry: { call, incoming: call.direction === 'inbound', answeredAt: call.answerTime },
                seenLive: false
            };
        }
        const incoming = known?.incoming ?? (call.state === 'ringing' || call.state === 'queued');
        let answeredAt = known ? known.answeredAt : call.answerTime;
        if (answeredAt === undefined && (call.state === 'connected' || call.answerTime !== undefined))
            answeredAt = call.answerTime ?? this.now();
        const answered = known?.answeredAt === undefined && answeredAt !== undefined;
        const entry: BookedCall = { call, incoming, answeredAt };
        if (call.state === 'cleared') {
            this.calls.delete(call.callId);
            return { kind: 'ended', entry, seenLive: true };
        }
        this.calls.set(call.callId, entry);
        return { kind: 'live', entry, isNew: !known, answered };
    }

    get(callId: string): BookedCall | undefined {
        return this.calls.get(callId);
    }

    /** The live calls, oldest first. */
    list(): BookedCall[] {
        return [...this.calls.values()].sort((a, b) => a.call.startTime - b.call.startTime);
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
        return this.calls.get(consultCallId)?.call.relatedCallId;
    }
}
