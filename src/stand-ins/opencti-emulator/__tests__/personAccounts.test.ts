import { OpenCtiEmulator, type EmulatedRecord } from '../emulator';
import { personAccountFields } from '../personAccounts';

const ROSALIND: EmulatedRecord = {
    Id: '0015g00000RosFrAAA',
    Name: 'Rosalind Franklin',
    objectType: 'Account',
    Phone: '01632 960321',
    IsPersonAccount: true,
    PersonContactId: '0035g00000RosFrAAA'
};
const ACME: EmulatedRecord = {
    Id: '0015g00000AcmeLtAAA',
    Name: 'ACME Ltd',
    objectType: 'Account',
    Phone: '01632 960100'
};
const ADA: EmulatedRecord = {
    Id: '0035g00000AdaLovAAA',
    Name: 'Ada Lovelace',
    objectType: 'Contact',
    Phone: '01632 960123'
};

async function reply(emulator: OpenCtiEmulator, methodName: string, args: Record<string, unknown>) {
    const answer = await emulator.handle(methodName, args);
    if (!answer) throw new Error(`${methodName} got no answer`);
    return answer;
}

describe('Person Accounts in the emulated org', () => {
    it('marks a Person Account in search results with its person contact, and nothing else', async () => {
        const emulator = new OpenCtiEmulator({ records: [ROSALIND, ACME] });
        const person = await reply(emulator, 'searchAndScreenPop', {
            searchParams: '01632 960321',
            callType: 'inbound'
        });
        expect(person.returnValue).toEqual({
            [ROSALIND.Id]: {
                Id: ROSALIND.Id,
                Name: 'Rosalind Franklin',
                RecordType: 'Account',
                Phone: '01632 960321',
                IsPersonAccount: true,
                PersonContactId: '0035g00000RosFrAAA'
            }
        });
        const business = await reply(emulator, 'searchAndScreenPop', {
            searchParams: '01632 960100',
            callType: 'inbound'
        });
        expect((business.returnValue as Record<string, object>)[ACME.Id]).not.toHaveProperty(
            'IsPersonAccount'
        );
    });

    it('adds personAccount (and the contact on a Person Account) to navigation payloads only where they are on', () => {
        expect(personAccountFields(ROSALIND, [ROSALIND, ADA])).toEqual({
            personAccount: true,
            contactId: '0035g00000RosFrAAA'
        });
        expect(personAccountFields(ADA, [ROSALIND, ADA])).toEqual({ personAccount: false });
        expect(personAccountFields(ADA, [ADA, ACME])).toEqual({});
    });
});

describe('saveLog', () => {
    it('updates a Task by its Id without entityApiName, as Open CTI does', async () => {
        const emulator = new OpenCtiEmulator({ records: [] });
        const created = await reply(emulator, 'saveLog', {
            object: { entityApiName: 'Task', Subject: 'Inbound call', CallObject: 'c1' }
        });
        const { recordId } = created.returnValue as { recordId: string };
        const updated = await reply(emulator, 'saveLog', {
            object: { Id: recordId, Description: 'Wants a quote' }
        });
        expect(updated.success).toBe(true);
        expect(emulator.tasks.get(recordId)).toMatchObject({
            Subject: 'Inbound call',
            Description: 'Wants a quote'
        });
        expect(emulator.tasks.size).toBe(1);
    });

    it('still refuses a record without an Id that is not a Task', async () => {
        const emulator = new OpenCtiEmulator({ records: [] });
        const refused = await reply(emulator, 'saveLog', { object: { entityApiName: 'Case', Subject: 'x' } });
        expect(refused.success).toBe(false);
    });
});
