// The connectorConfig Salesforce sends with SETUP_CONNECTOR: every item of the imported contact center
// definition as `/section/item` (the file npm run generate:contactcenter writes, with what the admin
// fills in in Setup), and the org's own fields beside them. Which org fields there are, and their
// types, is read from the library (the fields its log keeps, constants.js) and from what Salesforce's
// demo connector reads (userName, scrtUrl, organizationId, userPresenceStatuses…); only an org shows
// the exact set, so they come with values of several types to prove the connector reads its own only.
import { XMLParser } from 'fast-xml-parser';
import { renderContactCenterDefinition } from '../../voice/contactCenterFiles';

interface Item {
    '@_name': string;
    '#text'?: string;
}

/** The `/section/item` → value map of a contact center definition, as Salesforce hands it over. */
export function definitionItems(xml: string): Record<string, string> {
    const parsed = new XMLParser({
        ignoreAttributes: false,
        parseTagValue: false,
        isArray: (name) => name === 'section' || name === 'item'
    }).parse(xml) as { callCenter: { section: { '@_name': string; item?: Item[] }[] } };
    const items: Record<string, string> = {};
    for (const section of parsed.callCenter.section)
        for (const item of section.item ?? [])
            items[`/${section['@_name']}/${item['@_name']}`] = String(item['#text'] ?? '');
    return items;
}

export interface PresenceStatus {
    statusId: string;
    statusApiName: string;
    statusName: string;
}

/** The Omni-Channel statuses of the emulated org: one online, one busy, one offline. */
export const PRESENCE_STATUSES: PresenceStatus[] = [
    { statusId: '0N5000000000001AAA', statusApiName: 'Available_for_Voice', statusName: 'Available' },
    { statusId: '0N5000000000002AAA', statusApiName: 'Busy', statusName: 'Busy' },
    { statusId: '0N5000000000003AAA', statusApiName: 'Offline', statusName: 'Offline' }
];

export interface OrgFacts {
    suiteHost: string;
    suitePort: number;
    apiKey: string;
    myDomain: string;
    user: { id: string; username: string; fullName: string };
    organizationId: string;
}

export function contactCenterConfig(org: OrgFacts): Record<string, unknown> {
    const items = definitionItems(renderContactCenterDefinition({ namespace: '' }));
    return {
        ...items,
        // What the admin fills in after the import (install guide, step 4).
        '/mivoiceSuite/suiteHost': org.suiteHost,
        '/mivoiceSuite/suitePort': String(org.suitePort),
        '/mivoiceSuite/apiKey': org.apiKey,
        // The org's own fields.
        '/internalNameLabel': items['/reqGeneralInfo/reqDisplayName'],
        '/reqGeneralInfo/reqAdapterUrl': '/apex/MiVoiceVoiceConnector',
        isACWAllowed: true,
        isHVSEnabled: false,
        orgDomainName: org.myDomain,
        phoneServiceChannelId: '0N9000000000001AAA',
        telephonySettingsComponentFqn: '',
        userId: org.user.id,
        userName: org.user.username,
        userFullName: org.user.fullName,
        organizationId: org.organizationId,
        domain: `${org.myDomain}.my.salesforce.com`,
        scrtUrl: `https://${org.myDomain}.my.salesforce-scrt.com`,
        userPresenceStatuses: PRESENCE_STATUSES,
        contactCenterChannels: [],
        messagingChannel: {},
        conversationChannelDefinition: {}
    };
}
