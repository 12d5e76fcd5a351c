// The tab protocol's edges that the controller tests with a live leader do not reach.
import { BroadcastChannel } from 'node:worker_threads';
import { SuiteError } from '../../suite/types';
import type { Leadership } from '../leadership';
import { createSharedSuiteClient, tabChannel } from '../sharedSuiteClient';

const follower: Leadership = { isLeader: false, onChange: () => () => undefined, release: () => undefined };
const noClient = () => {
    throw new Error('a follower creates no client');
};

describe('a tab that follows', () => {
    const clients: { stop(): void }[] = [];
    afterEach(() => {
        for (const client of clients.splice(0)) client.stop();
    });

    it('says "connecting" until a leader speaks, and fails a command no leader answers', async () => {
        const client = createSharedSuiteClient({
            leadership: follower,
            channel: tabChannel(new BroadcastChannel('shared-suite-test-silent')),
            createClient: noClient,
            commandTimeoutMs: 50
        });
        clients.push(client);
        client.start();
        expect(client.connection).toEqual({ state: 'connecting' });
        const refused = await client.answer('c_1').catch((error: unknown) => error);
        expect(refused).toBeInstanceOf(SuiteError);
        expect((refused as SuiteError).params.detail).toBe('the leading tab did not answer');
    });

    it('takes the leader state and events, and reports a Suite error the leader met as the same error', async () => {
        const leaderSide = new BroadcastChannel('shared-suite-test-mirror');
        const client = createSharedSuiteClient({
            leadership: follower,
            channel: tabChannel(new BroadcastChannel('shared-suite-test-mirror')),
            createClient: noClient
        });
        clients.push(client, { stop: () => leaderSide.close() });
        const seen: string[] = [];
        client.on('connection', (connection) => seen.push(connection.state));
        client.on('call', (call) => seen.push(`${call.callId} ${call.state}`));
        // The follower has taken a full state from the leader once it reports the calls in it.
        const stateTaken = () =>
            new Promise<void>((resolve) => {
                const off = client.on('snapshot', () => {
                    off();
                    resolve();
                });
            });
        const hello = new Promise<{ from: string }>((resolve) => {
            leaderSide.onmessage = (event) => resolve((event as { data: { from: string } }).data);
        });
        client.start();
        const { from } = await hello;
        const firstState = stateTaken();
        const call = {
            callId: 'c_1',
            state: 'ringing',
            direction: 'inbound',
            remote: { number: '01632 960123', name: 'ACME LTD' },
            startTime: 1,
            cause: '',
            capabilities: ['answer']
        };
        leaderSide.postMessage({
            kind: 'state',
            to: from,
            connection: {
                state: 'reconnecting',
                attempt: 1,
                nextAttemptAt: 2,
                lastError: {
                    code: 'pbxLinkDown',
                    params: { host: 'suite', port: '8204' },
                    message: 'pbxLinkDown'
                }
            },
            calls: [call],
            dnd: false,
            pbx: true
        });
        await firstState;
        expect(client.connection.state).toBe('reconnecting');
        const lastError = (client.connection as { lastError?: SuiteError }).lastError;
        expect(lastError).toBeInstanceOf(SuiteError);
        expect(lastError?.panelMessage()).toEqual({
            code: 'pbxLinkDown',
            params: { host: 'suite', port: '8204' }
        });
        expect([...client.calls.keys()]).toEqual(['c_1']);

        // The next full state no longer has the call: it ended while this tab was not listening.
        const secondState = stateTaken();
        leaderSide.postMessage({
            kind: 'state',
            connection: { state: 'open' },
            calls: [],
            dnd: false,
            pbx: true
        });
        await secondState;
        expect(seen).toEqual(['reconnecting', 'c_1 cleared', 'open']);
        expect(client.calls.size).toBe(0);
    });
});
