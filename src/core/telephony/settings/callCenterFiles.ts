// Renders the call center definition in its two forms from the settings schema:
// the Metadata API source file (deployed per org) and the XML that Setup → Call Centers imports.
import { SECTION_LABELS, SETTINGS, type SectionName } from './schema';

export const CALL_CENTER_NAME = 'MiVoiceSoftphone';
export const CALL_CENTER_DISPLAY_NAME = 'MiVoice Softphone';
export const DEFAULT_ADAPTER_PAGE = 'MiVoiceSoftphone';
/** Stands in for the org's My Domain name where it is not known; the admin replaces it. */
export const MY_DOMAIN_PLACEHOLDER = 'MYDOMAIN';
export const PLACEHOLDER_ADAPTER_URL = `https://${MY_DOMAIN_PLACEHOLDER}--c.vf.force.com/apex/${DEFAULT_ADAPTER_PAGE}`;

export interface CallCenterOptions {
    /** Absolute Visualforce URL of the adapter page in the target org: https://<my-domain>--c.vf.force.com/apex/Page. */
    adapterUrl: string;
    softphoneHeight?: number;
    softphoneWidth?: number;
    /** A second adapter URL Salesforce falls back to when the first does not answer within timeoutMs. */
    standbyUrl?: string;
    timeoutMs?: number;
    /** Values for our own settings, by item name; the schema defaults fill the rest. */
    values?: Record<string, string>;
}

interface Item {
    name: string;
    label: string;
    value: string;
}

interface Section {
    name: string;
    label: string;
    items: Item[];
}

function escapeXml(text: string): string {
    return text
        .replace(/&/g, '&amp;')
        .replace(/</g, '&lt;')
        .replace(/>/g, '&gt;')
        .replace(/"/g, '&quot;')
        .replace(/'/g, '&apos;');
}

function generalInfo(options: CallCenterOptions, withNames: boolean): Item[] {
    const names: Item[] = withNames
        ? [
              { name: 'reqInternalName', label: 'Internal Name', value: CALL_CENTER_NAME },
              { name: 'reqDisplayName', label: 'Display Name', value: CALL_CENTER_DISPLAY_NAME }
          ]
        : [];
    const standby: Item[] = options.standbyUrl
        ? [
              { name: 'reqStandbyUrl', label: 'Standby URL', value: options.standbyUrl },
              { name: 'reqTimeout', label: 'Timeout', value: String(options.timeoutMs ?? 10000) }
          ]
        : [];
    return [
        ...names,
        { name: 'reqAdapterUrl', label: 'CTI Adapter URL', value: options.adapterUrl },
        ...standby,
        { name: 'reqUseApi', label: 'Use CTI API', value: 'true' },
        {
            name: 'reqSoftphoneHeight',
            label: 'Softphone Height',
            value: String(options.softphoneHeight ?? 480)
        },
        { name: 'reqSoftphoneWidth', label: 'Softphone Width', value: String(options.softphoneWidth ?? 320) },
        { name: 'reqSalesforceCompatibilityMode', label: 'Salesforce Compatibility Mode', value: 'Lightning' }
    ];
}

function settingSections(options: CallCenterOptions): Section[] {
    const order: SectionName[] = ['reqDialingOptions', 'mivoiceSuite', 'mivoiceDialing'];
    return order.map((section) => ({
        name: section,
        label: SECTION_LABELS[section],
        items: SETTINGS.filter((setting) => setting.section === section).map((setting) => ({
            name: setting.name,
            label: setting.label,
            value: options.values?.[setting.name] ?? setting.defaultValue
        }))
    }));
}

// Orgs have refused relative adapter URLs in the softphone frame, so only the absolute form is written.
function validateAdapterUrl(kind: string, url: string): void {
    if (!/^https:\/\/[a-z0-9.-]+\/apex\/[A-Za-z0-9_]+$/i.test(url)) {
        throw new Error(
            `The ${kind} URL must be https://<my-domain>--c.vf.force.com/apex/<Page>, got "${url}"`
        );
    }
}

function validate(options: CallCenterOptions): void {
    validateAdapterUrl('adapter', options.adapterUrl);
    if (options.standbyUrl !== undefined) validateAdapterUrl('standby adapter', options.standbyUrl);
}

// The customSettings element of Salesforce's sample call center (open-cti-demo-adapter,
// OpenCTI.callCenter): the general information items but the adapter URL, as a JSON object of
// strings, timeout and standby URL first.
const CUSTOM_SETTINGS_ORDER = [
    'reqTimeout',
    'reqStandbyUrl',
    'reqSoftphoneHeight',
    'reqSoftphoneWidth',
    'reqUseApi',
    'reqSalesforceCompatibilityMode'
];

function customSettings(options: CallCenterOptions): string {
    const general = new Map(generalInfo(options, false).map((item) => [item.name, item.value]));
    const entries = CUSTOM_SETTINGS_ORDER.filter((name) => general.has(name)).map((name) => [
        name,
        general.get(name)
    ]);
    return JSON.stringify(Object.fromEntries(entries));
}

/** `unpackaged/callCenters/MiVoiceSoftphone.callCenter-meta.xml` (Metadata API source format). */
export function renderCallCenterMetadata(options: CallCenterOptions): string {
    validate(options);
    const sections: Section[] = [
        { name: 'reqGeneralInfo', label: 'General Information', items: generalInfo(options, false) },
        ...settingSections(options)
    ];
    const renderItem = (item: Item) =>
        [
            '        <items>',
            `            <label>${escapeXml(item.label)}</label>`,
            `            <name>${item.name}</name>`,
            item.value === ''
                ? '            <value />'
                : `            <value>${escapeXml(item.value)}</value>`,
            '        </items>'
        ].join('\n');
    const renderSection = (section: Section) =>
        [
            '    <sections>',
            ...section.items.map(renderItem),
            `        <label>${escapeXml(section.label)}</label>`,
            `        <name>${section.name}</name>`,
            '    </sections>'
        ].join('\n');
    return [
        '<?xml version="1.0" encoding="UTF-8" ?>',
        '<CallCenter xmlns="http://soap.sforce.com/2006/04/metadata">',
        `    <adapterUrl>${escapeXml(options.adapterUrl)}</adapterUrl>`,
        // Wrapped inside the tag as Prettier formats a long element, so the committed file stays formatted.
        '    <customSettings',
        `    >${escapeXml(customSettings(options))}</customSettings>`,
        `    <displayName>${CALL_CENTER_DISPLAY_NAME}</displayName>`,
        '    <displayNameLabel>Display Name</displayNameLabel>',
        '    <internalNameLabel>Internal Name</internalNameLabel>',
        ...sections.map(renderSection),
        '</CallCenter>',
        ''
    ].join('\n');
}

/** The call center definition file an admin imports in Setup → Call Centers → Import. */
export function renderCallCenterDefinition(options: CallCenterOptions): string {
    validate(options);
    const sections: Section[] = [
        { name: 'reqGeneralInfo', label: 'General Information', items: generalInfo(options, true) },
        ...settingSections(options)
    ];
    const renderItem = (item: Item, index: number) =>
        `        <item sortOrder="${index}" name="${item.name}" label="${escapeXml(item.label)}">${escapeXml(item.value)}</item>`;
    const renderSection = (section: Section, index: number) =>
        [
            `    <section sortOrder="${index}" name="${section.name}" label="${escapeXml(section.label)}">`,
            ...section.items.map(renderItem),
            '    </section>'
        ].join('\n');
    return ['<callCenter>', ...sections.map(renderSection), '</callCenter>', ''].join('\n');
}
