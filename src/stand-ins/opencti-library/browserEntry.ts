// Served at /support/api/<version>/lightning/opencti_min.js by the workbench.
import { createOpenCtiLibrary } from './openctiLibrary';

declare global {
    interface Window {
        sforce?: { opencti?: ReturnType<typeof createOpenCtiLibrary> };
        /** Set by the workbench server only when the console runs on a local origin. */
        mivoiceWorkbenchLocalParentOrigin?: string;
    }
}

const versionInPath = /\/support\/api\/(\d+)(?:\.\d+)?\//.exec(
    (document.currentScript as HTMLScriptElement | null)?.src ?? ''
);
window.sforce = window.sforce || {};
window.sforce.opencti = createOpenCtiLibrary({
    apiVersion: Number(versionInPath?.[1] ?? 65),
    window,
    localParentOrigin: window.mivoiceWorkbenchLocalParentOrigin
});
window.sforce.opencti.initialize();
