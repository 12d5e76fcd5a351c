// The real panel bundle (LWC OSS, Lightning base components, SLDS) in Chromium, fed the fixture
// snapshots the component tests use: for the screenshots and for what only a browser's layout proves.
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { OUT_DIR } from '../../../scripts/workbench-build.mjs';

const root = resolve(__dirname, '../../..');
export const FIXTURES_FILE = join(
    root,
    'force-app/main/default/lwc/softphone/__tests__/fixtures/states.json'
);
const SLDS = join(
    root,
    'node_modules/@salesforce-ux/design-system/assets/styles/salesforce-lightning-design-system.min.css'
);

export interface Fixtures {
    now: number;
    states: Record<string, SoftphonePanelState>;
}

export const readFixtures = (): Fixtures => JSON.parse(readFileSync(FIXTURES_FILE, 'utf8')) as Fixtures;

export interface FixturePanel {
    page: Page;
    /** Shows one fixture state and waits for the panel to draw it. */
    show(state: string): Promise<void>;
    /** Errors the page reported. */
    problems: string[];
}

/** A page holding the panel at the given size, its clock at the fixtures' moment (needs buildPanel first). */
export async function openFixturePanel(
    browser: Browser,
    viewport: { width: number; height: number }
): Promise<FixturePanel> {
    const fixtures = readFixtures();
    const page = await browser.newPage({ viewport });
    const problems: string[] = [];
    page.on('pageerror', (error) => problems.push(String(error)));
    await page.clock.setFixedTime(fixtures.now);
    await page.setContent(
        '<!doctype html><html><body class="slds-scope"><div id="root"></div></body></html>'
    );
    await page.addStyleTag({ path: SLDS });
    await page.addStyleTag({ content: 'html, body { margin: 0; }' });
    await page.addScriptTag({ path: join(OUT_DIR, 'panel.js') });
    await page.evaluate(() => {
        const host = window as unknown as { panel?: { state: unknown } } & Window;
        host.panel = (
            window as unknown as { MiVoiceSoftphonePanel: { mount(el: HTMLElement): { state: unknown } } }
        ).MiVoiceSoftphonePanel.mount(document.getElementById('root') as HTMLElement);
    });
    return {
        page,
        problems,
        async show(state) {
            const snapshot = fixtures.states[state];
            if (!snapshot) throw new Error(`no fixture state ${state}`);
            await page.evaluate((value) => {
                (window as unknown as { panel: { state: unknown } }).panel.state = value;
                window.scrollTo(0, 0);
            }, snapshot);
            // Two frames: the panel draws on a microtask, the base components on the next render.
            await page.evaluate(
                () => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)))
            );
        }
    };
}
