// Every message the panel can show has a label and an entry in the admin guide's troubleshooting
// index, and the index has no entry for a message that does not exist.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { XMLParser } from 'fast-xml-parser';

const root = resolve(__dirname, '../../..');
const contract = readFileSync(resolve(root, 'types/softphone-panel.d.ts'), 'utf8');
const union = contract.slice(
    contract.indexOf('type SoftphoneMessageCode'),
    contract.indexOf('/** Connection phase')
);
const codes = [...union.matchAll(/\|\s*'(\w+)'/g)].map((match) => match[1]);
const labels = new Map(
    (
        new XMLParser({ isArray: (name) => name === 'labels' }).parse(
            readFileSync(resolve(root, 'force-app/main/default/labels/CustomLabels.labels-meta.xml'), 'utf8')
        ).CustomLabels.labels as { fullName: string; value: string }[]
    ).map((label) => [label.fullName, String(label.value)])
);
const guide = readFileSync(resolve(root, 'docs/admin-guide.md'), 'utf8');
const index = guide.slice(guide.indexOf('## Troubleshooting'));
const entries = [...index.matchAll(/^### `(\w+)`$/gm)].map((match) => match[1]);

describe('troubleshooting index', () => {
    it('knows the message codes', () => {
        expect(codes.length).toBeGreaterThan(25);
    });

    it.each(codes)('%s has a label and an index entry quoting it', (code) => {
        const label = labels.get(`Softphone_Msg_${code}`);
        expect(label).toBeDefined();
        expect(entries).toContain(code);
        const entry = index.slice(index.indexOf(`### \`${code}\``)).split('\n### ')[0];
        expect(entry.replace(/\s+/g, ' ')).toContain((label as string).replace(/\s+/g, ' '));
        expect(entry).toMatch(/\*\*Cause\.\*\*/);
        expect(entry).toMatch(/\*\*Remedy\.\*\*/);
    });

    it('has no entry for a message that does not exist', () => {
        expect(entries.filter((entry) => !codes.includes(entry))).toEqual([]);
        expect(new Set(entries).size).toBe(entries.length);
    });
});
