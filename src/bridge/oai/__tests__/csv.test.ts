import { joinFields, splitFields, text } from '../csv';

describe('OAI CSV lines', () => {
    it.each([
        ['001,RD,0,', ['001', 'RD', '0', '']],
        ['a,|Doe, John J|,b', ['a', 'Doe, John J', 'b']],
        ['|x|,,|,|', ['x', '', ',']],
        ['', ['']],
        ['a|b|c,d', ['abc', 'd']]
    ])('splits %j', (line, fields) => {
        expect(splitFields(line)).toEqual({ ok: true, fields });
    });

    it('reports an unclosed text delimiter instead of guessing', () => {
        expect(splitFields('a,|Doe, John,b')).toEqual({
            ok: false,
            detail: expect.stringMatching(/not closed/)
        });
    });

    it('wraps text fields in | and leaves plain fields as they are', () => {
        expect(joinFields(['_MC', '7', '2001', text('Doe, John J')])).toBe('_MC,7,2001,|Doe, John J|');
    });

    it.each([[['a,b']], [['a|b']], [['a\r']], [[text('a|b')]], [[text('a\nb')]]])(
        'refuses a field that would change the line: %j',
        (fields) => {
            expect(() => joinFields(fields)).toThrow(/must not contain/);
        }
    );
});
