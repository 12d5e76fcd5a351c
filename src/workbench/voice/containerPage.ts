// The emulated Salesforce Voice container's page, in SLDS like the Open CTI workbench console: the
// Omni-Channel softphone (the connector's frame hidden inside it, as Salesforce hosts it), the caller
// side of the phone system with its Ring buttons and the control API they use, a record to click to
// dial, and what Salesforce received, what it found wrong and the VoiceCalls the SCRT endpoint holds.

export interface ContainerPageOptions {
    config: unknown;
    /** The simulator's control API, named in the page with the body its inbound call needs. */
    controlUrl: string;
    agent: { email: string; extension: string };
}

const CALLERS = [
    { label: 'Ring from +44 1632 960123', ring: { number: '+441632960123', name: 'Pat Caller' } },
    { label: 'Ring from a withheld number', ring: { number: '', name: '' } },
    {
        label: 'Ring through hunt group 2100',
        ring: { number: '01632960777', name: 'ACME LTD', huntGroup: '2100' }
    }
];

const FAR_END = [
    ['answer', 'Far end answers'],
    ['hangup', 'Far end hangs up'],
    ['busy', 'Far end busy'],
    ['answered-elsewhere', 'Answered elsewhere']
];

const attribute = (value: unknown) => JSON.stringify(value).replace(/&/g, '&amp;').replace(/"/g, '&quot;');

function card(id: string, title: string, body: string): string {
    return `<section class="slds-card slds-m-bottom_small" aria-labelledby="${id}-title">
  <div class="slds-card__header"><h2 id="${id}-title" class="slds-card__header-title">${title}</h2></div>
  <div class="slds-card__body slds-card__body_inner">${body}</div>
</section>`;
}

function softphone(): string {
    return card(
        'omni',
        'Omni-Channel (phone)',
        `<p id="status" role="status" class="slds-text-heading_small">Connecting…</p>
<p id="ended" class="slds-text-body_small"></p>
<div class="slds-form-element slds-m-top_x-small"><label class="slds-form-element__label" for="presence">Status</label>
  <div class="slds-form-element__control"><div class="slds-select_container"><select id="presence" class="slds-select"></select></div></div></div>
<div id="calls"></div>
<ul id="notices" class="slds-list_dotted slds-text-color_error"></ul>
<form id="dial-form" class="slds-grid slds-m-top_small"><input id="dial-number" class="slds-input" aria-label="Number" placeholder="Number">
  <button class="slds-button slds-button_brand slds-m-left_x-small slds-shrink-none" type="submit">Dial</button></form>
<form id="phone-form" class="slds-grid slds-m-top_small"><input id="phone-number" class="slds-input" aria-label="Desk phone number" placeholder="Desk phone number">
  <button class="slds-button slds-button_neutral slds-m-left_x-small slds-shrink-none" type="submit">Set phone</button></form>
<div id="logout" class="slds-m-top_small"></div>
<iframe id="connector" title="MiVoice connector" class="vc-connector"></iframe>`
    );
}

function caller(options: ContainerPageOptions): string {
    const rings = CALLERS.map(
        ({ label, ring }) =>
            `<button type="button" class="slds-button slds-button_brand slds-m-bottom_xx-small" data-ring="${attribute(ring)}">${label}</button>`
    ).join('\n');
    const farEnd = FAR_END.map(
        ([action, label]) =>
            `<button type="button" class="slds-button slds-button_neutral slds-m-bottom_xx-small" data-far-end="${action}">${label}</button>`
    ).join('\n');
    const body = `{"toExtension": "${options.agent.extension}", "from": {"number": "+441632960123", "name": "Pat Caller"}}`;
    return card(
        'caller',
        'Caller (the phone system)',
        `<div class="slds-button-group_vertical">${rings}</div>
<p class="slds-text-title_caps slds-m-top_small">The newest call</p>
<div>${farEnd}</div>
<p id="caller-result" class="slds-text-color_error" role="alert"></p>
<p class="slds-text-body_small slds-m-top_small">Or from a shell: <code>curl -X POST -H 'Content-Type: application/json' -d '${body}' ${options.controlUrl}/_sim/calls/inbound</code></p>`
    );
}

function records(): string {
    const contact = { phoneNumber: '+44 1632 960456', name: 'Pat Caller', recordId: '0035e00000AbCdEAAV' };
    return card(
        'records',
        'Records',
        `<table class="slds-table slds-table_bordered slds-table_cell-buffer"><thead><tr><th>Contact</th><th>Phone</th></tr></thead>
<tbody><tr><td>Pat Caller</td><td><button type="button" class="slds-button" data-dial="${attribute(contact)}">+44 1632 960456</button></td></tr></tbody></table>`
    );
}

export function containerPage(options: ContainerPageOptions): string {
    return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Salesforce Voice (emulated)</title>
<link rel="stylesheet" href="/assets/styles/salesforce-lightning-design-system.min.css">
<style>.vc-connector{width:1px;height:1px;border:0;position:absolute}.vc-main{align-items:flex-start}.slds-global-header_container{position:static}</style></head>
<body class="slds-scope">
<header class="slds-global-header_container"><div class="slds-global-header slds-grid slds-grid_align-spread">
  <span class="slds-text-heading_small">Salesforce Voice <span class="slds-badge">emulated container</span></span>
  <span class="slds-text-body_small">${options.agent.email} · extension ${options.agent.extension}</span>
</div></header>
<main class="vc-main slds-grid slds-wrap slds-gutters slds-p-around_small">
  <div class="slds-col slds-size_1-of-1 slds-medium-size_1-of-3">${softphone()}</div>
  <div class="slds-col slds-size_1-of-1 slds-medium-size_1-of-3">${caller(options)}${records()}</div>
  <div class="slds-col slds-size_1-of-1 slds-medium-size_1-of-3">
    ${card('received', 'Salesforce received', '<p id="log-count" class="slds-text-body_small"></p><ul id="received" class="slds-list_vertical-space"></ul>')}
    ${card('findings', 'Findings (what Salesforce would not take)', '<ul id="findings" class="slds-list_dotted"></ul>')}
    ${card('voice-calls', 'VoiceCalls (the SCRT endpoint)', '<ul id="voice-calls" class="slds-list_dotted"></ul>')}
  </div>
</main>
<script type="application/json" id="voice-config">${JSON.stringify(options.config).replace(/</g, '\\u003c')}</script>
<script src="/voice/container.js"></script>
</body></html>`;
}
