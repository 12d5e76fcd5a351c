import { Diagnostics } from '../../diagnostics';
import type { LockManagerLike } from '../leadership';
import { createLeaderSeal, createSealVerifier } from '../leaderSeal';

const LOCK = 'mivoice-softphone-alice@example.com';

describe('a leader whose browser refuses it the key lock', () => {
    it('still seals what it says, records the refusal, and is followed by nobody', async () => {
        const refusing: LockManagerLike = {
            request: () =>
                Promise.reject(new DOMException('Web Locks are not allowed here', 'SecurityError')),
            query: async () => ({ held: [], pending: [] })
        };
        const diagnostics = new Diagnostics();
        const seal = createLeaderSeal(refusing, LOCK, Date.now, diagnostics);
        const sealed = await seal.seal('{"kind":"call"}');
        expect(sealed).toMatchObject({ kind: 'sealed', seq: 1, body: '{"kind":"call"}' });
        expect(diagnostics.entries()).toMatchObject([
            {
                operation: 'tabs.sealKeyLock',
                detail: expect.stringContaining('Web Locks are not allowed here')
            }
        ]);
        const opened = await createSealVerifier(refusing, LOCK).open(sealed);
        expect(opened.ok).toBe(false);
        seal.release();
    });
});
