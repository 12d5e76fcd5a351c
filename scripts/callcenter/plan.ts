// What deploying the call center would change in an org: the org's own values are kept unless a flag
// names a new one, and every value that would replace or remove one already set is listed, so nothing
// an admin entered in Setup is overwritten without saying so.
import { renderCallCenterMetadata } from '../../src/core/telephony/settings/callCenterFiles';
import { SETTINGS } from '../../src/core/telephony/settings/schema';
import { callCenterItems, type CallCenterItem } from './callCenterXml';

/** Items whose value is a secret: shown only as set or not. */
const SECRET_ITEMS = new Set(['apiKey']);

export interface Change {
    name: string;
    label: string;
    /** undefined: the org does not have the item. */
    from: string | undefined;
    /** undefined: the deploy removes the item. */
    to: string | undefined;
}

export interface CallCenterPlan {
    /** The Metadata API file to deploy. */
    metadata: string;
    /** Items that are empty or missing in the org and get a value. */
    additions: Change[];
    /** Items the org has a value for that would be replaced or removed. */
    overwrites: Change[];
}

export interface PlanInput {
    /** The org's call center items, or undefined when the org has none. */
    existing: Map<string, CallCenterItem> | undefined;
    /** This org's adapter URL (from its My Domain). */
    adapterUrl: string;
    /** Values given on the command line or at a prompt, by item name. */
    requested: Record<string, string>;
}

function positiveNumber(raw: string | undefined): number | undefined {
    const value = Number(raw);
    return raw !== undefined && Number.isInteger(value) && value > 0 ? value : undefined;
}

export function planCallCenter({ existing, adapterUrl, requested }: PlanInput): CallCenterPlan {
    const kept = (name: string) => existing?.get(name)?.value;
    const values: Record<string, string> = {};
    for (const setting of SETTINGS) {
        const value = requested[setting.name] ?? kept(setting.name);
        if (value !== undefined) values[setting.name] = value;
    }
    const standbyUrl = kept('reqStandbyUrl') || undefined;
    const metadata = renderCallCenterMetadata({
        adapterUrl,
        softphoneHeight: positiveNumber(kept('reqSoftphoneHeight')),
        softphoneWidth: positiveNumber(kept('reqSoftphoneWidth')),
        standbyUrl,
        timeoutMs: standbyUrl ? positiveNumber(kept('reqTimeout')) : undefined,
        values
    });
    const desired = callCenterItems(metadata);
    const additions: Change[] = [];
    const overwrites: Change[] = [];
    const names = new Set([...desired.keys(), ...(existing?.keys() ?? [])]);
    for (const name of names) {
        const from = existing?.get(name)?.value;
        const to = desired.get(name)?.value;
        if (from === to) continue;
        const label = desired.get(name)?.label ?? existing?.get(name)?.label ?? name;
        const change = { name, label, from, to };
        if (from === undefined || from === '') {
            if (to !== '') additions.push(change);
        } else {
            overwrites.push(change);
        }
    }
    return { metadata, additions, overwrites };
}

function shown(name: string, value: string | undefined): string {
    if (value === undefined) return '(none)';
    if (value === '') return '(empty)';
    return SECRET_ITEMS.has(name) ? '(a key, not shown)' : `"${value}"`;
}

/** One line per change: `Suite Host: "old" → "new"`. */
export function describeChange(change: Change): string {
    if (change.to === undefined) return `${change.label}: ${shown(change.name, change.from)} → removed`;
    return `${change.label}: ${shown(change.name, change.from)} → ${shown(change.name, change.to)}`;
}
