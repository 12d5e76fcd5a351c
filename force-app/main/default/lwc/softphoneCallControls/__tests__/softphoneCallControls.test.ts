import '../../../../../../test/support/englishLabels';
import { createElement } from '@lwc/engine-dom';
import SoftphoneCallControls from 'c/softphoneCallControls';
import fixtureFile from '../../softphone/__tests__/fixtures/states.json';

const { states } = fixtureFile as unknown as { states: Record<string, SoftphonePanelState> };

type ControlsElement = HTMLElement & { call?: SoftphoneCallView; linkedCallId?: string; compact?: boolean };
type ButtonProps = { label?: string; alternativeText?: string; disabled?: boolean; ariaExpanded?: string };

const INTENTS = [
    'answer',
    'hangup',
    'hold',
    'retrieve',
    'transfer',
    'consult',
    'completetransfer',
    'canceltransfer'
];

function firstCall(name: string, index = 0): SoftphoneCallView {
    return states[name].calls[index];
}

function render(call: SoftphoneCallView, props: Partial<ControlsElement> = {}): ControlsElement {
    const element = createElement('c-softphone-call-controls', {
        is: SoftphoneCallControls
    }) as ControlsElement;
    Object.assign(element, { call, ...props });
    document.body.appendChild(element);
    return element;
}

async function flush(): Promise<void> {
    await Promise.resolve();
    await Promise.resolve();
}

function buttons(element: Element): Array<HTMLElement & ButtonProps> {
    return Array.from(element.shadowRoot?.querySelectorAll<HTMLElement & ButtonProps>('[data-action]') ?? []);
}

/** action -> enabled, for the buttons on screen */
function shown(element: Element): Record<string, boolean> {
    return Object.fromEntries(buttons(element).map((control) => [control.dataset.action, !control.disabled]));
}

function button(element: Element, action: string): HTMLElement & ButtonProps {
    const found = element.shadowRoot?.querySelector<HTMLElement & ButtonProps>(`[data-action="${action}"]`);
    if (!found) throw new Error(`no ${action} button`);
    return found;
}

function recordIntents(element: Element): Array<[string, unknown]> {
    const seen: Array<[string, unknown]> = [];
    for (const name of INTENTS) {
        element.addEventListener(name, (event) => seen.push([name, (event as CustomEvent).detail]));
    }
    return seen;
}

describe('c-softphone-call-controls', () => {
    afterEach(() => {
        while (document.body.firstChild) document.body.removeChild(document.body.firstChild);
    });

    describe('what is shown and enabled comes from the capabilities', () => {
        it.each([
            ['ringing inbound', 'ringingInbound', 0, { answer: true, hangup: true }],
            ['dialing outbound, not answered yet', 'dialingOutbound', 0, { hangup: true }],
            ['connected', 'connectedSingleMatch', 0, { hold: true, hangup: true, transfer: true }],
            ['held', 'held', 0, { retrieve: true, hangup: true, transfer: true }],
            [
                'held and ringing back (recall)',
                'holdRecall',
                0,
                { answer: true, retrieve: false, hangup: true, transfer: false }
            ],
            [
                'connected, the Suite allows nothing',
                'connectedNoCapabilities',
                0,
                { hold: false, hangup: false, transfer: false }
            ],
            [
                'held original during a consult',
                'consulting',
                0,
                { retrieve: false, hangup: true, transfer: false }
            ],
            [
                'consult call',
                'consulting',
                1,
                { hold: false, hangup: true, completetransfer: true, canceltransfer: true, transfer: false }
            ]
        ])('%s', async (_title, name, index, expected) => {
            const element = render(firstCall(name as string, index as number));
            await flush();
            expect(shown(element)).toEqual(expected);
        });

        it('follows a new snapshot of the same call', async () => {
            const element = render(firstCall('connectedSingleMatch'));
            await flush();
            element.call = { ...firstCall('connectedSingleMatch'), capabilities: ['clear'] };
            await flush();
            expect(shown(element)).toEqual({ hold: false, hangup: true, transfer: false });
        });
    });

    describe('labels', () => {
        it('answer and decline a ringing call', async () => {
            const element = render(firstCall('ringingInbound'));
            await flush();
            expect(button(element, 'answer').label).toBe('Answer');
            expect(button(element, 'hangup').label).toBe('Decline');
        });

        it('end an outgoing call that is not answered yet', async () => {
            const element = render(firstCall('dialingOutbound'));
            await flush();
            expect(button(element, 'hangup').label).toBe('End Call');
        });

        it('hold, end and transfer a connected call', async () => {
            const element = render(firstCall('connectedSingleMatch'));
            await flush();
            expect(button(element, 'hold').label).toBe('Hold');
            expect(button(element, 'hangup').label).toBe('End Call');
            expect(button(element, 'transfer').label).toBe('Transfer');
        });

        it('retrieve, complete and cancel transfer', async () => {
            const held = render(firstCall('held'));
            const consult = render(firstCall('consulting', 1));
            await flush();
            expect(button(held, 'retrieve').label).toBe('Retrieve');
            expect(button(consult, 'completetransfer').label).toBe('Complete Transfer');
            expect(button(consult, 'canceltransfer').label).toBe('Cancel Transfer');
        });

        it('names the button group after the caller', async () => {
            const element = render(firstCall('connectedSingleMatch'));
            await flush();
            const group = element.shadowRoot?.querySelector('[role="group"]');
            expect(group?.getAttribute('aria-label')).toBe('Call actions for Grace Hopper');
        });
    });

    describe('intents', () => {
        it.each([
            ['answer', 'ringingInbound', 0],
            ['hangup', 'ringingInbound', 0],
            ['answer', 'holdRecall', 0],
            ['hangup', 'dialingOutbound', 0],
            ['hold', 'connectedSingleMatch', 0],
            ['retrieve', 'held', 0]
        ])('%s on %s raises %s with the call id', async (action, name, index) => {
            const call = firstCall(name as string, index as number);
            const element = render(call);
            await flush();
            const seen = recordIntents(element);
            button(element, action as string).click();
            expect(seen).toEqual([[action, { callId: call.callId }]]);
        });

        it('a disabled button raises nothing, even when a click gets through', async () => {
            const element = render(firstCall('connectedNoCapabilities'));
            await flush();
            const seen = recordIntents(element);
            const hold = button(element, 'hold');
            expect(hold.disabled).toBe(true);
            hold.click();
            button(element, 'hangup').click();
            expect(seen).toEqual([]);
        });

        it('complete and cancel transfer from the consult call', async () => {
            const element = render(firstCall('consulting', 1));
            await flush();
            const seen = recordIntents(element);
            button(element, 'completetransfer').click();
            button(element, 'canceltransfer').click();
            expect(seen).toEqual([
                ['completetransfer', { callId: 'c_1', consultCallId: 'c_3' }],
                ['canceltransfer', { consultCallId: 'c_3' }]
            ]);
        });

        it('complete transfer from the held call, when the Suite offers it there', async () => {
            const original = {
                ...firstCall('consulting', 0),
                capabilities: ['completeTransfer'] as SoftphoneCapability[]
            };
            const element = render(original, { linkedCallId: 'c_3' });
            await flush();
            const seen = recordIntents(element);
            button(element, 'completetransfer').click();
            expect(seen).toEqual([['completetransfer', { callId: 'c_1', consultCallId: 'c_3' }]]);
        });

        it('complete transfer stays disabled while the consult call is unknown', async () => {
            const original = {
                ...firstCall('consulting', 0),
                capabilities: ['completeTransfer'] as SoftphoneCapability[]
            };
            const element = render(original);
            await flush();
            expect(button(element, 'completetransfer').disabled).toBe(true);
        });
    });

    describe('transfer form', () => {
        it('opens and closes from the Transfer button, which reports its state', async () => {
            const element = render(firstCall('connectedSingleMatch'));
            await flush();
            expect(element.shadowRoot?.querySelector('c-softphone-transfer')).toBeNull();
            expect(button(element, 'transfer').ariaExpanded).toBe('false');

            button(element, 'transfer').click();
            await flush();
            const form = element.shadowRoot?.querySelector('c-softphone-transfer') as unknown as Record<
                string,
                unknown
            >;
            expect(form).not.toBeNull();
            expect(form.callId).toBe('c_1');
            expect(form.canTransfer).toBe(true);
            expect(form.canConsult).toBe(true);
            expect(button(element, 'transfer').ariaExpanded).toBe('true');

            button(element, 'transfer').click();
            await flush();
            expect(element.shadowRoot?.querySelector('c-softphone-transfer')).toBeNull();
        });

        it('passes on which kinds of transfer the Suite allows', async () => {
            const element = render(firstCall('held'));
            await flush();
            button(element, 'transfer').click();
            await flush();
            const form = element.shadowRoot?.querySelector('c-softphone-transfer') as unknown as Record<
                string,
                unknown
            >;
            expect(form.canTransfer).toBe(true);
            expect(form.canConsult).toBe(false);
        });

        it.each([
            ['transfer', 'transfer-now'],
            ['consult', 'consult']
        ])(
            'folds away once the form sends a %s, and the intent reaches the host',
            async (intent, formButton) => {
                const element = render(firstCall('connectedSingleMatch'));
                await flush();
                const seen = recordIntents(element);
                button(element, 'transfer').click();
                await flush();
                // The real form, as the agent uses it: type a number, press its button.
                const form = element.shadowRoot?.querySelector('c-softphone-transfer') as HTMLElement;
                const field = form.shadowRoot?.querySelector('[data-id="transfer-target"]') as HTMLElement & {
                    value?: string;
                };
                field.value = '(2002)';
                field.dispatchEvent(new CustomEvent('change', { detail: { value: '(2002)' } }));
                await flush();
                form.shadowRoot?.querySelector<HTMLElement>(`[data-id="${formButton}"]`)?.click();
                await flush();
                // The number goes as typed: the core's one dial normaliser builds the dial string.
                expect(seen).toEqual([[intent, { callId: 'c_1', to: '(2002)' }]]);
                expect(element.shadowRoot?.querySelector('c-softphone-transfer')).toBeNull();
                expect(button(element, 'transfer').ariaExpanded).toBe('false');
            }
        );
    });

    describe('compact row', () => {
        it('offers only the enabled answer, retrieve and end buttons, as labelled icons', async () => {
            const element = render(firstCall('callWaiting', 1), { compact: true });
            await flush();
            expect(shown(element)).toEqual({ answer: true, hangup: true });
            const answer = button(element, 'answer');
            expect(answer.tagName.toLowerCase()).toBe('lightning-button-icon');
            expect(answer.alternativeText).toBe('Answer');
        });

        it('a held call offers retrieve', async () => {
            const element = render(firstCall('held'), { compact: true });
            await flush();
            expect(shown(element)).toEqual({ retrieve: true, hangup: true });
        });
    });

    it.each([
        ['ringingInbound', 0, false],
        ['connectedSingleMatch', 0, false],
        ['consulting', 1, false],
        ['callWaiting', 1, true]
    ])('is accessible: %s (call %i, compact %s)', async (name, index, compact) => {
        const element = render(firstCall(name as string, index as number), { compact: compact as boolean });
        await flush();
        await expect(element).toBeAccessible();
    });

    it('is accessible with the transfer form open', async () => {
        const element = render(firstCall('connectedSingleMatch'));
        await flush();
        button(element, 'transfer').click();
        await flush();
        await expect(element).toBeAccessible();
    });
});
