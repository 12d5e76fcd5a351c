// The one way a number is shown to the agent: on the call card, in Recent, in the Task's subject and
// under the dial pad. A number in the site's own country reads in its national format, any other in
// its international format; digits whose country cannot be told (no Site Country Code) stay as they
// came. Grouping rules are kept for the countries of the dialling examples (North America, the UK,
// France, Australia); elsewhere the national number reads as one block after its country code.
import { MAX_EXTENSION_DIGITS, parseWritten, type DialingOptions } from './dialNumber';

export interface PresentedNumber {
    text: string;
    /** A written extension, never dialled. */
    extension?: string;
}

/** Two-digit country calling codes; the codes are prefix-free, so 1 and 7 are one digit and the rest three. */
const TWO_DIGIT_CODES = new Set(
    '20 27 30 31 32 33 34 36 39 40 41 43 44 45 46 47 48 49 51 52 53 54 55 56 57 58 60 61 62 63 64 65 66 81 82 84 86 90 91 92 93 94 95 98'.split(
        ' '
    )
);

function splitCountry(international: string): [string, string] {
    const length = /^[17]/.test(international) ? 1 : TWO_DIGIT_CODES.has(international.slice(0, 2)) ? 2 : 3;
    return [international.slice(0, length), international.slice(length)];
}

/** Digits in groups of the given sizes; the last group takes what is left. */
function group(digits: string, sizes: number[]): string {
    const parts: string[] = [];
    let at = 0;
    for (const size of sizes) {
        if (at >= digits.length) break;
        parts.push(digits.slice(at, at + size));
        at += size;
    }
    if (at < digits.length) parts[parts.length - 1] += digits.slice(at);
    return parts.join(' ');
}

/** The UK's national significant number in groups: London and the other 2-digit areas, the big cities, mobiles. */
function ukGroups(nsn: string): number[] {
    if (/^(?:2\d|[389]\d\d)/.test(nsn) && nsn.length === 10) return /^2/.test(nsn) ? [2, 4, 4] : [3, 3, 4];
    if (/^1(?:1\d|\d1)/.test(nsn)) return [3, 3, 4];
    return [4, 6];
}

interface CountryRule {
    /** The national significant number grouped; `national`: as read within the country. */
    format(nsn: string, national: boolean): string | undefined;
}

const RULES: Record<string, CountryRule> = {
    '1': {
        format(nsn, national) {
            if (nsn.length === 7) return `${nsn.slice(0, 3)}-${nsn.slice(3)}`;
            if (nsn.length !== 10) return undefined;
            const [area, exchange, line] = [nsn.slice(0, 3), nsn.slice(3, 6), nsn.slice(6)];
            return national ? `(${area}) ${exchange}-${line}` : `${area}-${exchange}-${line}`;
        }
    },
    '44': { format: (nsn) => (nsn.length >= 9 && nsn.length <= 10 ? group(nsn, ukGroups(nsn)) : undefined) },
    '33': { format: (nsn) => (nsn.length === 9 ? group(nsn, [1, 2, 2, 2, 2]) : undefined) },
    '61': {
        format: (nsn) => (nsn.length === 9 ? group(nsn, /^4/.test(nsn) ? [3, 3, 3] : [1, 4, 4]) : undefined)
    }
};

/** A number of the site's own country, in its national format (with the national prefix). */
function nationalFormat(nsn: string, options: DialingOptions): string {
    const code = options.siteCountryCode;
    // Australia's 13/1300/1800 numbers and the like are dialled without the national prefix.
    if (code === '61' && /^1[38]/.test(nsn)) return group(nsn, nsn.length === 6 ? [2, 2, 2] : [4, 3, 3]);
    const grouped = RULES[code]?.format(nsn, true);
    const trunk = code === '1' ? '' : options.siteNationalPrefix;
    return grouped ? `${trunk}${grouped}` : `${trunk}${nsn}`;
}

function internationalFormat(international: string, options: DialingOptions): string {
    const [code, nsn] = splitCountry(international);
    if (code === options.siteCountryCode && nsn) return nationalFormat(nsn, options);
    const grouped = RULES[code]?.format(nsn, false);
    return `+${code} ${grouped ?? nsn}`;
}

/**
 * A number as the agent reads it. `dialled`: the number is a dial string the PBX reports for a call
 * placed here, so the site's outside prefix in front of it is no part of the number.
 */
export function presentNumber(raw: string, options: DialingOptions, dialled = false): PresentedNumber {
    const parsed = parseWritten(raw);
    // A caller ID that is no number (a name, "Anonymous") is shown as it came.
    if (!parsed) return { text: raw.trim() };
    const written = parsed;
    const withExtension = (text: string): PresentedNumber =>
        written.extension ? { text, extension: written.extension } : { text };
    let digits = written.compact;
    if (digits.length <= MAX_EXTENSION_DIGITS || /^[*#]/.test(digits)) return withExtension(digits);
    const { outsidePrefix, internationalPrefix, siteCountryCode, siteNationalPrefix } = options;
    if (
        dialled &&
        outsidePrefix &&
        digits.startsWith(outsidePrefix) &&
        digits.length - outsidePrefix.length > 5
    )
        digits = digits.slice(outsidePrefix.length);
    if (digits.startsWith('+')) return withExtension(internationalFormat(digits.slice(1), options));
    if (
        internationalPrefix &&
        digits.startsWith(internationalPrefix) &&
        digits.length - internationalPrefix.length >= 6
    )
        return withExtension(internationalFormat(digits.slice(internationalPrefix.length), options));
    // No Site Country Code: a national number's country cannot be told, so it reads as it came (a dial
    // string of a call placed here, without the outside prefix).
    if (!siteCountryCode) return withExtension(dialled ? digits : written.number);
    // A national number of the site: without its national prefix, it is the national significant number.
    const nsn =
        siteNationalPrefix && digits.startsWith(siteNationalPrefix)
            ? digits.slice(siteNationalPrefix.length)
            : digits;
    return withExtension(nationalFormat(nsn, options));
}

/** The presented number as one line of text (the Task's subject). */
export function numberText(number: PresentedNumber): string {
    return number.extension ? `${number.text} x${number.extension}` : number.text;
}
