import '../../../../../../test/support/englishLabels';
import { createElement } from '@lwc/engine-dom';
import SoftphoneCall from 'c/softphoneCall';
import fixtureFile from '../../softphone/__tests__/fixtures/states.json';

const { states } = fixtureFile as unknown as { states: Record<string, SoftphonePanelState> };

type CallElement = HTMLElement & { call?: SoftphoneCallView; expanded?: boolean; linkedCallId?: string };

function callOf(name: string, index = 0): SoftphoneCallView {
    return states[name].calls[index];
}

function render(call: SoftphoneCallView, props: Partial<CallElement> = { expanded: true }): CallElement {
    const element = createElement('c-softphone-call', { is: SoftphoneCall }) as CallElement;
    Object.assign(element, { call, ...props });
    document.body.appendChild(element);
    return element;
}

async function flush(): Promise<void> {
    await Promise.resolve();
    await Promise.resolve();
}

function part(element: Element, id: string): (HTMLElement & Record<string, unknown>) | null {
    return element.shadowRoot?.querySelector(`[data-id="${id}"]`) ?? null;
}

function textOf(element: Element, id: string): string | undefined {
    return part(element, id)?.textContent?.trim();
}

describe('c-softphone-call', () => {
    afterEach(() => {
        while (document.body.firstChild) document.body.removeChild(document.body.firstChild);
    });

    describe('who is calling', () => {
        it('shows the PBX name, with the number underneath', async () => {
            const element = render(callOf('ringingInbound'));
            await flush();
            expect(textOf(element, 'name')).toBe('Ada Lovelace');
            expect(textOf(element, 'detail')).toBe('01632 960123');
        });

        it('replaces the PBX name with the single matched record, keeping PBX name and number underneath', async () => {
            const element = render(callOf('connectedSingleMatch'));
            await flush();
            expect(textOf(element, 'name')).toBe('Grace Hopper');
            expect(textOf(element, 'detail')).toBe('Ada Lovelace · 01632 960123');
        });

        it('says Multiple Matches when several records match', async () => {
            const element = render(callOf('connectedMultipleMatches'));
            await flush();
            expect(textOf(element, 'name')).toBe('Multiple Matches');
        });

        it('shows the number when the PBX gives no name', async () => {
            const element = render(callOf('dialingOutbound'));
            await flush();
            expect(textOf(element, 'name')).toBe('01632 960777');
            expect(part(element, 'detail')).toBeNull();
        });

        it('says unknown caller without name or number', async () => {
            const element = render({ ...callOf('ringingInbound'), pbxName: '', number: '' });
            await flush();
            expect(textOf(element, 'name')).toBe('Unknown caller');
        });

        it('renders a name holding markup as plain text', async () => {
            const element = render(callOf('markupInCallerName'));
            await flush();
            const name = part(element, 'name');
            expect(name?.textContent).toBe('<img src=x onerror="window.hacked=1">Eve');
            expect(element.shadowRoot?.querySelector('img')).toBeNull();
        });

        it('isolates a right-to-left name so it cannot reorder the number next to it', async () => {
            const rtl = { ...callOf('ringingInbound'), pbxName: 'شركة أكمي' };
            const expanded = render(rtl);
            const compact = render(rtl, { expanded: false });
            await flush();
            expect(textOf(expanded, 'name')).toBe('شركة أكمي');
            expect(part(expanded, 'name')?.getAttribute('dir')).toBe('auto');
            expect(part(expanded, 'detail')?.getAttribute('dir')).toBe('auto');
            expect(part(compact, 'name')?.getAttribute('dir')).toBe('auto');
        });

        it('tells while the record search runs, and when it found nothing', async () => {
            const searching = render(callOf('connectedSearching'));
            const none = render(callOf('connectedNoMatch'));
            const single = render(callOf('connectedSingleMatch'));
            await flush();
            expect(textOf(searching, 'match')).toBe('Searching Salesforce…');
            expect(textOf(none, 'match')).toBe('No matching record');
            expect(part(single, 'match')).toBeNull();
        });
    });

    describe('what the call is', () => {
        it.each([
            ['ringingInbound', 0, 'Ringing', 'utility:incoming_call', 'Inbound'],
            ['dialingOutbound', 0, 'Dialing', 'utility:outbound_call', 'Outbound'],
            ['connectedSingleMatch', 0, 'Connected', 'utility:incoming_call', 'Inbound'],
            ['held', 0, 'On Hold', 'utility:incoming_call', 'Inbound'],
            ['consulting', 1, 'Connected', 'utility:internal_share', 'Internal']
        ])('%s: state %s, direction icon and its text', async (name, index, state, iconName, direction) => {
            const element = render(callOf(name as string, index as number));
            await flush();
            expect(part(element, 'state')?.label).toBe(state);
            const icon = element.shadowRoot?.querySelector('lightning-icon') as unknown as Record<
                string,
                string
            >;
            expect(icon.iconName).toBe(iconName);
            expect(icon.alternativeText).toBe(direction);
        });

        it('shows the queued and ended states', async () => {
            const queued = render({ ...callOf('ringingInbound'), state: 'queued' });
            const cleared = render({ ...callOf('connectedSingleMatch'), state: 'cleared' });
            await flush();
            expect(part(queued, 'state')?.label).toBe('Queued');
            expect(part(cleared, 'state')?.label).toBe('Ended');
            expect(cleared.shadowRoot?.querySelector('c-softphone-timer')).toBeNull();
        });

        it('shows the hunt group when known', async () => {
            const withGroup = render(callOf('ringingInbound'));
            const without = render(callOf('connectedSingleMatch'));
            await flush();
            expect(textOf(withGroup, 'hunt-group')).toBe('Via Sales');
            expect(part(without, 'hunt-group')).toBeNull();
        });

        it('marks a consult call', async () => {
            const consult = render(callOf('consulting', 1));
            const original = render(callOf('consulting', 0));
            await flush();
            expect(part(consult, 'consult')?.label).toBe('Consult call');
            expect(part(original, 'consult')).toBeNull();
        });

        it('times from the answer, or from the start while unanswered', async () => {
            const answered = callOf('connectedSingleMatch');
            const ringing = callOf('ringingInbound');
            const a = render(answered);
            const r = render(ringing);
            await flush();
            const timerOf = (element: Element) =>
                element.shadowRoot?.querySelector('c-softphone-timer') as unknown as Record<string, unknown>;
            expect(timerOf(a).since).toBe(answered.answeredAt);
            expect(timerOf(r).since).toBe(ringing.startedAt);
            expect(timerOf(a).label).toBe('Call duration');
        });
    });

    describe('expanded card', () => {
        it('holds the controls, with the linked consult call, and the notes of this call', async () => {
            const call = callOf('connectedSingleMatch');
            const element = render(call, { expanded: true, linkedCallId: 'c_9' });
            await flush();
            const controls = element.shadowRoot?.querySelector(
                'c-softphone-call-controls'
            ) as unknown as Record<string, unknown>;
            expect(controls.call).toEqual(call);
            expect(controls.linkedCallId).toBe('c_9');
            expect(controls.compact).toBeFalsy();
            const notes = element.shadowRoot?.querySelector('c-softphone-notes') as unknown as Record<
                string,
                unknown
            >;
            expect(notes.callId).toBe('c_1');
            expect(notes.notes).toBe('Wants a callback on Friday');
        });

        it('gives a call ringing here its notes box once answered, or at once when it has notes', async () => {
            const notesOf = (element: Element) => element.shadowRoot?.querySelector('c-softphone-notes');
            const ringing = render(callOf('ringingInbound'));
            const dialling = render(callOf('dialingOutbound'));
            const ringingWithNotes = render({ ...callOf('ringingInbound'), notes: 'Asked for Ada' });
            await flush();
            expect(notesOf(ringing)).toBeNull();
            expect(part(ringing, 'name')).not.toBeNull();
            expect(notesOf(dialling)).not.toBeNull();
            expect(notesOf(ringingWithNotes)).not.toBeNull();
            ringing.call = { ...callOf('ringingInbound'), state: 'connected' };
            await flush();
            expect(notesOf(ringing)).not.toBeNull();
        });

        it('offers a manual screen pop only when the core allows it, and raises pop', async () => {
            const element = render(callOf('connectedMultipleMatches'));
            const noPop = render(callOf('connectedSingleMatch'));
            await flush();
            expect(part(noPop, 'pop')).toBeNull();
            const pop = part(element, 'pop') as HTMLElement & { label?: string };
            expect(pop.label).toBe('Find Caller');
            const seen: CustomEvent[] = [];
            element.addEventListener('pop', (event) => seen.push(event as CustomEvent));
            pop.click();
            expect(seen.map((event) => event.detail)).toEqual([{ callId: 'c_1' }]);
            expect(seen[0].bubbles && seen[0].composed).toBe(true);
        });
    });

    describe('a call placed here that was not answered', () => {
        it('says how it ended and offers Call Again instead of controls', async () => {
            const element = render(callOf('callBusy'));
            await flush();
            expect((part(element, 'state') as { label?: string } | null)?.label).toBe('Busy');
            expect(element.shadowRoot?.querySelector('c-softphone-call-controls')).toBeNull();
            const seen: CustomEvent[] = [];
            element.addEventListener('callback', (event) => seen.push(event as CustomEvent));
            (part(element, 'call-again') as HTMLElement).click();
            expect(seen.map((event) => event.detail)).toEqual([{ callId: 'c_9' }]);
        });

        it('says Busy while the agent still hears the busy tone, and keeps End Call', async () => {
            const ended = callOf('callBusy');
            const live: SoftphoneCallView = {
                ...ended,
                state: 'dialing',
                capabilities: ['clear'],
                active: true
            };
            const element = render(live);
            await flush();
            expect((part(element, 'state') as { label?: string } | null)?.label).toBe('Busy');
            expect(part(element, 'call-again')).toBeNull();
            const controls = element.shadowRoot?.querySelector(
                'c-softphone-call-controls'
            ) as unknown as Record<string, unknown>;
            expect(controls.call).toEqual(live);
        });
    });

    describe('compact row', () => {
        it('shows name, state, timer and compact controls, without notes or pop', async () => {
            const element = render(callOf('consulting', 0), { expanded: false, linkedCallId: 'c_3' });
            await flush();
            expect(part(element, 'call-row')).not.toBeNull();
            expect(part(element, 'call-card')).toBeNull();
            expect(textOf(element, 'name')).toBe('Ada Lovelace');
            expect(textOf(element, 'state')).toBe('On Hold');
            const controls = element.shadowRoot?.querySelector(
                'c-softphone-call-controls'
            ) as unknown as Record<string, unknown>;
            expect(controls.compact).toBe(true);
            expect(controls.linkedCallId).toBe('c_3');
            expect(element.shadowRoot?.querySelector('c-softphone-notes')).toBeNull();
            expect(part(element, 'pop')).toBeNull();
        });
    });

    it('renders nothing without a call', async () => {
        const element = createElement('c-softphone-call', { is: SoftphoneCall });
        document.body.appendChild(element);
        await flush();
        expect(element.shadowRoot?.querySelector('*:not(style)')).toBeNull();
    });

    it.each([
        ['ringingInbound', 0, true],
        ['connectedSingleMatch', 0, true],
        ['connectedMultipleMatches', 0, true],
        ['consulting', 1, true],
        ['consulting', 0, false],
        ['markupInCallerName', 0, true]
    ])('is accessible: %s (call %i, expanded %s)', async (name, index, expanded) => {
        const element = render(callOf(name as string, index as number), { expanded: expanded as boolean });
        await flush();
        await expect(element).toBeAccessible();
    });
});
