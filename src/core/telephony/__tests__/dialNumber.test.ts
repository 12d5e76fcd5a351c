import { DIALING_CASES, SITES } from '../../../../test/support/dialingCases';
import { parseCallCenterSettings } from '../settings/parse';
import { isSearchableNumber, normaliseDialString, type DialingOptions } from '../dialNumber';

// Call centers set up before the site settings existed: no country code, no national prefix.
const legacy = { siteCountryCode: '', siteNationalPrefix: '' };
const uk: DialingOptions = {
    outsidePrefix: '9',
    longDistancePrefix: '',
    internationalPrefix: '00',
    ...legacy
};
const us: DialingOptions = {
    outsidePrefix: '9',
    longDistancePrefix: '1',
    internationalPrefix: '011',
    ...legacy
};
const direct: DialingOptions = {
    outsidePrefix: '',
    longDistancePrefix: '',
    internationalPrefix: '00',
    ...legacy
};

describe('normaliseDialString', () => {
    it.each<[string, DialingOptions, string]>([
        ['01632 960123', uk, '901632960123'],
        ['01632-960-123', uk, '901632960123'],
        ['(01632) 960123', uk, '901632960123'],
        ['01632.960.123', uk, '901632960123'],
        ['+44 1632 960123', uk, '900441632960123'],
        ['+44 (0)20 7946 0018', uk, '900442079460018'],
        ['+44 ( 0 ) 20 7946 0018', uk, '900442079460018'],
        ['(0)20 7946 0018', uk, '902079460018'],
        ['+1 (415) 555-0134', uk, '90014155550134'],
        ['+33 1 23 45 67 89', uk, '90033123456789'],
        ['+49-30-1234567', uk, '90049301234567'],
        ['+61 2 9876 5432', direct, '0061298765432'],
        ['+81-3-1234-5678', direct, '0081312345678'],
        ['tel:+44-20-7946-0018', uk, '900442079460018'],
        ['020 7946 0018', uk, '902079460018'],
        ['07700 900123', uk, '907700900123'],
        ['0800 123 4567', uk, '908001234567'],
        ['(415) 555-0134', us, '914155550134'],
        ['415.555.0134', us, '914155550134'],
        ['415-555-0134', us, '914155550134'],
        ['1-415-555-0134', us, '914155550134'],
        ['+1 415 555 0134', us, '901114155550134'],
        ['555-0134', us, '95550134'],
        ['2002', uk, '2002'],
        ['  2002  ', uk, '2002'],
        ['200', uk, '200'],
        ['*72', uk, '*72'],
        ['#21#', uk, '#21#'],
        ['01632 960123 x204', uk, '901632960123'],
        ['01632 960123 ext. 204', uk, '901632960123'],
        ['\u202a01632 960123\u202c', uk, '901632960123'],
        ['01632\u00a0960123', uk, '901632960123'],
        ['0163 29 60 123', direct, '01632960123'],
        ['+44 1632 960123', direct, '00441632960123']
    ])('%p dials %p', (input, options, expected) => {
        expect(normaliseDialString(input, options)).toMatchObject({ ok: true, dial: expected });
    });

    it.each([
        ['', 'numberEmpty'],
        ['   ', 'numberEmpty'],
        ['call me', 'numberInvalid'],
        ['0800-FLOWERS', 'numberInvalid'],
        ['<script>alert(1)</script>', 'numberInvalid'],
        ['+', 'numberInvalid'],
        ['+44', 'numberInvalid'],
        ['++44 1632 960123', 'numberInvalid'],
        ['1'.repeat(30), 'numberInvalid'],
        ['9'.repeat(100), 'numberInvalid'],
        ['01632 960123; DROP TABLE', 'numberInvalid'],
        ['+44*123456', 'numberInvalid']
    ])('refuses %p with %s', (input, reason) => {
        expect(normaliseDialString(input, uk)).toEqual({ ok: false, reason });
    });

    it.each<[string, string]>([
        ['01632 960123 x204', '204'],
        ['+1 415 555 0134;ext=123', '123'],
        ['01 99 00 12 34 poste 567', '567'],
        ['415-555-0134,,12', '12']
    ])('keeps the extension of %p out of the dial string and reports it', (input, extension) => {
        const result = normaliseDialString(input, uk);
        expect(result).toMatchObject({ ok: true, extension });
        expect(result.ok && result.dial).not.toContain(extension);
    });

    it('does not take a short number written after an extension marker for an extension', () => {
        expect(normaliseDialString('2002 x5', uk)).toEqual({ ok: false, reason: 'numberInvalid' });
    });
});

describe('dialing rules of real sites', () => {
    const optionsOf = (site: keyof typeof SITES): DialingOptions => {
        const parsed = parseCallCenterSettings({
            ...SITES[site],
            '/mivoiceSuite/suiteHost': 'suite.example.com',
            '/mivoiceSuite/apiKey': 'key'
        });
        if (!parsed.ok) throw new Error(`site ${site}: ${JSON.stringify(parsed.errors)}`);
        return parsed.settings;
    };

    it('covers at least 40 formats from the five countries', () => {
        expect(DIALING_CASES.length).toBeGreaterThanOrEqual(40);
        expect(new Set(DIALING_CASES.map((row) => row.site))).toEqual(
            new Set(['uk', 'us', 'de', 'fr', 'au', 'unset'])
        );
    });

    it.each(DIALING_CASES)('$site: $record, keyed $keyed, pasted $pasted -> $pbx', (row) => {
        const options = optionsOf(row.site);
        const dialled = [row.record, row.keyed, row.pasted].map((input) => {
            const result = normaliseDialString(input, options);
            return result.ok ? result.dial : result.reason;
        });
        expect(dialled).toEqual([row.pbx, row.pbx, row.pbx]);
    });
});

describe('isSearchableNumber', () => {
    it.each(['01632960123', '+441632960123', '01632 960123', '+1 (415) 555-0134', '999'])(
        'searches on %p',
        (number) => {
            expect(isSearchableNumber(number)).toBe(true);
        }
    );

    it.each([
        'jane.doe@bigcustomer.com',
        'Jane Doe',
        '',
        'Anonymous',
        '12',
        '+',
        '0800 FLOWERS',
        '1*2',
        '++44123'
    ])('does not search on %p', (number) => {
        expect(isSearchableNumber(number)).toBe(false);
    });
});
