import { cleanDialString } from 'c/softphoneNumber';

describe('cleanDialString', () => {
    it.each([
        ['01632 960123', '01632960123'],
        ['(555) 010-0199', '5550100199'],
        ['+1 (555) 010-0199', '+15550100199'],
        ['+44 (0)20 7946 0018', '+442079460018'],
        ['  +44 20.7946.0018 ', '+442079460018'],
        ['tel:+4420 7946 0018', '+442079460018'],
        ['*72#', '*72#'],
        ['(020) 7946 0018', '02079460018'],
        ['555/0100', '5550100'],
        ['+', '+'],
        ['', ''],
        // Not formatting: kept, so the controller reports the number as not dialable.
        ['12ab3', '12ab3'],
        ['12+34', '12+34'],
        ['ext. 2002', 'ext2002']
    ])('%j -> %j', (raw, expected) => {
        expect(cleanDialString(raw)).toBe(expected);
    });
});
