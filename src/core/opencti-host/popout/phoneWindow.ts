// The phone window: the adapter page opened by the softphone in a Lightning tab as a small top-level
// window on the same Visualforce origin. Being top-level, it can ask the agent for Local Network
// Access itself (Chromium keys the grant by the top-level origin, and a Lightning tab's is
// Lightning's). It has no Open CTI parent, so it learns whom it serves from the tab that opened it:
// it asks its opener, and the opener answers only the window it opened itself, on its own origin.
// What a same-origin script can do with that is in docs/security.md ("The phone window").

/** The query flag that marks the adapter page as the phone window. */
export const PHONE_WINDOW_PARAM = 'mivoicePhoneWindow';
/** Its window name: a second "open" from any tab brings the same window forward. */
const WINDOW_NAME = 'mivoice-phone-window';
const WINDOW_FEATURES = 'popup,width=400,height=720';
const HELLO = 'mivoice-phone-window-hello';
const IDENTITY = 'mivoice-phone-window-identity';
const MAX_EMAIL_CHARS = 254;
const MAX_SETTINGS_CHARS = 64 * 1024;

/** What the phone window needs from a Lightning tab: the agent and the call center settings. */
export interface PhoneWindowIdentity {
    email: string;
    /** The call center settings as Open CTI's getCallCenterSettings returned them (parsed again). */
    settings: Record<string, unknown>;
}

/** A Lightning tab's side: opens the window, and answers it. */
export interface PhoneWindowOpener {
    /** Opens (or brings forward) the phone window; false when the browser blocked it. */
    open(identity: PhoneWindowIdentity): boolean;
}

/** The phone window's side: who the agent is, from the tab that opened it. */
export interface PhoneWindowIdentitySource {
    identity(): Promise<PhoneWindowIdentity>;
}

/** Whether this page is the phone window: the flag, and no page around it. */
export function isPhoneWindow(win: Window): boolean {
    return win.top === win && new URLSearchParams(win.location.search).get(PHONE_WINDOW_PARAM) === '1';
}

/** The adapter page's address as the phone window: Salesforce's frame parameters dropped. */
export function phoneWindowUrl(adapterUrl: string): string {
    const url = new URL(adapterUrl);
    url.search = `?${PHONE_WINDOW_PARAM}=1`;
    url.hash = '';
    return url.href;
}

export function parsePhoneWindowIdentity(data: unknown): PhoneWindowIdentity | undefined {
    if (typeof data !== 'object' || data === null) return undefined;
    const { kind, email, settings } = data as Record<string, unknown>;
    if (kind !== IDENTITY || typeof email !== 'string' || !email || email.length > MAX_EMAIL_CHARS)
        return undefined;
    if (typeof settings !== 'object' || settings === null || Array.isArray(settings)) return undefined;
    let size: number;
    try {
        size = JSON.stringify(settings).length;
    } catch {
        return undefined;
    }
    if (size > MAX_SETTINGS_CHARS) return undefined;
    return { email, settings: settings as Record<string, unknown> };
}

export function phoneWindowOpener(win: Window): PhoneWindowOpener {
    let opened: Window | null = null;
    let identity: PhoneWindowIdentity | undefined;
    win.addEventListener('message', (event: MessageEvent) => {
        // Only the window this tab opened, showing a page of this origin, is told.
        if (!opened || !identity || event.source !== opened || event.origin !== win.location.origin) return;
        if ((event.data as { kind?: unknown } | null)?.kind !== HELLO) return;
        opened.postMessage({ kind: IDENTITY, ...identity }, win.location.origin);
    });
    return {
        open(next) {
            identity = next;
            // An empty address finds the window if any tab opened it, without reloading it.
            const target = win.open('', WINDOW_NAME, WINDOW_FEATURES);
            if (!target) return false;
            let blank: boolean;
            try {
                blank = target.location.href === 'about:blank';
            } catch {
                // Showing a page of another origin: load ours in it.
                blank = true;
            }
            if (blank) target.location.replace(phoneWindowUrl(win.location.href));
            opened = target;
            target.focus();
            return true;
        }
    };
}

/** Thrown when the phone window has no Lightning tab to ask (opened by hand, or its tab closed). */
export class PhoneWindowWithoutTab extends Error {}

export function phoneWindowIdentity(win: Window, timeoutMs = 5000): PhoneWindowIdentitySource {
    return {
        identity: () =>
            new Promise<PhoneWindowIdentity>((resolve, reject) => {
                const opener = win.opener as Window | null;
                if (!opener || opener.closed) {
                    reject(new PhoneWindowWithoutTab('no Salesforce tab opened this window'));
                    return;
                }
                const done = () => {
                    clearTimeout(timer);
                    win.removeEventListener('message', onMessage);
                };
                const onMessage = (event: MessageEvent) => {
                    if (event.source !== opener || event.origin !== win.location.origin) return;
                    const identity = parsePhoneWindowIdentity(event.data);
                    if (!identity) return;
                    done();
                    resolve(identity);
                };
                const timer = setTimeout(() => {
                    done();
                    reject(
                        new PhoneWindowWithoutTab('the Salesforce tab that opened this window did not answer')
                    );
                }, timeoutMs);
                win.addEventListener('message', onMessage);
                try {
                    opener.postMessage({ kind: HELLO }, win.location.origin);
                } catch {
                    done();
                    reject(new PhoneWindowWithoutTab('the Salesforce tab that opened this window is gone'));
                }
            })
    };
}
