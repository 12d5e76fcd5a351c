// Who logs each call (docs/suite-api.md, "Log claims"): the first of a user's browsers to claim a call's
// Task holds the claim, and every other claimant of that user is told it lost. Claims are kept per user
// and call id, in memory, while the phone system still reports the call to that user's extension (live,
// or among its recent calls): they expire with the call's recent-calls window, and a user holds at most
// MAX_CLAIMS_PER_USER of them. A claim for a call the store could not have seen from its start (the
// server started after the call did) is held all the same but said to be uncertain.
import type { SuiteCall } from '../core/suite/types';
import type { PhoneSystemCalls } from './phoneSystem';

/** More calls than a desk phone's live calls and recent calls together. */
export const MAX_CLAIMS_PER_USER = 200;
/** Every this many claims, every user's claims are swept (users who stopped claiming included). */
const SWEEP_EVERY = 500;

interface Claim {
    claimant: string;
    extension: string;
    at: number;
}

export interface ClaimAnswer {
    outcome: 'won' | 'lost';
    /** False when the server started after the call did: a claim made before may have been forgotten. */
    certain: boolean;
    /** True when this claim is the one that took the call (the user's other sessions are told). */
    isNew: boolean;
}

export class LogClaims {
    private readonly byUser = new Map<string, Map<string, Claim>>();
    private readonly phone: Pick<PhoneSystemCalls, 'calls' | 'recentCalls'>;
    private readonly now: () => number;
    private since: number;
    private claimsSinceSweep = 0;

    constructor(phone: Pick<PhoneSystemCalls, 'calls' | 'recentCalls'>, now: () => number = Date.now) {
        this.phone = phone;
        this.now = now;
        this.since = now();
    }

    /** The user's call on their extension, live or recent; undefined for any other (a colleague's). */
    callOf(extension: string, callId: string): SuiteCall | undefined {
        const known = (calls: SuiteCall[]) => calls.find((call) => call.callId === callId);
        return known(this.phone.calls(extension)) ?? known(this.phone.recentCalls(extension));
    }

    /** The first claimant of a user's call wins; the same claimant asking again wins again. */
    claim(email: string, extension: string, call: SuiteCall, claimant: string): ClaimAnswer {
        const claims = this.sweptClaimsOf(email);
        const certain = call.startTime >= this.since;
        const held = claims.get(call.callId);
        if (held) return { outcome: held.claimant === claimant ? 'won' : 'lost', certain, isNew: false };
        // A Map keeps its insertion order: the first claim is the oldest.
        const oldest = claims.keys().next();
        if (claims.size >= MAX_CLAIMS_PER_USER && !oldest.done) claims.delete(oldest.value);
        claims.set(call.callId, { claimant, extension, at: this.now() });
        this.byUser.set(email, claims);
        if (++this.claimsSinceSweep >= SWEEP_EVERY) this.sweepAll();
        return { outcome: 'won', certain, isNew: true };
    }

    /** Claims held now (for the health counters and the tests). */
    get size(): number {
        let size = 0;
        for (const claims of this.byUser.values()) size += claims.size;
        return size;
    }

    /** The server restarted: every claim is forgotten, and claims for calls begun before are uncertain. */
    clear(): void {
        this.byUser.clear();
        this.since = this.now();
    }

    /** The user's claims, less those whose call the phone system no longer reports. */
    private sweptClaimsOf(email: string): Map<string, Claim> {
        const claims = this.byUser.get(email) ?? new Map<string, Claim>();
        const reported = new Map<string, Set<string>>();
        const reportedOn = (extension: string) => {
            const ids =
                reported.get(extension) ??
                new Set(
                    [...this.phone.calls(extension), ...this.phone.recentCalls(extension)].map(
                        (call) => call.callId
                    )
                );
            reported.set(extension, ids);
            return ids;
        };
        for (const [callId, claim] of claims)
            if (!reportedOn(claim.extension).has(callId)) claims.delete(callId);
        if (claims.size === 0) this.byUser.delete(email);
        return claims;
    }

    private sweepAll(): void {
        this.claimsSinceSweep = 0;
        for (const email of [...this.byUser.keys()]) this.sweptClaimsOf(email);
    }
}
