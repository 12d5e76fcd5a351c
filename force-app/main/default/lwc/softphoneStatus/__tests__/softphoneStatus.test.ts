import '../../../../../../test/support/englishLabels';
import { createElement } from '@lwc/engine-dom';
import StatusLine from 'c/softphoneStatus';
import fixtureFile from '../../softphone/__tests__/fixtures/states.json';

const { now: NOW, states } = fixtureFile as unknown as {
    now: number;
    states: Record<string, SoftphonePanelState>;
};

type StatusElement = HTMLElement & { status?: SoftphoneStatus; agent?: SoftphonePanelState['agent'] };

function render(state: SoftphonePanelState): StatusElement {
    const element = createElement('c-softphone-status', { is: StatusLine }) as StatusElement;
    element.status = state.status;
    element.agent = state.agent;
    document.body.appendChild(element);
    return element;
}

async function flush(): Promise<void> {
    await Promise.resolve();
    await Promise.resolve();
}

function text(element: Element, id: string): string | undefined {
    return element.shadowRoot?.querySelector(`[data-id="${id}"]`)?.textContent?.trim();
}

function icon(element: Element): string | undefined {
    return (element.shadowRoot?.querySelector('lightning-icon') as unknown as { iconName?: string })
        ?.iconName;
}

function retryButton(element: Element): HTMLElement | null {
    return element.shadowRoot?.querySelector<HTMLElement>('[data-id="retry"]') ?? null;
}

describe('c-softphone-status', () => {
    afterEach(() => {
        while (document.body.firstChild) document.body.removeChild(document.body.firstChild);
        jest.useRealTimers();
    });

    it('is a named region, so screen reader users can jump to it', async () => {
        const element = render(states.ready);
        await flush();
        expect(element.shadowRoot?.querySelector('section')?.getAttribute('aria-label')).toBe('Phone status');
    });

    it('connecting: says so, with no retry', async () => {
        const element = render(states.connecting);
        await flush();
        expect(text(element, 'phase-text')).toBe('Connecting to the phone system…');
        expect(icon(element)).toBe('utility:sync');
        expect(retryButton(element)).toBeNull();
    });

    it('ready: names the agent and extension', async () => {
        const element = render(states.ready);
        await flush();
        expect(text(element, 'phase-text')).toBe('Ready · Alice Agent, extension 2001');
        expect(icon(element)).toBe('utility:success');
        expect(retryButton(element)).toBeNull();
    });

    it('ready without agent details: plain ready', async () => {
        const element = render({ ...states.ready, agent: undefined });
        await flush();
        expect(text(element, 'phase-text')).toBe('Ready');
    });

    it('reconnecting: says since when and why, in words, and offers a retry', async () => {
        const element = render(states.reconnecting);
        await flush();
        expect(icon(element)).toBe('utility:warning');
        const since = new Date(NOW - 70_000).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });
        expect(text(element, 'phase-text')).toBe(`Reconnecting since ${since}`);
        expect(text(element, 'cause-text')).toBe(
            'The phone system at suite.example.com:8204 does not answer: the network, the VPN or the Suite is down. The softphone keeps trying; Retry Now tries at once.'
        );
        expect((retryButton(element) as unknown as { label: string }).label).toBe('Retry Now');
        // No countdown: nothing ticks.
        jest.useFakeTimers();
        element.status = states.reconnecting.status;
        await flush();
        expect(jest.getTimerCount()).toBe(0);
    });

    it('offline: says since when and that it comes back with the network', async () => {
        const element = render(states.offline);
        await flush();
        expect(icon(element)).toBe('utility:offline');
        expect(text(element, 'phase-text')).toMatch(/^Offline since /);
        expect(text(element, 'cause-text')).toBe(
            'This computer has no network. The softphone reconnects the moment it is back.'
        );
        expect(retryButton(element)).not.toBeNull();
    });

    it('reconnecting without a known start: reconnecting now', async () => {
        const element = render({
            ...states.reconnecting,
            status: { phase: 'reconnecting', canRetry: false }
        });
        await flush();
        expect(text(element, 'phase-text')).toBe('Reconnecting…');
        expect(retryButton(element)).toBeNull();
    });

    it('error: heading, the message for the code, and a retry', async () => {
        const element = render(states.suiteUnreachable);
        await flush();
        expect(icon(element)).toBe('utility:error');
        expect(element.shadowRoot?.querySelector('h2')?.textContent).toBe('Phone unavailable');
        expect(text(element, 'error-text')).toMatch(
            /^The MiVoice Office Application Suite at suite\.example\.com:8204 cannot be reached\./
        );
        expect(retryButton(element)).not.toBeNull();
    });

    it('error the agent cannot retry (a setting): no retry button', async () => {
        const element = render(states.settingNotHost);
        await flush();
        expect(text(element, 'error-text')).toMatch(
            /^The call center setting "Suite Host" is not a host name\./
        );
        expect(retryButton(element)).toBeNull();
    });

    it('retry raises the retry intent', async () => {
        const element = render(states.suiteUnreachable);
        await flush();
        const seen: CustomEvent[] = [];
        element.addEventListener('retry', (event) => seen.push(event as CustomEvent));
        retryButton(element)?.click();
        expect(seen).toHaveLength(1);
        expect(seen[0].detail).toEqual({});
        expect(seen[0].bubbles && seen[0].composed).toBe(true);
    });

    it.each(['connecting', 'ready', 'reconnecting', 'suiteUnreachable', 'settingNotHost'])(
        'is accessible: %s',
        async (name) => {
            const element = render(states[name]);
            await flush();
            await expect(element).toBeAccessible();
        }
    );

    it('offers the phone window as the remedy for a Local Network Access refusal, and only for it', async () => {
        const offered = render(states.localNetworkRefused) as StatusElement & {
            canOpenPhoneWindow?: boolean;
        };
        offered.canOpenPhoneWindow = true;
        await flush();
        const button = offered.shadowRoot?.querySelector<HTMLElement>('[data-id="open-phone-window"]');
        expect((button as unknown as { label?: string } | null)?.label).toBe('Open phone in its own window');
        const seen: Event[] = [];
        offered.addEventListener('phonewindow', (event) => seen.push(event));
        button?.click();
        expect(seen).toHaveLength(1);

        // Where the tab cannot open it (the phone window itself), and for other errors: no such button.
        const inWindow = render(states.localNetworkRefused);
        const otherError = render(states.suiteUnreachable) as StatusElement & {
            canOpenPhoneWindow?: boolean;
        };
        otherError.canOpenPhoneWindow = true;
        await flush();
        for (const element of [inWindow, otherError])
            expect(element.shadowRoot?.querySelector('[data-id="open-phone-window"]')).toBeNull();
    });
});
