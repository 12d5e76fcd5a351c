import { presentNumber, numberText } from '../numberPresenter';
import type { DialingOptions } from '../dialNumber';

const site = (country: string, trunk: string, outside = '9', international = '00'): DialingOptions => ({
    outsidePrefix: outside,
    longDistancePrefix: country === '1' ? '1' : '',
    internationalPrefix: international,
    siteCountryCode: country,
    siteNationalPrefix: trunk
});
const uk = site('44', '0');
const us = site('1', '1', '9', '011');
const fr = site('33', '0', '0');
const au = site('61', '0', '0', '0011');
const de = site('49', '0', '0');
const unknown = site('', '', '9');

describe('presentNumber: national for the site, international otherwise', () => {
    it.each<[string, DialingOptions, string]>([
        ['01632960777', uk, '01632 960777'],
        ['1632960777', uk, '01632 960777'],
        ['02079460018', uk, '020 7946 0018'],
        ['+44 (0)20 7946-0018', uk, '020 7946 0018'],
        ['tel:+44 (0)20 7946-0018', uk, '020 7946 0018'],
        ['0044 7700 900123', uk, '07700 900123'],
        ['01214960000', uk, '0121 496 0000'],
        ['01134960000', uk, '0113 496 0000'],
        ['08001234567', uk, '0800 123 4567'],
        ['+1 (415) 555-0134', uk, '+1 415-555-0134'],
        ['0014155550134', uk, '+1 415-555-0134'],
        ['+33 6 39 98 12 34', uk, '+33 6 39 98 12 34'],
        ['+49 30 23125456', uk, '+49 3023125456'],
        ['4155550134', us, '(415) 555-0134'],
        ['14155550134', us, '(415) 555-0134'],
        ['+1 415 555 0134', us, '(415) 555-0134'],
        ['555-0134', us, '555-0134'],
        ['011 44 20 7946 0018', us, '+44 20 7946 0018'],
        ['0639981234', fr, '06 39 98 12 34'],
        ['+61 491 570 006', au, '0491 570 006'],
        ['0255501234', au, '02 5550 1234'],
        ['1800160401', au, '1800 160 401'],
        ['030 23125456', de, '03023125456'],
        ['+81 3 1234 5678', de, '+81 312345678'],
        ['+971 4 123 4567', de, '+971 41234567'],
        ['01632960777', unknown, '01632960777'],
        ['+44 20 7946 0018', unknown, '+44 20 7946 0018'],
        ['2002', uk, '2002'],
        ['*72', uk, '*72'],
        ['Anonymous', uk, 'Anonymous'],
        ['  ', uk, '']
    ])('%s on that site reads %s', (raw, options, text) => {
        expect(presentNumber(raw, options).text).toBe(text);
    });

    it('reads the dial string of a call placed here without the outside prefix', () => {
        expect(presentNumber('90014155550134', uk, true).text).toBe('+1 415-555-0134');
        expect(presentNumber('901632960123', uk, true).text).toBe('01632 960123');
        // A caller's number is no dial string: a 9 in front is part of it.
        expect(presentNumber('9195551234', us).text).toBe('(919) 555-1234');
    });

    it('keeps a written extension apart, never part of the number', () => {
        const number = presentNumber('tel:+44 (0)20 7946-0018 x204', uk);
        expect(number).toEqual({ text: '020 7946 0018', extension: '204' });
        expect(numberText(number)).toBe('020 7946 0018 x204');
    });
});
