// Automatic screen pops per tab are rate-limited: each pop is an Open CTI search that can open a
// record tab, so a Suite that reports a burst of calls must not open a burst of tabs. A call whose
// pop is held back still shows its "pop" button: the agent can ask for it.

/** At most `limit` pops in any `windowMs`. */
export class PopRateLimit {
    readonly #limit: number;
    readonly #windowMs: number;
    readonly #recent: number[] = [];
    /** Automatic pops held back so far (for the setup check). */
    skipped = 0;

    constructor(limit = 3, windowMs = 10_000) {
        this.#limit = limit;
        this.#windowMs = windowMs;
    }

    /** Takes a slot for a pop now, or counts it as skipped when the window is full. */
    allow(now: number): boolean {
        while (this.#recent.length > 0 && now - this.#recent[0] >= this.#windowMs) this.#recent.shift();
        if (this.#recent.length >= this.#limit) {
            this.skipped++;
            return false;
        }
        this.#recent.push(now);
        return true;
    }
}
