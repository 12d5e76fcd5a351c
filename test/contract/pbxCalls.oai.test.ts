// The client's contract against the bridge for what only a PBX does, below the browser: an outside call
// over a trunk that is busy, a station in do not disturb, a conference made with the phone's key, a blind
// transfer nobody answers coming back, and a PBX that licenses the link without call control. Each runs
// the real Suite client over TLS against the bridge in front of the OAI PBX simulator, which keeps the
// first-monitor rule. What both phone systems do (calls answered, held, transferred, dialled out) is in
// suiteClient.test.ts, run against the bridge by suiteClient.oai.test.ts.
import { createSuiteClient } from '../../src/core/suite/client';
import type { SuiteCall, SuiteClient } from '../../src/core/suite/types';
import { startBridgeBackend, type BridgeBackend } from '../support/bridgeBackend';
import { nodeFetch, nodeWebSocket } from '../support/nodeTransport';

jest.setTimeout(30_000);

const ORIGIN = 'https://acme--c.vf.force.com';
const ACME = { number: '01632960123', name: 'ACME LTD' };
let backend: BridgeBackend;
const clients: SuiteClient[] = [];

beforeAll(async () => {
    backend = await startBridgeBackend({ heartbeatSec: 1, allowedOrigins: [ORIGIN] });
});

afterEach(async () => {
    for (const client of clients.splice(0)) client.stop();
    await backend.control('POST', '/_sim/reset');
});

afterAll(() => backend.stop());

const pbx = () => backend.pbx.pbx;

async function signedIn(email = 'alice@example.com'): Promise<SuiteClient> {
    const suite = createSuiteClient({
        host: 'localhost',
        port: backend.port,
        apiKey: 'dev-key-123',
        email,
        fetch: nodeFetch(backend.ca.certPem, ORIGIN),
        webSocket: nodeWebSocket(backend.ca.certPem, ORIGIN),
        backoff: { baseMs: 50, maxMs: 400 }
    });
    clients.push(suite);
    suite.start();
    await until(() => suite.connection.state === 'open');
    return suite;
}

function until<T>(predicate: () => T | undefined | false, timeoutMs = 5000): Promise<T> {
    return new Promise((resolve, reject) => {
        const started = Date.now();
        const check = () => {
            const value = predicate();
            if (value) return resolve(value);
            if (Date.now() - started > timeoutMs) return reject(new Error(`timed out: ${String(predicate)}`));
            setTimeout(check, 10);
        };
        check();
    });
}

/** Every change of each call a client saw, in order. */
function changesOf(suite: SuiteClient): (callId: string) => SuiteCall[] {
    const seen: SuiteCall[] = [];
    suite.on('call', (call) => seen.push(call));
    return (callId) => seen.filter((call) => call.callId === callId);
}

const callAt = (suite: SuiteClient, test: (call: SuiteCall) => boolean) =>
    until(() => [...suite.calls.values()].find(test));

/** The OAI id of the newest live call at a station, as the PBX knows it. */
const oaiCallAt = (extension: string) =>
    pbx()
        .liveCalls()
        .filter((call) => extension in call.stations)
        .at(-1)!.callId;

/** An outside caller rings the agent, who answers: the call, connected. */
async function answeredInbound(suite: SuiteClient): Promise<{ callId: string; oaiCallId: string }> {
    const oaiCallId = pbx().inbound('2001', ACME);
    const callId = await backend.contractId('2001', oaiCallId);
    await until(() => suite.calls.get(callId)?.state === 'ringing');
    await suite.answer(callId);
    await until(() => suite.calls.get(callId)?.state === 'connected');
    return { callId, oaiCallId };
}

describe('outside calls over a trunk', () => {
    it('go out with the trunk access code dialled; busy, the call dials on with that cause until hung up', async () => {
        const suite = await signedIn();
        const commands: string[] = [];
        const stop = backend.pbx.onCommand((line) => commands.push(line));
        const changes = changesOf(suite);
        await suite.makeCall('901632960999');
        stop();
        expect(commands).toContainEqual(expect.stringMatching(/^_MC,\d+,2001,901632960999$/));
        const call = await callAt(suite, (candidate) => candidate.direction === 'outbound');
        pbx().remoteBusy(oaiCallAt('2001'));
        // The agent hears the busy tone: the call stays, so the panel can say why, until they hang up.
        await until(() => suite.calls.get(call.callId)?.cause === 'busy');
        expect(suite.calls.get(call.callId)).toMatchObject({ state: 'dialing', capabilities: ['clear'] });
        await suite.clear(call.callId);
        await until(() => !suite.calls.has(call.callId));
        expect(changes(call.callId).at(-1)).toMatchObject({ state: 'cleared', cause: 'busy' });
        expect(changes(call.callId).some((change) => change.state === 'connected')).toBe(false);
        expect(pbx().liveCalls()).toEqual([]);
    });
});

describe('a station in do not disturb', () => {
    it('a consult to a colleague in DND fails with that cause; ended, the caller is taken back', async () => {
        const suite = await signedIn();
        const { callId } = await answeredInbound(suite);
        pbx().setDnd('2002', true);
        await suite.consult(callId, '2002');
        const consult = await callAt(suite, (call) => call.relatedCallId === callId);
        await until(() => suite.calls.get(consult.callId)?.cause === 'doNotDisturb');
        expect(suite.calls.get(consult.callId)).toMatchObject({ state: 'dialing', capabilities: ['clear'] });
        expect(
            pbx()
                .liveCalls()
                .find((call) => '2002' in call.stations)?.stations['2002']
        ).toBe('F');
        await suite.clear(consult.callId);
        await until(() => !suite.calls.has(consult.callId));
        await suite.retrieve(callId);
        await until(() => suite.calls.get(callId)?.state === 'connected');
    });

    it('the agent in DND: a hunt group call rings only the colleague, a call to the agent does not ring', async () => {
        const alice = await signedIn();
        const bob = await signedIn('bob@example.com');
        const aliceSaw = new Set<string>();
        alice.on('call', (call) => aliceSaw.add(call.callId));
        await alice.setDnd(true);
        await until(() => alice.dndEnabled && pbx().isDnd('2001'));
        const group = pbx().inbound('2100', ACME);
        const bobCall = await backend.contractId('2002', group);
        await until(() => bob.calls.get(bobCall)?.state === 'ringing');
        expect(pbx().liveCalls()[0].stations).toEqual({ '2002': 'A' });
        // Straight to the agent: the PBX refuses it (the caller hears busy) and nothing reaches the panel.
        const direct = pbx().inbound('2001', { number: '01632960777', name: 'BETA LTD' });
        expect(
            pbx()
                .liveCalls()
                .map((call) => call.callId)
        ).not.toContain(direct);
        await alice.setDnd(false);
        await until(() => !alice.dndEnabled);
        const after = await backend.contractId('2001', pbx().inbound('2001', ACME));
        await until(() => alice.calls.get(after)?.state === 'ringing');
        expect([...aliceSaw]).toEqual([after]);
    });
});

describe('a conference made with the phone’s key', () => {
    it('makes the two calls one: the consult ends as conference, the call lives on when the caller leaves', async () => {
        const alice = await signedIn();
        const bob = await signedIn('bob@example.com');
        const changes = changesOf(alice);
        const { callId, oaiCallId } = await answeredInbound(alice);
        await alice.consult(callId, '2002');
        const consult = await callAt(alice, (call) => call.relatedCallId === callId);
        const bobLeg = await callAt(bob, (call) => call.state === 'ringing');
        await bob.answer(bobLeg.callId);
        await until(() => alice.calls.get(consult.callId)?.state === 'connected');
        pbx().conference('2001', oaiCallId, backend.bridge().phone.oaiCallIdOf('2001', consult.callId)!);
        await until(() => alice.calls.size === 1 && alice.calls.get(callId)?.cause === 'conference');
        expect(alice.calls.get(callId)).toMatchObject({
            state: 'connected',
            remote: { number: '01632960123' }
        });
        expect(changes(consult.callId).at(-1)).toMatchObject({ state: 'cleared', cause: 'conference' });
        await until(() => bob.calls.size === 1 && [...bob.calls.values()][0].state === 'connected');
        // The outside caller leaves; Alice and Bob still talk (Alice can hold and take back the call,
        // commands the PBX confirms after its XC), then Alice hangs up and it ends for both.
        pbx().remoteHangup(oaiCallId);
        await alice.hold(callId);
        await until(() => alice.calls.get(callId)?.state === 'held');
        await alice.retrieve(callId);
        await until(() => alice.calls.get(callId)?.state === 'connected');
        await alice.clear(callId);
        await until(() => alice.calls.size === 0 && bob.calls.size === 0);
        expect(pbx().liveCalls()).toEqual([]);
    });
});

describe('a blind transfer nobody answers', () => {
    it('ends here as transferred, then rings here again as a recall with the caller’s number', async () => {
        const suite = await signedIn();
        const changes = changesOf(suite);
        const { callId, oaiCallId } = await answeredInbound(suite);
        await suite.blindTransfer(callId, '2003');
        await until(() => !suite.calls.has(callId));
        expect(changes(callId).at(-1)).toMatchObject({ state: 'cleared', cause: 'transfer' });
        expect(pbx().liveCalls()[0].stations).toEqual({ '2003': 'A' });
        pbx().recall(oaiCallId);
        const recall = await callAt(suite, (call) => call.state === 'ringing');
        expect(recall).toMatchObject({ cause: 'recall', remote: { number: '01632960123' } });
        expect(recall.callId).not.toBe(callId);
        await suite.answer(recall.callId);
        await until(() => suite.calls.get(recall.callId)?.state === 'connected');
        pbx().remoteHangup(oaiCallId);
        await until(() => suite.calls.size === 0);
    });
});

describe('a PBX that licenses the link without call control', () => {
    it('is refused by the bridge: health says so, the client sees the PBX down and its commands refused', async () => {
        const eventsOnly = await startBridgeBackend(
            { heartbeatSec: 1, allowedOrigins: [ORIGIN] },
            { premiumFeatureStatus: 1 },
            { awaitLink: false }
        );
        try {
            await until(() => eventsOnly.bridge().phone.linkState === 'refused');
            const health = (await (
                await nodeFetch(eventsOnly.ca.certPem, ORIGIN)(`${eventsOnly.url}/api/v1/health`)
            ).json()) as Record<string, unknown>;
            expect(health).toMatchObject({ status: 'down', pbxConnected: false, link: 'refused' });
            expect(eventsOnly.bridge().phone.linkRefusal).toMatchObject({ reason: 'noCallControl' });
            const suite = createSuiteClient({
                host: 'localhost',
                port: eventsOnly.port,
                apiKey: 'dev-key-123',
                email: 'alice@example.com',
                fetch: nodeFetch(eventsOnly.ca.certPem, ORIGIN),
                webSocket: nodeWebSocket(eventsOnly.ca.certPem, ORIGIN)
            });
            clients.push(suite);
            const links: boolean[] = [];
            suite.on('pbx', (connected) => links.push(connected));
            suite.start();
            // The first snapshot waits for a resync the refused link never gives (at most 5 s).
            await until(() => suite.connection.state === 'open' && links.length > 0, 10_000);
            expect(links).toEqual([false]);
            await expect(suite.makeCall('2002')).rejects.toMatchObject({ code: 'pbxLinkDown' });
        } finally {
            await eventsOnly.stop();
        }
    });
});
