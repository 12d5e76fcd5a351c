// Writes PNGs of the main panel states to docs/screenshots/: the real panel bundle (LWC OSS,
// Lightning base components, SLDS) rendered in Chromium at utility-panel size, fed the same
// fixture snapshots the component tests use.
import { mkdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { compileLwc } from './build.mjs';
import { buildPanel, buildWorkbench, OUT_DIR } from './workbench-build.mjs';
import { launchChromium } from '../test/e2e/support/chromium';
import { startStack } from '../src/workbench/stack';
import { usageOrExit } from './usage.mjs';

usageOrExit(
    'Usage: npm run screenshots\n  Writes PNGs of the main panel states to docs/screenshots/ (needs Chromium and npm run build).'
);

const root = resolve(__dirname, '..');
const SHOTS = join(root, 'docs/screenshots');
const FIXTURES = join(root, 'force-app/main/default/lwc/softphone/__tests__/fixtures/states.json');
const SLDS = join(
    root,
    'node_modules/@salesforce-ux/design-system/assets/styles/salesforce-lightning-design-system.min.css'
);

/** Fixture state → screenshot file name. */
const STATES: Record<string, string> = {
    ready: 'ready',
    ringingInbound: 'ringing-inbound',
    connectedSingleMatch: 'connected-single-match',
    connectedMultipleMatches: 'connected-multiple-matches',
    held: 'held',
    consulting: 'consult-transfer',
    reconnecting: 'reconnecting',
    suiteUnreachable: 'error-suite-unreachable',
    localNetworkRefused: 'error-local-network',
    settingNotHost: 'error-setting',
    selfCheckFailed: 'self-check',
    selfCheckLocalNetwork: 'self-check-local-network',
    connectedMultipleCandidates: 'choose-record',
    wrapUp: 'wrap-up',
    withHistory: 'recent-calls'
};

async function main(): Promise<void> {
    compileLwc();
    await buildPanel();
    mkdirSync(SHOTS, { recursive: true });
    const fixtures = JSON.parse(readFileSync(FIXTURES, 'utf8')) as {
        now: number;
        states: Record<string, unknown>;
    };
    const browser = await launchChromium();
    try {
        const page = await browser.newPage({ viewport: { width: 320, height: 560 } });
        const problems: string[] = [];
        page.on('pageerror', (error) => problems.push(String(error)));
        await page.clock.setFixedTime(fixtures.now);
        await page.setContent(
            '<!doctype html><html><body class="slds-scope"><div id="root"></div></body></html>'
        );
        await page.addStyleTag({ path: SLDS });
        await page.addScriptTag({ path: join(OUT_DIR, 'panel.js') });
        await page.evaluate(() => {
            const host = window as unknown as { panel?: { state: unknown } } & Window;
            host.panel = (
                window as unknown as { MiVoiceSoftphonePanel: { mount(el: HTMLElement): { state: unknown } } }
            ).MiVoiceSoftphonePanel.mount(document.getElementById('root') as HTMLElement);
        });
        for (const [state, file] of Object.entries(STATES)) {
            // The self-check lists thirteen links: show all of them.
            await page.setViewportSize({ width: 320, height: state.startsWith('selfCheck') ? 960 : 560 });
            await page.evaluate((snapshot) => {
                (window as unknown as { panel: { state: unknown } }).panel.state = snapshot;
            }, fixtures.states[state]);
            await page.waitForTimeout(150);
            await page.screenshot({ path: join(SHOTS, `${file}.png`) });
            console.log(`wrote docs/screenshots/${file}.png`);
        }
        if (problems.length > 0) throw new Error(`The panel reported errors: ${problems.join('; ')}`);
    } finally {
        await browser.close();
    }
}

/**
 * The phone window as the agent sees it: the real workbench, "Open phone in its own window" clicked in
 * the Lightning panel, a call answered. Its panel is the real one, live, not a fixture.
 */
async function phoneWindow(): Promise<void> {
    await buildWorkbench();
    const stack = await startStack({
        consoleHost: 'acme.lightning.force.com',
        softphoneHost: 'acme--c.vf.force.com'
    });
    const browser = await launchChromium({ trustedSpki: stack.spkiSha256 });
    try {
        const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
        const page = await context.newPage();
        const problems: string[] = [];
        context.on('page', (opened) => opened.on('pageerror', (error) => problems.push(String(error))));
        page.on('pageerror', (error) => problems.push(String(error)));
        await page.goto(stack.workbench.consoleUrl);
        const lightning = page.frameLocator('#wb-softphone').locator('c-softphone');
        await lightning.getByText('Ready · Alice Agent').first().waitFor({ timeout: 15_000 });
        const opened = context.waitForEvent('page');
        await lightning.getByRole('button', { name: 'Open phone in its own window' }).first().click();
        const window = await opened;
        await window.setViewportSize({ width: 400, height: 720 });
        const panel = window.locator('c-softphone');
        await panel.getByText('Ready · Alice Agent').first().waitFor({ timeout: 15_000 });
        stack.simulator.model.ringInbound('2001', { number: '01632 960123', name: 'ACME LTD' });
        await lightning.getByRole('button', { name: 'Answer', exact: true }).first().click();
        await lightning.getByText('Ada Lovelace').first().waitFor({ timeout: 15_000 });
        await panel.getByRole('button', { name: 'Hold', exact: true }).first().waitFor({ timeout: 15_000 });
        await window.screenshot({ path: join(SHOTS, 'phone-window.png') });
        console.log('wrote docs/screenshots/phone-window.png');
        if (problems.length > 0) throw new Error(`The phone window reported errors: ${problems.join('; ')}`);
    } finally {
        await browser.close();
        await stack.stop();
    }
}

main()
    .then(phoneWindow)
    .catch((error: unknown) => {
        console.error(error);
        process.exit(1);
    });
