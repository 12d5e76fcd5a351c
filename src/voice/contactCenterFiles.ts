// The files that set up a Salesforce Voice contact center for the connector, from the same settings
// schema as the Open CTI call center: the definition an admin imports (Setup → Contact Centers →
// Import) and the Named Credential through which Apex reaches the org's SCRT endpoint.
import { SECTION_LABELS, SETTINGS, type SectionName } from '../core/telephony/settings/schema';

export const CONTACT_CENTER_NAME = 'MiVoiceVoice';
export const CONTACT_CENTER_DISPLAY_NAME = 'MiVoice Voice';
/** The ConversationVendorInfo's developerName (unpackaged/ConversationVendorInformation). */
export const VENDOR_INFO_NAME = 'MiVoiceSuite';
export const NAMED_CREDENTIAL_NAME = 'MiVoice_SCRT';
export const SCRT_PLACEHOLDER_URL = 'https://MYDOMAIN.my.salesforce-scrt.com';

/** Settings of the Open CTI host alone: Salesforce Voice pops, records and wraps up calls itself. */
export const OPEN_CTI_ONLY_SETTINGS: ReadonlySet<string> = new Set([
    'screenPopMode',
    'createTasks',
    'logMissedCalls',
    'callResults',
    'wrapUpAutoCloseSeconds'
]);

interface Item {
    name: string;
    label: string;
    value: string;
}

function escapeXml(text: string): string {
    return text
        .replace(/&/g, '&amp;')
        .replace(/</g, '&lt;')
        .replace(/>/g, '&gt;')
        .replace(/"/g, '&quot;')
        .replace(/'/g, '&apos;');
}

/** The vendor's full API name: `<namespace>__Name` in a namespaced package, `c__Name` otherwise. */
export function vendorInfoApiName(namespace: string): string {
    return `${namespace || 'c'}__${VENDOR_INFO_NAME}`;
}

/** The SCRT base URL of a My Domain: https://acme.my.salesforce.com → https://acme.my.salesforce-scrt.com. */
export function scrtUrl(myDomainUrl: string): string {
    let host: string;
    try {
        host = new URL(myDomainUrl).hostname.toLowerCase();
    } catch {
        throw new Error(`The My Domain URL must be https://<domain>.my.salesforce.com, got "${myDomainUrl}"`);
    }
    if (!/^[a-z0-9-]+(\.[a-z0-9-]+)*\.my\.salesforce\.com$/.test(host)) {
        throw new Error(`The My Domain URL must be https://<domain>.my.salesforce.com, got "${myDomainUrl}"`);
    }
    return `https://${host.replace(/\.my\.salesforce\.com$/, '.my.salesforce-scrt.com')}`;
}

/** The contact center definition file an admin imports for Salesforce Voice with partner telephony. */
export function renderContactCenterDefinition(options: {
    namespace: string;
    values?: Record<string, string>;
}): string {
    const sections: { name: string; label: string; items: Item[] }[] = [
        {
            name: 'reqGeneralInfo',
            label: 'General Information',
            items: [
                { name: 'reqInternalName', label: 'Internal Name', value: CONTACT_CENTER_NAME },
                { name: 'reqDisplayName', label: 'Display Name', value: CONTACT_CENTER_DISPLAY_NAME },
                {
                    name: 'reqVendorInfoApiName',
                    label: 'Telephony Provider',
                    value: vendorInfoApiName(options.namespace)
                }
            ]
        },
        ...(['reqDialingOptions', 'mivoiceSuite', 'mivoiceDialing'] as SectionName[]).map((section) => ({
            name: section,
            label: SECTION_LABELS[section],
            items: SETTINGS.filter(
                (setting) => setting.section === section && !OPEN_CTI_ONLY_SETTINGS.has(setting.key)
            ).map((setting) => ({
                name: setting.name,
                label: setting.label,
                value: options.values?.[setting.name] ?? setting.defaultValue
            }))
        }))
    ];
    const renderItem = (item: Item, index: number) =>
        `        <item sortOrder="${index}" name="${item.name}" label="${escapeXml(item.label)}">${escapeXml(item.value)}</item>`;
    return [
        '<callCenter>',
        ...sections.flatMap((section, index) => [
            `    <section sortOrder="${index}" name="${section.name}" label="${escapeXml(section.label)}">`,
            ...section.items.map(renderItem),
            '    </section>'
        ]),
        '</callCenter>',
        ''
    ].join('\n');
}

/**
 * The Named Credential (source format) for the SCRT endpoint. It carries no secret and makes no
 * header: VoiceCallCreator signs its own token with the contact center's certificate.
 */
export function renderNamedCredential(endpoint: string): string {
    return [
        '<?xml version="1.0" encoding="UTF-8" ?>',
        '<NamedCredential xmlns="http://soap.sforce.com/2006/04/metadata">',
        '    <allowMergeFieldsInBody>false</allowMergeFieldsInBody>',
        '    <allowMergeFieldsInHeader>false</allowMergeFieldsInHeader>',
        `    <endpoint>${escapeXml(endpoint)}</endpoint>`,
        '    <generateAuthorizationHeader>false</generateAuthorizationHeader>',
        '    <label>MiVoice SCRT (Telephony Integration REST API)</label>',
        '    <principalType>Anonymous</principalType>',
        '    <protocol>NoAuthentication</protocol>',
        '</NamedCredential>',
        ''
    ].join('\n');
}
