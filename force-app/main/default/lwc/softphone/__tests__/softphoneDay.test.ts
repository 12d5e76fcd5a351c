// The panel with the agent's day in the snapshot: the agent's state, wrap-up, matches to choose from
// and the Recent calls list, and the intents they raise reaching the host on <c-softphone>.
import '../../../../../../test/support/englishLabels';
import Softphone from 'c/softphone';
import { createElement } from '@lwc/engine-dom';
import fixtureFile from './fixtures/states.json';

const fixtures = (fixtureFile as unknown as { states: Record<string, SoftphonePanelState> }).states;

type SoftphoneElement = HTMLElement & { state?: SoftphonePanelState };

function render(state: SoftphonePanelState): SoftphoneElement {
    const element = createElement('c-softphone', { is: Softphone }) as SoftphoneElement;
    element.state = state;
    document.body.appendChild(element);
    return element;
}

async function flush(): Promise<void> {
    await Promise.resolve();
    await Promise.resolve();
}

/** Follows a chain of selectors through nested shadow roots. */
function deep(root: Element, ...selectors: string[]): HTMLElement | null {
    let current: Element | null = root;
    for (const selector of selectors) current = current?.shadowRoot?.querySelector(selector) ?? null;
    return current as HTMLElement | null;
}

const announcer = (element: Element) => deep(element, '[data-id="announcer"]')?.textContent?.trim();

function intentsOn(element: Element, types: string[]): [string, unknown][] {
    const seen: [string, unknown][] = [];
    for (const type of types)
        element.addEventListener(type, (event) => {
            expect(event.bubbles && event.composed).toBe(true);
            seen.push([type, (event as CustomEvent).detail]);
        });
    return seen;
}

describe("c-softphone: the agent's day", () => {
    afterEach(() => {
        while (document.body.firstChild) document.body.removeChild(document.body.firstChild);
    });

    it("hands the agent's state to the status line and announces each change", async () => {
        const element = render(fixtures.ready);
        await flush();
        element.state = fixtures.connectedMultipleCandidates;
        await flush();
        expect(deep(element, 'c-softphone-status', '[data-id="phase-text"]')?.textContent?.trim()).toBe(
            'On a call · Alice Agent, extension 2001'
        );
        expect(announcer(element)).toBe('On a call');
        element.state = fixtures.wrapUp;
        await flush();
        expect(announcer(element)).toBe('Wrap-up');
        element.state = fixtures.dndActivity;
        await flush();
        expect(announcer(element)).toBe('Do not disturb');
    });

    it('says nothing new while the core sends no state, as before', async () => {
        const element = render(fixtures.ready);
        await flush();
        const connected = deep(element, '[data-id="announcer"]')?.textContent;
        expect(connected?.trim()).toBe('Ready');
        // A core that names no activity: the line says Ready, as it did before activities existed.
        element.state = { ...fixtures.connectedMultipleMatches, status: { phase: 'ready', canRetry: false } };
        await flush();
        // Unchanged to the last character: a live region speaks only when its text changes.
        expect(deep(element, '[data-id="announcer"]')?.textContent).toBe(connected);
        expect(deep(element, 'c-softphone-status', '[data-id="phase-text"]')?.textContent?.trim()).toBe(
            'Ready · Alice Agent, extension 2001'
        );
    });

    it('shows the Recent calls list under the dialer, with its missed count, but not while the self-check is open', async () => {
        const element = render(fixtures.withHistory);
        await flush();
        expect(
            (deep(element, 'c-softphone-history', '[data-id="missed-count"]') as { label?: string } | null)
                ?.label
        ).toBe('1 missed');
        element.state = { ...fixtures.selfCheckRunning, history: fixtures.withHistory.history };
        await flush();
        expect(deep(element, 'c-softphone-history')).toBeNull();
        element.state = fixtures.ready;
        await flush();
        expect(deep(element, 'c-softphone-history')).toBeNull();
    });

    it('lets pick, Done, call back, open record, open Task and seen reach the host', async () => {
        const element = render(fixtures.wrapUp);
        await flush();
        const seen = intentsOn(element, [
            'pick',
            'wrapupdone',
            'callback',
            'openrecord',
            'opentask',
            'historyseen'
        ]);
        deep(element, 'c-softphone-call', 'c-softphone-matches')
            ?.shadowRoot?.querySelectorAll<HTMLElement>('[data-id="candidate"]')[1]
            .click();
        deep(element, 'c-softphone-call', 'c-softphone-wrap-up', '[data-id="done"]')?.click();
        element.state = fixtures.withHistory;
        await flush();
        deep(element, 'c-softphone-history', '[data-id="history-toggle"]')?.click();
        await flush();
        const rows = deep(element, 'c-softphone-history')?.shadowRoot?.querySelectorAll(
            '[data-id="history-entry"]'
        );
        rows?.[1].querySelector<HTMLElement>('[data-id="call-back"]')?.click();
        rows?.[0].querySelector<HTMLElement>('[data-id="open-record"]')?.click();
        rows?.[0].querySelector<HTMLElement>('[data-id="open-task"]')?.click();
        expect(seen).toEqual([
            ['pick', { callId: 'c_1', recordId: '00Q5g00000KathJo' }],
            ['wrapupdone', { callId: 'c_1', changes: {} }],
            ['historyseen', {}],
            ['callback', { callId: 'c_2' }],
            ['openrecord', { recordId: '0035g00000AdaLov' }],
            ['opentask', { taskId: '00T5g00000Task03' }]
        ]);
    });

    it('stays accessible through the day, one snapshot after another, the Recent list open', async () => {
        const element = render(fixtures.ready);
        await flush();
        deep(element, 'c-softphone-history', '[data-id="history-toggle"]')?.click();
        await flush();
        for (const name of [
            'withHistory',
            'dialPadEcho',
            'ringingInbound',
            'connectedMultipleCandidates',
            'held',
            'consulting',
            'reconnectingOnCall',
            'wrapUp',
            'wrapUpTwoMatches',
            'callBusy',
            'failedLogs',
            'withNotice',
            'offline',
            'dndActivity'
        ]) {
            element.state = fixtures[name];
            // One snapshot after another, as the day goes: each checked before the next arrives.
            // eslint-disable-next-line no-await-in-loop
            await flush();
            // eslint-disable-next-line no-await-in-loop
            await expect(element).toBeAccessible();
        }
        // Fourteen full axe runs over the whole panel: seconds on a shared machine.
    }, 30_000);
});
