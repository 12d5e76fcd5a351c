// The log claim of contract v1 (docs/suite-api.md, "Log claims") over real TLS: against the Suite
// simulator here, and against the OAI bridge from logClaim.oai.test.ts. One agent's two browsers are two
// clients with two claimant names; the first to claim a call logs it, the other is told so.
import { backendKind, startContractBackend, type ContractBackend } from '../support/contractBackends';
import { createSuiteClient } from '../../src/core/suite/client';
import type { SuiteClient } from '../../src/core/suite/types';
import { nodeFetch, nodeWebSocket } from '../support/nodeTransport';
import { until } from '../support/until';

jest.setTimeout(30_000);

const ORIGIN = 'https://acme--c.vf.force.com';
const LAPTOP = 'laptop-0a1b2c3d';
const DESK = 'desk-pc-4e5f6a7b';
/** An outside number as each phone system dials it: the PBX wants its trunk access code (9) first. */
const OUTSIDE_NUMBER = backendKind() === 'suite' ? '01632960999' : '901632960999';

let backend: ContractBackend;
const clients: SuiteClient[] = [];

beforeAll(async () => {
    backend = await startContractBackend(backendKind(), { heartbeatSec: 1, allowedOrigins: [ORIGIN] });
});

afterEach(async () => {
    for (const client of clients.splice(0)) client.stop();
    await backend.control('POST', '/_sim/reset');
});

afterAll(() => backend.stop());

function browser(logClaimant: string | undefined, email = 'alice@example.com'): SuiteClient {
    const client = createSuiteClient({
        host: 'localhost',
        port: backend.port,
        apiKey: 'dev-key-123',
        email,
        fetch: nodeFetch(backend.ca.certPem, ORIGIN),
        webSocket: nodeWebSocket(backend.ca.certPem, ORIGIN),
        backoff: { baseMs: 50, maxMs: 400 },
        logClaimant
    });
    clients.push(client);
    return client;
}

async function connected(...browsers: SuiteClient[]): Promise<void> {
    for (const client of browsers) client.start();
    await until(
        () => browsers.every((client) => client.connection.state === 'open'),
        'both browsers connected'
    );
}

async function ring(toExtension = '2001'): Promise<string> {
    const from = { number: '01632960123', name: 'ACME LTD' };
    const { callId } = (await backend.control('POST', '/_sim/calls/inbound', { toExtension, from })) as {
        callId: string;
    };
    return callId;
}

/** A raw request with a session of its own, for what the client never sends. */
async function raw(path: string, body: unknown, email = 'alice@example.com'): Promise<Response> {
    const fetch = nodeFetch(backend.ca.certPem, ORIGIN);
    const opened = await fetch(`${backend.url}/api/v1/sessions`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'X-Api-Key': 'dev-key-123' },
        body: JSON.stringify({ email })
    });
    const { token } = (await opened.json()) as { token: string };
    return fetch(`${backend.url}${path}`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
        body: typeof body === 'string' ? body : JSON.stringify(body)
    });
}

describe(`log claims (${backendKind()})`, () => {
    it('lists logClaim in the server features', async () => {
        const fetch = nodeFetch(backend.ca.certPem, ORIGIN);
        const info = (await (await fetch(`${backend.url}/api/v1/server`)).json()) as { features: string[] };
        expect(info.features).toContain('logClaim');
    });

    it('gives an inbound call to the first browser that claims it; the other learns it lost', async () => {
        const laptop = browser(LAPTOP);
        const desk = browser(DESK);
        await connected(laptop, desk);
        const heard: [string, boolean][] = [];
        desk.on('logClaimed', (callId, here) => heard.push([callId, here]));
        const callId = await ring();
        await until(() => laptop.calls.has(callId) && desk.calls.has(callId), 'the call in both browsers');

        expect(await laptop.claimLog?.(callId)).toBe('won');
        await until(() => heard.length > 0, 'the desk browser told of the claim');
        expect(heard).toEqual([[callId, false]]);
        expect(await desk.claimLog?.(callId)).toBe('lost');
        // The winner asking again (a reload, another tab of it) still holds the claim.
        expect(await laptop.claimLog?.(callId)).toBe('won');
    });

    it('keeps the claim of an outbound call once it ended, while it is among the recent calls', async () => {
        const laptop = browser(LAPTOP);
        const desk = browser(DESK);
        await connected(laptop, desk);
        await laptop.makeCall(OUTSIDE_NUMBER);
        const callId = await until(() => [...desk.calls.keys()][0], 'the outbound call in the desk browser');
        await laptop.clear(callId);
        await until(() => !desk.calls.has(callId) && !laptop.calls.has(callId), 'the call ended');

        expect(await desk.claimLog?.(callId)).toBe('won');
        expect(await laptop.claimLog?.(callId)).toBe('lost');
    });

    it("refuses a colleague's call as commands do, and tells the colleague nothing", async () => {
        const alice = browser(LAPTOP);
        const bob = browser(DESK, 'bob@example.com');
        await connected(alice, bob);
        const heard: string[] = [];
        bob.on('logClaimed', (callId) => heard.push(callId));
        const bobsCall = await ring('2002');
        await until(() => bob.calls.has(bobsCall), "the call on Bob's phone");

        expect(await alice.claimLog?.(bobsCall)).toBe('unknownCall');
        const refused = await raw(`/api/v1/calls/${bobsCall}/log-claim`, { claimant: LAPTOP });
        expect(refused.status).toBe(404);
        expect(await refused.json()).toMatchObject({ error: { code: 'call_not_found' } });
        await expect(alice.answer(bobsCall)).rejects.toMatchObject({ code: 'callNotFound' });
        // Bob's own browser still wins his call: Alice's try took nothing.
        expect(await bob.claimLog?.(bobsCall)).toBe('won');
        expect(heard).toEqual([]);
    });

    it('answers bad input with a 400 naming it, and keeps serving', async () => {
        const laptop = browser(LAPTOP);
        await connected(laptop);
        const callId = await ring();
        await until(() => laptop.calls.has(callId), 'the call');
        const path = `/api/v1/calls/${callId}/log-claim`;
        for (const body of [
            {},
            { claimant: 'short' },
            { claimant: 'a b c d e f g h' },
            { claimant: 42 },
            '{'
        ])
            expect((await raw(path, body)).status).toBe(400);
        const tooLong = await raw(`/api/v1/calls/${'c'.repeat(65)}/log-claim`, { claimant: LAPTOP });
        expect(tooLong.status).toBe(400);
        expect(await tooLong.json()).toMatchObject({ error: { code: 'bad_request' } });
        const unknown = await raw('/api/v1/calls/c_nope/log-claim', { claimant: LAPTOP });
        expect(await unknown.json()).toMatchObject({ error: { code: 'call_not_found' } });

        expect(await laptop.claimLog?.(callId)).toBe('won');
    });

    it('refuses a claim without a session', async () => {
        const fetch = nodeFetch(backend.ca.certPem, ORIGIN);
        const callId = await ring();
        const answer = await fetch(`${backend.url}/api/v1/calls/${callId}/log-claim`, {
            method: 'POST',
            headers: { 'Content-Type': 'application/json', Authorization: 'Bearer not-a-token' },
            body: JSON.stringify({ claimant: LAPTOP })
        });
        expect(answer.status).toBe(401);
    });

    it('claims nothing for a browser without a claimant name: it saves as before', async () => {
        const old = browser(undefined);
        await connected(old);
        const callId = await ring();
        await until(() => old.calls.has(callId), 'the call');
        expect(await old.claimLog?.(callId)).toBe('unsupported');
    });
});
