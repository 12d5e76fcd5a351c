// A stand-in for Lightning Out ($Lightning) in the workbench's softphone frame: "creating" the
// panel component renders the real panel LWCs with LWC OSS into the container.
import type { LightningOut } from '../../core/adapter/bootAdapterPage';

declare global {
    interface Window {
        $Lightning?: LightningOut;
    }
}

window.$Lightning = {
    use(_appName, callback) {
        callback();
    },
    createComponent(_type, _attributes, locator, callback) {
        const container = document.getElementById(locator);
        const panel = window.MiVoiceSoftphonePanel;
        if (!container || !panel) {
            callback(undefined, 'ERROR', 'the panel bundle did not load');
            return;
        }
        panel.mount(container);
        callback({}, 'SUCCESS');
    }
};
