// The workbench serves scripts, styles and static resources for the browser to keep, as an org does:
// named with their version, kept; named alone, kept and revalidated. Its pages are never kept.
import { statSync } from 'node:fs';
import { get } from 'node:https';
import { join } from 'node:path';
import type { IncomingHttpHeaders } from 'node:http';
import { startStack, type Stack } from '../../src/workbench/stack';

jest.setTimeout(30_000);

let stack: Stack;

beforeAll(async () => {
    stack = await startStack();
});

afterAll(() => stack.stop());

interface Reply {
    status: number;
    headers: IncomingHttpHeaders;
    body: Buffer;
}

function fetchFrom(url: string, headers: Record<string, string> = {}): Promise<Reply> {
    return new Promise((resolve, reject) => {
        const outgoing = get(url, { ca: stack.simulator.ca.certPem, agent: false, headers }, (incoming) => {
            const chunks: Buffer[] = [];
            incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
            incoming.on('end', () =>
                resolve({
                    status: incoming.statusCode ?? 0,
                    headers: incoming.headers,
                    body: Buffer.concat(chunks)
                })
            );
        });
        outgoing.on('error', reject);
    });
}

describe('what the browser may keep', () => {
    const origin = () => new URL(stack.workbench.softphoneUrl).origin;
    const builtAt = (file: string) =>
        Math.floor(statSync(join(__dirname, '../../dist/workbench', file)).mtimeMs);

    async function pageFiles(): Promise<string[]> {
        const page = (await fetchFrom(stack.workbench.softphoneUrl)).body.toString('utf8');
        return [...page.matchAll(/(?:src|href)="(\/[^"]+)"/g)].map((match) => match[1]);
    }

    it('the softphone page names the framework files with their build and the static resources with theirs', async () => {
        const files = await pageFiles();
        expect(files).toContain(`/workbench/panel.js?v=${builtAt('panel.js')}`);
        expect(files).toContain(`/workbench/lightningOut.js?v=${builtAt('lightningOut.js')}`);
        expect(files).toContain(`/resource/${builtAt('core.js')}/SoftphoneCore`);
        expect(files.find((file) => file.startsWith('/assets/styles/'))).toMatch(/\?v=\d+$/);
    });

    it('a file named with its version is kept without asking again', async () => {
        for (const path of (await pageFiles()).filter((file) => /\?v=|^\/resource\//.test(file))) {
            const reply = await fetchFrom(`${origin()}${path}`);
            expect([path, reply.status]).toEqual([path, 200]);
            expect(reply.headers['cache-control']).toBe('public, max-age=31536000, immutable');
        }
    });

    it.each([
        ['the Open CTI library', '/support/api/65.0/lightning/opencti_min.js'],
        ['the panel bundle by name alone', '/workbench/panel.js'],
        ['an SLDS icon', '/assets/icons/utility-sprite/svg/symbols.svg']
    ])('%s: kept, revalidated, and not sent again while unchanged', async (_name, path) => {
        const first = await fetchFrom(`${origin()}${path}`);
        expect(first.status).toBe(200);
        expect(first.body.length).toBeGreaterThan(0);
        expect(first.headers['cache-control']).toBe('no-cache');
        const etag = first.headers.etag;
        expect(etag).toMatch(/^"[0-9a-z]+-[0-9a-z]+"$/);

        const again = await fetchFrom(`${origin()}${path}`, { 'If-None-Match': etag as string });
        expect(again.status).toBe(304);
        expect(again.body.length).toBe(0);

        const stale = await fetchFrom(`${origin()}${path}`, { 'If-None-Match': '"an-older-build"' });
        expect(stale.status).toBe(200);
        expect(stale.body.length).toBe(first.body.length);
    });

    it('the softphone page itself is never kept', async () => {
        const page = await fetchFrom(stack.workbench.softphoneUrl);
        expect(page.status).toBe(200);
        expect(page.headers['cache-control']).toBe('no-store');
        expect(page.headers.etag).toBeUndefined();
    });
});
