// How the emulated console names a record's object: a Person Account is an Account to Open CTI, but
// the console says what Salesforce's own record page would, so it is told apart from a business account.
import type { WorkbenchRecord } from '../server/workbenchState';

export function recordTypeText(record: Pick<WorkbenchRecord, 'objectType' | 'IsPersonAccount'>): string {
    return record.IsPersonAccount ? 'Person Account' : record.objectType;
}
