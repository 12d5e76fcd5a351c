import { matchedField, navigatedPersonContact, searchMatches } from '../searchResult';

describe('the records of a searchAndScreenPop result', () => {
    const result = {
        '0035g00000MaryJa': {
            Id: '0035g00000MaryJa',
            Name: 'Mary Jackson',
            RecordType: 'Contact',
            Phone: '01632 960555'
        },
        '00Q5g00000KathJo': {
            Name: 'Katherine Johnson',
            RecordType: 'Lead',
            Phone: '+44 1632 960000',
            MobilePhone: '(01632) 960-555'
        },
        '0015g00000RosFrAAA': {
            Name: 'Rosalind Franklin',
            RecordType: 'Account',
            PersonMobilePhone: '01632 960555',
            IsPersonAccount: true,
            PersonContactId: '0035g00000RosFrAAA'
        },
        SCREEN_POP_DATA: { type: 'search' }
    };

    it('lists each record with its object, the field holding the number and the Person Account', () => {
        expect(searchMatches(result, '01632960555')).toEqual([
            {
                recordId: '0035g00000MaryJa',
                name: 'Mary Jackson',
                objectType: 'Contact',
                matchedField: 'Phone'
            },
            {
                recordId: '00Q5g00000KathJo',
                name: 'Katherine Johnson',
                objectType: 'Lead',
                matchedField: 'MobilePhone'
            },
            {
                recordId: '0015g00000RosFrAAA',
                name: 'Rosalind Franklin',
                objectType: 'Account',
                matchedField: 'PersonMobilePhone',
                personAccount: true,
                personContactId: '0035g00000RosFrAAA'
            }
        ]);
    });

    it('takes a Person Account only as an Account whose person is a Contact', () => {
        const [notAccount, badContact] = searchMatches(
            {
                '0035g00000MaryJa': { Name: 'M', IsPersonAccount: true, PersonContactId: '0035g00000MaryJb' },
                '0015g00000RosFrAAA': {
                    Name: 'R',
                    IsPersonAccount: true,
                    PersonContactId: '00Q5g00000KathJo'
                }
            },
            '1'
        );
        expect(notAccount.personAccount).toBeUndefined();
        expect(badContact.personContactId).toBeUndefined();
    });

    it('names no field when none holds the number', () => {
        expect(
            matchedField({ Name: '01632 960555', Phone: '020 7946 0000' }, '01632 960555')
        ).toBeUndefined();
        expect(matchedField({ Phone: '12' }, '12')).toBeUndefined();
    });

    it('reads a Person Account page only with a Contact Id', () => {
        expect(navigatedPersonContact({ personAccount: true, contactId: '0035g00000RosFrAAA' })).toBe(
            '0035g00000RosFrAAA'
        );
        expect(
            navigatedPersonContact({ personAccount: true, contactId: '0015g00000RosFrAAA' })
        ).toBeUndefined();
        expect(
            navigatedPersonContact({ personAccount: false, contactId: '0035g00000RosFrAAA' })
        ).toBeUndefined();
    });
});
