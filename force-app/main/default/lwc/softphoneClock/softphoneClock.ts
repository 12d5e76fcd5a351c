// The one place the panel starts a repeating timer (live call timers, reconnect countdown).
// Callers must call the returned stop function in disconnectedCallback.
export const TICK_MS = 1000;

export function startTicker(onTick: () => void): () => void {
    // eslint-disable-next-line @lwc/lwc/no-async-operation -- a live clock needs a repeating timer; the caller stops it on disconnect
    const handle = setInterval(onTick, TICK_MS);
    return () => clearInterval(handle);
}

/** Elapsed time as m:ss, or h:mm:ss from one hour. */
export function formatDuration(totalSeconds: number): string {
    const seconds = Math.max(0, Math.floor(totalSeconds));
    const h = Math.floor(seconds / 3600);
    const m = Math.floor((seconds % 3600) / 60);
    const s = seconds % 60;
    const ss = String(s).padStart(2, '0');
    return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${ss}` : `${m}:${ss}`;
}
