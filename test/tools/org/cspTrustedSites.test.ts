// A CSP Trusted Site restricts a custom Visualforce page only when the page sets cspHeader="true"
// (Metadata API Developer Guide, CspTrustedSite). The adapter page, the shipped templates and the
// admin guide must agree on that.
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { XMLParser } from 'fast-xml-parser';

const root = resolve(__dirname, '../../..');
const page = readFileSync(join(root, 'force-app/main/default/pages/MiVoiceSoftphone.page'), 'utf8');
const guide = readFileSync(join(root, 'docs/admin-guide.md'), 'utf8');
const templatesDir = join(root, 'unpackaged/cspTrustedSites');
const templates = readdirSync(templatesDir).map((file) => ({
    file,
    site: (
        new XMLParser({ parseTagValue: false }).parse(readFileSync(join(templatesDir, file), 'utf8')) as {
            CspTrustedSite: { isActive: string; endpointUrl: string };
        }
    ).CspTrustedSite
}));

const pageSetsCspHeader = /<apex:page\b[^>]*\bcspHeader="true"/.test(page);

describe('CSP Trusted Sites and the adapter page', () => {
    it('ships the Suite templates (https and wss) for the placeholder host, inactive', () => {
        expect(templates.map(({ site }) => site.endpointUrl).sort()).toEqual([
            'https://suite.example.com:8204',
            'wss://suite.example.com:8204'
        ]);
        for (const { site } of templates) expect(site.isActive).toBe('false');
    });

    it('has an admin guide that says what the trusted sites do for this page', () => {
        const section = guide.slice(
            guide.indexOf('## The Suite side'),
            guide.indexOf('## Chrome Local Network Access')
        );
        expect(section).toContain('cspHeader="true"');
        if (pageSetsCspHeader) {
            expect(section).not.toContain('CSP Trusted Sites are not needed');
        } else {
            expect(section).toContain('CSP Trusted Sites are not needed');
            expect(section).not.toMatch(/add `https:\/\/<suite-host>:8204`.*so Lightning allows/s);
        }
    });
});
