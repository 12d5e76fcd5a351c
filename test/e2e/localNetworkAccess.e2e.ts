// Local Network Access in an org-shaped set-up: the Lightning console on acme.lightning.force.com, the
// adapter page on acme--c.vf.force.com (a frame the console does not delegate any permission to), the
// Suite at pbx.acme.test, all on loopback, with Chromium told that the Salesforce pages are public and
// the Suite is on the local network, as in an office. Chromium then applies its real rule.
import { randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, rmSync, rmdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CDPSession } from 'playwright-core';
import { callControl } from '../../src/simulator/controlClient';
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

    it('shows the Local Network Access message, red at its own link, with nothing asked of the Suite', async () => {
        const agent = await harness.open();
        await expectRefusalShown(agent, harness);
        // The browser refused before any request left it: the Suite saw no session and no request.
        expect(harness.stack.simulator.model.sessions.size).toBe(0);
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

describe('the permission taken away while connected', () => {
    let harness: Harness;
    beforeAll(async () => {
        harness = await startOrgShaped();
    });
    afterAll(() => harness?.close());

    /** The agent's Allow (or its withdrawal), through DevTools; overrides last while the session does. */
    async function setPermission(cdp: CDPSession, setting: 'granted' | 'denied'): Promise<void> {
        const { browserContextIds } = (await cdp.send('Target.getBrowserContexts')) as {
            browserContextIds: string[];
        };
        // The test's context is the only one this browser has made.
        expect(browserContextIds).toHaveLength(1);
        for (const name of ['local-network-access', 'local-network'])
            await cdp.send('Browser.setPermission', {
                permission: { name },
                setting,
                // Chromium keys a frame's grant by the top-level page, as the agent's Allow would be.
                origin: new URL(harness.stack.workbench.consoleUrl).origin,
                browserContextId: browserContextIds[0]
            });
    }

    it('refuses the reconnects and shows the same message, not an endless "reconnecting"', async () => {
        const cdp = await harness.browser.newBrowserCDPSession();
        try {
            await setPermission(cdp, 'granted');
            const agent = await harness.open();
            await agent.waitForText('Ready · Alice Agent, extension 2001');
            await setPermission(cdp, 'denied');
            await callControl(harness.stack.simulator.controlUrl, 'POST', '/_sim/ws/drop', {});
            await expectRefusalShown(agent, harness);
            expect(harness.stack.simulator.openChannels()).toBe(0);
            expect(agent.errors).toEqual([]);
        } finally {
            await cdp.detach();
        }
    });
});
