// For LWC tests: import this module before any component, and every `@salesforce/label/c.*` import
// resolves to its English value from the labels file instead of the label's name. Placeholders such
// as {caller} are then really filled, so a test reads what an agent reads.
import fs from 'node:fs';
import path from 'node:path';

const LABELS_FILE = path.resolve(
    __dirname,
    '../../force-app/main/default/labels/CustomLabels.labels-meta.xml'
);

function xmlText(value: string): string {
    return value
        .replace(/&lt;/g, '<')
        .replace(/&gt;/g, '>')
        .replace(/&quot;/g, '"')
        .replace(/&apos;/g, "'")
        .replace(/&amp;/g, '&');
}

function readLabels(): Map<string, string> {
    const xml = fs.readFileSync(LABELS_FILE, 'utf8');
    const labels = new Map<string, string>();
    for (const block of xml.split('<labels>').slice(1)) {
        const name = /<fullName>([^<]+)<\/fullName>/.exec(block)?.[1];
        const value = /<value\s*>([\s\S]*?)<\/value>/.exec(block)?.[1];
        if (name && value !== undefined) labels.set(name, xmlText(value));
    }
    return labels;
}

/** Label name (without `c.`) to its English value. */
export const ENGLISH_LABELS: ReadonlyMap<string, string> = readLabels();

for (const [name, value] of ENGLISH_LABELS) {
    jest.doMock(`@salesforce/label/c.${name}`, () => ({ default: value }), { virtual: true });
}
