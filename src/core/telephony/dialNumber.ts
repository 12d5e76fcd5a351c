// The one place where what an agent clicked, keyed or pasted becomes what the PBX dials, for every
// path (click-to-dial, the dial pad, a pasted or recent number, transfers). Formatting and a written
// extension go; `+` (or the site's international prefix) marks an international number; a number in
// the site's own country is dialled nationally, with the site's national (trunk) prefix; the outside
// and long-distance prefixes from the call center's dialing options are added to external numbers.

export interface DialingOptions {
    outsidePrefix: string;
    longDistancePrefix: string;
    internationalPrefix: string;
    /** The site's own country calling code (44, 1, 49…); empty: every + number is dialled abroad. */
    siteCountryCode: string;
    /** The site's national (trunk) prefix (0, or 1 in North America); empty where there is none. */
    siteNationalPrefix: string;
}

export type DialResult =
    { ok: true; dial: string; extension?: string } | { ok: false; reason: 'numberEmpty' | 'numberInvalid' };

/** Extensions on a MiVoice Office 250 are short; anything up to this length is internal. */
export const MAX_EXTENSION_DIGITS = 5;
/** A North American number without its 1: the only length the long-distance prefix is added to. */
const LONG_DISTANCE_DIGITS = 10;
/** E.164: country code and national number together never exceed 15 digits. */
const MAX_INTERNATIONAL_DIGITS = 15;
const MAX_NATIONAL_DIGITS = 20;
const MAX_INPUT = 64;

const DIRECTION_MARKS = /[\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;
const FORMATTING = /[\s\-().\u00a0\u2010-\u2015\u2212/[\]]/g;
/** "Tel:", "tel.:", "Phone:", "Tél." in front of a pasted number, and the tel: URI scheme. */
const LEADING_LABEL = /^(?:tel|t[ée]l[ée]phone|t[ée]l|telefon|phone|ph|fon)[\s.:]*(?=[+(\d])/i;
/**
 * A written extension, kept out of the dial string: "x123", "ext. 123", "extn 123", "extension 123",
 * "poste 123" (French), ";ext=123" (RFC 3966), " #123" and ",123" (a pause, then the extension).
 * A German "-123" after the number is its direct-dial suffix and is dialled, so it is not here.
 */
const EXTENSION =
    /(?:[\s,;]*(?:x|ext|extn|extension|poste)[\s.:]*|\s*;\s*ext\s*=\s*|\s+#\s*|\s*,+\s*)(\d{1,6})\s*$/i;
/** "+44 (0)20…": the national prefix in brackets, not dialled after a country code. */
const BRACKETED_TRUNK_ZERO = /\(\s*0\s*\)/;

/**
 * The written number (`number`: as written, without a label or extension; `compact`: its digits) with its
 * extension split off, or undefined when it has characters a phone cannot dial.
 */
export function parseWritten(
    input: string
): { number: string; compact: string; extension?: string } | undefined {
    let text = input.replace(DIRECTION_MARKS, '').trim().replace(LEADING_LABEL, '').trim();
    let extension: string | undefined;
    const written = EXTENSION.exec(text);
    // "x123" or ", 123" is an extension only after a whole external number, never the number itself.
    const digitsBefore = written ? (text.slice(0, written.index).match(/\d/g) ?? []).length : 0;
    if (written && digitsBefore > MAX_EXTENSION_DIGITS) {
        extension = written[1];
        text = text.slice(0, written.index);
    }
    // After a country code ("+44 (0)20", "0049 (0)30") the bracketed 0 goes; at the start, "(0)20" is 020.
    if (text.search(BRACKETED_TRUNK_ZERO) > 0) text = text.replace(BRACKETED_TRUNK_ZERO, '');
    const compact = text.replace(FORMATTING, '');
    return /^\+?[0-9*#]+$/.test(compact) ? { number: text.trim(), compact, extension } : undefined;
}

/** The national number as the site dials it, with the long-distance rule; no outside prefix yet. */
function national(body: string, options: DialingOptions): string {
    const longDistance =
        options.longDistancePrefix !== '' &&
        body.length === LONG_DISTANCE_DIGITS &&
        !body.startsWith(options.longDistancePrefix);
    return `${longDistance ? options.longDistancePrefix : ''}${body}`;
}

export function normaliseDialString(input: string, options: DialingOptions): DialResult {
    const text = input.replace(DIRECTION_MARKS, '').trim();
    if (!text) return { ok: false, reason: 'numberEmpty' };
    if (text.length > MAX_INPUT) return { ok: false, reason: 'numberInvalid' };
    const parsed = parseWritten(text);
    if (!parsed) return { ok: false, reason: 'numberInvalid' };
    const { compact, extension } = parsed;
    const withExtension = (dial: string): DialResult =>
        extension ? { ok: true, dial, extension } : { ok: true, dial };

    let international: string | undefined;
    if (compact.startsWith('+')) international = compact.slice(1);
    else if (
        options.internationalPrefix &&
        compact.startsWith(options.internationalPrefix) &&
        compact.length - options.internationalPrefix.length >= 6
    )
        // "0044 20 7946 0018" written with the site's own international prefix.
        international = compact.slice(options.internationalPrefix.length);

    if (international !== undefined) {
        if (
            international.length < 6 ||
            international.length > MAX_INTERNATIONAL_DIGITS ||
            !/^[1-9]\d*$/.test(international)
        )
            return { ok: false, reason: 'numberInvalid' };
        const { siteCountryCode } = options;
        if (siteCountryCode && international.startsWith(siteCountryCode)) {
            const significant = international.slice(siteCountryCode.length);
            // "+44 020…": where the trunk prefix is 0, no national number starts with 0, so a 0 written
            // after the country code is that prefix, not to be doubled.
            const { siteNationalPrefix } = options;
            const trunk = siteNationalPrefix === '0' && significant.startsWith('0') ? '' : siteNationalPrefix;
            return withExtension(`${options.outsidePrefix}${national(`${trunk}${significant}`, options)}`);
        }
        return withExtension(`${options.outsidePrefix}${options.internationalPrefix}${international}`);
    }

    if (compact.length > MAX_NATIONAL_DIGITS) return { ok: false, reason: 'numberInvalid' };
    // Extensions and feature codes (*72, #21#) are dialled as they are, without the outside prefix.
    if (compact.length <= MAX_EXTENSION_DIGITS || /^[*#]/.test(compact)) return withExtension(compact);
    return withExtension(`${options.outsidePrefix}${national(compact, options)}`);
}

/** The shortest caller number that is searched for automatically. */
export const MIN_SEARCH_DIGITS = 3;

/**
 * Whether the caller's number may steer an automatic screen pop: digits (formatting aside) with an
 * optional leading +, at least MIN_SEARCH_DIGITS of them. searchAndScreenPop is a free-text search,
 * so a caller ID such as an email address or a name would find and pop whichever record holds it.
 */
export function isSearchableNumber(remoteNumber: string): boolean {
    const compact = remoteNumber.trim().replace(/[\s\-().\u00a0]/g, '');
    return /^\+?\d+$/.test(compact) && compact.replace('+', '').length >= MIN_SEARCH_DIGITS;
}
