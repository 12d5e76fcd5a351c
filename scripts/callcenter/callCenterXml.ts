// Reads the items of a call center in Metadata API form (a file retrieved from an org, or one we render),
// so what an org holds and what would be deployed can be compared item by item.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { XMLParser } from 'fast-xml-parser';

export interface CallCenterItem {
    label: string;
    value: string;
}

interface ParsedItem {
    name: string;
    label?: string;
    value?: string;
}

/** The call center's items by name (every section), values as written, an empty element as ''. */
export function callCenterItems(xml: string): Map<string, CallCenterItem> {
    const parsed = new XMLParser({
        isArray: (name) => name === 'sections' || name === 'items',
        parseTagValue: false
    }).parse(xml) as { CallCenter?: { sections?: { items?: ParsedItem[] }[] } };
    if (!parsed.CallCenter) throw new Error('not a CallCenter metadata file');
    const items = new Map<string, CallCenterItem>();
    for (const section of parsed.CallCenter.sections ?? []) {
        for (const item of section.items ?? []) {
            items.set(String(item.name), {
                label: String(item.label ?? item.name),
                value: item.value === undefined ? '' : String(item.value)
            });
        }
    }
    return items;
}

/** The first file named `<name>.callCenter` or `<name>.callCenter-meta.xml` under dir, as retrieved. */
export function findCallCenterFile(dir: string, name: string): string | undefined {
    if (!existsSync(dir)) return undefined;
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
        const path = join(dir, entry.name);
        if (entry.isDirectory()) {
            const found = findCallCenterFile(path, name);
            if (found) return found;
        } else if (entry.name === `${name}.callCenter` || entry.name === `${name}.callCenter-meta.xml`) {
            return path;
        }
    }
    return undefined;
}

export function readCallCenterItems(path: string): Map<string, CallCenterItem> {
    return callCenterItems(readFileSync(path, 'utf8'));
}
