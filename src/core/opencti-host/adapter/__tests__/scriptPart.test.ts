// The second part of the core is added to the page once, and a load that failed is tried again.
import { scriptPart } from '../scriptPart';

interface FakeScript {
    src: string;
    async: boolean;
    onload: (() => void) | null;
    onerror: (() => void) | null;
}

/** A page whose head records the scripts added to it; the test says when each loads or fails. */
function page() {
    const added: FakeScript[] = [];
    const doc = {
        createElement: () => ({ src: '', async: false, onload: null, onerror: null }),
        head: { append: (script: FakeScript) => added.push(script) }
    } as unknown as Document;
    return { doc, added };
}

describe('scriptPart', () => {
    it('adds the script once however often it is asked for, and gives what it put on the page', async () => {
        const { doc, added } = page();
        // What the script puts on the page once it has run.
        const pageGlobals: { part?: { name: string } } = {};
        const load = scriptPart(doc, '/resource/2/SoftphoneExtras', () => pageGlobals.part);
        const first = load();
        const second = load();
        expect(added.map((script) => [script.src, script.async])).toEqual([
            ['/resource/2/SoftphoneExtras', true]
        ]);
        pageGlobals.part = { name: 'extras' };
        added[0].onload?.();
        await expect(first).resolves.toBe(pageGlobals.part);
        await expect(second).resolves.toBe(pageGlobals.part);
        await expect(load()).resolves.toBe(pageGlobals.part);
        expect(added).toHaveLength(1);
    });

    it('tries again at the next need after a script that did not load or did not run', async () => {
        const { doc, added } = page();
        // What the script puts on the page once it has run.
        const pageGlobals: { part?: { name: string } } = {};
        const load = scriptPart(doc, '/resource/2/SoftphoneExtras', () => pageGlobals.part);
        const failed = load();
        added[0].onerror?.();
        await expect(failed).rejects.toThrow('/resource/2/SoftphoneExtras did not load');
        const silent = load();
        added[1].onload?.();
        await expect(silent).rejects.toThrow('/resource/2/SoftphoneExtras loaded but did not run');
        const third = load();
        pageGlobals.part = { name: 'extras' };
        added[2].onload?.();
        await expect(third).resolves.toBe(pageGlobals.part);
    });
});
