// Automatic screen pops happen in one tab only: the one the agent is looking at. Visible tabs
// compete for each call, the focused one first; a Web Lock makes the check-and-mark atomic, and
// the mark lives in localStorage so every tab of the browser sees it.
import type { KeyValueStore } from './keyValueStore';
import type { LockManagerLike } from './leadership';

export interface PopClaimOptions {
    storage: KeyValueStore;
    locks: LockManagerLike | undefined;
    isVisible(): boolean;
    hasFocus(): boolean;
    /** How long an unfocused but visible tab defers to a focused one. */
    unfocusedDelayMs?: number;
    now?: () => number;
}

const KEY = 'mivoice.popped.';
const KEEP_MS = 60 * 60 * 1000;

export async function claimAutoPop(callId: string, options: PopClaimOptions): Promise<boolean> {
    if (!options.isVisible()) return false;
    if (!options.hasFocus())
        await new Promise((resolve) => setTimeout(resolve, options.unfocusedDelayMs ?? 300));
    const now = options.now ?? Date.now;
    const markIfFirst = async () => {
        if (options.storage.getItem(KEY + callId)) return false;
        options.storage.setItem(KEY + callId, String(now()));
        return true;
    };
    let claimed = false;
    let locked = false;
    if (options.locks) {
        try {
            await options.locks.request(`mivoice-pop-${callId}`, { mode: 'exclusive' }, async () => {
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

function forgetOldClaims(storage: KeyValueStore, now: number): void {
    for (let index = storage.length - 1; index >= 0; index--) {
        const key = storage.key(index);
        if (key?.startsWith(KEY) && now - Number(storage.getItem(key)) > KEEP_MS) storage.removeItem(key);
    }
}
