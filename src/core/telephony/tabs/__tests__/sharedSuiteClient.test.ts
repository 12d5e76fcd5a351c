// The tab protocol's edges that the controller tests with a live leader do not reach: what a
// follower takes, and from whom. The leader's side is played by a tab that holds the leadership
// lock and seals its messages as a leading tab does.
import { BroadcastChannel } from 'node:worker_threads';
import { CallBook } from '../../../suite/callBook';
import { SuiteError } from '../../../suite/types';
import { MemoryLockManager } from '../../../../../test/support/memoryLockManager';
import type { Leadership } from '../leadership';
import { createLeaderSeal } from '../leaderSeal';
import { createSharedSuiteClient } from '../sharedSuiteClient';
import { tabChannel } from '../tabChannel';

const LOCK = 'mivoice-softphone-alice@example.com';
const follower: Leadership = { isLeader: false, onChange: () => () => undefined, release: () => undefined };
const noClient = () => {
    throw new Error('a follower creates no client');
};

const call = {
    callId: 'c_1',
    state: 'ringing',
    direction: 'inbound',
    remote: { number: '01632 960123', name: 'ACME LTD' },
    startTime: 1,
    cause: '',
    capabilities: ['answer']
};
const openState = (calls: unknown[]) => ({
    kind: 'state',
    connection: { state: 'open' },
    calls,
    dnd: false,
    pbx: true
});

/** Resolves once the check holds; fails the test if it does not within two seconds. */
async function waitFor(check: () => boolean): Promise<void> {
    const started = Date.now();
    while (!check()) {
        if (Date.now() - started > 2000) throw new Error('condition not met in time');
        await new Promise((resolve) => setTimeout(resolve, 5));
    }
}

describe('a tab that follows', () => {
    const cleanups: (() => void)[] = [];
    afterEach(() => {
        for (const cleanup of cleanups.splice(0)) cleanup();
    });

    /** A follower tab and, on the same channel and locks, a tab that holds the leadership lock. */
    async function followerAndLeader(
        channelName: string,
        leaderClock = { behindMs: 0 },
        commandTimeoutMs = 100
    ) {
        const locks = new MemoryLockManager();
        const leaderLocks = locks.forTab();
        let releaseLeadership = () => undefined as void;
        await new Promise<void>((granted) => {
            void leaderLocks.request(LOCK, { mode: 'exclusive' }, () => {
                granted();
                return new Promise<void>((resolve) => (releaseLeadership = resolve));
            });
        });
        const leaderSide = new BroadcastChannel(channelName);
        const seal = createLeaderSeal(leaderLocks, LOCK, () => Date.now() - leaderClock.behindMs);
        const client = createSharedSuiteClient({
            leadership: follower,
            locks: locks.forTab(),
            leadershipLock: LOCK,
            channel: tabChannel(new BroadcastChannel(channelName)),
            book: new CallBook(),
            createClient: noClient,
            commandTimeoutMs
        });
        const hellos: string[] = [];
        const hello = new Promise<{ from: string }>((resolve) => {
            leaderSide.onmessage = (event) => {
                const data = (event as { data: { kind: string; from: string } }).data;
                if (data.kind === 'hello') hellos.push(data.from);
                resolve(data);
            };
        });
        cleanups.push(
            () => client.stop(),
            () => leaderSide.close(),
            () => seal.release(),
            () => releaseLeadership()
        );
        client.start();
        const { from } = await hello;
        const sealed = async (message: unknown) => seal.seal(JSON.stringify(message));
        return { client, from, locks, leaderSide, sealed, hellos };
    }

    /** Resolves once the follower has taken a message the leader sealed after everything before it. */
    const settled = async (
        leader: Awaited<ReturnType<typeof followerAndLeader>>,
        marker = 'c_marker'
    ): Promise<void> => {
        leader.leaderSide.postMessage(
            await leader.sealed({ kind: 'call', call: { ...call, callId: marker } })
        );
        await waitFor(() => leader.client.calls.has(marker));
    };

    it('says "connecting" until a leader speaks, and fails a command no leader answers', async () => {
        const client = createSharedSuiteClient({
            leadership: follower,
            locks: new MemoryLockManager(),
            leadershipLock: LOCK,
            channel: tabChannel(new BroadcastChannel('shared-suite-test-silent')),
            book: new CallBook(),
            createClient: noClient,
            commandTimeoutMs: 50
        });
        cleanups.push(() => client.stop());
        client.start();
        expect(client.connection).toEqual({ state: 'connecting' });
        const refused = await client.answer('c_1').catch((error: unknown) => error);
        expect(refused).toBeInstanceOf(SuiteError);
        expect((refused as SuiteError).params.detail).toBe('the leading tab did not answer');
    });

    it('sends each of the client commands to the leader with its arguments, and settles each with its reply', async () => {
        // Nine replies are sealed one after the other: give the follower time to wait for them all.
        const leader = await followerAndLeader('shared-suite-test-commands', { behindMs: 0 }, 10_000);
        const asked: { id: number; name: string; args: unknown[] }[] = [];
        leader.leaderSide.onmessage = (event) => {
            const data = (event as { data: { kind: string; id: number; name: string; args: unknown[] } })
                .data;
            if (data.kind === 'command') asked.push({ id: data.id, name: data.name, args: data.args });
        };
        const outcome = (name: string, done: Promise<void>) =>
            done.then(
                () => `${name} done`,
                (error: unknown) => `${name} ${(error as SuiteError).code}`
            );
        const commands = [
            outcome('makeCall', leader.client.makeCall('2002')),
            outcome('answer', leader.client.answer('c_1')),
            outcome('hold', leader.client.hold('c_1')),
            outcome('retrieve', leader.client.retrieve('c_1')),
            outcome('clear', leader.client.clear('c_1')),
            outcome('blindTransfer', leader.client.blindTransfer('c_1', '2003')),
            outcome('consult', leader.client.consult('c_1', '2004')),
            outcome('completeTransfer', leader.client.completeTransfer('c_1', 'c_2')),
            outcome('setDnd', leader.client.setDnd(true))
        ];
        await waitFor(() => asked.length === commands.length);
        expect(asked.map(({ name, args }) => [name, ...args])).toEqual([
            ['makeCall', '2002'],
            ['answer', 'c_1'],
            ['hold', 'c_1'],
            ['retrieve', 'c_1'],
            ['clear', 'c_1'],
            ['blindTransfer', 'c_1', '2003'],
            ['consult', 'c_1', '2004'],
            ['completeTransfer', 'c_1', 'c_2'],
            ['setDnd', true]
        ]);
        // The leader refuses the hold and runs the rest.
        for (const { id, name } of asked) {
            const error =
                name === 'hold' ? { code: 'invalidState', params: {}, message: 'invalidState' } : undefined;
            leader.leaderSide.postMessage(await leader.sealed({ kind: 'reply', id, to: leader.from, error }));
        }
        const settled = await Promise.all(commands);
        expect(settled).toEqual([
            'makeCall done',
            'answer done',
            'hold invalidState',
            'retrieve done',
            'clear done',
            'blindTransfer done',
            'consult done',
            'completeTransfer done',
            'setDnd done'
        ]);
    });

    it("asks the leader to claim a call's log, and reads no answer as failed", async () => {
        const leader = await followerAndLeader('shared-suite-test-claims', { behindMs: 0 }, 300);
        const asked: Record<string, unknown>[] = [];
        leader.leaderSide.onmessage = (event) => {
            const data = (event as { data: Record<string, unknown> }).data;
            if (data.kind === 'claim') asked.push(data);
        };
        const answered = leader.client.claimLog?.('c_1');
        const unanswered = leader.client.claimLog?.('c_2');
        await waitFor(() => asked.length === 2);
        // The follower names no claimant: the leader claims under its browser's own name.
        expect(asked).toEqual([
            { kind: 'claim', id: expect.any(Number), from: leader.from, callId: 'c_1' },
            { kind: 'claim', id: expect.any(Number), from: leader.from, callId: 'c_2' }
        ]);
        const [first] = asked;
        leader.leaderSide.postMessage(
            await leader.sealed({ kind: 'claimed', id: first.id, to: leader.from, outcome: 'lost' })
        );
        expect(await answered).toBe('lost');
        expect(await unanswered).toBe('failed');
    });

    it('takes the leader state and events, and reports a Suite error the leader met as the same error', async () => {
        const leader = await followerAndLeader('shared-suite-test-mirror');
        const seen: string[] = [];
        leader.client.on('connection', (connection) => seen.push(connection.state));
        leader.client.on('call', (event) => seen.push(`${event.callId} ${event.state}`));
        leader.leaderSide.postMessage(
            await leader.sealed({
                kind: 'state',
                to: leader.from,
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
            })
        );
        await new Promise<void>((resolve) => leader.client.on('connection', () => resolve()));
        expect(leader.client.connection.state).toBe('reconnecting');
        const lastError = (leader.client.connection as { lastError?: SuiteError }).lastError;
        expect(lastError).toBeInstanceOf(SuiteError);
        expect(lastError?.panelMessage()).toEqual({
            code: 'pbxLinkDown',
            params: { host: 'suite', port: '8204' }
        });
        expect([...leader.client.calls.keys()]).toEqual(['c_1']);

        // The next full state no longer has the call: it ended while this tab was not listening.
        leader.leaderSide.postMessage(await leader.sealed(openState([])));
        await new Promise<void>((resolve) => leader.client.on('connection', () => resolve()));
        expect(seen).toEqual(['reconnecting', 'c_1 cleared', 'open']);
        expect(leader.client.calls.size).toBe(0);
    });

    it('takes nothing that the lock holder did not seal: unsealed, sealed by another tab, replayed, or altered', async () => {
        const leader = await followerAndLeader('shared-suite-test-forged');
        leader.leaderSide.postMessage(await leader.sealed(openState([call])));
        await new Promise<void>((resolve) => leader.client.on('connection', () => resolve()));
        expect([...leader.client.calls.keys()]).toEqual(['c_1']);
        const events: string[] = [];
        leader.client.on('call', (event) => events.push(`${event.callId} ${event.state}`));
        leader.client.on('connection', (connection) => events.push(connection.state));

        const forger = new BroadcastChannel('shared-suite-test-forged');
        cleanups.push(() => forger.close());
        // Unsealed, as the leader's messages were before.
        forger.postMessage(openState([]));
        forger.postMessage({ kind: 'call', call: { ...call, state: 'cleared' } });
        // Sealed by a tab that does not hold the leadership lock, with a key of its own.
        const other = createLeaderSeal(leader.locks.forTab(), LOCK);
        cleanups.push(() => other.release());
        forger.postMessage(await other.seal(JSON.stringify(openState([]))));
        // Sealed by the leader, but a copy of a message the follower already took.
        const genuine = await leader.sealed(openState([call]));
        leader.leaderSide.postMessage(genuine);
        forger.postMessage(genuine);
        // The leader's seal on a body it did not sign.
        forger.postMessage({
            ...(await leader.sealed(openState([call]))),
            body: JSON.stringify(openState([]))
        });

        await settled(leader);
        expect([...leader.client.calls.keys()].sort()).toEqual(['c_1', 'c_marker']);
        expect(events).toEqual(['open', 'c_marker ringing']);
    });

    it('takes no sealed message the schema refuses, and keeps taking good ones after it', async () => {
        const leader = await followerAndLeader('shared-suite-test-schema');
        const post = async (message: unknown) => leader.leaderSide.postMessage(await leader.sealed(message));
        await post({ kind: 'state', connection: { state: 'open' }, calls: 'all', dnd: false, pbx: true });
        await post({
            ...openState(Array.from({ length: 51 }, (_, index) => ({ ...call, callId: `c_${index}` })))
        });
        await post({
            kind: 'state',
            connection: { state: 'failed', error: { code: 'constructor', params: {}, message: 'x' } },
            calls: [],
            dnd: false,
            pbx: true
        });
        await post({ kind: 'call', call: { ...call, callId: 42 } });
        await post({ kind: 'nonsense' });
        await settled(leader);
        expect([...leader.client.calls.keys()]).toEqual(['c_marker']);
        expect(leader.client.connection).toEqual({ state: 'connecting' });
    });

    it('asks for a fresh state when the first word it hears from a leader is old, and then takes late messages in order', async () => {
        // Messages sealed 30 seconds ago: a copy, or the backlog of a tab the browser froze.
        const clock = { behindMs: 30_000 };
        const leader = await followerAndLeader('shared-suite-test-stale', clock);
        leader.leaderSide.postMessage(await leader.sealed(openState([call])));
        await waitFor(() => leader.hellos.length === 2);
        expect(leader.client.calls.size).toBe(0);
        expect(leader.hellos).toEqual([leader.from, leader.from]);

        clock.behindMs = 0;
        leader.leaderSide.postMessage(await leader.sealed(openState([call])));
        await new Promise<void>((resolve) => leader.client.on('connection', () => resolve()));
        clock.behindMs = 30_000;
        await settled(leader);
        expect([...leader.client.calls.keys()].sort()).toEqual(['c_1', 'c_marker']);
    });
});
