// Renders the call center definition in its two forms from the settings schema:
// the Metadata API source file (deployed per org) and the XML that Setup → Call Centers imports.
import { SECTION_LABELS, SETTINGS, type SectionName } from './schema';

export const CALL_CENTER_NAME = 'MiVoiceSoftphone';
export const CALL_CENTER_DISPLAY_NAME = 'MiVoice Softphone';
export const DEFAULT_ADAPTER_PAGE = 'MiVoiceSoftphone';

export interface CallCenterOptions {
    /** Absolute Visualforce URL of the adapter page in the target org (recommended), or /apex/Page. */
    adapterUrl: string;
    softphoneHeight?: number;
    softphoneWidth?: number;
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
    return [
        ...names,
        { name: 'reqAdapterUrl', label: 'CTI Adapter URL', value: options.adapterUrl },
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

function validateAdapterUrl(adapterUrl: string): void {
    if (!/^(https:\/\/[^\s/]+)?\/apex\/[A-Za-z0-9_]+$/.test(adapterUrl)) {
        throw new Error(
            `The adapter URL must be https://<my-domain>--c.vf.force.com/apex/<Page> or /apex/<Page>, got "${adapterUrl}"`
        );
    }
}

/** `unpackaged/callCenters/MiVoiceSoftphone.callCenter-meta.xml` (Metadata API source format). */
export function renderCallCenterMetadata(options: CallCenterOptions): string {
    validateAdapterUrl(options.adapterUrl);
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
    validateAdapterUrl(options.adapterUrl);
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
