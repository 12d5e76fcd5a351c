import { MemoryLockManager } from '../../../../../test/support/memoryLockManager';
import { electLeader } from '../leadership';

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('electLeader', () => {
    it('acts alone when the lock manager throws at once instead of rejecting', async () => {
        const request = () => {
            throw new DOMException('The request was denied.', 'SecurityError');
        };
        const leadership = electLeader({ request }, 'mivoice-softphone-alice');
        const changes: boolean[] = [];
        leadership.onChange((isLeader) => changes.push(isLeader));
        await settle();
        expect(leadership.isLeader).toBe(true);
        expect(changes).toEqual([true]);
    });

    it('makes the first tab the leader and lets the others wait', async () => {
        const locks = new MemoryLockManager();
        const first = electLeader(locks, 'mivoice-softphone-alice');
        const second = electLeader(locks, 'mivoice-softphone-alice');
        await settle();
        expect(first.isLeader).toBe(true);
        expect(second.isLeader).toBe(false);
    });

    it('hands leadership to a waiting tab as soon as the leader goes away', async () => {
        const locks = new MemoryLockManager();
        const first = electLeader(locks, 'mivoice-softphone-alice');
        const second = electLeader(locks, 'mivoice-softphone-alice');
        const third = electLeader(locks, 'mivoice-softphone-alice');
        const changes: boolean[] = [];
        second.onChange((isLeader) => changes.push(isLeader));
        await settle();

        first.release();
        await settle();
        expect(first.isLeader).toBe(false);
        expect(second.isLeader).toBe(true);
        expect(third.isLeader).toBe(false);
        expect(changes).toEqual([true]);
    });

    it('lets a waiting tab stop waiting without ever leading', async () => {
        const locks = new MemoryLockManager();
        const first = electLeader(locks, 'lock');
        const second = electLeader(locks, 'lock');
        const third = electLeader(locks, 'lock');
        await settle();
        second.release();
        first.release();
        await settle();
        expect(second.isLeader).toBe(false);
        expect(third.isLeader).toBe(true);
    });

    it('keeps agents apart: different lock names lead independently', async () => {
        const locks = new MemoryLockManager();
        const alice = electLeader(locks, 'mivoice-softphone-alice');
        const bob = electLeader(locks, 'mivoice-softphone-bob');
        await settle();
        expect(alice.isLeader && bob.isLeader).toBe(true);
    });

    it('leads alone where the browser has no Web Locks', async () => {
        const solo = electLeader(undefined, 'lock');
        await settle();
        expect(solo.isLeader).toBe(true);
    });

    it('leads alone when the browser refuses Web Locks in this frame', async () => {
        const refusing = {
            request: () => Promise.reject(new DOMException('Access denied', 'SecurityError'))
        };
        const solo = electLeader(refusing, 'lock');
        await settle();
        expect(solo.isLeader).toBe(true);
    });

    it('gives the lead to a preferred tab at once; the tab it took it from waits and leads again when it goes', async () => {
        const locks = new MemoryLockManager();
        const lightning = electLeader(locks.forTab(), 'connection');
        const other = electLeader(locks.forTab(), 'connection');
        await settle();
        const changes: boolean[] = [];
        lightning.onChange((isLeader) => changes.push(isLeader));

        const phoneWindow = electLeader(locks.forTab(), 'connection', { preferred: true });
        await settle();
        expect(phoneWindow.isLeader).toBe(true);
        expect(lightning.isLeader).toBe(false);
        expect(other.isLeader).toBe(false);
        expect(changes).toEqual([false]);
        const { held = [], pending = [] } = await locks.query();
        expect(held.map((lock) => lock.name)).toEqual(['connection']);
        expect(pending).toHaveLength(2);

        phoneWindow.release();
        await settle();
        // The tab that waited longest leads; the one that stepped down waits behind it.
        expect(other.isLeader).toBe(true);
        expect(lightning.isLeader).toBe(false);
        other.release();
        await settle();
        expect(lightning.isLeader).toBe(true);
        expect(changes).toEqual([false, true]);
    });
});
