// The panel at the utility item's 320×480 and at 280 wide, in every state the agent meets: proven only
// in a browser, whose layout decides what fits. In each state the primary actions are inside the panel
// without scrolling, no text is cut off or pushed past the edge, and the Call Result list opens inside.
import type { Browser, Locator, Page } from 'playwright-core';
import { buildPanel } from '../../scripts/workbench-build.mjs';
import { compileLwc } from '../../scripts/build.mjs';
import { launchChromium } from './support/chromium';
import { openFixturePanel, type FixturePanel } from './support/fixturePanel';

jest.setTimeout(120_000);

const HEIGHT = 480;

/** Each state with the buttons the agent needs in it (accessible names). */
const PRIMARY_ACTIONS: [state: string, buttons: (string | RegExp)[]][] = [
    ['ready', ['Call', 'Check setup']],
    ['ringingInbound', ['Answer', 'Decline']],
    ['connectedSingleMatch', ['Hold', 'End Call', 'Transfer']],
    ['held', ['Retrieve', 'End Call', 'Transfer']],
    ['consulting', ['Complete Transfer', 'Cancel Transfer']],
    ['wrapUpTwoMatches', ['Done', 'Find Caller', /^Mary Jackson/, /^Katherine Johnson/]],
    ['failedLogs', ['Retry', 'Dismiss']],
    ['selfCheckFailed', ['Close setup check', 'Check again']],
    ['suiteUnreachable', ['Retry Now', 'Check setup']],
    ['reconnectingOnCall', ['Retry Now', 'End Call']],
    ['callBusy', ['Call Again']],
    ['withNotice', ['Dismiss', 'Call']]
];

let browser: Browser;

beforeAll(async () => {
    compileLwc();
    await buildPanel();
    browser = await launchChromium();
});

afterAll(() => browser?.close());

/** Text cut off: an element whose content is wider or taller than the box that hides the rest, or past the right edge. */
async function clippedText(page: Page): Promise<string[]> {
    return page.evaluate(() => {
        const found: string[] = [];
        const width = document.documentElement.clientWidth;
        const visit = (element: Element) => {
            const style = getComputedStyle(element);
            const text = Array.from(element.childNodes)
                .filter((node) => node.nodeType === Node.TEXT_NODE)
                .map((node) => node.textContent?.trim() ?? '')
                .join(' ')
                .trim();
            if (text && style.display !== 'none' && style.visibility !== 'hidden') {
                const box = element.getBoundingClientRect();
                const hides = /hidden|clip/.test(style.overflowX) || style.textOverflow === 'ellipsis';
                const assistive = box.width <= 1 && box.height <= 1;
                if (!assistive && hides && element.scrollWidth > element.clientWidth + 1)
                    found.push(`cut off: "${text.slice(0, 40)}"`);
                if (!assistive && box.right > width + 1) found.push(`past the edge: "${text.slice(0, 40)}"`);
            }
            for (const child of Array.from(element.children)) visit(child);
            if (element.shadowRoot) for (const child of Array.from(element.shadowRoot.children)) visit(child);
        };
        visit(document.body);
        return found;
    });
}

/** Where a button is, relative to the panel's viewport, with the page not scrolled. */
async function outside(
    page: Page,
    button: Locator,
    width: number,
    scrolling = false
): Promise<string | undefined> {
    const box = await button.boundingBox({ timeout: 2000 }).catch(() => null);
    if (!box) return 'not shown';
    const scrolled = await page.evaluate(() => window.scrollY);
    if (scrolled !== 0 && !scrolling) return `page scrolled by ${scrolled}`;
    const inside = box.x >= 0 && box.y >= 0 && box.x + box.width <= width && box.y + box.height <= HEIGHT;
    return inside
        ? undefined
        : `at ${Math.round(box.x)},${Math.round(box.y)} ${Math.round(box.width)}×${Math.round(box.height)}`;
}

describe.each([320, 280])('the panel %i pixels wide, 480 high', (width) => {
    let panel: FixturePanel;

    beforeAll(async () => {
        panel = await openFixturePanel(browser, { width, height: HEIGHT });
    });

    afterAll(() => panel?.page.close());

    it.each(PRIMARY_ACTIONS)('%s: its primary actions in view, no text cut off', async (state, buttons) => {
        await panel.show(state);
        const { page } = panel;
        const misplaced: string[] = [];
        for (const name of buttons) {
            const button = page.getByRole('button', { name, exact: typeof name === 'string' }).first();
            const where = await outside(page, button, width);
            if (where) misplaced.push(`${name}: ${where}`);
        }
        expect(misplaced).toEqual([]);
        expect(await clippedText(page)).toEqual([]);
        expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width);
        expect(panel.problems).toEqual([]);
    });

    // The list opens where the agent's view is, even after scrolling to the field: upward when below has no room.
    it('opens the Call Result list inside the panel', async () => {
        await panel.show('wrapUpTwoMatches');
        const { page } = panel;
        const field = page.getByRole('combobox', { name: 'Call Result' });
        // Scrolled just far enough to reach the field: it sits at the bottom edge of the panel.
        await field.evaluate((element) => element.scrollIntoView({ block: 'end' }));
        await field.click();
        const list = page.getByRole('listbox').first();
        await list.waitFor({ state: 'visible' });
        await page.evaluate(
            () => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)))
        );
        expect(await outside(page, list, width, true)).toBeUndefined();
        await page.keyboard.press('Escape');
    });
});
