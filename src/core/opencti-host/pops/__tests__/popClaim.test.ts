// The pop mark in storage is shared with any script of the origin, so only a mark this softphone
// could have written keeps a tab from popping.
import { AgentStorage } from '../../../telephony/storage/agentStorage';
import { MemoryStore } from '../../../telephony/storage/keyValueStore';
import { MemoryLockManager } from '../../../../../test/support/memoryLockManager';
import { claimAutoPop } from '../popClaim';

const claim = (storage: MemoryStore, callId = 'c_1', agent = 'alice@example.com') =>
    claimAutoPop(callId, {
        storage: new AgentStorage(storage, agent),
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
        storage.setItem('mivoice.popMark.alice@example.com.c_1', 'taken');
        storage.setItem('mivoice.popMark.alice@example.com.c_2', String(Date.now() + 86_400_000));
        storage.setItem('mivoice.popMark.alice@example.com.c_3', 'x'.repeat(1000));
        await expect(claim(storage, 'c_1')).resolves.toBe(true);
        await expect(claim(storage, 'c_2')).resolves.toBe(true);
        expect(storage.getItem('mivoice.popMark.alice@example.com.c_3')).toBeNull();
    });

    it('keeps one agent’s marks from another’s, and clears the marks an earlier release left', async () => {
        const storage = new MemoryStore();
        storage.setItem('mivoice.popped.c_1', String(Date.now()));
        await expect(claim(storage, 'c_1', 'alice@example.com')).resolves.toBe(true);
        await expect(claim(storage, 'c_1', 'bob@example.com')).resolves.toBe(true);
        await expect(claim(storage, 'c_1', 'alice@example.com')).resolves.toBe(false);
        expect(storage.getItem('mivoice.popped.c_1')).toBeNull();
    });
});
