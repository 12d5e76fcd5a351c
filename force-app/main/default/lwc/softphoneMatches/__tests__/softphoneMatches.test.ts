import '../../../../../../test/support/englishLabels';
import { createElement } from '@lwc/engine-dom';
import MatchList from 'c/softphoneMatches';

type MatchesElement = HTMLElement & { callId?: string; match?: SoftphoneMatch };

const ADA: SoftphoneMatchCandidate = {
    recordId: '0035g00000AdaLov',
    name: 'Ada Lovelace',
    objectType: 'Contact',
    matchedField: 'MobilePhone'
};
const ACME: SoftphoneMatchCandidate = {
    recordId: '0015g00000AcmeLt',
    name: 'ACME Ltd',
    objectType: 'Account',
    matchedField: 'Phone'
};
const ROSALIND: SoftphoneMatchCandidate = {
    recordId: '0015g00000RosFrAAA',
    name: 'Rosalind Franklin',
    objectType: 'Account',
    personAccount: true,
    matchedField: 'PersonMobilePhone'
};
const CUSTOM: SoftphoneMatchCandidate = {
    recordId: 'a015g00000Site01',
    name: 'Depot North',
    objectType: 'Site__c',
    matchedField: 'Switchboard__c'
};

function render(match: SoftphoneMatch, callId = 'c_1'): MatchesElement {
    const element = createElement('c-softphone-matches', { is: MatchList }) as MatchesElement;
    element.callId = callId;
    element.match = match;
    document.body.appendChild(element);
    return element;
}

async function flush(): Promise<void> {
    await Promise.resolve();
    await Promise.resolve();
}

const candidates = (element: Element) =>
    Array.from(element.shadowRoot?.querySelectorAll<HTMLButtonElement>('[data-id="candidate"]') ?? []);

const seen = (element: Element, id: string) =>
    candidates(element).map((row) => row.querySelector(`[data-id="${id}"]`)?.textContent);

function recordPicks(): unknown[] {
    const picks: unknown[] = [];
    document.body.addEventListener('pick', (event) => picks.push((event as CustomEvent).detail));
    return picks;
}

describe('c-softphone-matches', () => {
    afterEach(() => {
        while (document.body.firstChild) document.body.removeChild(document.body.firstChild);
    });

    it('lists every record the search found, with its object and the field that matched, in a named region', async () => {
        const element = render({ kind: 'multiple', candidates: [ADA, ACME, ROSALIND, CUSTOM] });
        await flush();
        const region = element.shadowRoot?.querySelector('[data-id="matches"]');
        expect(region?.getAttribute('aria-label')).toBe('Matching records');
        expect(element.shadowRoot?.querySelector('[data-id="match-heading"]')?.textContent).toBe(
            '4 records match this number. Choose the one for this call:'
        );
        expect(seen(element, 'candidate-name')).toEqual([
            'Ada Lovelace',
            'ACME Ltd',
            'Rosalind Franklin',
            'Depot North'
        ]);
        // A custom object or field has no label here: its API name is what the admin knows it by.
        expect(seen(element, 'candidate-detail')).toEqual([
            'Contact · Mobile',
            'Account · Phone',
            'Person Account · Mobile',
            'Site__c · Switchboard__c'
        ]);
        expect(candidates(element).map((row) => row.getAttribute('aria-current'))).toEqual([
            null,
            null,
            null,
            null
        ]);
        await expect(element).toBeAccessible();
    });

    it('names only the object when the field that matched is not known', async () => {
        const element = render({
            kind: 'multiple',
            candidates: [{ ...ADA, matchedField: undefined }, ACME]
        });
        await flush();
        expect(seen(element, 'candidate-detail')).toEqual(['Contact', 'Account · Phone']);
    });

    it('raises pick with the call and the record the agent chose', async () => {
        const element = render({ kind: 'multiple', candidates: [ADA, ACME] });
        await flush();
        const picks = recordPicks();
        candidates(element)[1].click();
        expect(picks).toEqual([{ callId: 'c_1', recordId: '0015g00000AcmeLt' }]);
    });

    it('marks the picked record as linked, and lets the agent change the choice', async () => {
        const element = render({
            kind: 'single',
            recordId: ACME.recordId,
            recordName: ACME.name,
            candidates: [ADA, ACME],
            pickedId: ACME.recordId
        });
        await flush();
        expect(candidates(element).map((row) => row.getAttribute('aria-current'))).toEqual([null, 'true']);
        const badges = candidates(element).map(
            (row) => (row.querySelector('[data-id="candidate-linked"]') as { label?: string } | null)?.label
        );
        expect(badges).toEqual([undefined, 'Linked']);
        await expect(element).toBeAccessible();
        const picks = recordPicks();
        candidates(element)[1].click();
        expect(picks).toEqual([]);
        candidates(element)[0].click();
        expect(picks).toEqual([{ callId: 'c_1', recordId: ADA.recordId }]);
    });

    it.each<[string, SoftphoneMatch]>([
        ['no search yet', { kind: 'notSearched' }],
        ['a search running', { kind: 'pending' }],
        ['one record', { kind: 'single', recordId: ADA.recordId, recordName: ADA.name, candidates: [ADA] }],
        ['several records but no list from the core', { kind: 'multiple' }]
    ])('shows nothing with %s', async (_name, match) => {
        const element = render(match);
        await flush();
        expect(element.shadowRoot?.querySelector('[data-id="matches"]')).toBeNull();
    });
});
