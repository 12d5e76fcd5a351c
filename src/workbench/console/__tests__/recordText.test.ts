import seedRecords from '../../../stand-ins/opencti-emulator/records.json';
import type { WorkbenchRecord } from '../../server/workbenchState';
import { recordTypeText } from '../recordText';

describe('the console names each seeded record by its object', () => {
    const records = seedRecords as WorkbenchRecord[];

    it('says Person Account for the Person Account, and the object for every other record', () => {
        expect(records.map((record) => [record.Name, recordTypeText(record)])).toEqual([
            ['Ada Lovelace', 'Contact'],
            ['ACME Ltd', 'Account'],
            ['Grace Hopper', 'Contact'],
            ['Alan Turing', 'Lead'],
            ['Mary Jackson', 'Contact'],
            ['Katherine Johnson', 'Lead'],
            ['<b>Bold</b> & "Quoted" O\'Neil', 'Contact'],
            ['Rosalind Franklin', 'Person Account']
        ]);
    });
});
