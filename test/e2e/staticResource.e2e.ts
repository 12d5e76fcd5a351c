// The SoftphoneCore static resource as `npm run build` makes it, in the adapter page: it runs the
// softphone and leaves nothing on the page from which another script could reach the controller
// or the call center's API key. The workbench's own bundle, which keeps a diagnostic handle, shows
// that the search below finds the key when it is in reach.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Frame } from 'playwright-core';
import { bundleCore } from '../../scripts/build.mjs';
import { startHarness, type AgentView, type Harness } from './support/workbench';

jest.setTimeout(90_000);

/** Paths from the page's own globals (those a blank page lacks) to a value equal to `secret`. */
/** The softphone's frame: the adapter page. */
async function adapterPage(agent: AgentView): Promise<Frame> {
    const frame = await (await agent.page.locator('#wb-softphone').elementHandle())?.contentFrame();
    if (!frame) throw new Error('the adapter page frame is not open');
    return frame;
}

async function pathsToSecret(agent: AgentView, secret: string): Promise<string[]> {
    return (await adapterPage(agent)).evaluate((wanted) => {
        const blank = document.createElement('iframe');
        document.body.append(blank);
        const builtIn = new Set(Object.getOwnPropertyNames(blank.contentWindow));
        blank.remove();
        const found: string[] = [];
        const seen = new Set<unknown>();
        const visit = (value: unknown, path: string, depth: number) => {
            if (value === wanted) found.push(path);
            if (depth === 0 || value === null || (typeof value !== 'object' && typeof value !== 'function'))
                return;
            if (seen.has(value) || value instanceof Node) return;
            seen.add(value);
            for (const key of Object.getOwnPropertyNames(value)) {
                let child: unknown;
                try {
                    child = (value as Record<string, unknown>)[key];
                } catch {
                    continue;
                }
                visit(child, `${path}.${key}`, depth - 1);
            }
        };
        for (const name of Object.getOwnPropertyNames(window)) {
            if (!builtIn.has(name)) visit((window as unknown as Record<string, unknown>)[name], name, 6);
        }
        return found;
    }, secret);
}

describe('the SoftphoneCore static resource', () => {
    let harness: Harness;
    let outDir: string;

    beforeAll(async () => {
        harness = await startHarness();
        outDir = mkdtempSync(join(tmpdir(), 'softphone-core-'));
    });

    const apiKey = () => harness.stack.emulator.settings['/mivoiceSuite/apiKey'];

    afterAll(async () => {
        await harness?.close();
        if (outDir) rmSync(outDir, { recursive: true, force: true });
    });

    // Proven only here: the built static resource running in a real page, searched through every global another script could reach.
    it('runs the softphone and exposes neither the controller nor the API key to the page', async () => {
        const bundle = join(outDir, 'SoftphoneCore.js');
        await bundleCore({ outfile: bundle });
        await harness.context.route(/\/resource\/\d+\/SoftphoneCore$/, (route) =>
            route.fulfill({ path: bundle, contentType: 'application/javascript' })
        );
        const agent = await harness.open();
        await agent.waitForText('Ready · Alice Agent, extension 2001');
        expect(await pathsToSecret(agent, apiKey())).toEqual([]);
        const frame = await adapterPage(agent);
        expect(await frame.evaluate(() => Object.keys(window.MiVoiceSoftphone))).toEqual(['bootAdapterPage']);
        expect(agent.errors).toEqual([]);
    });

    // Proven only here: the same search finding the key where it is in reach, so the search above can fail.
    it('while the workbench bundle keeps its diagnostic handle, where the search finds the key', async () => {
        await harness.reset();
        const agent = await harness.open();
        await agent.waitForText('Ready · Alice Agent, extension 2001');
        expect(await pathsToSecret(agent, apiKey())).toContain(
            'MiVoiceSoftphone.current.controller.session.settings.apiKey'
        );
    });
});
