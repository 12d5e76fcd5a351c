import '../../../../../../test/support/englishLabels';
import { createElement } from '@lwc/engine-dom';
import WrapUpForm, { SUBJECT_DEBOUNCE_MS } from 'c/softphoneWrapUp';
import { NOTES_DEBOUNCE_MS } from 'c/softphoneNotes';

type WrapUpElement = HTMLElement & { call?: SoftphoneCallView };
type Field = HTMLElement & {
    value?: string;
    label?: string;
    maxLength?: number;
    options?: { label: string; value: string }[];
    disabled?: boolean;
};

const NOW = 1_795_532_400_000;
const RESULTS = ['Resolved', 'Follow-up needed', 'Left voicemail'];

function endedCall(wrapUp: Partial<SoftphoneWrapUp> = {}, notes = 'Wants a quote'): SoftphoneCallView {
    return {
        callId: 'c_1',
        state: 'cleared',
        direction: 'inbound',
        number: '01632960123',
        pbxName: 'Ada Lovelace',
        match: { kind: 'single', recordId: '0035g00000AdaLov', recordName: 'Ada Lovelace' },
        startedAt: NOW - 300_000,
        answeredAt: NOW - 290_000,
        capabilities: [],
        active: true,
        notes,
        canPop: false,
        wrapUp: {
            subject: 'Inbound call from Ada Lovelace (01632 960123)',
            result: '',
            resultChoices: RESULTS,
            linkedRecord: { recordId: '0035g00000AdaLov', name: 'Ada Lovelace', objectType: 'Contact' },
            ...wrapUp
        }
    };
}

function render(call: SoftphoneCallView): WrapUpElement {
    const element = createElement('c-softphone-wrap-up', { is: WrapUpForm }) as WrapUpElement;
    element.call = call;
    document.body.appendChild(element);
    return element;
}

async function flush(): Promise<void> {
    await Promise.resolve();
    await Promise.resolve();
}

const $ = (element: Element, id: string) =>
    element.shadowRoot?.querySelector<Field>(`[data-id="${id}"]`) ?? null;
const notesArea = (element: Element) =>
    element.shadowRoot
        ?.querySelector('c-softphone-notes')
        ?.shadowRoot?.querySelector<Field>('[data-id="notes"]') ?? null;
const change = (field: Field | null, value: string) =>
    field?.dispatchEvent(new CustomEvent('change', { detail: { value } }));

const INTENTS = ['wrapupchange', 'wrapupdone', 'notes', 'openrecord'];
function recordIntents(): [string, unknown][] {
    const seen: [string, unknown][] = [];
    for (const type of INTENTS)
        document.body.addEventListener(type, (event) => seen.push([type, (event as CustomEvent).detail]));
    return seen;
}

describe('c-softphone-wrap-up', () => {
    afterEach(() => {
        while (document.body.firstChild) document.body.removeChild(document.body.firstChild);
        jest.useRealTimers();
    });

    it('shows the linked record, the subject, the call results, the notes and Done, in a named region', async () => {
        const element = render(endedCall());
        await flush();
        expect($(element, 'wrap-up')?.getAttribute('aria-label')).toBe('After-call work');
        expect($(element, 'open-linked-record')?.label).toBe('Ada Lovelace');
        expect($(element, 'linked-type')?.textContent).toBe('Contact');
        expect($(element, 'subject')?.label).toBe('Subject');
        expect($(element, 'subject')?.value).toBe('Inbound call from Ada Lovelace (01632 960123)');
        expect($(element, 'subject')?.maxLength).toBe(255);
        expect($(element, 'result')?.label).toBe('Call Result');
        expect($(element, 'result')?.value).toBe('');
        expect($(element, 'result')?.options).toEqual([
            { label: 'None', value: '' },
            { label: 'Resolved', value: 'Resolved' },
            { label: 'Follow-up needed', value: 'Follow-up needed' },
            { label: 'Left voicemail', value: 'Left voicemail' }
        ]);
        expect(notesArea(element)?.value).toBe('Wants a quote');
        expect($(element, 'done')?.label).toBe('Done');
        expect($(element, 'done')?.disabled).toBe(false);
        expect($(element, 'countdown')).toBeNull();
        await expect(element).toBeAccessible();
    });

    it('offers no call result picker when the admin defined no results', async () => {
        const element = render(endedCall({ resultChoices: [] }));
        await flush();
        expect($(element, 'result')).toBeNull();
        expect($(element, 'subject')).not.toBeNull();
        await expect(element).toBeAccessible();
    });

    it('says the Task is linked to no record, and names a Person Account as one', async () => {
        const element = render(endedCall({ linkedRecord: undefined }));
        await flush();
        expect($(element, 'not-linked')?.textContent?.trim()).toBe(
            'Not linked to a record. Choose a matching record or use Find Caller.'
        );
        expect($(element, 'open-linked-record')).toBeNull();
        await expect(element).toBeAccessible();
        element.call = endedCall({
            linkedRecord: {
                recordId: '0015g00000RosFrAAA',
                name: 'Rosalind Franklin',
                objectType: 'Account',
                personAccount: true
            }
        });
        await flush();
        expect($(element, 'linked-type')?.textContent).toBe('Person Account');
    });

    it('opens the linked record', async () => {
        const element = render(endedCall());
        await flush();
        const intents = recordIntents();
        $(element, 'open-linked-record')?.click();
        expect(intents).toEqual([['openrecord', { recordId: '0035g00000AdaLov' }]]);
    });

    it('sends a picked result at once and the subject after a pause in typing', async () => {
        jest.useFakeTimers();
        const element = render(endedCall());
        await flush();
        const intents = recordIntents();
        change($(element, 'result'), 'Left voicemail');
        expect(intents).toEqual([
            ['wrapupchange', { callId: 'c_1', field: 'result', value: 'Left voicemail' }]
        ]);
        change($(element, 'subject'), 'Quote');
        change($(element, 'subject'), 'Quote for ACME');
        jest.advanceTimersByTime(SUBJECT_DEBOUNCE_MS - 1);
        expect(intents).toHaveLength(1);
        jest.advanceTimersByTime(1);
        expect(intents).toEqual([
            ['wrapupchange', { callId: 'c_1', field: 'result', value: 'Left voicemail' }],
            ['wrapupchange', { callId: 'c_1', field: 'subject', value: 'Quote for ACME' }]
        ]);
    });

    it('Done with nothing changed carries no changes, once', async () => {
        const element = render(endedCall());
        await flush();
        const intents = recordIntents();
        $(element, 'done')?.click();
        await flush();
        expect(intents).toEqual([['wrapupdone', { callId: 'c_1', changes: {} }]]);
        expect($(element, 'done')?.disabled).toBe(true);
        $(element, 'done')?.click();
        expect(intents).toHaveLength(1);
    });

    it('Done right after typing sends what was still pending, then carries every field that changed', async () => {
        jest.useFakeTimers();
        const element = render(endedCall({ result: 'Resolved' }));
        await flush();
        const intents = recordIntents();
        change(notesArea(element), 'Wants a quote by Friday');
        change($(element, 'subject'), 'Quote for ACME');
        change($(element, 'result'), 'Follow-up needed');
        $(element, 'done')?.click();
        expect(intents).toEqual([
            ['wrapupchange', { callId: 'c_1', field: 'result', value: 'Follow-up needed' }],
            ['notes', { callId: 'c_1', text: 'Wants a quote by Friday' }],
            ['wrapupchange', { callId: 'c_1', field: 'subject', value: 'Quote for ACME' }],
            [
                'wrapupdone',
                {
                    callId: 'c_1',
                    changes: {
                        notes: 'Wants a quote by Friday',
                        result: 'Follow-up needed',
                        subject: 'Quote for ACME'
                    }
                }
            ]
        ]);
        jest.advanceTimersByTime(Math.max(NOTES_DEBOUNCE_MS, SUBJECT_DEBOUNCE_MS) * 2);
        expect(intents).toHaveLength(4);
    });

    it('Done carries only the fields that still differ from the snapshot', async () => {
        const element = render(endedCall());
        await flush();
        const intents = recordIntents();
        change($(element, 'result'), 'Resolved');
        // The core echoes the pick in the next snapshot: it is no change of Done's any more.
        element.call = endedCall({ result: 'Resolved' });
        await flush();
        expect($(element, 'result')?.value).toBe('Resolved');
        change($(element, 'subject'), 'Quote');
        $(element, 'done')?.click();
        expect(intents.at(-1)).toEqual(['wrapupdone', { callId: 'c_1', changes: { subject: 'Quote' } }]);
    });

    it('shows what another tab saved while this one is not editing', async () => {
        const element = render(endedCall());
        await flush();
        element.call = endedCall({ subject: 'Typed in the other tab', result: 'Resolved' }, 'Other notes');
        await flush();
        expect($(element, 'subject')?.value).toBe('Typed in the other tab');
        expect($(element, 'result')?.value).toBe('Resolved');
        expect(notesArea(element)?.value).toBe('Other notes');
    });

    it('keeps the subject being typed over a snapshot that echoes older text', async () => {
        jest.useFakeTimers();
        const element = render(endedCall());
        await flush();
        $(element, 'subject')?.dispatchEvent(new CustomEvent('focus'));
        change($(element, 'subject'), 'Quote for AC');
        element.call = endedCall({ subject: 'Quote' });
        await flush();
        expect($(element, 'subject')?.value).toBe('Quote for AC');
    });

    it('counts down to the auto-close deadline, then says it is closing', async () => {
        jest.useFakeTimers({ now: NOW });
        const element = render(endedCall({ closesAt: NOW + 30_000 }));
        await flush();
        expect($(element, 'countdown')?.textContent?.trim()).toBe('Closes in 30 s, saving what you typed.');
        jest.advanceTimersByTime(12_000);
        await flush();
        expect($(element, 'countdown')?.textContent?.trim()).toBe('Closes in 18 s, saving what you typed.');
        jest.advanceTimersByTime(18_000);
        await flush();
        expect($(element, 'countdown')?.textContent?.trim()).toBe('Closing and saving…');
    });

    it('is accessible with a countdown', async () => {
        const element = render(endedCall({ closesAt: Date.now() + 30_000 }));
        await flush();
        expect($(element, 'countdown')).not.toBeNull();
        await expect(element).toBeAccessible();
    });

    it('runs its countdown timer only while a deadline is set and the form is on the page', async () => {
        jest.useFakeTimers({ now: NOW });
        const element = render(endedCall());
        await flush();
        expect(jest.getTimerCount()).toBe(0);
        element.call = endedCall({ closesAt: NOW + 30_000 });
        await flush();
        expect(jest.getTimerCount()).toBe(1);
        document.body.removeChild(element);
        expect(jest.getTimerCount()).toBe(0);
    });

    it('starts no timer for a form that is not on the page', () => {
        jest.useFakeTimers({ now: NOW });
        const element = createElement('c-softphone-wrap-up', { is: WrapUpForm }) as WrapUpElement;
        element.call = endedCall({ closesAt: NOW + 30_000 });
        expect(jest.getTimerCount()).toBe(0);
    });

    it('starts afresh for the next call: Done is offered again', async () => {
        const element = render(endedCall());
        await flush();
        $(element, 'done')?.click();
        await flush();
        element.call = { ...endedCall(), callId: 'c_2' };
        await flush();
        expect($(element, 'done')?.disabled).toBe(false);
    });
});
