// A bridge restart mid-call, with the real Suite client over real TLS: the PBX call keeps its contract
// call id (the bridge keeps the ids of live calls in its state file and finds them again in the
// resync), so the client never reports it ended and new, and it ends once, when it really ends.
import { createSuiteClient } from '../../src/core/suite/client';
import type { SuiteCall, SuiteClient } from '../../src/core/suite/types';
import { startContractBackend, type ContractBackend } from '../support/contractBackends';
import { nodeFetch, nodeWebSocket } from '../support/nodeTransport';

jest.setTimeout(30_000);

const ORIGIN = 'https://acme--c.vf.force.com';
let bridge: ContractBackend;
let suite: SuiteClient;

beforeAll(async () => {
    bridge = await startContractBackend('oai', { heartbeatSec: 1, allowedOrigins: [ORIGIN] });
});

afterEach(() => suite.stop());

afterAll(() => bridge.stop());

function until<T>(probe: () => T | undefined | false, timeoutMs = 8000): Promise<T> {
    return new Promise((resolve, reject) => {
        const started = Date.now();
        const check = () => {
            const value = probe();
            if (value) return resolve(value);
            if (Date.now() - started > timeoutMs)
                return reject(new Error(`timed out; connection ${JSON.stringify(suite.connection)}`));
            setTimeout(check, 10);
        };
        check();
    });
}

async function agent(): Promise<SuiteCall[]> {
    suite = createSuiteClient({
        host: 'localhost',
        port: bridge.port,
        apiKey: 'dev-key-123',
        email: 'alice@example.com',
        fetch: nodeFetch(bridge.ca.certPem, ORIGIN),
        webSocket: nodeWebSocket(bridge.ca.certPem, ORIGIN),
        backoff: { baseMs: 50, maxMs: 200 }
    });
    const seen: SuiteCall[] = [];
    suite.on('call', (call) => seen.push(call));
    suite.start();
    await until(() => suite.connection.state === 'open');
    return seen;
}

describe('a bridge restart mid-call', () => {
    it('keeps the call under its contract id; the call ends once, when it ends', async () => {
        const seen = await agent();
        const { callId } = (await bridge.control('POST', '/_sim/calls/inbound', {
            toExtension: '2001',
            from: { number: '01632960123', name: 'ACME LTD' }
        })) as { callId: string };
        await until(() => suite.calls.has(callId));
        await suite.answer(callId);
        const before = await until(
            () => suite.calls.get(callId)?.state === 'connected' && suite.calls.get(callId)
        );
        const states: string[] = [];
        suite.on('connection', (status) => states.push(status.state));

        await bridge.restart();
        await until(() => states.includes('reconnecting') && suite.connection.state === 'open');

        expect([...suite.calls.keys()]).toEqual([callId]);
        expect(suite.calls.get(callId)).toMatchObject({
            state: 'connected',
            startTime: before.startTime,
            answerTime: before.answerTime
        });
        // The id still works for commands after the restart.
        await suite.hold(callId);
        await until(() => suite.calls.get(callId)?.state === 'held');
        await bridge.control('POST', `/_sim/calls/${callId}/remote-hangup`);
        await until(() => suite.calls.size === 0);
        const ended = seen.filter((call) => call.state === 'cleared');
        expect(ended.map((call) => call.callId)).toEqual([callId]);
        expect(new Set(seen.map((call) => call.callId))).toEqual(new Set([callId]));
    });
});
