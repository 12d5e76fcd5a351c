// Writes PNGs of the panel's states to docs/screenshots/ (the list: screenshotList.ts): the real
// panel bundle (LWC OSS, Lightning base components, SLDS) rendered in Chromium at the utility item's
// 320×480, fed the same fixture snapshots the component tests use, and the phone window from the
// live workbench.
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { compileLwc } from './build.mjs';
import { buildPanel, buildWorkbench } from './workbench-build.mjs';
import { launchChromium } from '../test/e2e/support/chromium';
import { openFixturePanel } from '../test/e2e/support/fixturePanel';
import { PANEL_SIZE, SCREENSHOTS } from './screenshotList';
import { startStack } from '../src/workbench/stack';
import { usageOrExit } from './usage.mjs';

usageOrExit(
    'Usage: npm run screenshots\n  Writes PNGs of the main panel states to docs/screenshots/ (needs Chromium and npm run build).'
);

const root = resolve(__dirname, '..');
const SHOTS = join(root, 'docs/screenshots');

async function main(): Promise<void> {
    compileLwc();
    await buildPanel();
    mkdirSync(SHOTS, { recursive: true });
    const browser = await launchChromium();
    try {
        const panel = await openFixturePanel(browser, PANEL_SIZE);
        for (const { state, file, press } of SCREENSHOTS) {
            await panel.show(state);
            if (press) await panel.page.getByRole('button', { name: press }).first().click();
            await panel.page.waitForTimeout(150);
            await panel.page.screenshot({ path: join(SHOTS, `${file}.png`) });
            console.log(`wrote docs/screenshots/${file}.png`);
        }
        if (panel.problems.length > 0)
            throw new Error(`The panel reported errors: ${panel.problems.join('; ')}`);
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
        await window.setViewportSize(PANEL_SIZE);
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
