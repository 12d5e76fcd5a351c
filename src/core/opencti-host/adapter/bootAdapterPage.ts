// What the Visualforce adapter page runs once Open CTI and the core have loaded: start the softphone
// (who the agent is, the connection to the phone system) and, meanwhile, create the panel through
// Lightning Out, which loads an Aura application first; the panel element joins the running softphone
// when it is there. The workbench runs the same code with a Lightning Out stand-in that renders the
// panel with LWC OSS.
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

/** The softphone started before its panel: the element is attached once created, or it stops. */
export interface StartedSoftphone {
    attach(panelElement: HTMLElement): void;
    stop(): void;
}

export type StartSoftphone = (names: PlatformNames) => StartedSoftphone;

export function bootAdapterPage(
    options: AdapterPageOptions,
    start: StartSoftphone,
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
    const softphone = start(names);
    const failed = (detail: string) => {
        softphone.stop();
        fail(detail);
    };
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
                    failed(errorMessage || status);
                    return;
                }
                if (!component || !element) {
                    failed(errorMessage || 'no component was created');
                    return;
                }
                softphone.attach(element);
            }
        );
    });
}
