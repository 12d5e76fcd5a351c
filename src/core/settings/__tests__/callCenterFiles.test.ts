import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { XMLParser } from 'fast-xml-parser';
import { renderCallCenterDefinition, renderCallCenterMetadata } from '../callCenterFiles';
import { SETTINGS } from '../schema';

const root = resolve(__dirname, '../../../..');
const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '', parseTagValue: false });

describe('call center files', () => {
    it('puts every schema setting with its default into the importable definition', () => {
        const xml = renderCallCenterDefinition({
            adapterUrl: 'https://acme--c.vf.force.com/apex/MiVoiceSoftphone'
        });
        const sections = parser.parse(xml).callCenter.section as {
            name: string;
            sortOrder: string;
            item: { name: string; sortOrder: string; '#text'?: string | number }[];
        }[];
        expect(sections.map((section) => section.name)).toEqual([
            'reqGeneralInfo',
            'reqDialingOptions',
            'mivoiceSuite',
            'mivoiceDialing'
        ]);
        const general = Object.fromEntries(
            sections[0].item.map((item) => [item.name, String(item['#text'] ?? '')])
        );
        expect(general).toMatchObject({
            reqInternalName: 'MiVoiceSoftphone',
            reqAdapterUrl: 'https://acme--c.vf.force.com/apex/MiVoiceSoftphone',
            reqUseApi: 'true',
            reqSalesforceCompatibilityMode: 'Lightning'
        });
        const ours = sections.slice(1).flatMap((section) => section.item);
        for (const setting of SETTINGS) {
            const item = ours.find((candidate) => candidate.name === setting.name);
            expect(item && String(item['#text'] ?? '')).toBe(setting.defaultValue);
        }
        for (const section of sections) {
            expect(section.item.map((item) => Number(item.sortOrder))).toEqual(
                section.item.map((_item, index) => index)
            );
        }
    });

    it('escapes values so the XML stays well formed', () => {
        const xml = renderCallCenterMetadata({
            adapterUrl: '/apex/MiVoiceSoftphone',
            values: { apiKey: 'a<b>&"c' }
        });
        expect(xml).toContain('<value>a&lt;b&gt;&amp;&quot;c</value>');
        expect(() => parser.parse(xml)).not.toThrow();
    });

    it.each(['javascript:alert(1)', 'http://acme.vf.force.com/apex/X', '/apex/../secret', ''])(
        'refuses adapter URL %p',
        (adapterUrl) => {
            expect(() => renderCallCenterMetadata({ adapterUrl })).toThrow(/adapter URL/);
        }
    );

    it('keeps the committed call center files in step with the schema', () => {
        expect(() =>
            execFileSync('npx', ['tsx', 'scripts/generate-call-center.ts', '--check'], {
                cwd: root,
                stdio: 'pipe'
            })
        ).not.toThrow();
    });

    it('writes an org-specific variant to another folder', () => {
        const outDir = mkdtempSync(join(tmpdir(), 'callcenter-'));
        try {
            execFileSync(
                'npx',
                [
                    'tsx',
                    'scripts/generate-call-center.ts',
                    '--adapter-url',
                    'https://acme--c.vf.force.com/apex/MiVoiceSoftphone',
                    '--out-dir',
                    outDir
                ],
                { cwd: root, stdio: 'pipe' }
            );
            const written = readFileSync(
                join(outDir, 'unpackaged/callCenters/MiVoiceSoftphone.callCenter-meta.xml'),
                'utf8'
            );
            expect(written).toContain(
                '<adapterUrl>https://acme--c.vf.force.com/apex/MiVoiceSoftphone</adapterUrl>'
            );
        } finally {
            rmSync(outDir, { recursive: true, force: true });
        }
    });
});
