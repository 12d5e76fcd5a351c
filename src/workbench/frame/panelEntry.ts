// The workbench's stand-in for Lightning Out: renders the real panel LWCs with LWC OSS and hands
// the element to the softphone core through window.MiVoiceSoftphonePanel.
// Lightning renders LWCs with synthetic shadow, so SLDS styles reach the panel; do the same here.
import '@lwc/synthetic-shadow';
import { createElement } from 'lwc';
import Softphone from 'c/softphone';

declare global {
    interface Window {
        MiVoiceSoftphonePanel?: { mount(container: HTMLElement): HTMLElement };
    }
}

window.MiVoiceSoftphonePanel = {
    mount(container: HTMLElement): HTMLElement {
        const element = createElement('c-softphone', { is: Softphone });
        container.appendChild(element);
        return element;
    }
};
