// The pop mark in storage is shared with any script of the origin, so only a mark this softphone
// could have written keeps a tab from popping.
import { MemoryStore } from '../keyValueStore';
import { MemoryLockManager } from '../leadership';
import { claimAutoPop } from '../popClaim';

const claim = (storage: MemoryStore, callId = 'c_1') =>
    claimAutoPop(callId, {
        storage,
        locks: new MemoryLockManager(),
        isVisible: () => true,
        hasFocus: () => true
    });

describe('claimAutoPop', () => {
    it('pops once per call', async () => {
        const storage = new MemoryStore();
        await expect(claim(storage)).resolves.toBe(true);
        await expect(claim(storage)).resolves.toBe(false);
    });

    it('pops despite a mark that is not a time, or a time in the future, and removes such marks', async () => {
        const storage = new MemoryStore();
        storage.setItem('mivoice.popped.c_1', 'taken');
        storage.setItem('mivoice.popped.c_2', String(Date.now() + 86_400_000));
        storage.setItem('mivoice.popped.c_3', 'x'.repeat(1000));
        await expect(claim(storage, 'c_1')).resolves.toBe(true);
        await expect(claim(storage, 'c_2')).resolves.toBe(true);
        expect(storage.getItem('mivoice.popped.c_3')).toBeNull();
    });
});
