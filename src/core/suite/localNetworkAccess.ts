// Tells a browser's Local Network Access refusal apart from an ordinary network failure. Chrome and
// Edge (142+) refuse a public page's requests to a private or loopback address unless the page holds
// the permission; script sees the same plain TypeError as for a firewall. So, after a request got no
// answer, this asks the browser itself, from signals measured in Chromium (docs/admin-guide.md):
// - the Permissions API state of `local-network` (145+) or `local-network-access` (142-144), or
//   `loopback-network` for a loopback Suite: `granted` means the browser allowed it;
// - whether the page is on a public address: a cross-origin request to the top-level page's origin
//   (Lightning, for the softphone frame) declared `targetAddressSpace: 'public'` is refused when that
//   server is in fact private or loopback, and a private page is never gated. Chromium 156 measured:
//   declaring a space more private than the real one is not refused, and same-origin requests are
//   not checked at all, so only this declaration to another origin tells;
// - the Suite address: a public IP literal is never gated.
// Each answer is a browser fact; no console text is read.

/** The part of the browser the checks use. */
export interface LocalNetworkBrowser {
    /** navigator.permissions.query(...).state, or undefined when the browser does not know the name. */
    permissionState(name: string): Promise<string | undefined>;
    /** Whether the top-level page's origin answers a request declared to target the public address space. */
    topAnswersAsPublic(): Promise<boolean>;
    /**
     * The origin an admin's policy has to name: the top-level page's (Lightning's, for the softphone
     * frame). Chromium matches LocalNetworkAccessAllowedForUrls against it, not against the frame.
     */
    origin: string;
}

export type AddressKind = 'loopback' | 'private' | 'public' | 'name';

/** The address space of a Suite host as far as it can be told without resolving it. */
export function addressKind(host: string): AddressKind {
    const bare = host.replace(/^\[|\]$/g, '').toLowerCase();
    if (bare === 'localhost' || bare.endsWith('.localhost')) return 'loopback';
    const v4 = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(bare);
    if (v4) {
        const [a, b] = [Number(v4[1]), Number(v4[2])];
        if (a === 127) return 'loopback';
        if (a === 10 || (a === 172 && b >= 16 && b <= 31) || (a === 192 && b === 168)) return 'private';
        if (a === 169 && b === 254) return 'private';
        return 'public';
    }
    if (bare.includes(':')) {
        if (bare === '::1') return 'loopback';
        if (/^f[cd][0-9a-f]{2}:/.test(bare) || /^fe[89ab][0-9a-f]:/.test(bare)) return 'private';
        return 'public';
    }
    return 'name';
}

export type LocalNetworkVerdict =
    /** The browser does not gate local requests (no such permission), or not for this page or host. */
    | { kind: 'notGated' }
    | { kind: 'granted'; permission: string }
    /** The browser would refuse: the page is public, the Suite may be local, and no grant. */
    | { kind: 'refused'; permission: string; state: string; origin: string };

export interface LocalNetworkAccess {
    /** What the browser says now about this page reaching the Suite host. */
    verdict(host: string): Promise<LocalNetworkVerdict>;
}

export function localNetworkAccess(browser: LocalNetworkBrowser): LocalNetworkAccess {
    // A page does not change address space during its life: ask once.
    let pageIsPublic: Promise<boolean> | undefined;
    const isPublicPage = () => (pageIsPublic ??= browser.topAnswersAsPublic());

    return {
        async verdict(host) {
            const kind = addressKind(host);
            if (kind === 'public') return { kind: 'notGated' };
            const names =
                kind === 'loopback'
                    ? ['loopback-network', 'local-network-access']
                    : ['local-network', 'local-network-access'];
            let permission: string | undefined;
            let state: string | undefined;
            for (const name of names) {
                state = await browser.permissionState(name);
                if (state !== undefined) {
                    permission = name;
                    break;
                }
            }
            if (!permission || !state) return { kind: 'notGated' };
            if (state === 'granted') return { kind: 'granted', permission };
            if (!(await isPublicPage())) return { kind: 'notGated' };
            return { kind: 'refused', permission, state, origin: browser.origin };
        }
    };
}

/** The real browser's signals, for the softphone page. */
export function browserLocalNetwork(win: Window = window): LocalNetworkBrowser {
    const ancestors = win.location.ancestorOrigins;
    const top = ancestors?.length ? ancestors[ancestors.length - 1] : win.location.origin;
    return {
        origin: top,
        async permissionState(name) {
            try {
                return (await win.navigator.permissions.query({ name } as unknown as PermissionDescriptor))
                    .state;
            } catch {
                return undefined;
            }
        },
        async topAnswersAsPublic() {
            try {
                // Any answer counts (opaque, a redirect to a login page): only a mismatch rejects. A
                // top-level page has no other origin to ask, so its own answers, and counts as public.
                await win.fetch(`${top}/`, {
                    method: 'HEAD',
                    mode: 'no-cors',
                    cache: 'no-store',
                    credentials: 'omit',
                    targetAddressSpace: 'public'
                } as RequestInit);
                return true;
            } catch {
                return false;
            }
        }
    };
}
