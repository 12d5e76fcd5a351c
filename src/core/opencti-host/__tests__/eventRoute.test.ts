// The route a Suite call event takes to the panel, measured as the call stack at the moment the
// panel is handed its new state: in the tab that holds the connection it is at most eight
// function-to-function handoffs (the last, the panel host's microtask, sets the state on the
// element), with the tab-sharing code off the route; in a tab that follows, the leader's message is
// taken into the book and handed to the host as directly. docs/architecture.md draws these routes.
import { BroadcastChannel } from 'node:worker_threads';
import { MemoryLockManager } from '../../../../test/support/memoryLockManager';
import { createSuiteClient } from '../../suite/client';
import type { WebSocketLike } from '../../suite/types';
import { MemoryStore } from '../../telephony/storage/keyValueStore';
import { tabChannel } from '../../telephony/tabs/tabChannel';
import { derivePlatformNames } from '../adapter/platformNames';
import { SoftphoneController } from '../controller';
import { OpenCtiClient } from '../opencti/openCtiClient';
import { extras } from '../../extras/extras';

/** Open CTI as far as start-up, a ringing call and a click-to-dial use it: every request answered at once. */
function openCti(clickToDial: { listener?: (payload: unknown) => void }): OpenCtiClient {
    const answer = (returnValue: unknown) => (args: { callback(response: unknown): void }) =>
        setTimeout(() => args.callback({ success: true, returnValue }));
    return new OpenCtiClient({
        runApex: answer({ runApex: 'alice@example.com' }),
        getCallCenterSettings: answer({
            '/mivoiceSuite/suiteHost': 'suite.test',
            '/mivoiceSuite/apiKey': 'k'
        }),
        onClickToDial: (args: { listener(payload: unknown): void }) => (clickToDial.listener = args.listener),
        onNavigationChange: () => undefined,
        notifyInitializationComplete: answer(null),
        setSoftphonePanelLabel: answer(null),
        setSoftphoneItemIcon: answer(null),
        enableClickToDial: answer(null),
        setSoftphonePanelVisibility: answer(null)
    });
}

const suiteReplies: Record<string, unknown> = {
    '/api/v1/server': { version: '6.0', features: [] },
    '/api/v1/sessions': {
        token: 't',
        heartbeatSec: 20,
        user: { email: 'alice@example.com', displayName: 'Alice Agent', primaryExtension: '2001' }
    },
    '/api/v1/calls': {}
};

const ringing = {
    type: 'event',
    event: 'call.ringing',
    seq: 2,
    data: {
        callId: 'c_route',
        state: 'ringing',
        direction: 'inbound',
        remote: { number: '01632 960123', name: 'ACME LTD' },
        startTime: 1,
        cause: 'newCall',
        capabilities: ['answer']
    }
};

/**
 * A softphone tab whose Suite socket the test plays: the stack when its panel first shows the call,
 * and the stack when it asks the Suite to place a call.
 */
function tab(locks: MemoryLockManager, tabs: boolean) {
    let socket: WebSocketLike | undefined;
    let stack: string | undefined;
    let dialStack: string | undefined;
    const clickToDial: { listener?: (payload: unknown) => void } = {};
    const controller = new SoftphoneController({
        opencti: openCti(clickToDial),
        loadExtras: async () => extras,
        panel: {
            render: (state) => {
                if (!stack && state.calls.some((call) => call.callId === 'c_route'))
                    stack = new Error().stack;
            },
            onIntent: () => undefined
        },
        names: derivePlatformNames('/resource/1/SoftphoneCore'),
        storage: new MemoryStore(),
        locks: locks.forTab(),
        openTabChannel: tabs ? (name) => tabChannel(new BroadcastChannel(name)) : undefined,
        isVisible: () => false,
        hasFocus: () => false,
        createSuite: (connection) =>
            createSuiteClient({
                ...connection,
                fetch: (async (url: string) => {
                    const path = new URL(url).pathname;
                    if (path === '/api/v1/calls') dialStack ??= new Error().stack;
                    return new Response(JSON.stringify(suiteReplies[path]));
                }) as typeof fetch,
                webSocket: () => {
                    socket = {
                        readyState: 1,
                        onopen: null,
                        onmessage: null,
                        onclose: null,
                        onerror: null,
                        send: () => undefined,
                        close: () => undefined
                    };
                    return socket;
                }
            })
    });
    const frame = (data: unknown) => socket?.onmessage?.({ data: JSON.stringify(data) });
    return {
        controller,
        frame,
        clickToDial: (number: string) => clickToDial.listener?.({ number }),
        socket: () => socket,
        stack: () => stack,
        dialStack: () => dialStack
    };
}

async function until(check: () => unknown): Promise<void> {
    const started = Date.now();
    while (!check()) {
        if (Date.now() - started > 5000) throw new Error('condition not met in time');
        await new Promise((resolve) => setTimeout(resolve, 5));
    }
}

/** The frames of a stack from the outermost one matching `from` to where it was taken, as file:function. */
function route(stack: string | undefined, from: RegExp): string[] {
    const frames = (stack ?? '')
        .split('\n')
        .slice(1)
        .map((line) => line.trim().replace(/^at /, ''))
        .filter((line) => line.includes('/src/core/'))
        .map((line) => {
            const [, name = '<anonymous>', file = line] = /^(.*?) \((.*)\)$/.exec(line) ?? [];
            const path = /src\/core\/(.*?\.ts)/.exec(file)?.[1] ?? file;
            return `${path}:${name.replace(/^(Object|Array)\./, '')}`;
        });
    const outermostFirst = frames.reverse();
    return outermostFirst.slice(outermostFirst.findIndex((frame) => from.test(frame)));
}

async function ready(softphone: ReturnType<typeof tab>): Promise<void> {
    await softphone.controller.start();
    await until(() => softphone.socket()?.onmessage);
    softphone.frame({ type: 'hello' });
    softphone.frame({ type: 'snapshot', data: { seq: 1, calls: [] } });
    await until(() => softphone.controller.snapshot().status.phase === 'ready');
}

describe('a Suite call event on its way to the panel', () => {
    const stops: (() => void)[] = [];
    afterEach(() => {
        for (const stop of stops.splice(0)) stop();
    });

    /** A tab that holds the connection, and a tab of the same browser that follows it, both ready. */
    async function leaderAndFollower() {
        const locks = new MemoryLockManager();
        const leader = tab(locks, true);
        stops.push(() => leader.controller.stop());
        await ready(leader);
        const follower = tab(locks, true);
        stops.push(() => follower.controller.stop());
        await follower.controller.start();
        await until(() => follower.controller.snapshot().status.phase === 'ready');
        return [leader, follower] as const;
    }

    it('takes at most eight handoffs in the tab that holds the connection, none through the tab sharing', async () => {
        const leader = tab(new MemoryLockManager(), true);
        stops.push(() => leader.controller.stop());
        await ready(leader);
        leader.frame(ringing);
        const hops = route(leader.stack(), /suite\/client\.ts:.*onmessage/);
        expect(hops).toEqual([
            'suite/client.ts:socket.onmessage',
            'suite/client.ts:HttpSuiteClient.#applyEvent',
            'suite/listeners.ts:Listeners.emit',
            'opencti-host/controller.ts:#onCall',
            'opencti-host/controller.ts:SoftphoneController.#render',
            'opencti-host/__tests__/eventRoute.test.ts:render'
        ]);
        // The panel host's render hands the state to the element in a microtask: one handoff more.
        expect(hops.length + 1).toBeLessThanOrEqual(8);
    });

    it('is as direct in a tab that follows, once the leader’s sealed message is checked', async () => {
        const [leader, follower] = await leaderAndFollower();
        leader.frame(ringing);
        await until(() => follower.stack());
        // The stack starts where the seal check resumed (an await): the follower's own handoffs.
        const hops = route(follower.stack(), /followerClient\.ts/);
        expect(hops).toEqual([
            'telephony/tabs/followerClient.ts:FollowerClient.#open',
            'telephony/tabs/followerClient.ts:FollowerClient.#take',
            'suite/listeners.ts:Listeners.emit',
            'opencti-host/controller.ts:#onCall',
            'opencti-host/controller.ts:SoftphoneController.#render',
            'opencti-host/__tests__/eventRoute.test.ts:render'
        ]);
    });

    it('a click-to-dial reaches the Suite request in the tab that holds the connection', async () => {
        const leader = tab(new MemoryLockManager(), true);
        stops.push(() => leader.controller.stop());
        await ready(leader);
        leader.clickToDial('01632 960123');
        await until(() => leader.dialStack());
        expect(route(leader.dialStack(), /controller\.ts/)).toEqual([
            'opencti-host/controller.ts:listener',
            'opencti-host/controller.ts:SoftphoneController.#onClickToDial',
            'opencti-host/controller.ts:SoftphoneController.#dial',
            'opencti-host/dialPad.ts:DialPad.dial',
            'telephony/tabs/sharedSuiteClient.ts:SharedSuiteClient.makeCall',
            'telephony/tabs/sharedSuiteClient.ts:SharedSuiteClient.command',
            'telephony/tabs/leaderRelay.ts:runOn',
            'suite/commands.ts:HttpSuiteClient.makeCall',
            'suite/commands.ts:send',
            'suite/client.ts:request',
            'suite/suiteRequests.ts:request',
            'opencti-host/__tests__/eventRoute.test.ts:fetch'
        ]);
    });

    it('a click-to-dial in a tab that follows reaches the Suite request through the leader’s relay', async () => {
        const [leader, follower] = await leaderAndFollower();
        follower.clickToDial('01632 960123');
        await until(() => leader.dialStack());
        // The follower's part: the command goes out on the tab channel.
        expect(follower.dialStack()).toBeUndefined();
        // The leader's part, from the channel's message (the BroadcastChannel's own frames aside).
        expect(route(leader.dialStack(), /tabChannel\.ts/)).toEqual([
            'telephony/tabs/tabChannel.ts:BroadcastChannel.channel.onmessage',
            'telephony/tabs/sharedSuiteClient.ts:#options.channel.onmessage',
            'telephony/tabs/leaderRelay.ts:LeaderRelay.receive',
            'telephony/tabs/leaderRelay.ts:LeaderRelay.#runCommand',
            'telephony/tabs/leaderRelay.ts:runOn',
            'suite/commands.ts:HttpSuiteClient.makeCall',
            'suite/commands.ts:send',
            'suite/client.ts:request',
            'suite/suiteRequests.ts:request',
            'opencti-host/__tests__/eventRoute.test.ts:fetch'
        ]);
    });
});
