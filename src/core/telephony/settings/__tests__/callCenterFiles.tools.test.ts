import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { XMLParser } from 'fast-xml-parser';
import { renderCallCenterDefinition, renderCallCenterMetadata } from '../callCenterFiles';
import { SETTINGS } from '../schema';

const root = resolve(__dirname, '../../../../..');
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

    it.each([`a<b>&"c'd`, '</value><value>x', '&amp;'])(
        'writes %p so that a reader gets the same value back',
        (apiKey) => {
            const adapterUrl = 'https://acme--c.vf.force.com/apex/MiVoiceSoftphone';
            const metadata = parser.parse(renderCallCenterMetadata({ adapterUrl, values: { apiKey } })) as {
                CallCenter: { sections: { items: { name: string; value: string }[] }[] };
            };
            const written = metadata.CallCenter.sections
                .flatMap((section) => section.items)
                .filter((item) => item.name === 'apiKey');
            expect(written.map((item) => item.value)).toEqual([apiKey]);
            const definition = parser.parse(
                renderCallCenterDefinition({ adapterUrl, values: { apiKey } })
            ) as {
                callCenter: { section: { item: { name: string; '#text'?: string }[] }[] };
            };
            const imported = definition.callCenter.section
                .flatMap((section) => section.item)
                .filter((item) => item.name === 'apiKey');
            expect(imported.map((item) => item['#text'])).toEqual([apiKey]);
        }
    );

    it.each([
        'javascript:alert(1)',
        'http://acme.vf.force.com/apex/X',
        '/apex/../secret',
        '/apex/MiVoiceSoftphone',
        'https://acme--c.vf.force.com/apex/../secret',
        ''
    ])('refuses adapter URL %p', (adapterUrl) => {
        expect(() => renderCallCenterMetadata({ adapterUrl })).toThrow(/adapter URL/);
        expect(() => renderCallCenterDefinition({ adapterUrl })).toThrow(/adapter URL/);
    });

    describe('customSettings, shaped as in Salesforce’s sample call center (open-cti-demo-adapter)', () => {
        const sampleOrder = [
            'reqTimeout',
            'reqStandbyUrl',
            'reqSoftphoneHeight',
            'reqSoftphoneWidth',
            'reqUseApi',
            'reqSalesforceCompatibilityMode'
        ];

        function read(options: Parameters<typeof renderCallCenterMetadata>[0]) {
            const xml = renderCallCenterMetadata(options);
            const order = new XMLParser({ preserveOrder: true }).parse(xml) as Record<string, unknown>[];
            const root = order.find((node) => 'CallCenter' in node) as {
                CallCenter: Record<string, unknown>[];
            };
            const metadata = parser.parse(xml) as {
                CallCenter: {
                    customSettings: string;
                    sections: { name: string; items: { name: string; value: string }[] }[];
                };
            };
            const general = metadata.CallCenter.sections.find((section) => section.name === 'reqGeneralInfo');
            return {
                elements: root.CallCenter.map((node) => Object.keys(node)[0]),
                settings: JSON.parse(metadata.CallCenter.customSettings) as Record<string, unknown>,
                general: Object.fromEntries((general?.items ?? []).map((item) => [item.name, item.value]))
            };
        }

        it('follows adapterUrl and mirrors every general item but the adapter URL, as strings in the sample’s order', () => {
            const { elements, settings, general } = read({
                adapterUrl: 'https://acme--c.vf.force.com/apex/MiVoiceSoftphone'
            });
            expect(elements.slice(0, 3)).toEqual(['adapterUrl', 'customSettings', 'displayName']);
            expect(settings).toEqual({
                reqSoftphoneHeight: '480',
                reqSoftphoneWidth: '320',
                reqUseApi: 'true',
                reqSalesforceCompatibilityMode: 'Lightning'
            });
            const { reqAdapterUrl, ...mirrored } = general;
            expect(reqAdapterUrl).toBe('https://acme--c.vf.force.com/apex/MiVoiceSoftphone');
            expect(settings).toEqual(mirrored);
            expect(Object.keys(settings)).toEqual(sampleOrder.filter((name) => name in settings));
        });

        it('carries the standby URL and timeout, first, when a standby page is used', () => {
            const { settings, general } = read({
                adapterUrl: 'https://acme--c.vf.force.com/apex/MiVoiceSoftphone',
                standbyUrl: 'https://acme--c.vf.force.com/apex/MiVoiceSoftphoneStandby',
                softphoneHeight: 550
            });
            expect(Object.keys(settings)).toEqual(sampleOrder);
            expect(settings).toMatchObject({
                reqTimeout: '10000',
                reqStandbyUrl: 'https://acme--c.vf.force.com/apex/MiVoiceSoftphoneStandby',
                reqSoftphoneHeight: '550'
            });
            const { reqAdapterUrl: _adapterUrl, ...mirrored } = general;
            expect(settings).toEqual(mirrored);
        });

        it('is in the committed call center', () => {
            const committed = readFileSync(
                join(root, 'unpackaged/callCenters/MiVoiceSoftphone.callCenter-meta.xml'),
                'utf8'
            );
            const settings = JSON.parse(
                (parser.parse(committed) as { CallCenter: { customSettings: string } }).CallCenter
                    .customSettings
            ) as Record<string, string>;
            expect(settings).toMatchObject({
                reqUseApi: 'true',
                reqSalesforceCompatibilityMode: 'Lightning'
            });
        });
    });

    it('keeps the committed call center files in step with the schema', () => {
        const check = spawnSync('npx', ['tsx', 'scripts/generate-call-center.ts', '--check'], {
            cwd: root,
            encoding: 'utf8'
        });
        expect(check.stderr.split('\n').filter((line) => line.includes('out of date'))).toEqual([]);
        expect(check.status).toBe(0);
    });

    it('--check names a call center file that is out of date, and fails', () => {
        const outDir = mkdtempSync(join(tmpdir(), 'callcenter-'));
        try {
            execFileSync('npx', ['tsx', 'scripts/generate-call-center.ts', '--out-dir', outDir], {
                cwd: root
            });
            const definition = join(outDir, 'config/MiVoiceSoftphone-callcenter.xml');
            writeFileSync(definition, readFileSync(definition, 'utf8').replace('>8204<', '>8205<'));
            const check = spawnSync(
                'npx',
                ['tsx', 'scripts/generate-call-center.ts', '--check', '--out-dir', outDir],
                { cwd: root, encoding: 'utf8' }
            );
            expect(check.status).toBe(1);
            expect(check.stderr).toContain(`${definition} is out of date`);
        } finally {
            rmSync(outDir, { recursive: true, force: true });
        }
    });

    it('commits the absolute adapter URL with the My Domain placeholder, and says so when it writes it', () => {
        const committed = readFileSync(
            join(root, 'unpackaged/callCenters/MiVoiceSoftphone.callCenter-meta.xml'),
            'utf8'
        );
        expect(committed).toContain(
            '<adapterUrl>https://MYDOMAIN--c.vf.force.com/apex/MiVoiceSoftphone</adapterUrl>'
        );
        expect(readFileSync(join(root, 'config/MiVoiceSoftphone-callcenter.xml'), 'utf8')).toContain(
            '>https://MYDOMAIN--c.vf.force.com/apex/MiVoiceSoftphone</item>'
        );
        const outDir = mkdtempSync(join(tmpdir(), 'callcenter-'));
        try {
            const output = execFileSync(
                'npx',
                ['tsx', 'scripts/generate-call-center.ts', '--out-dir', outDir],
                {
                    cwd: root,
                    encoding: 'utf8'
                }
            );
            expect(output).toContain('replace MYDOMAIN with your My Domain name');
        } finally {
            rmSync(outDir, { recursive: true, force: true });
        }
    });

    it('derives the adapter URL from the org’s My Domain', () => {
        const outDir = mkdtempSync(join(tmpdir(), 'callcenter-'));
        try {
            const output = execFileSync(
                'npx',
                [
                    'tsx',
                    'scripts/generate-call-center.ts',
                    '--my-domain',
                    'https://acme--uat.sandbox.my.salesforce.com',
                    '--out-dir',
                    outDir
                ],
                { cwd: root, encoding: 'utf8' }
            );
            expect(output).not.toContain('MYDOMAIN');
            expect(readFileSync(join(outDir, 'config/MiVoiceSoftphone-callcenter.xml'), 'utf8')).toContain(
                '>https://acme--uat--c.sandbox.vf.force.com/apex/MiVoiceSoftphone</item>'
            );
        } finally {
            rmSync(outDir, { recursive: true, force: true });
        }
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
