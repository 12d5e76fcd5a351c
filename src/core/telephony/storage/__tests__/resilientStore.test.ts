import { MemoryStore } from '../keyValueStore';
import { ResilientStore } from '../resilientStore';

/** localStorage with a quota: refuses a write that would take it past `capacity` characters. */
class QuotaStore extends MemoryStore {
    private readonly capacity: number;

    constructor(capacity: number) {
        super();
        this.capacity = capacity;
    }

    private used(except?: string): number {
        let total = 0;
        for (let index = 0; index < this.length; index++) {
            const key = this.key(index) as string;
            if (key !== except) total += key.length + (this.getItem(key) ?? '').length;
        }
        return total;
    }

    override setItem(key: string, value: string): void {
        if (this.used(key) + key.length + value.length > this.capacity)
            throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
        super.setItem(key, value);
    }
}

const NOW = 1_800_000_000_000;

describe('ResilientStore', () => {
    it('makes room by dropping only what is ours and expendable, and stays on storage', () => {
        const backing = new QuotaStore(450);
        backing.setItem('mivoice.popMark.alice.c_1', '1'.repeat(60));
        backing.setItem('mivoice.recent.alice', '["01632 960123"]'.padEnd(60));
        backing.setItem('mivoice.taskSaved.alice.c_0', JSON.stringify({ taskId: '00T1', savedAt: 0 }));
        backing.setItem(
            'mivoice.taskSaved.alice.c_1',
            JSON.stringify({ taskId: '00T2', savedAt: NOW - 60_000 })
        );
        backing.setItem('mivoice.callNotes.alice.c_2', 'notes'.padEnd(60));
        backing.setItem('other.app', 'theirs'.padEnd(60));
        const store = new ResilientStore(backing, () => NOW);
        let fellBack = false;
        store.onFallback(() => (fellBack = true));

        store.setItem('mivoice.taskLog.alice.c_2', 'x'.repeat(150));

        expect(backing.getItem('mivoice.taskLog.alice.c_2')).toBe('x'.repeat(150));
        expect(backing.getItem('mivoice.popMark.alice.c_1')).toBeNull();
        expect(backing.getItem('mivoice.taskSaved.alice.c_0')).toBeNull();
        // A recent saved mark still refuses a late duplicate of that call.
        expect(backing.getItem('mivoice.taskSaved.alice.c_1')).not.toBeNull();
        expect(backing.getItem('mivoice.callNotes.alice.c_2')).not.toBeNull();
        expect(backing.getItem('other.app')).not.toBeNull();
        expect(fellBack).toBe(false);
    });

    it('falls back to memory when nothing can be dropped, keeps what it could read, and says so once', () => {
        const backing = new QuotaStore(120);
        backing.setItem('mivoice.notes.c_1', 'Call back Friday');
        backing.setItem('other.app', 'x'.repeat(60));
        const store = new ResilientStore(backing);
        const notices: string[] = [];
        store.onFallback(() => notices.push('fallback'));

        store.setItem('mivoice.taskLog.alice.c_1', 'y'.repeat(200));
        store.setItem('mivoice.taskLog.alice.c_2', 'z');

        expect(store.inMemory).toBe(true);
        expect(store.getItem('mivoice.taskLog.alice.c_1')).toBe('y'.repeat(200));
        expect(store.getItem('mivoice.notes.c_1')).toBe('Call back Friday');
        expect(store.getItem('other.app')).toBeNull();
        expect(notices).toEqual(['fallback']);
    });

    it('survives storage that throws on every access', () => {
        const denied = new MemoryStore();
        const refuse = () => {
            throw new DOMException('Access is denied for this document.', 'SecurityError');
        };
        Object.assign(denied, { getItem: refuse, setItem: refuse, removeItem: refuse, key: refuse });
        const store = new ResilientStore(denied);
        expect(store.getItem('mivoice.recent.alice')).toBeNull();
        store.setItem('mivoice.recent.alice', '[]');
        expect(store.getItem('mivoice.recent.alice')).toBe('[]');
        expect(() => store.removeItem('mivoice.recent.alice')).not.toThrow();
        expect(store.getItem('mivoice.recent.alice')).toBeNull();
    });
});
