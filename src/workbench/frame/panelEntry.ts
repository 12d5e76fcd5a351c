// The workbench's stand-in for Lightning Out: renders the real panel LWCs with LWC OSS and hands
// the element to the softphone core through window.MiVoiceSoftphonePanel.
// Lightning renders LWCs with synthetic shadow, so SLDS styles reach the panel; do the same here.
import '@lwc/synthetic-shadow';
import { createElement } from 'lwc';
import Softphone from 'c/softphone';

declare global {
    interface Window {
        MiVoiceSoftphonePanel?: { mount(container: HTMLElement, tagName?: string): HTMLElement };
    }
}

window.MiVoiceSoftphonePanel = {
    /** The tag is the component's name in the org's namespace: c-softphone, or ns-softphone. */
    mount(container: HTMLElement, tagName = 'c-softphone'): HTMLElement {
        const element = createElement(tagName, { is: Softphone });
        container.appendChild(element);
        return element;
    }
};
