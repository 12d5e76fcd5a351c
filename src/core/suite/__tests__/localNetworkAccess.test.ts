// The decision, given the browser's answers. That Chromium gives these answers is proven in
// test/e2e/localNetworkAccess.e2e.ts (refused, allowed by policy, withdrawn) and by the all-loopback
// end-to-end tests, where a Suite that does not answer stays `suiteUnreachable`.
import { addressKind, localNetworkAccess, type LocalNetworkBrowser } from '../localNetworkAccess';

function browser(
    states: Record<string, string>,
    pageIsPublic: boolean
): LocalNetworkBrowser & { publicProbes: number } {
    const fake = {
        origin: 'https://acme.lightning.force.com',
        publicProbes: 0,
        permissionState: async (name: string) => states[name],
        topAnswersAsPublic: async () => {
            fake.publicProbes++;
            return pageIsPublic;
        }
    };
    return fake;
}

describe('addressKind', () => {
    it.each([
        ['10.1.2.3', 'private'],
        ['172.16.0.1', 'private'],
        ['172.31.255.255', 'private'],
        ['172.32.0.1', 'public'],
        ['192.168.10.5', 'private'],
        ['169.254.1.1', 'private'],
        ['127.0.0.1', 'loopback'],
        ['localhost', 'loopback'],
        ['[::1]', 'loopback'],
        ['fd12:3456::1', 'private'],
        ['8.8.8.8', 'public'],
        ['2001:db8::1', 'public'],
        ['pbx.acme.test', 'name']
    ])('%s is %s', (host, kind) => {
        expect(addressKind(host)).toBe(kind);
    });
});

describe('verdict', () => {
    it('refuses on a public page without the grant, naming the permission, its state and the origin', async () => {
        const access = localNetworkAccess(browser({ 'local-network': 'denied' }, true));
        expect(await access.verdict('192.168.1.10')).toEqual({
            kind: 'refused',
            permission: 'local-network',
            state: 'denied',
            origin: 'https://acme.lightning.force.com'
        });
    });

    it('counts a prompt that cannot be answered as a refusal, and falls back to the 142-144 name', async () => {
        const access = localNetworkAccess(browser({ 'local-network-access': 'prompt' }, true));
        expect(await access.verdict('pbx.acme.test')).toMatchObject({
            kind: 'refused',
            permission: 'local-network-access',
            state: 'prompt'
        });
    });

    it('asks about the loopback permission for a loopback Suite', async () => {
        const access = localNetworkAccess(
            browser({ 'local-network': 'denied', 'loopback-network': 'granted' }, true)
        );
        expect(await access.verdict('127.0.0.1')).toEqual({
            kind: 'granted',
            permission: 'loopback-network'
        });
    });

    it('does not gate a granted page, a private page, a public Suite or a browser without the rule', async () => {
        expect(
            (await localNetworkAccess(browser({ 'local-network': 'granted' }, true)).verdict('10.0.0.1')).kind
        ).toBe('granted');
        expect(
            (await localNetworkAccess(browser({ 'local-network': 'denied' }, false)).verdict('10.0.0.1')).kind
        ).toBe('notGated');
        expect(
            (await localNetworkAccess(browser({ 'local-network': 'denied' }, true)).verdict('8.8.4.4')).kind
        ).toBe('notGated');
        expect((await localNetworkAccess(browser({}, true)).verdict('10.0.0.1')).kind).toBe('notGated');
    });

    it('asks the page its address space once', async () => {
        const fake = browser({ 'local-network': 'denied' }, true);
        const access = localNetworkAccess(fake);
        await access.verdict('10.0.0.1');
        await access.verdict('10.0.0.2');
        expect(fake.publicProbes).toBe(1);
    });
});
