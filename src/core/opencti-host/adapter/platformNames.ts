// Names that depend on the package namespace, derived at run time so the same source works as an
// unlocked package without a namespace and as a managed package with one.

export interface PlatformNames {
    /** The package namespace, or '' when there is none. */
    namespace: string;
    /** Lightning Out dependency app, e.g. `c:SoftphoneOutApp` or `mvsp:SoftphoneOutApp`. */
    lightningOutApp: string;
    /** The root panel component for $Lightning.createComponent. */
    panelComponent: string;
    /** The panel's custom element tag in the DOM. */
    panelTag: string;
    /** The class name runApex expects: `SoftphoneIdentity` or `mvsp.SoftphoneIdentity`. */
    apexClass(name: string): string;
}

const NAMESPACED_RESOURCE = /\/resource\/(?:\d+\/)?([A-Za-z][A-Za-z0-9]*)__SoftphoneCore(?:[/?#]|$)/;

/**
 * Reads the namespace from the static resource URL the adapter page hands over
 * (`{!$Resource.SoftphoneCore}` renders as `/resource/1700000000000/mvsp__SoftphoneCore` in a
 * namespaced package and `/resource/1700000000000/SoftphoneCore` without one).
 */
export function derivePlatformNames(resourceUrl: string): PlatformNames {
    const namespace = NAMESPACED_RESOURCE.exec(resourceUrl)?.[1] ?? '';
    const prefix = namespace || 'c';
    return {
        namespace,
        lightningOutApp: `${prefix}:SoftphoneOutApp`,
        panelComponent: `${prefix}:softphone`,
        panelTag: `${prefix}-softphone`,
        apexClass: (name) => (namespace ? `${namespace}.${name}` : name)
    };
}

/**
 * The Visualforce origin the Suite must allow in CORS, from the adapter page's own location:
 * https://<my-domain>--c.vf.force.com, or --<namespace>.vf.force.com in a namespaced package.
 */
export function visualforceOrigin(location: Pick<Location, 'origin'>): string {
    return location.origin;
}
