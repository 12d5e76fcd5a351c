// The log claim of contract v1 (docs/suite-api.md, "Log claims"): before a browser saves a call's Task
// it claims it, and the first of the agent's browsers to claim a call logs it. The claim is asked with
// this browser's claimant name; its answer, and the `log.claimed` event that tells the agent's other
// sessions, are read here. A server without the claim (no `logClaim` in its features, or no such route)
// is `unsupported`: the softphone then saves as it always did.
import { SuiteError } from './errors';
import { request, type SuiteHttp } from './suiteRequests';
import type { LogClaimOutcome } from './types';
import { text } from './wire';

/** What a server that takes log claims lists in `features`. */
export const LOG_CLAIM_FEATURE = 'logClaim';
/** The event a user's other sessions get when one of theirs claimed a call. */
export const LOG_CLAIMED_EVENT = 'log.claimed';
/** How long a claim may go unanswered before it counts as `failed`. */
export const LOG_CLAIM_TIMEOUT_MS = 5000;

/** What the server answered to a claim, as one of the outcomes the host decides on. */
function outcomeOf(answer: unknown): LogClaimOutcome {
    const { outcome, certain } = (answer ?? {}) as { outcome?: unknown; certain?: unknown };
    if (outcome === 'lost') return 'lost';
    if (outcome === 'won') return certain === false ? 'wonUncertain' : 'won';
    return 'failed';
}

async function sendClaim(http: SuiteHttp, callId: string, claimant: string): Promise<LogClaimOutcome> {
    const path = `/api/v1/calls/${encodeURIComponent(callId)}/log-claim`;
    try {
        return outcomeOf(await request(http, 'POST', path, { claimant }));
    } catch (error) {
        if (!(error instanceof SuiteError)) return 'failed';
        if (error.code === 'callNotFound') return 'unknownCall';
        // No such route: a server that lists the feature but does not serve it is read as one without it.
        return error.status === 404 ? 'unsupported' : 'failed';
    }
}

/** Claims the logging of a call for `claimant`, through the session open now. */
export async function requestLogClaim(
    http: SuiteHttp,
    features: readonly string[],
    callId: string,
    claimant: string | undefined
): Promise<LogClaimOutcome> {
    if (!claimant) return 'unsupported';
    // Until a session is open the server's features are not known: no answer yet, never `unsupported`.
    if (!http.token()) return 'failed';
    if (!features.includes(LOG_CLAIM_FEATURE)) return 'unsupported';
    let timer: ReturnType<typeof setTimeout> | undefined;
    const timeout = new Promise<LogClaimOutcome>((resolve) => {
        timer = setTimeout(() => resolve('failed'), LOG_CLAIM_TIMEOUT_MS);
    });
    try {
        return await Promise.race([sendClaim(http, callId, claimant), timeout]);
    } finally {
        clearTimeout(timer);
    }
}

/** A `log.claimed` event's call, and whether `claimant` (this browser) made the claim; undefined for a bad one. */
export function readLogClaimed(
    data: unknown,
    claimant: string | undefined
): { callId: string; here: boolean } | undefined {
    const { callId, claimant: by } = (data ?? {}) as { callId?: unknown; claimant?: unknown };
    const id = text(callId, 128);
    const claimedBy = text(by, 64);
    return id && claimedBy ? { callId: id, here: claimedBy === claimant } : undefined;
}
