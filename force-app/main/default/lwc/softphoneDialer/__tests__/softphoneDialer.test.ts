import { createElement } from '@lwc/engine-dom';
import SoftphoneDialer from 'c/softphoneDialer';
import { DIALING_CASES } from '../../../../../../test/support/dialingCases';

type DialerElement = HTMLElement & {
    dialPad?: SoftphoneDialPad;
    disabled?: boolean;
    blockedReason?: string;
    collapsed?: boolean;
};
type Field = HTMLElement & { value?: string; label?: string; type?: string };
type Button = HTMLElement & { disabled?: boolean; label?: string; title?: string; alternativeText?: string };

function render(props: Partial<DialerElement> = {}): DialerElement {
    const element = createElement('c-softphone-dialer', { is: SoftphoneDialer }) as DialerElement;
    Object.assign(element, {
        dialPad: { input: '', placed: 0 },
        disabled: false,
        collapsed: false,
        ...props
    });
    document.body.appendChild(element);
    return element;
}

async function flush(): Promise<void> {
    await Promise.resolve();
    await Promise.resolve();
}

function part<T extends HTMLElement = Button>(element: Element, selector: string): T {
    return element.shadowRoot?.querySelector(selector) as T;
}

function field(element: Element): Field {
    return part<Field>(element, '[data-id="number"]');
}

async function typeNumber(element: Element, text: string): Promise<void> {
    const input = field(element);
    input.value = text;
    input.dispatchEvent(new CustomEvent('change', { detail: { value: text } }));
    await flush();
}

function recordDials(element: Element): unknown[] {
    const seen: unknown[] = [];
    element.addEventListener('dial', (event) => {
        const custom = event as CustomEvent;
        expect(custom.bubbles && custom.composed).toBe(true);
        seen.push(custom.detail);
    });
    return seen;
}

describe('c-softphone-dialer', () => {
    afterEach(() => {
        while (document.body.firstChild) document.body.removeChild(document.body.firstChild);
    });

    it('labels the number field, the call button and the keypad', async () => {
        const element = render();
        await flush();
        expect(field(element).label).toBe('c.Softphone_Dialer_Number');
        expect(field(element).type).toBe('tel');
        expect(part(element, '[data-id="dial"]').label).toBe('c.Softphone_Dialer_Call');
        expect(part(element, '[data-id="keypad"]').getAttribute('aria-label')).toBe(
            'c.Softphone_Dialer_Keypad'
        );
        expect(part(element, '[data-id="delete-digit"]').alternativeText).toBe(
            'c.Softphone_Dialer_DeleteDigit'
        );
    });

    it('offers the twelve keys of a phone keypad', async () => {
        const element = render();
        await flush();
        const keys = Array.from(element.shadowRoot?.querySelectorAll<Button>('[data-key]') ?? []);
        expect(keys.map((key) => key.label)).toEqual([
            '1',
            '2',
            '3',
            '4',
            '5',
            '6',
            '7',
            '8',
            '9',
            '*',
            '0',
            '#'
        ]);
    });

    async function pressKeys(element: Element, keys: string): Promise<void> {
        for (const key of keys) part(element, `[data-key="${key}"]`).click();
        await flush();
    }

    it('dials what was keyed on the keypad, less a deleted last key', async () => {
        const element = render();
        await flush();
        const seen = recordDials(element);
        expect(part(element, '[data-id="dial"]').disabled).toBe(true);
        await pressKeys(element, '016*#');
        expect(field(element).value).toBe('016*#');
        part(element, '[data-id="delete-digit"]').click();
        await flush();
        expect(part(element, '[data-id="dial"]').disabled).toBe(false);
        part(element, '[data-id="dial"]').click();
        expect(seen).toEqual([{ number: '016*' }]);
    });

    // The core builds the dial string once, for every path; the panel sends what the agent entered.
    it.each(DIALING_CASES)('$site: sends $keyed as keyed on the pad', async (row) => {
        const element = render();
        await flush();
        const seen = recordDials(element);
        await pressKeys(element, row.keyed);
        expect(part(element, '[data-id="dial"]').disabled).toBe(false);
        part(element, '[data-id="dial"]').click();
        expect(seen).toEqual([{ number: row.keyed }]);
    });

    it.each(DIALING_CASES)('$site: sends $pasted as pasted, for the core to dial', async (row) => {
        const element = render();
        await flush();
        const seen = recordDials(element);
        await typeNumber(element, row.pasted);
        expect(part(element, '[data-id="dial"]').disabled).toBe(false);
        part(element, '[data-id="dial"]').click();
        expect(seen).toEqual([{ number: row.pasted }]);
    });

    it('passes on what is not formatting, for the controller to judge', async () => {
        const element = render();
        await flush();
        const seen = recordDials(element);
        await typeNumber(element, '12ab3');
        part(element, '[data-id="dial"]').click();
        expect(seen).toEqual([{ number: '12ab3' }]);
    });

    it('keeps Call disabled for a field holding only formatting', async () => {
        const element = render();
        await flush();
        await typeNumber(element, ' ( ) - ');
        expect(part(element, '[data-id="dial"]').disabled).toBe(true);
    });

    it('keeps Call disabled without a number or while the softphone is not ready', async () => {
        const element = render();
        await flush();
        expect(part(element, '[data-id="dial"]').disabled).toBe(true);
        await typeNumber(element, '2002');
        expect(part(element, '[data-id="dial"]').disabled).toBe(false);
        element.disabled = true;
        await flush();
        expect(part(element, '[data-id="dial"]').disabled).toBe(true);
    });

    it('dials from the Call button and keeps the number until the core says the call was placed', async () => {
        const element = render();
        await flush();
        const seen = recordDials(element);
        await typeNumber(element, '01632 960123');
        part(element, '[data-id="dial"]').click();
        await flush();
        expect(seen).toEqual([{ number: '01632 960123' }]);
        // A dial that fails keeps what was typed, to correct and try again.
        expect(field(element).value).toBe('01632 960123');
        element.dialPad = { input: '', placed: 1 };
        await flush();
        expect(field(element).value).toBe('');
    });

    it('tells the core each change of the text, and reads the number back as the core presents it', async () => {
        const element = render();
        await flush();
        const inputs: unknown[] = [];
        element.addEventListener('dialinput', (event) => inputs.push((event as CustomEvent).detail));
        await typeNumber(element, 'tel:+44 (0)20 7946-0018 x204');
        expect(inputs).toEqual([{ number: 'tel:+44 (0)20 7946-0018 x204' }]);
        element.dialPad = {
            input: 'tel:+44 (0)20 7946-0018 x204',
            echo: { text: '020 7946 0018', extension: '204' },
            placed: 0
        };
        await flush();
        expect(part(element, '[data-id="echo"]').textContent?.trim()).toBe(
            'c.Softphone_Dialer_Echo, c.Softphone_Dialer_Extension'
        );
        // An echo of text the field no longer holds is not shown.
        await typeNumber(element, '2002');
        expect(part(element, '[data-id="echo"]')).toBeNull();
    });

    it('says why Call is off: no number yet, or not connected', async () => {
        const element = render();
        await flush();
        expect(part(element, '[data-id="dial"]').title).toBe('c.Softphone_Control_NoNumber');
        element.disabled = true;
        element.blockedReason = 'Not available until the softphone is connected to the phone system again';
        await typeNumber(element, '2002');
        expect(part(element, '[data-id="dial"]').title).toBe(
            'Not available until the softphone is connected to the phone system again'
        );
    });

    it('dials on Enter in the number field', async () => {
        const element = render();
        await flush();
        const seen = recordDials(element);
        await typeNumber(element, '2002');
        field(element).dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true }));
        field(element).dispatchEvent(new KeyboardEvent('keydown', { key: '5', bubbles: true }));
        expect(seen).toEqual([{ number: '2002' }]);
    });

    it('does not dial on Enter while not ready, nor with an empty field', async () => {
        const element = render({ disabled: true });
        await flush();
        const seen = recordDials(element);
        await typeNumber(element, '2002');
        field(element).dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true }));
        element.disabled = false;
        await typeNumber(element, '');
        field(element).dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true }));
        expect(seen).toEqual([]);
    });

    it('folds the keypad while calls are on screen, behind a toggle', async () => {
        const element = render({ collapsed: true });
        await flush();
        expect(part<HTMLElement>(element, '[data-id="keypad"]').hidden).toBe(true);
        const toggle = part<Button & { ariaExpanded?: string }>(element, '[data-id="keypad-toggle"]');
        expect(toggle.label).toBe('c.Softphone_Dialer_ShowKeypad');
        expect(toggle.ariaExpanded).toBe('false');
        toggle.click();
        await flush();
        expect(part<HTMLElement>(element, '[data-id="keypad"]').hidden).toBe(false);
        expect(toggle.label).toBe('c.Softphone_Dialer_HideKeypad');
        expect(toggle.ariaExpanded).toBe('true');
    });

    it('shows no keypad toggle when open by default, and shows it once calls fold the keypad', async () => {
        const element = render();
        await flush();
        const toggle = part<HTMLElement>(element, '[data-id="keypad-toggle"]');
        expect(toggle.classList.contains('slds-hide')).toBe(true);
        expect(part<HTMLElement>(element, '[data-id="keypad"]').hidden).toBe(false);
        element.collapsed = true;
        await flush();
        expect(toggle.classList.contains('slds-hide')).toBe(false);
        expect(part<HTMLElement>(element, '[data-id="keypad"]').hidden).toBe(true);
    });

    it.each([
        ['open', {}],
        ['collapsed', { collapsed: true }],
        ['not ready', { disabled: true }],
        ['reading a number back', { dialPad: { input: '', echo: { text: '020 7946 0018' }, placed: 0 } }]
    ])('is accessible: %s', async (_name, props) => {
        const element = render(props);
        await flush();
        await expect(element).toBeAccessible();
    });
});
