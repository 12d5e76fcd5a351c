// What the Visualforce adapter page runs once Open CTI and the core have loaded: create the panel
// through Lightning Out, then start the softphone with the panel element. The workbench runs the
// same code with a Lightning Out stand-in that renders the panel with LWC OSS.
import { derivePlatformNames, type PlatformNames } from './platformNames';

/** The part of Lightning Out ($Lightning) the page uses. */
export interface LightningOut {
    use(appName: string, callback: () => void): void;
    createComponent(
        type: string,
        attributes: Record<string, unknown>,
        locator: string,
        callback: (component: unknown, status?: string, errorMessage?: string) => void
    ): void;
}

export interface AdapterPageOptions {
    containerId: string;
    /** `{!$Resource.SoftphoneCore}`: tells the namespace. */
    resourceUrl: string;
    /** `{!$Resource.SoftphoneExtras}`: the second part of the core, loaded after start-up. */
    extrasUrl: string;
    lightning: LightningOut | undefined;
}

export type StartWithPanel = (panelElement: HTMLElement, names: PlatformNames) => void;

export function bootAdapterPage(
    options: AdapterPageOptions,
    start: StartWithPanel,
    doc: Document = document
): void {
    const container = doc.getElementById(options.containerId);
    if (!container) throw new Error(`The adapter page has no element #${options.containerId}`);
    const fail = (detail: string) => {
        const message = doc.createElement('p');
        message.setAttribute('role', 'alert');
        message.textContent = `The softphone panel could not be created (${detail}). Reload the page; if it persists, ask your admin to check that the MiVoice Softphone package is installed and Lightning Out is available.`;
        container.replaceChildren(message);
    };
    if (!options.lightning) {
        fail('Lightning Out did not load');
        return;
    }
    const lightning = options.lightning;
    const names = derivePlatformNames(options.resourceUrl);
    lightning.use(names.lightningOutApp, () => {
        lightning.createComponent(
            names.panelComponent,
            {},
            options.containerId,
            // The Lightning Out and Visualforce samples document only the component argument, so a
            // created component without a status is a success; an explicit status other than
            // SUCCESS (ERROR, INCOMPLETE), or no component, is a failure.
            (component, status, errorMessage) => {
                const element = container.querySelector<HTMLElement>(names.panelTag);
                if (status && status !== 'SUCCESS') {
                    fail(errorMessage || status);
                    return;
                }
                if (!component || !element) {
                    fail(errorMessage || 'no component was created');
                    return;
                }
                start(element, names);
            }
        );
    });
}
