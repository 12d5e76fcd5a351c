import { normaliseDialString, type DialingOptions } from '../dialNumber';

const uk: DialingOptions = { outsidePrefix: '9', longDistancePrefix: '', internationalPrefix: '00' };
const us: DialingOptions = { outsidePrefix: '9', longDistancePrefix: '1', internationalPrefix: '011' };
const direct: DialingOptions = { outsidePrefix: '', longDistancePrefix: '', internationalPrefix: '00' };

describe('normaliseDialString', () => {
    it.each<[string, DialingOptions, string]>([
        ['01632 960123', uk, '901632960123'],
        ['01632-960-123', uk, '901632960123'],
        ['(01632) 960123', uk, '901632960123'],
        ['01632.960.123', uk, '901632960123'],
        ['+44 1632 960123', uk, '900441632960123'],
        ['+44 (0)20 7946 0018', uk, '9004402079460018'],
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
        expect(normaliseDialString(input, options)).toEqual({ ok: true, dial: expected });
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
});
