import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { XMLParser } from 'fast-xml-parser';
import { parseCallCenterSettings } from '../../core/telephony/settings/parse';
import { SETTINGS } from '../../core/telephony/settings/schema';
import {
    OPEN_CTI_ONLY_SETTINGS,
    renderContactCenterDefinition,
    scrtUrl,
    vendorInfoApiName
} from '../contactCenterFiles';

const root = resolve(__dirname, '../../..');

/** The flat `/section/item` map Salesforce hands the connector, read from a definition file. */
function connectorConfigOf(xml: string, fill: Record<string, string>): Record<string, string> {
    const parsed = new XMLParser({
        ignoreAttributes: false,
        isArray: (name) => ['section', 'item'].includes(name)
    }).parse(xml) as {
        callCenter: { section: { '@_name': string; item: { '@_name': string; '#text'?: string }[] }[] };
    };
    const config: Record<string, string> = {};
    for (const section of parsed.callCenter.section) {
        for (const item of section.item) {
            const key = `/${section['@_name']}/${item['@_name']}`;
            config[key] = fill[key] ?? String(item['#text'] ?? '');
        }
    }
    return config;
}

describe('the contact center definition', () => {
    const xml = renderContactCenterDefinition({ namespace: '' });

    it('is what the settings parser reads once the admin fills in the Suite', () => {
        const config = connectorConfigOf(xml, {
            '/mivoiceSuite/suiteHost': 'suite.example.com',
            '/mivoiceSuite/apiKey': 'k-123'
        });
        const parsed = parseCallCenterSettings(config);
        expect(parsed).toEqual(expect.objectContaining({ ok: true }));
        if (parsed.ok) {
            expect(parsed.settings.suiteHost).toBe('suite.example.com');
            expect(parsed.settings.suitePort).toBe(8204);
        }
    });

    it('names every setting of the schema but the Open CTI host’s own, and the telephony provider', () => {
        const config = connectorConfigOf(xml, {});
        const expected = SETTINGS.filter((setting) => !OPEN_CTI_ONLY_SETTINGS.has(setting.key)).map(
            (setting) => `/${setting.section}/${setting.name}`
        );
        expect(Object.keys(config)).toEqual(expect.arrayContaining(expected));
        expect(Object.keys(config)).not.toContain('/mivoiceSuite/screenPopMode');
        expect(config['/reqGeneralInfo/reqVendorInfoApiName']).toBe('c__MiVoiceSuite');
        expect(config['/reqGeneralInfo/reqInternalName']).toBe('MiVoiceVoice');
    });

    it('carries a namespace in the vendor API name', () => {
        expect(vendorInfoApiName('mivoice')).toBe('mivoice__MiVoiceSuite');
    });

    it('is committed as generated (npm run generate:contactcenter -- --check)', () => {
        expect(readFileSync(join(root, 'config/MiVoiceVoice-contactcenter.xml'), 'utf8')).toBe(xml);
        expect(() =>
            execFileSync(
                process.execPath,
                [
                    join(root, 'node_modules/tsx/dist/cli.mjs'),
                    'scripts/generate-contact-center.ts',
                    '--check'
                ],
                {
                    cwd: root,
                    stdio: 'pipe'
                }
            )
        ).not.toThrow();
    });
});

describe('the SCRT URL', () => {
    it('is the My Domain on salesforce-scrt.com', () => {
        expect(scrtUrl('https://acme.my.salesforce.com')).toBe('https://acme.my.salesforce-scrt.com');
        expect(scrtUrl('https://site-dream-1234-dev-ed.scratch.my.salesforce.com/')).toBe(
            'https://site-dream-1234-dev-ed.scratch.my.salesforce-scrt.com'
        );
    });

    it('refuses what is not a My Domain URL', () => {
        expect(() => scrtUrl('https://acme.lightning.force.com')).toThrow(/my\.salesforce\.com/);
        expect(() => scrtUrl('not a url')).toThrow(/my\.salesforce\.com/);
    });
});
