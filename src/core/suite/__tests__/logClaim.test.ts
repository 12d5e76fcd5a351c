// The client's side of contract v1's log claim: what each answer of the server comes to.
import { readLogClaimed, requestLogClaim as claimLog } from '../logClaim';
import { suiteHttp } from '../suiteRequests';
import type { SuiteClientOptions } from '../types';

const CLAIMANT = 'laptop-00000001';

/** A server answering every request with `status` and `body`, or not at all (`null`: the network failed). */
function http(answer: { status: number; body: unknown } | null, token: string | null = 'token-1') {
    const sent: { url: string; body: unknown }[] = [];
    const fetch = (async (url: string, init?: RequestInit) => {
        sent.push({ url, body: init?.body === undefined ? undefined : JSON.parse(String(init.body)) });
        if (!answer) throw new TypeError('Failed to fetch');
        return new Response(JSON.stringify(answer.body), { status: answer.status });
    }) as typeof globalThis.fetch;
    const options = { host: 'suite.example.com', port: 8204, apiKey: 'k', email: 'alice@example.com', fetch };
    return { http: suiteHttp(options as unknown as SuiteClientOptions, () => token ?? undefined), sent };
}

describe('claimLog', () => {
    it('asks the claim under the browser’s name and reads won, won uncertain and lost', async () => {
        const won = http({ status: 200, body: { callId: 'c_1', outcome: 'won', certain: true } });
        expect(await claimLog(won.http, ['logClaim'], 'c_1', CLAIMANT)).toBe('won');
        expect(won.sent).toEqual([
            { url: 'https://suite.example.com:8204/api/v1/calls/c_1/log-claim', body: { claimant: CLAIMANT } }
        ]);
        const uncertain = http({ status: 200, body: { outcome: 'won', certain: false } });
        expect(await claimLog(uncertain.http, ['logClaim'], 'c_1', CLAIMANT)).toBe('wonUncertain');
        const lost = http({ status: 200, body: { outcome: 'lost', certain: true } });
        expect(await claimLog(lost.http, ['logClaim'], 'c_1', CLAIMANT)).toBe('lost');
    });

    it('claims nothing from a server without the feature, or without a claimant name', async () => {
        const server = http({ status: 200, body: { outcome: 'won' } });
        expect(await claimLog(server.http, ['dnd'], 'c_1', CLAIMANT)).toBe('unsupported');
        expect(await claimLog(server.http, ['logClaim'], 'c_1', undefined)).toBe('unsupported');
        expect(server.sent).toEqual([]);
    });

    it('has no answer before a session is open, whatever the server may take', async () => {
        const server = http({ status: 200, body: { outcome: 'won' } }, null);
        expect(await claimLog(server.http, [], 'c_1', CLAIMANT)).toBe('failed');
    });

    it('reads a network failure, a refusal and an answer it cannot read as no answer', async () => {
        expect(await claimLog(http(null).http, ['logClaim'], 'c_1', CLAIMANT)).toBe('failed');
        const busy = http({ status: 503, body: { error: { code: 'pbx_unavailable' } } });
        expect(await claimLog(busy.http, ['logClaim'], 'c_1', CLAIMANT)).toBe('failed');
        const odd = http({ status: 200, body: { outcome: 'maybe' } });
        expect(await claimLog(odd.http, ['logClaim'], 'c_1', CLAIMANT)).toBe('failed');
    });

    it('tells a call the server no longer knows from a server without the route', async () => {
        const gone = http({ status: 404, body: { error: { code: 'call_not_found' } } });
        expect(await claimLog(gone.http, ['logClaim'], 'c_1', CLAIMANT)).toBe('unknownCall');
        const noRoute = http({ status: 404, body: { error: { code: 'not_found' } } });
        expect(await claimLog(noRoute.http, ['logClaim'], 'c_1', CLAIMANT)).toBe('unsupported');
    });
});

describe('readLogClaimed', () => {
    it('says whether this browser made the claim, and drops a malformed event', () => {
        expect(readLogClaimed({ callId: 'c_1', claimant: CLAIMANT }, CLAIMANT)).toEqual({
            callId: 'c_1',
            here: true
        });
        expect(readLogClaimed({ callId: 'c_1', claimant: 'desk-pc-0001' }, CLAIMANT)).toEqual({
            callId: 'c_1',
            here: false
        });
        expect(readLogClaimed({ callId: 42, claimant: CLAIMANT }, CLAIMANT)).toBeUndefined();
        expect(readLogClaimed(null, CLAIMANT)).toBeUndefined();
    });
});
