// Automatic screen pops happen in one tab only: the one the agent is looking at. Visible tabs
// compete for each call, the focused one first; a Web Lock makes the check-and-mark atomic, and
// the mark lives in localStorage so every tab of the browser sees it. Any script of the origin can
// write there too, so only a mark this softphone could have written (a time not in the future)
// counts; anything else is removed.
import type { AgentStorage } from '../../telephony/storage/agentStorage';
import type { LockManagerLike } from '../../telephony/tabs/leadership';

export interface PopClaimOptions {
    storage: AgentStorage;
    locks: LockManagerLike | undefined;
    isVisible(): boolean;
    hasFocus(): boolean;
    /** How long an unfocused but visible tab defers to a focused one. */
    unfocusedDelayMs?: number;
    now?: () => number;
}

const KEEP_MS = 60 * 60 * 1000;

export async function claimAutoPop(callId: string, options: PopClaimOptions): Promise<boolean> {
    if (!options.isVisible()) return false;
    if (!options.hasFocus())
        await new Promise((resolve) => setTimeout(resolve, options.unfocusedDelayMs ?? 300));
    const now = options.now ?? Date.now;
    const mark = options.storage.popMark(callId);
    const markIfFirst = async () => {
        if (mark.read() !== undefined) return false;
        mark.write(now());
        return true;
    };
    let claimed = false;
    let locked = false;
    if (options.locks) {
        try {
            await options.locks.request(options.storage.popLock(callId), { mode: 'exclusive' }, async () => {
                locked = true;
                claimed = await markIfFirst();
            });
        } catch {
            // Web Locks refused (a storage-restricted frame): the shared mark alone decides.
        }
    }
    if (!locked) claimed = await markIfFirst();
    forgetOldClaims(options.storage, now());
    return claimed;
}

function forgetOldClaims(storage: AgentStorage, now: number): void {
    for (const { mark, legacy } of storage.popMarks()) {
        const at = mark.read();
        if (legacy || at === undefined || now - at > KEEP_MS) mark.remove();
    }
}
