// A notice stays while its cause holds, goes when the cause is gone, and the agent can dismiss it.
import { Notices, type NoticeWorld } from '../notices';

const world = (overrides: Partial<NoticeWorld> = {}): NoticeWorld => ({
    ready: true,
    callState: () => undefined,
    taskLogTroubled: () => false,
    extrasLoaded: true,
    ...overrides
});

describe('Notices', () => {
    it('keeps a notice about the connection until the connection is back', () => {
        const notices = new Notices();
        notices.show('notConnected', undefined);
        notices.settle(world({ ready: true }));
        // Shown while the connection still looked open: it waits for the drop and the return.
        expect(notices.notice?.code).toBe('notConnected');
        notices.settle(world({ ready: false }));
        expect(notices.notice?.code).toBe('notConnected');
        notices.settle(world({ ready: true }));
        expect(notices.notice).toBeUndefined();
    });

    it('drops a notice about a call once the call changed or ended', () => {
        const notices = new Notices();
        notices.show('callChanged', undefined, { kind: 'call', callId: 'c_1', state: 'held' });
        notices.settle(world({ callState: () => 'held' }));
        expect(notices.notice).toMatchObject({ code: 'callChanged', id: 1 });
        notices.settle(world({ callState: () => 'connected' }));
        expect(notices.notice).toBeUndefined();
    });

    it('drops a notice about the number once it is edited or a call is placed, and one about Task saves once they caught up', () => {
        const notices = new Notices();
        notices.show('numberInvalid', { number: '12ab' });
        notices.dialMoved();
        expect(notices.notice).toBeUndefined();
        notices.show('callLogRetrying', undefined);
        notices.settle(world({ taskLogTroubled: () => true }));
        expect(notices.notice?.code).toBe('callLogRetrying');
        notices.settle(world());
        expect(notices.notice).toBeUndefined();
    });

    it('keeps the notice that part of the softphone did not load until it has loaded', () => {
        const notices = new Notices();
        notices.show('extrasUnavailable', undefined);
        notices.settle(world({ extrasLoaded: false }));
        expect(notices.notice?.code).toBe('extrasUnavailable');
        notices.settle(world({ extrasLoaded: true }));
        expect(notices.notice).toBeUndefined();
    });

    it('lets the agent dismiss the notice shown, and only that one', () => {
        const notices = new Notices();
        notices.show('storageUnavailable', undefined);
        notices.show('phoneWindowBlocked', undefined);
        expect(notices.dismiss(1)).toBe(false);
        expect(notices.notice).toEqual({ code: 'phoneWindowBlocked', id: 2 });
        notices.settle(world({ ready: false }));
        expect(notices.dismiss(2)).toBe(true);
        expect(notices.notice).toBeUndefined();
    });
});
