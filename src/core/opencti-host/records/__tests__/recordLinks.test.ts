// What a call is linked to, across the agent's tabs: click-to-dial, a pop's matches, the record
// the agent opens, and the notes typed, as two tabs sharing one storage see them.
import { AgentStorage } from '../../../telephony/storage/agentStorage';
import { MemoryStore } from '../../../telephony/storage/keyValueStore';
import { RecordLinks } from '../recordLinks';

const ada = { recordId: '0035g00000AdaLov', name: 'Ada Lovelace', objectType: 'Contact' };
const acme = { recordId: '0015g00000AcmeLt', name: 'ACME Ltd', objectType: 'Account' };

function tabs() {
    let now = 1_800_000_000_000;
    const store = new MemoryStore();
    const clock = () => now;
    const tab = () => new RecordLinks(new AgentStorage(store, 'alice@example.com', clock), clock);
    return { store, first: tab(), second: tab(), tick: (ms = 1000) => (now += ms) };
}

describe('RecordLinks', () => {
    it('links the outbound call a click-to-dial placed to the record it came from, and no other call', () => {
        const { first } = tabs();
        first.expectDial(ada);
        expect(first.open('c_in', true).linked).toBeUndefined();
        const link = first.open('c_out', false);
        expect(link).toMatchObject({
            linked: ada,
            popRequested: true,
            match: { kind: 'single', recordName: 'Ada Lovelace' }
        });
        expect(first.open('c_out2', false).linked).toBeUndefined();
    });

    it('forgets a click-to-dial the Suite refused, or that no call followed within half a minute', () => {
        const links = tabs();
        links.first.expectDial(ada);
        links.first.dialFailed();
        expect(links.first.open('c_1', false).linked).toBeUndefined();
        links.first.expectDial(ada);
        links.tick(30_001);
        expect(links.first.open('c_2', false).linked).toBeUndefined();
    });

    it('shares what a pop found with the other tab, which adopts it when asked and stops offering a pop', () => {
        const { first, second, tick } = tabs();
        first.open('c_1', true);
        second.open('c_1', true);
        first.searching('c_1');
        first.found('c_1', [ada, acme]);
        expect(second.get('c_1')?.match.kind).toBe('notSearched');
        second.adoptAll();
        expect(second.get('c_1')).toMatchObject({
            match: { kind: 'multiple' },
            candidates: [ada, acme],
            popRequested: true
        });
        tick();
        // Opening one of the matches in the second tab links the call in both.
        expect(second.navigatedTo({ recordId: acme.recordId })).toBe(true);
        expect(second.navigatedTo({ url: '/lightning/page/home' })).toBe(false);
        first.adoptFor('c_1');
        expect(first.get('c_1')).toMatchObject({
            linked: acme,
            match: { kind: 'single', recordId: acme.recordId }
        });
    });

    it('does not overwrite a search running in this tab, and lets the agent pop again after a failed search', () => {
        const { first, second } = tabs();
        first.open('c_1', true);
        second.open('c_1', true);
        second.found('c_1', [ada]);
        first.searching('c_1');
        first.adoptAll();
        expect(first.get('c_1')?.match.kind).toBe('pending');
        first.searchFailed('c_1');
        expect(first.get('c_1')).toMatchObject({ match: { kind: 'notSearched' }, popRequested: false });
    });

    it('ends a call with the link and notes from any tab, and clears what the tabs shared about it once forgotten', () => {
        const { store, first, second } = tabs();
        first.open('c_1', true);
        second.open('c_1', true);
        second.found('c_1', [ada]);
        second.setNotes('c_1', 'Typed in the second tab');
        const ended = first.close('c_1');
        expect(ended).toMatchObject({ linked: ada, notes: 'Typed in the second tab' });
        expect(first.get('c_1')).toBeUndefined();
        // Wrap-up still edits the notes; they go when the call is forgotten.
        expect(store.length).toBeGreaterThan(0);
        first.forget('c_1');
        expect(store.length).toBe(0);
    });

    it('links the call to the candidate the agent picks, and tells the other tabs', () => {
        const { first, second } = tabs();
        const rosalind = {
            recordId: '0015g00000RosFrAAA',
            name: 'Rosalind Franklin',
            objectType: 'Account',
            personAccount: true,
            personContactId: '0035g00000RosFrAAA'
        };
        first.open('c_1', true);
        second.open('c_1', true);
        first.found('c_1', [ada, rosalind]);
        expect(first.pick('c_1', '0035g00000NotOne')).toBeUndefined();
        expect(first.pick('c_1', rosalind.recordId)).toEqual(rosalind);
        second.adoptAll();
        expect(second.get('c_1')).toMatchObject({ linked: rosalind, pickedId: rosalind.recordId });
    });

    it('links a Person Account opened during the call with its person contact, when the Ids have their shape', () => {
        const { first } = tabs();
        const account = { recordId: '0015g00000RosFrAAA', name: 'Rosalind Franklin', objectType: 'Account' };
        first.open('c_1', true);
        first.found('c_1', [ada, account]);
        first.navigatedTo({ recordId: account.recordId, personAccount: true, contactId: '00Q5g00000AlanTu' });
        expect(first.get('c_1')?.linked?.personContactId).toBeUndefined();
        first.navigatedTo({
            recordId: account.recordId,
            personAccount: true,
            contactId: '0035g00000RosFrAAA'
        });
        expect(first.get('c_1')?.linked).toEqual({
            ...account,
            personAccount: true,
            personContactId: '0035g00000RosFrAAA'
        });
    });

    it('gives a call never seen live a link of its own that is not to be popped', () => {
        const { first } = tabs();
        expect(first.close('c_away')).toEqual({
            match: { kind: 'notSearched' },
            candidates: [],
            popRequested: true,
            notes: '',
            linked: undefined
        });
    });
});
