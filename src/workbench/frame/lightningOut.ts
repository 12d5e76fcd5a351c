// A stand-in for Lightning Out ($Lightning) in the workbench's softphone frame: "creating" the
// panel component renders the real panel LWCs with LWC OSS into the container. Like the real one,
// it knows the app and the component only by their names in the org's namespace ('c' without one),
// so a name the adapter page gets wrong fails here as it would in Salesforce.
import type { LightningOut } from '../../core/opencti-host/adapter/bootAdapterPage';

declare global {
    interface Window {
        $Lightning?: LightningOut;
        mivoiceWorkbenchOrgNamespace?: string;
    }
}

const prefix = window.mivoiceWorkbenchOrgNamespace || 'c';
const APP = `${prefix}:SoftphoneOutApp`;
const COMPONENT = `${prefix}:softphone`;

window.$Lightning = {
    use(appName, callback) {
        if (appName !== APP) {
            console.error(`Lightning Out: no application ${appName} (this org has ${APP})`);
            return;
        }
        callback();
    },
    createComponent(type, _attributes, locator, callback) {
        const container = document.getElementById(locator);
        const panel = window.MiVoiceSoftphonePanel;
        if (type !== COMPONENT) {
            callback(undefined, 'ERROR', `Unknown component ${type}`);
            return;
        }
        if (!container || !panel) {
            callback(undefined, 'ERROR', 'the panel bundle did not load');
            return;
        }
        panel.mount(container, `${prefix}-softphone`);
        callback({}, 'SUCCESS');
    }
};
