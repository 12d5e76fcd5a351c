// The workbench serves scripts, styles and static resources for the browser to keep, as an org does,
// asking each time whether they changed; its pages and API answers are never kept.
import { get } from 'node:https';
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
    bytes: number;
}

function fetchFrom(url: string, headers: Record<string, string> = {}): Promise<Reply> {
    return new Promise((resolve, reject) => {
        const outgoing = get(url, { ca: stack.simulator.ca.certPem, agent: false, headers }, (incoming) => {
            let bytes = 0;
            incoming.on('data', (chunk: Buffer) => (bytes += chunk.length));
            incoming.on('end', () =>
                resolve({ status: incoming.statusCode ?? 0, headers: incoming.headers, bytes })
            );
        });
        outgoing.on('error', reject);
    });
}

describe('what the browser may keep', () => {
    const origin = () => new URL(stack.workbench.softphoneUrl).origin;

    it.each([
        ['the Open CTI library', '/support/api/65.0/lightning/opencti_min.js'],
        ['the panel bundle', '/workbench/panel.js'],
        ['SLDS', '/assets/styles/salesforce-lightning-design-system.min.css']
    ])('%s: kept, revalidated, and not sent again while unchanged', async (_name, path) => {
        const first = await fetchFrom(`${origin()}${path}`);
        expect(first.status).toBe(200);
        expect(first.bytes).toBeGreaterThan(0);
        expect(first.headers['cache-control']).toBe('no-cache');
        const etag = first.headers.etag;
        expect(etag).toMatch(/^"[0-9a-z]+-[0-9a-z]+"$/);

        const again = await fetchFrom(`${origin()}${path}`, { 'If-None-Match': etag as string });
        expect(again.status).toBe(304);
        expect(again.bytes).toBe(0);

        const stale = await fetchFrom(`${origin()}${path}`, { 'If-None-Match': '"an-older-build"' });
        expect(stale.status).toBe(200);
        expect(stale.bytes).toBe(first.bytes);
    });

    it('the softphone page itself is never kept', async () => {
        const page = await fetchFrom(stack.workbench.softphoneUrl);
        expect(page.status).toBe(200);
        expect(page.headers['cache-control']).toBe('no-store');
        expect(page.headers.etag).toBeUndefined();
    });
});
