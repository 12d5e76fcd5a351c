// The simulated Suite's calls: each leg is one party's view of a call (an internal call has two), with
// contract v1's state machine. Every change goes out as the leg's complete call, in order.
import { randomBytes } from 'node:crypto';
import { contractCapabilities } from '../../core/suite/capabilities';
import type { CallDirection, CallState, SuiteCall } from '../../core/suite/types';
import { WIRE_ERROR } from '../../core/suite/errors';
import { ContractError } from '../../server/errors';

export interface Leg {
    callId: string;
    extension: string;
    state: CallState;
    direction: CallDirection;
    remote: { number: string; name: string };
    huntGroup: string | null;
    relatedCallId: string | null;
    /** The other party's leg of an internal call. */
    peerCallId: string | null;
    /** Epoch ms. */
    startTime: number;
    answerTime?: number;
    endTime?: number;
    cause: string;
    transferredTo?: string;
}

export type FarEndAction = 'answer' | 'hangup' | 'busy' | 'no-answer' | 'answered-elsewhere';

/** How many ended calls a snapshot reports (it must stay well below the client's frame limit). */
const RECENT_CALLS = 50;
/** How long an ended leg is kept for snapshots' recent calls. */
const ENDED_KEPT_MS = 300_000;

export class CallLegs {
    readonly legs = new Map<string, Leg>();
    private counter = 0;
    private readonly publish: (extension: string, call: SuiteCall) => void;
    private readonly now: () => number;

    constructor(publish: (extension: string, call: SuiteCall) => void, now: () => number = Date.now) {
        this.publish = publish;
        this.now = now;
    }

    asCall(leg: Leg): SuiteCall {
        const related = leg.relatedCallId ? this.legs.get(leg.relatedCallId) : undefined;
        return {
            callId: leg.callId,
            state: leg.state,
            direction: leg.direction,
            remote: { ...leg.remote },
            huntGroup: leg.huntGroup ?? undefined,
            relatedCallId: leg.relatedCallId ?? undefined,
            startTime: leg.startTime,
            answerTime: leg.answerTime,
            endTime: leg.endTime,
            cause: leg.cause,
            capabilities: contractCapabilities(leg.state, related?.state === 'held'),
            transferredTo: leg.transferredTo
        };
    }

    live(extension: string): Leg[] {
        return [...this.legs.values()].filter(
            (leg) => leg.extension === extension && leg.state !== 'cleared'
        );
    }

    recent(extension: string): Leg[] {
        return [...this.legs.values()]
            .filter((leg) => leg.extension === extension && leg.state === 'cleared')
            .slice(-RECENT_CALLS);
    }

    /** A live leg, or 404 call_not_found. */
    find(callId: string): Leg {
        const leg = this.legs.get(callId);
        if (!leg || leg.state === 'cleared')
            throw new ContractError(404, WIRE_ERROR.callNotFound, `No live call ${callId}`);
        return leg;
    }

    /** A live leg of `extension`, or 404 call_not_found. */
    owned(extension: string, callId: string): Leg {
        const leg = this.find(callId);
        if (leg.extension !== extension)
            throw new ContractError(404, WIRE_ERROR.callNotFound, `No live call ${callId}`);
        return leg;
    }

    add(fields: Omit<Leg, 'callId' | 'startTime' | 'peerCallId'> & Partial<Leg>): Leg {
        this.counter++;
        const leg: Leg = {
            callId: `c_${String(this.counter).padStart(6, '0')}_${randomBytes(2).toString('hex')}`,
            startTime: this.now(),
            peerCallId: null,
            ...fields
        };
        this.legs.set(leg.callId, leg);
        this.announce(leg);
        return leg;
    }

    requireState(leg: Leg, states: CallState[]): void {
        if (!states.includes(leg.state))
            throw new ContractError(
                409,
                WIRE_ERROR.invalidState,
                `Call ${leg.callId} is ${leg.state}, not ${states.join(' or ')}`
            );
    }

    change(leg: Leg, state: CallState, cause: string): void {
        leg.state = state;
        leg.cause = cause;
        if (state === 'connected' && leg.answerTime === undefined) leg.answerTime = this.now();
        if (state === 'cleared') leg.endTime = this.now();
        this.announce(leg);
        // A consult call's capabilities depend on the held call, and the other way round.
        for (const other of this.legs.values())
            if (
                other !== leg &&
                other.state !== 'cleared' &&
                (other.relatedCallId === leg.callId || leg.relatedCallId === other.callId)
            )
                this.announce(other);
    }

    /** The called party answers: both legs of an internal call connect. */
    connectPair(leg: Leg): void {
        this.change(leg, 'connected', 'answered');
        const peer = leg.peerCallId ? this.legs.get(leg.peerCallId) : undefined;
        if (peer && (peer.state === 'dialing' || peer.state === 'ringing'))
            this.change(peer, 'connected', 'answered');
    }

    clearPair(leg: Leg, cause: string): void {
        this.change(leg, 'cleared', cause);
        const peer = leg.peerCallId ? this.legs.get(leg.peerCallId) : undefined;
        if (peer && peer.state !== 'cleared') this.change(peer, 'cleared', cause);
    }

    /** An attended transfer: the caller on hold goes to whoever the consult call reached. */
    transferHeld(held: Leg, consult: Leg): void {
        held.transferredTo = consult.remote.number;
        this.change(held, 'cleared', 'transfer');
        this.change(consult, 'cleared', 'transfer');
        const peer = consult.peerCallId ? this.legs.get(consult.peerCallId) : undefined;
        if (peer && peer.state !== 'cleared') {
            // The consulted colleague now talks to the original caller.
            peer.remote = { ...held.remote };
            peer.peerCallId = null;
            this.announce(peer);
        }
    }

    /** What the far end does to a call (the control API). */
    farEnd(callId: string, action: FarEndAction): void {
        const leg = this.find(callId);
        switch (action) {
            case 'answer':
                if (leg.state !== 'dialing' && leg.state !== 'ringing')
                    throw new ContractError(409, WIRE_ERROR.invalidState, `Call ${callId} is ${leg.state}`);
                if (leg.peerCallId) this.connectPair(this.legs.get(leg.peerCallId) as Leg);
                else this.change(leg, 'connected', 'answered');
                return;
            case 'hangup':
                return this.clearPair(leg, 'normalClear');
            case 'busy':
                this.requireState(leg, ['dialing']);
                return this.clearPair(leg, 'busy');
            case 'no-answer':
                this.requireState(leg, ['dialing', 'ringing']);
                return this.clearPair(leg, 'callNotAnswered');
            case 'answered-elsewhere':
                this.requireState(leg, ['ringing']);
                return this.change(leg, 'cleared', 'answeredElsewhere');
        }
    }

    private announce(leg: Leg): void {
        this.publish(leg.extension, this.asCall(leg));
        if (leg.state === 'cleared') {
            const legs = this.legs;
            setTimeout(
                () => legs.get(leg.callId)?.state === 'cleared' && legs.delete(leg.callId),
                ENDED_KEPT_MS
            ).unref?.();
        }
    }
}
