/** @jest-environment jsdom */
// The panel host while Lightning Out is still creating the panel: what the softphone drew and the
// agent's intents wait for the element, and nothing drawn in between is lost.
import { createDeferredPanelHost } from '../panelHost';

const state = (label: string) => ({ status: { label } }) as unknown as SoftphonePanelState;

describe('createDeferredPanelHost', () => {
    it('gives the element the latest state once attached, and its intents to the handler set before', async () => {
        const host = createDeferredPanelHost();
        const intents: SoftphoneIntent[] = [];
        host.onIntent((intent) => intents.push(intent));
        host.render(state('Connecting'));
        host.render(state('Ready'));
        let shown = false;
        void host.shown?.then(() => (shown = true));

        const element = document.createElement('c-softphone') as HTMLElement & {
            state?: SoftphonePanelState;
        };
        host.attach(element);
        await Promise.resolve();
        expect(element.state).toEqual(state('Ready'));
        expect(shown).toBe(true);

        element.dispatchEvent(new CustomEvent('answer', { detail: { callId: 'c1' } }));
        expect(intents).toEqual([{ type: 'answer', callId: 'c1' }]);
        host.render(state('On a call'));
        await Promise.resolve();
        expect(element.state).toEqual(state('On a call'));
    });
});
