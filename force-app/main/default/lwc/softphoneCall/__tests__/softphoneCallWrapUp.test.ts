import '../../../../../../test/support/englishLabels';
import { createElement } from '@lwc/engine-dom';
import SoftphoneCall from 'c/softphoneCall';
import fixtureFile from '../../softphone/__tests__/fixtures/states.json';

const { states } = fixtureFile as unknown as { states: Record<string, SoftphonePanelState> };

type CallElement = HTMLElement & { call?: SoftphoneCallView; expanded?: boolean };

function render(call: SoftphoneCallView, expanded = true): CallElement {
    const element = createElement('c-softphone-call', { is: SoftphoneCall }) as CallElement;
    Object.assign(element, { call, expanded });
    document.body.appendChild(element);
    return element;
}

async function flush(): Promise<void> {
    await Promise.resolve();
    await Promise.resolve();
}

const part = (element: Element, selector: string) =>
    element.shadowRoot?.querySelector<HTMLElement & { label?: string }>(selector) ?? null;

describe('c-softphone-call: choosing a match and wrap-up', () => {
    afterEach(() => {
        while (document.body.firstChild) document.body.removeChild(document.body.firstChild);
    });

    it('during the call: lists the matching records above the controls, and keeps Find Caller and the notes', async () => {
        const element = render(states.connectedMultipleCandidates.calls[0]);
        await flush();
        const matches = part(element, 'c-softphone-matches');
        expect(matches?.shadowRoot?.querySelectorAll('[data-id="candidate"]')).toHaveLength(3);
        expect(part(element, 'c-softphone-call-controls')).not.toBeNull();
        expect(part(element, '[data-id="pop"]')?.label).toBe('Find Caller');
        expect(part(element, 'c-softphone-notes')).not.toBeNull();
        expect(part(element, 'c-softphone-wrap-up')).toBeNull();
        const picks: unknown[] = [];
        document.body.addEventListener('pick', (event) => picks.push((event as CustomEvent).detail));
        matches?.shadowRoot?.querySelectorAll<HTMLElement>('[data-id="candidate"]')[2].click();
        expect(picks).toEqual([{ callId: 'c_1', recordId: '0015g00000RosFrAAA' }]);
        await expect(element).toBeAccessible();
    });

    it('in wrap-up: says Wrap-up, shows the form instead of the controls and notes, with the matches and Find Caller', async () => {
        const element = render(states.wrapUp.calls[0]);
        await flush();
        expect(part(element, '[data-id="state"]')?.label).toBe('Wrap-up');
        expect(part(element, '[data-id="name"]')?.textContent?.trim()).toBe('Mary Jackson');
        expect(part(element, 'c-softphone-wrap-up')).not.toBeNull();
        expect(part(element, 'c-softphone-call-controls')).toBeNull();
        // The notes live in the wrap-up form now: one notes field, not two.
        expect(part(element, 'c-softphone-notes')).toBeNull();
        expect(
            part(element, 'c-softphone-wrap-up')?.shadowRoot?.querySelectorAll('c-softphone-notes')
        ).toHaveLength(1);
        expect(
            part(element, 'c-softphone-matches')?.shadowRoot?.querySelectorAll('[data-id="candidate"]')
        ).toHaveLength(3);
        // One record is linked already: nothing to find.
        expect(part(element, '[data-id="pop"]')).toBeNull();
        expect(part(element, 'c-softphone-timer')).toBeNull();
        await expect(element).toBeAccessible();
    });

    it('in wrap-up with two records and none linked: offers Find Caller, which raises the pop intent', async () => {
        const element = render(states.wrapUpTwoMatches.calls[0]);
        await flush();
        const seen: unknown[] = [];
        element.addEventListener('pop', (event) => seen.push((event as CustomEvent).detail));
        const find = part(element, '[data-id="pop"]') as (HTMLElement & { label?: string }) | null;
        expect(find?.label).toBe('Find Caller');
        find?.click();
        expect(seen).toEqual([{ callId: 'c_1' }]);
        await expect(element).toBeAccessible();
    });

    it('in wrap-up, folded to a row: says Wrap-up', async () => {
        const element = render(states.wrapUp.calls[0], false);
        await flush();
        expect(part(element, '[data-id="state"]')?.textContent).toBe('Wrap-up');
    });

    it('an ended call without wrap-up still says Ended', async () => {
        const { wrapUp: _wrapUp, ...ended } = states.wrapUp.calls[0];
        const element = render(ended, false);
        await flush();
        expect(part(element, '[data-id="state"]')?.textContent).toBe('Ended');
    });
});
