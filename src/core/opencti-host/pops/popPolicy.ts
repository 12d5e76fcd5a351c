// When a call is popped without the agent asking: the call center's screen-pop mode says on which
// report, a call linked already or internal is never popped, at most a few pops go out per ten
// seconds, and of the agent's tabs only the one in front pops (the cross-tab claim).
import type { AgentStorage } from '../../telephony/storage/agentStorage';
import type { LockManagerLike } from '../../telephony/tabs/leadership';
import { claimAutoPop } from './popClaim';
import type { OpenCtiClient } from '../opencti/openCtiClient';
import type { SoftphoneSettings } from '../../telephony/settings/schema';
import type { SuiteCall } from '../../suite/types';
import { isSearchableNumber } from '../../telephony/dialNumber';
import { PopRateLimit } from './popRateLimit';
import type { RecordLinks } from '../records/recordLinks';

/** Whether this report of the call is the one the pop mode pops on, for a call that may be popped. */
export function automaticPopDue(
    mode: SoftphoneSettings['screenPopMode'] | undefined,
    call: SuiteCall,
    link: { popRequested: boolean; linked?: unknown }
): boolean {
    const onThisReport =
        (mode === 'ringing' && (call.state === 'ringing' || call.state === 'connected')) ||
        (mode === 'answered' && call.state === 'connected');
    return (
        onThisReport &&
        !link.popRequested &&
        call.direction !== 'internal' &&
        !link.linked &&
        isSearchableNumber(call.remote.number)
    );
}

export interface AutoPopOptions {
    storage: AgentStorage;
    locks: LockManagerLike | undefined;
    isVisible(): boolean;
    hasFocus(): boolean;
    now: () => number;
}

export class AutoPops {
    readonly #rate = new PopRateLimit();
    #pending = 0;

    readonly #options: AutoPopOptions;

    constructor(options: AutoPopOptions) {
        this.#options = options;
    }

    /** Automatic pops held back by the rate limit so far (for the setup check). */
    get skipped(): number {
        return this.#rate.skipped;
    }

    /** Whether every automatic pop this tab considered is decided: claimed, or left to another tab. */
    get decided(): boolean {
        return this.#pending === 0;
    }

    /** True when this tab is the one to pop the call now (the rate limit allows it and it won the claim). */
    async claim(callId: string): Promise<boolean> {
        if (!this.#rate.allow(this.#options.now())) return false;
        this.#pending++;
        try {
            return await claimAutoPop(callId, this.#options);
        } finally {
            this.#pending--;
        }
    }
}

/** Asks Salesforce to search for the caller and pop what it finds; the outcome goes to the call's link. */
export async function screenPop(
    opencti: Pick<OpenCtiClient, 'searchAndScreenPop'>,
    links: RecordLinks,
    call: SuiteCall,
    changed: () => void
): Promise<unknown> {
    links.searching(call.callId);
    changed();
    try {
        links.found(call.callId, await opencti.searchAndScreenPop(call.remote.number, call.direction));
        return undefined;
    } catch (error) {
        links.searchFailed(call.callId);
        return error;
    }
}
