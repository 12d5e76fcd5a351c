// The moments the network or the agent comes back to the page: the browser is online again, the page
// gains focus or becomes visible. The softphone is woken at each, so a connection that is down is
// tried at once instead of at its next attempt, and going offline shows at once.

export interface WakeSources {
    window: Pick<EventTarget, 'addEventListener'>;
    document: Pick<EventTarget, 'addEventListener'> & { readonly visibilityState: string };
}

export function wakeOnReturn(sources: WakeSources, wake: () => void): void {
    for (const event of ['online', 'offline', 'focus']) sources.window.addEventListener(event, wake);
    sources.document.addEventListener('visibilitychange', () => {
        if (sources.document.visibilityState === 'visible') wake();
    });
}
