// The softphone tries a lost connection again the moment the network or the agent is back (online,
// focus, the page visible again), not at its next attempt seconds later.
import { MemoryLockManager } from '../../../../test/support/memoryLockManager';
import { createSuiteClient } from '../../suite/client';
import type { WebSocketLike } from '../../suite/types';
import { MemoryStore } from '../../telephony/storage/keyValueStore';
import { derivePlatformNames } from '../adapter/platformNames';
import { SoftphoneController } from '../controller';
import { OpenCtiClient } from '../opencti/openCtiClient';
import { wakeOnReturn } from '../wakeOnReturn';
import { extras } from '../../extras/extras';

function openCti(): OpenCtiClient {
    const answer = (returnValue: unknown) => (args: { callback(response: unknown): void }) =>
        setTimeout(() => args.callback({ success: true, returnValue }));
    return new OpenCtiClient({
        runApex: answer({ runApex: 'alice@example.com' }),
        getCallCenterSettings: answer({
            '/mivoiceSuite/suiteHost': 'suite.test',
            '/mivoiceSuite/apiKey': 'k'
        }),
        onClickToDial: () => undefined,
        onNavigationChange: () => undefined,
        notifyInitializationComplete: answer(null),
        setSoftphonePanelLabel: answer(null),
        setSoftphoneItemIcon: answer(null),
        enableClickToDial: answer(null),
        disableClickToDial: answer(null)
    });
}

const suiteReplies: Record<string, unknown> = {
    '/api/v1/server': { version: '6.0', features: [] },
    '/api/v1/sessions': {
        token: 't',
        heartbeatSec: 20,
        user: { email: 'alice@example.com', displayName: 'Alice Agent', primaryExtension: '2001' }
    }
};

/** A page of the softphone whose Suite sockets the test plays, and whose window and document it fires. */
function page() {
    const sockets: WebSocketLike[] = [];
    const window = new EventTarget();
    const document = Object.assign(new EventTarget(), { visibilityState: 'visible' });
    const controller = new SoftphoneController({
        opencti: openCti(),
        loadExtras: async () => extras,
        panel: { render: () => undefined, onIntent: () => undefined },
        names: derivePlatformNames('/resource/1/SoftphoneCore'),
        storage: new MemoryStore(),
        locks: new MemoryLockManager().forTab(),
        isVisible: () => true,
        hasFocus: () => true,
        createSuite: (connection) =>
            createSuiteClient({
                ...connection,
                // The next attempt after a drop would come 15 s later or more.
                backoff: { baseMs: 60_000, maxMs: 60_000 },
                fetch: (async (url: string) =>
                    new Response(JSON.stringify(suiteReplies[new URL(url).pathname]))) as typeof fetch,
                webSocket: () => {
                    const socket: WebSocketLike = {
                        readyState: 1,
                        onopen: null,
                        onmessage: null,
                        onclose: null,
                        onerror: null,
                        send: () => undefined,
                        close: () => undefined
                    };
                    sockets.push(socket);
                    return socket;
                }
            })
    });
    wakeOnReturn({ window, document }, () => controller.wake());
    return { controller, sockets, window, document };
}

async function until(check: () => unknown): Promise<void> {
    const started = Date.now();
    while (!check()) {
        if (Date.now() - started > 5000) throw new Error('condition not met in time');
        await new Promise((resolve) => setTimeout(resolve, 5));
    }
}

/** Ready, then the link drops: reconnecting, with the next attempt far off. */
async function dropped(softphone: ReturnType<typeof page>): Promise<void> {
    await softphone.controller.start();
    await until(() => softphone.sockets[0]?.onmessage);
    const socket = softphone.sockets[0];
    const frame = (data: unknown) => socket.onmessage?.({ data: JSON.stringify(data) });
    frame({ type: 'hello' });
    frame({ type: 'snapshot', data: { seq: 1, calls: [] } });
    await until(() => softphone.controller.snapshot().status.phase === 'ready');
    socket.onclose?.({ code: 1006, reason: '' });
    expect(softphone.controller.snapshot().status.phase).toBe('reconnecting');
}

describe('back the moment the network or the agent is', () => {
    const stops: (() => void)[] = [];
    afterEach(() => {
        for (const stop of stops.splice(0)) stop();
    });

    it.each([
        ['the browser is online again', 'window', 'online'],
        ['the page gains focus', 'window', 'focus'],
        ['the page becomes visible', 'document', 'visibilitychange']
    ] as const)('tries the lost connection at once when %s', async (_moment, target, event) => {
        const softphone = page();
        stops.push(() => softphone.controller.stop());
        await dropped(softphone);
        softphone[target].dispatchEvent(new Event(event));
        expect(softphone.sockets).toHaveLength(2);
        expect(softphone.controller.snapshot().status.phase).toBe('connecting');
    });

    it('waits for its next attempt while the page stays hidden', async () => {
        const softphone = page();
        stops.push(() => softphone.controller.stop());
        await dropped(softphone);
        softphone.document.visibilityState = 'hidden';
        softphone.document.dispatchEvent(new Event('visibilitychange'));
        expect(softphone.sockets).toHaveLength(1);
        expect(softphone.controller.snapshot().status.phase).toBe('reconnecting');
    });
});
