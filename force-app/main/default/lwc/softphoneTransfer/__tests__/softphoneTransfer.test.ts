import { createElement } from '@lwc/engine-dom';
import SoftphoneTransfer from 'c/softphoneTransfer';

type TransferElement = HTMLElement & { callId?: string; canTransfer?: boolean; canConsult?: boolean };
type Field = HTMLElement & { value?: string; label?: string; type?: string };
type Button = HTMLElement & { disabled?: boolean; label?: string };

function render(props: Partial<TransferElement>): TransferElement {
    const element = createElement('c-softphone-transfer', { is: SoftphoneTransfer }) as TransferElement;
    Object.assign(element, { callId: 'c_1', ...props });
    document.body.appendChild(element);
    return element;
}

async function flush(): Promise<void> {
    await Promise.resolve();
    await Promise.resolve();
}

function part<T extends HTMLElement>(element: Element, id: string): T {
    return element.shadowRoot?.querySelector(`[data-id="${id}"]`) as T;
}

async function type(element: Element, text: string): Promise<void> {
    const field = part<Field>(element, 'transfer-target');
    field.value = text;
    field.dispatchEvent(new CustomEvent('change', { detail: { value: text } }));
    await flush();
}

function recordIntents(element: Element): Array<[string, unknown]> {
    const seen: Array<[string, unknown]> = [];
    for (const name of ['transfer', 'consult']) {
        element.addEventListener(name, (event) => seen.push([name, (event as CustomEvent).detail]));
    }
    return seen;
}

describe('c-softphone-transfer', () => {
    afterEach(() => {
        while (document.body.firstChild) document.body.removeChild(document.body.firstChild);
    });

    it('labels its field and buttons', async () => {
        const element = render({ canTransfer: true, canConsult: true });
        await flush();
        const field = part<Field>(element, 'transfer-target');
        expect(field.label).toBe('c.Softphone_Call_TransferTo');
        expect(field.type).toBe('tel');
        expect(part<Button>(element, 'transfer-now').label).toBe('c.Softphone_Call_TransferNow');
        expect(part<Button>(element, 'consult').label).toBe('c.Softphone_Call_Consult');
    });

    it('keeps both buttons disabled until there is a number', async () => {
        const element = render({ canTransfer: true, canConsult: true });
        await flush();
        expect(part<Button>(element, 'transfer-now').disabled).toBe(true);
        expect(part<Button>(element, 'consult').disabled).toBe(true);
        await type(element, '2002');
        expect(part<Button>(element, 'transfer-now').disabled).toBe(false);
        expect(part<Button>(element, 'consult').disabled).toBe(false);
    });

    it('enables only what the Suite allows', async () => {
        const element = render({ canTransfer: true, canConsult: false });
        await flush();
        await type(element, '2002');
        expect(part<Button>(element, 'transfer-now').disabled).toBe(false);
        expect(part<Button>(element, 'consult').disabled).toBe(true);
    });

    it('keeps the buttons disabled for a field holding only formatting', async () => {
        const element = render({ canTransfer: true, canConsult: true });
        await flush();
        await type(element, ' - ');
        expect(part<Button>(element, 'transfer-now').disabled).toBe(true);
    });

    it('raises a blind transfer with the target as typed (the core builds the dial string), then clears the field', async () => {
        const element = render({ canTransfer: true, canConsult: true });
        await flush();
        const seen = recordIntents(element);
        await type(element, '+44 (0)20 7946-0018');
        part(element, 'transfer-now').click();
        await flush();
        expect(seen).toEqual([['transfer', { callId: 'c_1', to: '+44 (0)20 7946-0018' }]]);
        expect(part<Field>(element, 'transfer-target').value).toBe('');
    });

    it('raises a consult with the target', async () => {
        const element = render({ canTransfer: false, canConsult: true });
        await flush();
        const seen = recordIntents(element);
        await type(element, '(555) 0100');
        part(element, 'consult').click();
        part(element, 'transfer-now').click();
        expect(seen).toEqual([['consult', { callId: 'c_1', to: '(555) 0100' }]]);
    });

    it('is accessible', async () => {
        const element = render({ canTransfer: true, canConsult: false });
        await flush();
        await expect(element).toBeAccessible();
    });
});
