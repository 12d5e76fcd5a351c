// The HTML of the two workbench pages: the emulated Lightning console (the Open CTI parent) and
// the softphone frame (what the Visualforce adapter page does in an org).

const escapeAttribute = (text: string) =>
    text.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');

/**
 * When a file was last built: framework files are named with it (`?v=`) and static resources carry it
 * in their path, as `{!$Resource.Name}` carries the resource's timestamp in an org.
 */
export type BuildStamp = (path: string) => number;

const SLDS_CSS = '/assets/styles/salesforce-lightning-design-system.min.css';
const versioned = (stamp: BuildStamp, path: string) => `${path}?v=${stamp(path)}`;

export function consolePage(options: { softphoneUrl: string; stamp: BuildStamp }): string {
    const { stamp } = options;
    return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>MiVoice Softphone workbench</title>
<link rel="icon" href="data:,">
<link rel="stylesheet" href="${versioned(stamp, SLDS_CSS)}">
<link rel="stylesheet" href="${versioned(stamp, '/workbench/console.css')}">
</head>
<body class="slds-scope">
<header class="wb-header slds-global-header_container">
  <div class="slds-global-header slds-grid slds-grid_align-spread">
    <span class="slds-text-heading_small">Sales Console <span class="slds-badge">workbench</span></span>
    <span id="wb-agent" class="slds-text-body_small"></span>
  </div>
</header>
<main class="wb-main">
  <section class="wb-records slds-card" aria-labelledby="wb-records-title">
    <div class="slds-card__header"><h2 id="wb-records-title" class="slds-card__header-title">Records</h2></div>
    <div class="slds-card__body slds-card__body_inner">
      <div id="wb-record-view" aria-live="polite"></div>
      <table class="slds-table slds-table_bordered slds-table_cell-buffer" id="wb-record-list">
        <thead><tr><th scope="col">Name</th><th scope="col">Type</th><th scope="col">Phone</th></tr></thead>
        <tbody></tbody>
      </table>
    </div>
  </section>
  <aside class="wb-side">
    <section class="slds-card wb-caller" aria-labelledby="wb-caller-title">
      <div class="slds-card__header"><h2 id="wb-caller-title" class="slds-card__header-title">Caller (the phone system)</h2></div>
      <div class="slds-card__body slds-card__body_inner" id="wb-caller"></div>
    </section>
    <section class="slds-card" aria-labelledby="wb-settings-title">
      <div class="slds-card__header"><h2 id="wb-settings-title" class="slds-card__header-title">Call center settings</h2></div>
      <div class="slds-card__body slds-card__body_inner" id="wb-settings"></div>
    </section>
    <section class="slds-card" aria-labelledby="wb-log-title">
      <div class="slds-card__header"><h2 id="wb-log-title" class="slds-card__header-title">Salesforce received</h2></div>
      <div class="slds-card__body slds-card__body_inner">
        <h3 class="slds-text-title_caps">Tasks <span id="wb-task-count"></span></h3>
        <ol id="wb-tasks" class="wb-log"></ol>
        <h3 class="slds-text-title_caps">Open CTI requests <span id="wb-request-count"></span></h3>
        <ol id="wb-requests" class="wb-log"></ol>
      </div>
    </section>
  </aside>
</main>
<footer class="wb-utility-bar">
  <button type="button" class="slds-button slds-button_neutral" id="wb-phone-toggle" aria-expanded="true" aria-controls="wb-phone-panel">
    <span id="wb-phone-label">Phone</span>
  </button>
  <div id="wb-phone-panel" class="wb-phone-panel">
    <iframe id="wb-softphone" title="Softphone" data-src="${escapeAttribute(options.softphoneUrl)}"></iframe>
  </div>
</footer>
<script src="${versioned(stamp, '/workbench/console.js')}"></script>
</body>
</html>
`;
}

export function softphonePage(options: {
    localParentOrigin?: string;
    /** The emulated org's package namespace: what the Lightning Out stand-in knows components by. */
    namespace: string;
    /** `{!$Resource.SoftphoneCore}` under that namespace. */
    coreResource: string;
    /** `{!$Resource.SoftphoneExtras}` under that namespace. */
    extrasResource: string;
    /** The phone window (opened by the softphone, no Open CTI parent): as the adapter page, no Open CTI library. */
    phoneWindow?: boolean;
    stamp: BuildStamp;
}): string {
    const { stamp } = options;
    const localOrigin = options.localParentOrigin
        ? `<script>window.mivoiceWorkbenchLocalParentOrigin = ${JSON.stringify(options.localParentOrigin)};</script>\n`
        : '';
    // Each static resource has a timestamp of its own in Salesforce.
    const resourceUrl = `/resource/${stamp('/workbench/core.js')}/${options.coreResource}`;
    const extrasUrl = `/resource/${stamp('/workbench/extras.js')}/${options.extrasResource}`;
    return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>MiVoice Softphone</title>
<link rel="icon" href="data:,">
<link rel="stylesheet" href="${versioned(stamp, SLDS_CSS)}">
<style>html, body { margin: 0; height: 100%; background: #fff; }</style>
</head>
<body class="slds-scope">
<div id="softphone-root"></div>
${
    options.phoneWindow
        ? ''
        : `${localOrigin}<script src="/support/api/65.0/lightning/opencti_min.js"></script>
`
}<script src="${versioned(stamp, '/workbench/panel.js')}"></script>
<script src="${resourceUrl}"></script>
<script>window.mivoiceWorkbenchOrgNamespace = ${JSON.stringify(options.namespace)};</script>
<script src="${versioned(stamp, '/workbench/lightningOut.js')}"></script>
<script>
  window.MiVoiceSoftphone.bootAdapterPage({
    containerId: 'softphone-root',
    resourceUrl: ${JSON.stringify(resourceUrl)},
    extrasUrl: ${JSON.stringify(extrasUrl)},
    lightning: window.$Lightning
  });
</script>
</body>
</html>
`;
}
