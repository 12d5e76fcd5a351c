// Turns what an agent clicked, typed or pasted into what the PBX dials: formatting goes, `+`
// becomes the international prefix, and the outside (and long-distance) prefixes from the call
// center's dialing options are added to external numbers. Extensions are dialled as they are.

export interface DialingOptions {
    outsidePrefix: string;
    longDistancePrefix: string;
    internationalPrefix: string;
}

export type DialResult = { ok: true; dial: string } | { ok: false; reason: 'numberEmpty' | 'numberInvalid' };

/** Extensions on a MiVoice Office 250 are short; anything up to this length is internal. */
const MAX_EXTENSION_DIGITS = 5;
const FORMATTING = /[\s\-().\u00a0\u2010-\u2015/]/g;
const EXTENSION_SUFFIX = /\s*(?:x|ext\.?|extension|#)\s*\d+\s*$/i;

export function normaliseDialString(input: string, options: DialingOptions): DialResult {
    const trimmed = input.replace(/[\u200e\u200f\u202a-\u202e]/g, '').trim();
    if (!trimmed) return { ok: false, reason: 'numberEmpty' };
    if (trimmed.length > 64) return { ok: false, reason: 'numberInvalid' };
    // "tel:" links and a trailing extension (x123) that a PBX cannot dial in one go.
    const withoutScheme = trimmed.replace(/^tel:/i, '').replace(EXTENSION_SUFFIX, '');
    const compact = withoutScheme.replace(FORMATTING, '');
    if (!/^\+?[0-9*#]+$/.test(compact)) return { ok: false, reason: 'numberInvalid' };
    const international = compact.startsWith('+');
    const body = international ? compact.slice(1) : compact;
    if (body.length === 0 || body.length > 20) return { ok: false, reason: 'numberInvalid' };
    if (international) {
        if (body.length < 6 || /[*#]/.test(body)) return { ok: false, reason: 'numberInvalid' };
        return { ok: true, dial: `${options.outsidePrefix}${options.internationalPrefix}${body}` };
    }
    if (body.length <= MAX_EXTENSION_DIGITS || /^[*#]/.test(body)) return { ok: true, dial: body };
    const longDistance =
        options.longDistancePrefix && !body.startsWith(options.longDistancePrefix) && body.length === 10;
    return {
        ok: true,
        dial: `${options.outsidePrefix}${longDistance ? options.longDistancePrefix : ''}${body}`
    };
}
