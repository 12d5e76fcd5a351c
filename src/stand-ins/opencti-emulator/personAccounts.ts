// Person Accounts as Open CTI reports them in navigation and click-to-dial payloads.
import type { EmulatedRecord } from './emulator';

/**
 * What Open CTI adds about Person Accounts to a navigation or click-to-dial payload: nothing in an
 * org without them; `personAccount` (true on a Person Account's page, else false) and, on a Person
 * Account, its person contact as `contactId` in an org with them.
 */
export function personAccountFields(
    record: EmulatedRecord,
    records: readonly EmulatedRecord[]
): { personAccount?: boolean; contactId?: string } {
    if (!records.some((candidate) => candidate.IsPersonAccount)) return {};
    if (!record.IsPersonAccount) return { personAccount: false };
    return { personAccount: true, contactId: record.PersonContactId };
}
