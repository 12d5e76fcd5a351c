import { createElement } from '@lwc/engine-dom';
import SoftphoneNotes, { NOTES_DEBOUNCE_MS } from 'c/softphoneNotes';

type NotesElement = HTMLElement & { callId?: string; notes?: string };
type Area = HTMLElement & { value?: string; label?: string; maxLength?: number };

function render(callId = 'c_1', notes = ''): NotesElement {
    const element = createElement('c-softphone-notes', { is: SoftphoneNotes }) as NotesElement;
    element.callId = callId;
    element.notes = notes;
    document.body.appendChild(element);
    return element;
}

async function flush(): Promise<void> {
    await Promise.resolve();
    await Promise.resolve();
}

function area(element: Element): Area {
    return element.shadowRoot?.querySelector('[data-id="notes"]') as Area;
}

function typeText(element: Element, text: string): void {
    area(element).dispatchEvent(new CustomEvent('change', { detail: { value: text } }));
}

function recordNotes(element: Element): unknown[] {
    const seen: unknown[] = [];
    element.addEventListener('notes', (event) => seen.push((event as CustomEvent).detail));
    return seen;
}

describe('c-softphone-notes', () => {
    afterEach(() => {
        while (document.body.firstChild) document.body.removeChild(document.body.firstChild);
        jest.useRealTimers();
    });

    it('shows the saved notes of the call in a labelled field sized for a Task description', async () => {
        const element = render('c_1', 'Wants a callback');
        await flush();
        expect(area(element).value).toBe('Wants a callback');
        expect(area(element).label).toBe('c.Softphone_Call_Notes');
        // Task.Description holds 32,000 characters: the field lets the agent type no more.
        expect(area(element).maxLength).toBe(32_000);
    });

    it('raises one notes intent after a pause in typing, with the latest text', async () => {
        jest.useFakeTimers();
        const element = render();
        await flush();
        const seen = recordNotes(element);
        typeText(element, 'W');
        typeText(element, 'Wa');
        typeText(element, 'Wants');
        jest.advanceTimersByTime(NOTES_DEBOUNCE_MS - 1);
        expect(seen).toEqual([]);
        jest.advanceTimersByTime(1);
        expect(seen).toEqual([{ callId: 'c_1', text: 'Wants' }]);
        jest.advanceTimersByTime(NOTES_DEBOUNCE_MS * 3);
        expect(seen).toHaveLength(1);
    });

    it('sends at once when the field loses focus', async () => {
        jest.useFakeTimers();
        const element = render();
        await flush();
        const seen = recordNotes(element);
        area(element).dispatchEvent(new CustomEvent('focus'));
        typeText(element, 'Call back Friday');
        area(element).dispatchEvent(new CustomEvent('blur'));
        expect(seen).toEqual([{ callId: 'c_1', text: 'Call back Friday' }]);
        jest.advanceTimersByTime(NOTES_DEBOUNCE_MS * 2);
        expect(seen).toHaveLength(1);
    });

    it('sends nothing on blur when nothing changed', async () => {
        const element = render('c_1', 'Saved');
        await flush();
        const seen = recordNotes(element);
        area(element).dispatchEvent(new CustomEvent('focus'));
        area(element).dispatchEvent(new CustomEvent('blur'));
        expect(seen).toEqual([]);
    });

    it('keeps the draft while the agent types, even when a snapshot echoes older notes', async () => {
        const element = render('c_1', '');
        await flush();
        area(element).dispatchEvent(new CustomEvent('focus'));
        typeText(element, 'Half a sent');
        element.notes = 'Half';
        await flush();
        expect(area(element).value).toBe('Half a sent');
    });

    it('takes the snapshot notes when the agent is not editing (for example after a reload)', async () => {
        const element = render('c_1', '');
        await flush();
        element.notes = 'Restored from storage';
        await flush();
        expect(area(element).value).toBe('Restored from storage');
    });

    it('sends pending notes for the old call when the call changes', async () => {
        jest.useFakeTimers();
        const element = render('c_1', '');
        await flush();
        const seen = recordNotes(element);
        typeText(element, 'About the first call');
        element.callId = 'c_2';
        expect(seen).toEqual([{ callId: 'c_1', text: 'About the first call' }]);
    });

    it('stops its timer when removed', async () => {
        jest.useFakeTimers();
        const element = render();
        await flush();
        typeText(element, 'x');
        expect(jest.getTimerCount()).toBe(1);
        document.body.removeChild(element);
        expect(jest.getTimerCount()).toBe(0);
    });

    it('is accessible', async () => {
        const element = render('c_1', 'Notes');
        await flush();
        await expect(element).toBeAccessible();
    });
});
