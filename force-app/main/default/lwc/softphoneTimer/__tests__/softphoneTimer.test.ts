import { createElement } from '@lwc/engine-dom';
import SoftphoneTimer from 'c/softphoneTimer';

const NOW = Date.UTC(2026, 10, 24, 15, 0, 0);

type TimerElement = HTMLElement & { since?: number; label?: string };

function render(since: number): TimerElement {
    const element = createElement('c-softphone-timer', { is: SoftphoneTimer }) as TimerElement;
    element.since = since;
    element.label = 'Call duration';
    document.body.appendChild(element);
    return element;
}

async function flush(): Promise<void> {
    await Promise.resolve();
    await Promise.resolve();
}

function shown(element: Element): string | undefined {
    return element.shadowRoot?.querySelector('[role="timer"]')?.textContent ?? undefined;
}

describe('c-softphone-timer', () => {
    beforeEach(() => jest.useFakeTimers({ now: NOW }));
    afterEach(() => {
        while (document.body.firstChild) document.body.removeChild(document.body.firstChild);
        jest.useRealTimers();
    });

    it('shows the time since the start and counts every second', async () => {
        const element = render(NOW - 65_000);
        await flush();
        expect(shown(element)).toBe('1:05');
        jest.advanceTimersByTime(1000);
        await flush();
        expect(shown(element)).toBe('1:06');
        jest.advanceTimersByTime(60_000);
        await flush();
        expect(shown(element)).toBe('2:06');
    });

    it('shows hours for long calls', async () => {
        const element = render(NOW - (3600 + 2 * 60 + 3) * 1000);
        await flush();
        expect(shown(element)).toBe('1:02:03');
    });

    it('never shows a negative time', async () => {
        const element = render(NOW + 5_000);
        await flush();
        expect(shown(element)).toBe('0:00');
    });

    it('carries its accessible name and the timer role, which screen readers do not read out every second', async () => {
        const element = render(NOW);
        await flush();
        const timer = element.shadowRoot?.querySelector('[role="timer"]');
        expect(timer?.getAttribute('aria-label')).toBe('Call duration');
        expect(timer?.getAttribute('aria-live')).toBeNull();
    });

    it('stops ticking when removed', async () => {
        const element = render(NOW);
        await flush();
        expect(jest.getTimerCount()).toBe(1);
        document.body.removeChild(element);
        expect(jest.getTimerCount()).toBe(0);
    });

    it('is accessible', async () => {
        jest.useRealTimers();
        const element = render(Date.now() - 5000);
        await flush();
        await expect(element).toBeAccessible();
    });
});
