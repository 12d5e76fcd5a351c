import '../../../../../../test/support/englishLabels';
import Softphone from 'c/softphone';
import { createElement } from '@lwc/engine-dom';
import fixtureFile from './fixtures/states.json';

const fixtures = (fixtureFile as unknown as { states: Record<string, SoftphonePanelState> }).states;

const INTENT_NAMES = [
    'answer',
    'hangup',
    'hold',
    'retrieve',
    'dial',
    'transfer',
    'consult',
    'completetransfer',
    'canceltransfer',
    'pop',
    'dnd',
    'notes',
    'retry',
    'selfcheck',
    'phonewindow',
    'closeselfcheck'
];

async function flush(): Promise<void> {
    await Promise.resolve();
    await Promise.resolve();
}

function $(root: Element, selector: string): HTMLElement | null {
    return root.shadowRoot?.querySelector<HTMLElement>(selector) ?? null;
}

function $$(root: Element, selector: string): HTMLElement[] {
    return Array.from(root.shadowRoot?.querySelectorAll<HTMLElement>(selector) ?? []);
}

/** Follows a chain of selectors through nested shadow roots. */
function deep(root: Element, ...selectors: string[]): HTMLElement | null {
    let current: Element | null = root;
    for (const selector of selectors) current = current ? $(current, selector) : null;
    return current as HTMLElement | null;
}

function recordIntents(target: EventTarget): CustomEvent[] {
    const seen: CustomEvent[] = [];
    for (const name of INTENT_NAMES)
        target.addEventListener(name, (event) => seen.push(event as CustomEvent));
    return seen;
}

type SoftphoneElement = HTMLElement & { state?: SoftphonePanelState };

function render(state?: SoftphonePanelState): SoftphoneElement {
    const element = createElement('c-softphone', { is: Softphone }) as SoftphoneElement;
    if (state) element.state = state;
    document.body.appendChild(element);
    return element;
}

function announcer(element: Element): string {
    return $(element, '[data-id="announcer"]')?.textContent?.trim() ?? '';
}

/** The live region's text exactly as a screen reader gets it: a re-announcement differs from it. */
function announcerRaw(element: Element): string | null | undefined {
    return $(element, '[data-id="announcer"]')?.textContent;
}

const ALICE = { displayName: 'Alice Agent', extension: '2001', email: 'alice@example.com' };
const SUITE_UNREACHABLE =
    'The MiVoice Office Application Suite at suite.example.com:8204 cannot be reached. Check that you are on the office network or VPN and that port 8204 is open from your computer. Ask your admin to make sure the Suite uses a certificate signed by a trusted certificate authority for suite.example.com.';
const NUMBER_INVALID = '12ab cannot be dialled. Use digits, * and #, with an optional + at the start.';

type Props = Record<string, unknown>;

describe('c-softphone', () => {
    afterEach(() => {
        while (document.body.firstChild) document.body.removeChild(document.body.firstChild);
    });

    describe('before the first snapshot', () => {
        it('shows the connecting status, no calls, and a dialer that cannot dial', async () => {
            const element = render();
            await flush();
            const status = $(element, 'c-softphone-status') as unknown as Props;
            expect((status.status as SoftphoneStatus).phase).toBe('connecting');
            expect($(element, '[data-id="calls"]')).toBeNull();
            expect($(element, '[data-id="dnd"]')).toBeNull();
            const dialer = $(element, 'c-softphone-dialer') as unknown as Props;
            expect(dialer.disabled).toBe(true);
        });
    });

    describe('status', () => {
        // Every row carries an agent, so a panel that dropped it in some phase could not pass.
        it.each([
            ['connecting', fixtures.connecting],
            ['ready', fixtures.ready],
            ['reconnecting', fixtures.reconnecting],
            ['error', fixtures.suiteUnreachable]
        ])('hands the %s status and the agent to the status line', async (phase, state) => {
            const element = render({ ...state, agent: ALICE });
            await flush();
            const status = $(element, 'c-softphone-status') as unknown as Props;
            expect((status.status as SoftphoneStatus).phase).toBe(phase);
            expect(status.agent).toEqual(ALICE);
        });

        it('hands no agent on before the agent is known', async () => {
            const element = render(fixtures.connecting);
            await flush();
            expect(fixtures.connecting.agent).toBeUndefined();
            expect(($(element, 'c-softphone-status') as unknown as Props).agent).toBeUndefined();
        });

        it('lets the agent dial only while ready', async () => {
            const element = render(fixtures.connecting);
            await flush();
            const dialer = $(element, 'c-softphone-dialer') as unknown as Props;
            expect(dialer.disabled).toBe(true);
            element.state = fixtures.ready;
            await flush();
            expect(dialer.disabled).toBe(false);
            element.state = fixtures.reconnecting;
            await flush();
            expect(dialer.disabled).toBe(true);
        });

        it('shows the dialer open without calls and folded while calls are on screen', async () => {
            const element = render(fixtures.ready);
            await flush();
            const dialer = $(element, 'c-softphone-dialer') as unknown as Props;
            expect(dialer.collapsed).toBe(false);
            expect(dialer.dialPad).toEqual(fixtures.ready.dialPad);
            element.state = fixtures.ringingInbound;
            await flush();
            expect(dialer.collapsed).toBe(true);
        });
    });

    describe('do not disturb', () => {
        it('is hidden when the Suite does not offer it', async () => {
            const element = render(fixtures.dndUnavailable);
            await flush();
            expect($(element, '[data-id="dnd"]')).toBeNull();
        });

        it('shows the Suite state with labelled on and off texts', async () => {
            const element = render(fixtures.dndOn);
            await flush();
            const toggle = $(element, '[data-id="dnd"]') as unknown as Props;
            expect(toggle.type).toBe('toggle');
            expect(toggle.checked).toBe(true);
            expect(toggle.label).toBe('Do Not Disturb');
            expect(toggle.messageToggleActive).toBe('On');
            expect(toggle.messageToggleInactive).toBe('Off');
        });

        it('raises a dnd intent and keeps showing the Suite state until a snapshot confirms it', async () => {
            const element = render(fixtures.ready);
            await flush();
            const intents = recordIntents(element);
            const toggle = $(element, '[data-id="dnd"]') as HTMLInputElement;
            toggle.checked = true;
            toggle.dispatchEvent(new CustomEvent('change', { detail: { checked: true } }));
            expect(intents.map((event) => [event.type, event.detail])).toEqual([['dnd', { enabled: true }]]);
            expect(toggle.checked).toBe(false);
            element.state = fixtures.dndOn;
            await flush();
            expect(toggle.checked).toBe(true);
        });
    });

    describe('notice', () => {
        it('shows the notice text from its label', async () => {
            const element = render(fixtures.withNotice);
            await flush();
            expect($(element, '[data-id="notice"]')?.textContent).toContain(NUMBER_INVALID);
        });

        it('shows no notice box without a notice', async () => {
            const element = render(fixtures.ready);
            await flush();
            expect($(element, '[data-id="notice"]')).toBeNull();
        });
    });

    describe('calls', () => {
        it('shows one call expanded', async () => {
            const element = render(fixtures.connectedSingleMatch);
            await flush();
            const cards = $$(element, 'c-softphone-call') as unknown as Props[];
            expect(cards).toHaveLength(1);
            expect(cards[0].expanded).toBe(true);
            expect((cards[0].call as SoftphoneCallView).callId).toBe('c_1');
        });

        it('lists several calls compactly with the active one expanded, and links a consult to its held call', async () => {
            const element = render(fixtures.consulting);
            await flush();
            const cards = $$(element, 'c-softphone-call') as unknown as Props[];
            expect(cards.map((card) => [(card.call as SoftphoneCallView).callId, card.expanded])).toEqual([
                ['c_1', false],
                ['c_3', true]
            ]);
            expect(cards[0].linkedCallId).toBe('c_3');
            expect(cards[1].linkedCallId).toBeUndefined();
        });

        it('expands the first call when the core marks none active', async () => {
            const calls = fixtures.callWaiting.calls.map((call) => ({ ...call, active: false }));
            const element = render({ ...fixtures.ready, calls });
            await flush();
            const cards = $$(element, 'c-softphone-call') as unknown as Props[];
            expect(cards.map((card) => card.expanded)).toEqual([true, false]);
        });

        it('names the call list for assistive technology', async () => {
            const element = render(fixtures.callWaiting);
            await flush();
            expect($(element, '[data-id="calls"]')?.getAttribute('aria-label')).toBe('Calls');
        });
    });

    describe('announcements', () => {
        it('announces an incoming call once, with the caller name', async () => {
            const element = render(fixtures.ready);
            await flush();
            element.state = fixtures.ringingInbound;
            await flush();
            expect(announcer(element)).toBe('Incoming call from Ada Lovelace');
            const region = $(element, '[data-id="announcer"]');
            expect(region?.getAttribute('aria-live')).toBe('polite');
            const first = announcerRaw(element);

            // A live region speaks again when its text changes at all, even by a trailing space.
            element.state = { ...fixtures.ringingInbound, dialPad: { input: '2', placed: 0 } };
            await flush();
            expect(announcerRaw(element)).toBe(first);
        });

        it('announces the next call from the same caller again', async () => {
            const element = render(fixtures.ready);
            await flush();
            element.state = fixtures.ringingInbound;
            await flush();
            const first = $(element, '[data-id="announcer"]')?.textContent;
            expect(first?.trim()).toBe('Incoming call from Ada Lovelace');
            element.state = fixtures.ready;
            await flush();
            expect(announcer(element)).toBe('Ready');
            element.state = fixtures.ringingInbound;
            await flush();
            const second = $(element, '[data-id="announcer"]')?.textContent;
            expect(second?.trim()).toBe('Incoming call from Ada Lovelace');
        });

        it('announces a second call ringing while one is connected', async () => {
            const element = render(fixtures.connectedSingleMatch);
            await flush();
            element.state = fixtures.callWaiting;
            await flush();
            expect(announcer(element)).toBe('Incoming call from Carol Caller');
        });

        it('announces status changes and errors with their message', async () => {
            const element = render(fixtures.connecting);
            await flush();
            element.state = fixtures.ready;
            await flush();
            expect(announcer(element)).toBe('Ready');
            element.state = fixtures.reconnecting;
            await flush();
            expect(announcer(element)).toBe('Reconnecting…');
            element.state = fixtures.suiteUnreachable;
            await flush();
            expect(announcer(element)).toBe(`Phone unavailable. ${SUITE_UNREACHABLE}`);
            element.state = fixtures.settingNotHost;
            await flush();
            expect(announcer(element)).toMatch(
                /^Phone unavailable\. The call center setting "Suite Host" is not a host name\./
            );
        });

        it('announces a new notice', async () => {
            const element = render(fixtures.ready);
            await flush();
            element.state = fixtures.withNotice;
            await flush();
            expect(announcer(element)).toBe(NUMBER_INVALID);
        });
    });

    describe('intents leave the panel as bubbling, composed events named after the intent', () => {
        async function renderWithIntents(state: SoftphonePanelState) {
            const element = render(state);
            await flush();
            const intents = recordIntents(element);
            return { element, intents };
        }

        function controlsButton(element: Element, cardIndex: number, action: string): HTMLElement {
            const card = $$(element, 'c-softphone-call')[cardIndex];
            const button = deep(card, 'c-softphone-call-controls', `[data-action="${action}"]`);
            if (!button) throw new Error(`no ${action} button`);
            return button;
        }

        it('answer, from the expanded card', async () => {
            const { element, intents } = await renderWithIntents(fixtures.ringingInbound);
            controlsButton(element, 0, 'answer').click();
            expect(intents).toHaveLength(1);
            expect(intents[0].type).toBe('answer');
            expect(intents[0].detail).toEqual({ callId: 'c_1' });
            expect(intents[0].bubbles).toBe(true);
            expect(intents[0].composed).toBe(true);
        });

        it('answer a waiting call and retrieve from compact rows', async () => {
            const { element, intents } = await renderWithIntents(fixtures.callWaiting);
            controlsButton(element, 1, 'answer').click();
            expect(intents.map((event) => [event.type, event.detail])).toEqual([
                ['answer', { callId: 'c_4' }]
            ]);
        });

        it('hold and hangup', async () => {
            const { element, intents } = await renderWithIntents(fixtures.connectedSingleMatch);
            controlsButton(element, 0, 'hold').click();
            controlsButton(element, 0, 'hangup').click();
            expect(intents.map((event) => [event.type, event.detail])).toEqual([
                ['hold', { callId: 'c_1' }],
                ['hangup', { callId: 'c_1' }]
            ]);
        });

        it('complete and cancel a consult transfer', async () => {
            const { element, intents } = await renderWithIntents(fixtures.consulting);
            controlsButton(element, 1, 'completetransfer').click();
            controlsButton(element, 1, 'canceltransfer').click();
            expect(intents.map((event) => [event.type, event.detail])).toEqual([
                ['completetransfer', { callId: 'c_1', consultCallId: 'c_3' }],
                ['canceltransfer', { consultCallId: 'c_3' }]
            ]);
        });

        it('dial, from the dialer', async () => {
            const { element, intents } = await renderWithIntents(fixtures.ready);
            const field = deep(element, 'c-softphone-dialer', '[data-id="number"]') as HTMLElement & {
                value: string;
            };
            field.value = '01632960999';
            field.dispatchEvent(new CustomEvent('change', { detail: { value: '01632960999' } }));
            await flush();
            deep(element, 'c-softphone-dialer', '[data-id="dial"]')?.click();
            expect(intents.map((event) => [event.type, event.detail])).toEqual([
                ['dial', { number: '01632960999' }]
            ]);
            expect(intents[0].composed).toBe(true);
        });

        it('pop, from the call card', async () => {
            const { element, intents } = await renderWithIntents(fixtures.connectedMultipleMatches);
            deep(element, 'c-softphone-call', '[data-id="pop"]')?.click();
            expect(intents.map((event) => [event.type, event.detail])).toEqual([['pop', { callId: 'c_1' }]]);
        });

        it('retry, from the status line', async () => {
            const { element, intents } = await renderWithIntents(fixtures.suiteUnreachable);
            deep(element, 'c-softphone-status', '[data-id="retry"]')?.click();
            expect(intents.map((event) => [event.type, event.detail])).toEqual([['retry', {}]]);
        });
    });

    describe('the phone window', () => {
        it('opens from the header button and from the Local Network Access message, where the tab can open it', async () => {
            const element = render(fixtures.localNetworkRefused);
            await flush();
            const intents = recordIntents(element);
            const header = $(element, '[data-id="open-phone-window"]') as HTMLElement & {
                alternativeText?: string;
            };
            expect(header.alternativeText).toBe('Open phone in its own window');
            header.click();
            deep(element, 'c-softphone-status', '[data-id="open-phone-window"]')?.click();
            expect(intents.map((event) => event.type)).toEqual(['phonewindow', 'phonewindow']);
        });

        it('is not offered where the tab cannot open it (in the phone window itself)', async () => {
            const element = render({ ...fixtures.localNetworkRefused, canOpenPhoneWindow: false });
            await flush();
            expect($(element, '[data-id="open-phone-window"]')).toBeNull();
            expect(deep(element, 'c-softphone-status', '[data-id="open-phone-window"]')).toBeNull();
        });
    });

    describe('self-check', () => {
        it('opens from the header button', async () => {
            const element = render(fixtures.ready);
            await flush();
            const intents = recordIntents(element);
            const open = $(element, '[data-id="open-self-check"]') as HTMLElement & {
                alternativeText?: string;
            };
            expect(open.alternativeText).toBe('Check setup');
            open.click();
            expect(intents.map((event) => [event.type, event.detail])).toEqual([['selfcheck', {}]]);
        });

        it("takes the dialer's place while open, and the open button waits", async () => {
            const element = render(fixtures.selfCheckPassed);
            await flush();
            expect($(element, 'c-softphone-self-check')).not.toBeNull();
            expect($(element, 'c-softphone-dialer')).toBeNull();
            expect(
                ($(element, '[data-id="open-self-check"]') as HTMLElement & { disabled?: boolean }).disabled
            ).toBe(true);
            element.state = fixtures.ready;
            await flush();
            expect($(element, 'c-softphone-self-check')).toBeNull();
            expect($(element, 'c-softphone-dialer')).not.toBeNull();
        });

        it('keeps calls on screen while open', async () => {
            const element = render({
                ...fixtures.ringingInbound,
                selfCheck: fixtures.selfCheckRunning.selfCheck
            });
            await flush();
            expect($$(element, 'c-softphone-call')).toHaveLength(1);
            expect($(element, 'c-softphone-self-check')).not.toBeNull();
        });

        it('raises run-again and close intents from the view', async () => {
            const element = render(fixtures.selfCheckFailed);
            await flush();
            const intents = recordIntents(element);
            deep(element, 'c-softphone-self-check', '[data-id="run-again"]')?.click();
            deep(element, 'c-softphone-self-check', '[data-id="close"]')?.click();
            expect(intents.map((event) => event.type)).toEqual(['selfcheck', 'closeselfcheck']);
        });
    });

    describe('caller data is text', () => {
        it('renders a PBX name holding markup as text', async () => {
            const element = render(fixtures.markupInCallerName);
            await flush();
            const name = deep(element, 'c-softphone-call', '[data-id="name"]');
            expect(name?.textContent).toBe('<img src=x onerror="window.hacked=1">Eve');
            expect(name?.querySelector('img')).toBeNull();
        });
    });

    describe('accessibility', () => {
        it.each(Object.entries(fixtures))('is accessible: %s', async (_name, state) => {
            const element = render(state);
            await flush();
            await expect(element).toBeAccessible();
        });
    });
});
