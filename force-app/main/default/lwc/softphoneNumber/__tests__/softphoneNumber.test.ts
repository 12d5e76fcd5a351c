import { hasDialableInput } from 'c/softphoneNumber';

describe('hasDialableInput', () => {
    it.each(['2002', '+44 (0)20 7946 0018', 'tel:+1-415-555-0134;ext=12', '*72', '12ab3'])(
        'enables Call for %j (the core judges the rest)',
        (text) => {
            expect(hasDialableInput(text)).toBe(true);
        }
    );

    it.each(['', '   ', ' ( ) - ', '+', '#', 'jane.doe@example.com', undefined])(
        'keeps Call disabled for %j',
        (text) => {
            expect(hasDialableInput(text)).toBe(false);
        }
    );
});
