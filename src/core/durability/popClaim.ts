// Automatic screen pops happen in one tab only: the one the agent is looking at. Visible tabs
// compete for each call, the focused one first; a Web Lock makes the check-and-mark atomic, and
// the mark lives in localStorage so every tab of the browser sees it. Any script of the origin can
// write there too, so only a mark this softphone could have written (a time not in the future)
// counts; anything else is removed.
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
const TIME = /^\d{1,15}$/;

/** When the mark was set, or undefined if it is not a mark of ours. */
function markedAt(value: string | null, now: number): number | undefined {
    if (value === null || !TIME.test(value)) return undefined;
    const at = Number(value);
    return at <= now ? at : undefined;
}

export async function claimAutoPop(callId: string, options: PopClaimOptions): Promise<boolean> {
    if (!options.isVisible()) return false;
    if (!options.hasFocus())
        await new Promise((resolve) => setTimeout(resolve, options.unfocusedDelayMs ?? 300));
    const now = options.now ?? Date.now;
    const markIfFirst = async () => {
        if (markedAt(options.storage.getItem(KEY + callId), now()) !== undefined) return false;
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
        if (!key?.startsWith(KEY)) continue;
        const at = markedAt(storage.getItem(key), now);
        if (at === undefined || now - at > KEEP_MS) storage.removeItem(key);
    }
}
