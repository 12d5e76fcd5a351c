// Which of the agent's browsers logs a call (docs/architecture.md, "No duplicate Task, ever"). Before
// the first save of a call's Task, the tab that saves claims it from the server (contract v1's log
// claim); a browser where the agent acted on the call claims it then already, so the Task carries that
// browser's record and notes. What each claim came to is kept in the storage the browser's tabs share,
// so a browser claims a call once. The rule, from the claim to what the Task queue does:
//
//   won, or a server without claims         → save (as before the claim existed)
//   lost (answered, or heard as an event)   → do not save: another of the agent's browsers does
//   won uncertain, or a call the server no  → look the Task up in Salesforce, save it if none is found
//     longer knows (restarted, window past)   (the lookup a call never seen live always had)
//   no answer (down, timed out, refused)    → ask again a second later, for CLAIM_PATIENCE_MS after
//                                             the first failure; then look the Task up and save it if
//                                             none is found: a duplicate is better than a lost Task
//
// The claim is a request to the Suite server, never an Open CTI request.
import { jsonCodec, type AgentStorage } from '../../telephony/storage/agentStorage';
import type { LogClaimOutcome } from '../../suite/types';

/** What the Task queue does with a call's Task, the claim decided. */
export type ClaimVerdict = 'save' | 'lookUpFirst' | 'elsewhere' | 'later';

/** How long a claim that gets no answer is asked again before the Task is saved all the same. */
export const CLAIM_PATIENCE_MS = 30_000;
/** How soon a claim that got no answer is asked again. */
export const CLAIM_RETRY_MS = 1000;
const KEEP_MS = 24 * 60 * 60 * 1000;
const PRUNE_EVERY_MS = 60 * 60 * 1000;
const FUTURE_SLACK_MS = 60_000;

/** A claim's outcome as the browser's tabs share it. */
interface ClaimMark {
    outcome: 'won' | 'wonUncertain' | 'lost';
    at: number;
}

const claimCodec = jsonCodec<ClaimMark>((value, now) => {
    const { outcome, at } = (value ?? {}) as Partial<ClaimMark>;
    if (outcome !== 'won' && outcome !== 'wonUncertain' && outcome !== 'lost') return undefined;
    if (typeof at !== 'number' || !Number.isFinite(at) || at > now + FUTURE_SLACK_MS) return undefined;
    return { outcome, at };
});

export interface LogClaimsOptions {
    storage: AgentStorage;
    /** Claims the call for this browser from the server (through the tab with the connection). */
    claim(callId: string): Promise<LogClaimOutcome>;
    now(): number;
    patienceMs?: number;
}

export class LogClaims {
    readonly #options: LogClaimsOptions;
    readonly #asking = new Map<string, Promise<LogClaimOutcome>>();
    /** Calls whose claim got no answer, and since when. */
    readonly #failingSince = new Map<string, number>();
    #lastPruneAt = -Infinity;

    constructor(options: LogClaimsOptions) {
        this.#options = options;
    }

    /** The agent acted on the call in this browser: claim it now, so the Task is this browser's. */
    early(callId: string): void {
        if (!this.#known(callId)) void this.#ask(callId);
    }

    /** The server told of a claim by one of the agent's browsers; another's means this one saves nothing. */
    heard(callId: string, here: boolean): void {
        if (here || this.#known(callId)) return;
        this.#remember(callId, 'lost');
    }

    /** What to do with the call's Task before its first save. */
    async verdict(callId: string): Promise<ClaimVerdict> {
        const outcome = this.#known(callId) ?? (await this.#ask(callId));
        if (outcome !== 'failed') this.#failingSince.delete(callId);
        switch (outcome) {
            case 'won':
            case 'unsupported':
                return 'save';
            case 'lost':
                return 'elsewhere';
            case 'wonUncertain':
            case 'unknownCall':
                return 'lookUpFirst';
            case 'failed':
                return this.#patienceLeft(callId) ? 'later' : 'lookUpFirst';
        }
    }

    #patienceLeft(callId: string): boolean {
        const now = this.#options.now();
        const since = this.#failingSince.get(callId) ?? now;
        if (now - since < (this.#options.patienceMs ?? CLAIM_PATIENCE_MS)) {
            this.#failingSince.set(callId, since);
            return true;
        }
        this.#failingSince.delete(callId);
        return false;
    }

    #known(callId: string): ClaimMark['outcome'] | undefined {
        return this.#options.storage.logClaim(callId, claimCodec).read()?.outcome;
    }

    /** One claim at a time per call in this tab; its outcome is kept for the browser's other tabs. */
    #ask(callId: string): Promise<LogClaimOutcome> {
        const asked =
            this.#asking.get(callId) ??
            this.#options
                .claim(callId)
                .catch((): LogClaimOutcome => 'failed')
                .then((outcome) => {
                    if (outcome === 'won' || outcome === 'wonUncertain' || outcome === 'lost') {
                        // Another tab of this browser, or the event, may have settled it meanwhile.
                        this.#remember(callId, this.#known(callId) ?? outcome);
                    }
                    return this.#known(callId) ?? outcome;
                })
                .finally(() => this.#asking.delete(callId));
        this.#asking.set(callId, asked);
        return asked;
    }

    #remember(callId: string, outcome: ClaimMark['outcome']): void {
        const now = this.#options.now();
        this.#options.storage.logClaim(callId, claimCodec).write({ outcome, at: now });
        if (now - this.#lastPruneAt < PRUNE_EVERY_MS) return;
        this.#lastPruneAt = now;
        for (const mark of this.#options.storage.logClaims(claimCodec))
            if ((mark.read()?.at ?? -Infinity) < now - KEEP_MS) mark.remove();
    }
}
