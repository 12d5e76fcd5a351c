// What a tab reads back of what another tab stored about a call; any script of the origin can write
// the same key, so only what a tab of ours could have written is taken.
import { AgentStorage } from '../../../telephony/storage/agentStorage';
import { MemoryStore } from '../../../telephony/storage/keyValueStore';
import { readCallAnnotation } from '../callAnnotation';

const NOW = 1_800_000_000_000;
const ada = { recordId: '0035g00000AdaLov', name: 'Ada Lovelace', objectType: 'Contact' };
const genuine = {
    at: NOW - 1000,
    match: { kind: 'single', recordId: ada.recordId, recordName: ada.name, recordType: ada.objectType },
    candidates: [ada],
    linked: ada
};

const read = (value: unknown) => {
    const storage = new MemoryStore();
    storage.setItem(
        'mivoice.callLink.alice@example.com.c_1',
        typeof value === 'string' ? value : JSON.stringify(value)
    );
    return readCallAnnotation(new AgentStorage(storage, 'alice@example.com', () => NOW), 'c_1');
};

describe('readCallAnnotation', () => {
    it('reads back what a tab stored', () => {
        expect(read(genuine)).toEqual(genuine);
        expect(read({ at: NOW, match: { kind: 'multiple' }, candidates: [ada, ada] })).toEqual({
            at: NOW,
            match: { kind: 'multiple' },
            candidates: [ada, ada],
            linked: undefined
        });
    });

    it('refuses an annotation dated ahead, which would shut out every genuine update after it', () => {
        expect(read({ ...genuine, at: NOW + 86_400_000 })).toBeUndefined();
    });

    it('refuses links that are not Salesforce records, unknown kinds, and a single match that is not the link', () => {
        expect(read({ ...genuine, linked: { ...ada, recordId: '001 OR 1=1' } })).toBeUndefined();
        expect(read({ ...genuine, linked: { ...ada, objectType: '<b>Contact</b>' } })).toBeUndefined();
        expect(read({ ...genuine, match: { kind: 'pending' } })).toBeUndefined();
        expect(
            read({ ...genuine, match: { ...genuine.match, recordId: '0015g00000AcmeLt' } })
        ).toBeUndefined();
        expect(read({ ...genuine, candidates: [{ recordId: 42 }] })).toBeUndefined();
        expect(read('{not json')).toBeUndefined();
    });

    it('bounds what it shows: names without control characters, at most 50 candidates', () => {
        const long = read({
            ...genuine,
            match: { ...genuine.match, recordName: `Ada\u202e${'x'.repeat(5000)}` },
            candidates: Array.from({ length: 500 }, () => ada)
        });
        expect(long?.match.recordName).toMatch(/^Ada x+$/);
        expect(long?.match.recordName?.length).toBe(255);
        expect(long?.candidates).toHaveLength(50);
    });
});
