// Local Network Access in an org-shaped set-up: the Lightning console on acme.lightning.force.com, the
// adapter page on acme--c.vf.force.com (a frame the console does not delegate any permission to), the
// Suite at pbx.acme.test, all on loopback, with Chromium told that the Salesforce pages are public and
// the Suite is on the local network, as in an office. Chromium then applies its real rule.
import { randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, rmSync, rmdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CDPSession, Frame, Page } from 'playwright-core';
import { callControl } from '../../src/stand-ins/suite-simulator/controlClient';
import type { Stack } from '../../src/workbench/stack';
import {
    CONSOLE_HOST,
    SOFTPHONE_HOST,
    eventually,
    startHarness,
    type AgentView,
    type Harness
} from './support/workbench';

jest.setTimeout(120_000);

const SUITE_HOST = 'pbx.acme.test';
const POLICY_DIR = '/etc/chromium/policies/managed';

function orgShaped(stack: Stack) {
    return {
        loopbackHosts: [SUITE_HOST],
        args: [
            `--ip-address-space-overrides=127.0.0.1:${stack.workbench.port}=public,127.0.0.1:${stack.simulator.port}=local`
        ]
    };
}

function startOrgShaped(chromium = orgShaped): Promise<Harness> {
    return startHarness({
        consoleHost: CONSOLE_HOST,
        softphoneHost: SOFTPHONE_HOST,
        suiteHostnames: [SUITE_HOST],
        emulator: { settings: { '/mivoiceSuite/suiteHost': SUITE_HOST } },
        chromium
    });
}

const REFUSAL = /does not let Salesforce reach the Suite at pbx\.acme\.test:\d+ on your local network/;

async function expectRefusalShown(agent: AgentView, harness: Harness): Promise<void> {
    await agent.waitForText(REFUSAL);
    await agent.waitForText('Phone unavailable');
    const text = await agent.text();
    // The origin the policy has to name is Lightning's, the top-level page, not the frame's.
    expect(text).toContain(
        `allow https://${CONSOLE_HOST}:${harness.stack.workbench.port} with the browser policies`
    );
    expect(text).not.toMatch(/cannot be reached|VPN/);
}

describe('no policy: the browser refuses, and the panel says so', () => {
    let harness: Harness;
    beforeAll(async () => {
        harness = await startOrgShaped();
    });
    afterAll(() => harness?.close());

    // Proven only here: Chromium's own Local Network Access rule refusing a public page's request to the local Suite.
    it('shows the Local Network Access message, red at its own link, with nothing asked of the Suite', async () => {
        const agent = await harness.open();
        await expectRefusalShown(agent, harness);
        // The browser refused before any request left it: the Suite saw no session and no request.
        expect(harness.stack.simulator.sessions.size).toBe(0);
        expect(harness.stack.emulator.count('enableClickToDial')).toBe(0);

        await agent.click('Check setup');
        await agent.waitForText('Fix this first: Browser allows the local network');
        const link = (name: string) => agent.panel.locator('c-softphone-self-check li', { hasText: name });
        await link('Browser allows the local network').getByText(REFUSAL).waitFor();
        await link('Call center settings are valid').getByText('Passed').waitFor();
        await link('Suite reachable over HTTPS').getByText('Not checked').waitFor();
        expect(agent.errors).toEqual([]);
    });
});

/** A managed policy file only this run's browser reads (the scenarios run in band), removed afterwards. */
function withManagedPolicy(policies: Record<string, unknown>): { remove(): void } {
    const createdDir = !existsSync(POLICY_DIR);
    mkdirSync(POLICY_DIR, { recursive: true });
    const file = join(POLICY_DIR, `mivoice-softphone-e2e-${process.pid}-${randomUUID()}.json`);
    writeFileSync(file, JSON.stringify(policies, null, 2));
    return {
        remove() {
            rmSync(file, { force: true });
            if (createdDir && readdirSync(POLICY_DIR).length === 0) rmdirSync(POLICY_DIR);
        }
    };
}

describe('the admin recipe: both policies, naming the Lightning origin', () => {
    async function withPolicies(
        policies: (stack: Stack) => Record<string, unknown>,
        scenario: (harness: Harness) => Promise<void>
    ): Promise<void> {
        let policy: { remove(): void } | undefined;
        let harness: Harness | undefined;
        try {
            harness = await startOrgShaped((stack) => {
                policy = withManagedPolicy(policies(stack));
                return orgShaped(stack);
            });
            await scenario(harness);
        } finally {
            await harness?.close();
            policy?.remove();
        }
    }

    // Proven only here: Chromium's enterprise policies, as the admin guide gives them, letting the undelegated frame through.
    it.each([
        ['the exact Lightning origin, no port', `https://${CONSOLE_HOST}`],
        ['the [*.] pattern', '[*.]force.com']
    ])('with %s: Ready in an undelegated frame, and a call is logged once', (_form, pattern) =>
        withPolicies(
            () => ({
                LocalNetworkAccessAllowedForUrls: [pattern],
                LocalNetworkAccessPermissionsPolicyDefaultEnabled: true
            }),
            async (harness) => {
                const { emulator, simulator } = harness.stack;
                const agent = await harness.open();
                await agent.waitForText('Ready · Alice Agent, extension 2001');
                simulator.model.ringInbound('2001', { number: '01632 960123', name: 'ACME LTD' });
                await agent.click('Answer');
                await agent.waitForText('Connected');
                await agent.click('End Call');
                const [task] = await eventually(
                    () => emulator.tasks.size > 0 && [...emulator.tasks.values()]
                );
                expect(task).toMatchObject({ CallType: 'Inbound' });
                expect(emulator.tasks.size).toBe(1);
                expect(agent.errors).toEqual([]);
            }
        )
    );

    // Proven only here: the policies that look right but that Chromium does not honour for this frame.
    it.each<[string, (stack: Stack) => Record<string, unknown>]>([
        ['the allow-list alone', () => ({ LocalNetworkAccessAllowedForUrls: [`https://${CONSOLE_HOST}`] })],
        [
            'both policies naming the Visualforce origin instead',
            (stack) => ({
                LocalNetworkAccessAllowedForUrls: [
                    `https://${SOFTPHONE_HOST}`,
                    `https://${SOFTPHONE_HOST}:${stack.workbench.port}`,
                    '[*.]vf.force.com'
                ],
                LocalNetworkAccessPermissionsPolicyDefaultEnabled: true
            })
        ]
    ])('%s is not enough: the refusal message', (_variant, policies) =>
        withPolicies(policies, async (harness) => expectRefusalShown(await harness.open(), harness))
    );
});

/**
 * The agent's Allow (or its withdrawal) for pages whose top-level origin is `origin`, through
 * DevTools; overrides last while the session does. Chromium keys a frame's grant by the top-level
 * page, as the agent's Allow would be.
 */
async function setPermission(cdp: CDPSession, setting: 'granted' | 'denied', origin: string): Promise<void> {
    const { browserContextIds } = (await cdp.send('Target.getBrowserContexts')) as {
        browserContextIds: string[];
    };
    // The test's context is the only one this browser has made.
    expect(browserContextIds).toHaveLength(1);
    for (const name of ['local-network-access', 'local-network'])
        await cdp.send('Browser.setPermission', {
            permission: { name },
            setting,
            origin,
            browserContextId: browserContextIds[0]
        });
}

describe('the permission taken away while connected', () => {
    let harness: Harness;
    beforeAll(async () => {
        harness = await startOrgShaped();
    });
    afterAll(() => harness?.close());

    // Proven only here: Chromium withdrawing the permission while a connection is open.
    it('refuses the reconnects and shows the same message, not an endless "reconnecting"', async () => {
        const cdp = await harness.browser.newBrowserCDPSession();
        try {
            await setPermission(cdp, 'granted', new URL(harness.stack.workbench.consoleUrl).origin);
            const agent = await harness.open();
            await agent.waitForText('Ready · Alice Agent, extension 2001');
            await setPermission(cdp, 'denied', new URL(harness.stack.workbench.consoleUrl).origin);
            await callControl(harness.stack.simulator.controlUrl, 'POST', '/_sim/ws/drop', {});
            await expectRefusalShown(agent, harness);
            expect(harness.stack.simulator.openChannels()).toBe(0);
            expect(agent.errors).toEqual([]);
        } finally {
            await cdp.detach();
        }
    });
});

describe('the phone window: the agent allows the local network for the Visualforce origin', () => {
    let harness: Harness;
    beforeAll(async () => {
        harness = await startOrgShaped();
    });
    afterAll(() => harness?.close());

    const OPEN_WINDOW = 'Open phone in its own window';

    /** The phone window's panel: the adapter page itself is the top-level page. */
    function phoneWindowPanel(page: Page) {
        const root = page.locator('c-softphone');
        return {
            waitForText: (text: string | RegExp) =>
                root.getByText(text).first().waitFor({ state: 'visible', timeout: 10_000 })
        };
    }

    /** Whether the Lightning tab's frame holds the connection lock (with the phone window gone, nobody else can). */
    function holdsConnectionLock(frame: Frame): Promise<boolean> {
        return frame.evaluate(async () => {
            const { held = [], pending = [] } = await navigator.locks.query();
            const connection = (lock: { name?: string }) => lock.name?.startsWith('mivoice-connection-');
            return held.some(connection) && !pending.some(connection);
        });
    }

    async function openPhoneWindow(agent: AgentView): Promise<Page> {
        const opened = harness.context.waitForEvent('page');
        await agent.click(OPEN_WINDOW);
        const page = await opened;
        page.on('pageerror', (error) => agent.errors.push(`phone window: ${error.message}`));
        // A window opened by script starts at about:blank and then navigates to the page asked for.
        await page.waitForURL((url) => url.protocol !== 'about:', { waitUntil: 'commit' });
        return page;
    }

    // Proven only here: a real popup window on the Visualforce origin holding the connection, and its real close.
    it('connects, the Lightning panel mirrors it; closing it mid-call hands the connection back, and the call is logged once', async () => {
        const { emulator, simulator, workbench } = harness.stack;
        const cdp = await harness.browser.newBrowserCDPSession();
        try {
            // The agent's Allow in the phone window: its top-level origin is the Visualforce origin.
            await setPermission(cdp, 'granted', new URL(workbench.softphoneUrl).origin);
            const agent = await harness.open();
            // In the Lightning tab the top-level origin is Lightning's: refused, and the window offered.
            await expectRefusalShown(agent, harness);
            const phoneWindow = await openPhoneWindow(agent);
            expect(new URL(phoneWindow.url()).origin).toBe(new URL(workbench.softphoneUrl).origin);
            await phoneWindowPanel(phoneWindow).waitForText('Ready · Alice Agent, extension 2001');
            await agent.waitForText('Ready · Alice Agent, extension 2001');
            // One connection, the phone window's.
            expect(simulator.openChannels()).toBe(1);
            const openCtiBefore = emulator.requests.length;

            const { callId } = simulator.model.ringInbound('2001', {
                number: '01632 960123',
                name: 'ACME LTD'
            });
            await agent.click('Answer');
            await agent.waitForText('Ada Lovelace');
            await phoneWindowPanel(phoneWindow).waitForText('ACME LTD');
            expect(emulator.count('searchAndScreenPop')).toBe(1);

            // The Salesforce tab reloads: the phone window keeps the call, and the new panel shows it again.
            const sessions = simulator.sessions.size;
            await agent.page.reload();
            await agent.waitForText('On a call · Alice Agent, extension 2001');
            await agent.waitForText('Ada Lovelace');
            await phoneWindowPanel(phoneWindow).waitForText('ACME LTD');
            expect(simulator.sessions.size).toBe(sessions);
            expect(simulator.model.legs.get(callId)?.state).toBe('connected');

            const frame = agent.page
                .frames()
                .find((candidate) => candidate.url().startsWith(workbench.softphoneUrl));
            if (!frame) throw new Error('the Lightning tab has no softphone frame');
            expect(await holdsConnectionLock(frame)).toBe(false);
            const closedAt = Date.now();
            await phoneWindow.close();
            await eventually(() => holdsConnectionLock(frame), 1000);
            expect(Date.now() - closedAt).toBeLessThan(1000);
            // The Lightning tab's own connection is refused here: it says so, keeps the call on screen
            // and offers the window again.
            await expectRefusalShown(agent, harness);
            await agent.waitForText('Ada Lovelace');
            await agent.panel.getByRole('button', { name: OPEN_WINDOW }).first().waitFor();

            // The caller hangs up while no tab can hear the Suite; the agent opens the window again.
            simulator.model.remote(callId, 'hangup');
            const again = await openPhoneWindow(agent);
            await phoneWindowPanel(again).waitForText('Ready · Alice Agent, extension 2001');
            const [task] = await eventually(() => emulator.tasks.size > 0 && [...emulator.tasks.values()]);
            expect(task).toMatchObject({
                CallType: 'Inbound',
                CallObject: callId,
                WhoId: '0035g00000AdaLov'
            });
            await agent.waitForText('Wrap-up · Alice Agent, extension 2001');
            await new Promise((resolve) => setTimeout(resolve, 300));
            expect(emulator.tasks.size).toBe(1);
            // Only the Lightning tab spoke to Open CTI: the pop and the Task, nothing from the windows.
            const methods = emulator.requests.slice(openCtiBefore).map((request) => request.method);
            expect(methods.filter((method) => method === 'searchAndScreenPop')).toHaveLength(1);
            expect(methods.filter((method) => method === 'saveLog')).toHaveLength(1);
            expect(agent.errors).toEqual([]);
            await again.close();
        } finally {
            await cdp.detach();
        }
    });
});
