// How a Salesforce record is described on screen: its object and the phone field that matched.
// Standard objects and phone fields get a label; anything else (a custom object or field) shows its API name.
import { LABELS, formatLabel } from 'c/softphoneLabels';

const OBJECT_LABELS: Record<string, string> = {
    Contact: LABELS.objectContact,
    Account: LABELS.objectAccount,
    Lead: LABELS.objectLead,
    Case: LABELS.objectCase,
    Opportunity: LABELS.objectOpportunity
};

// A Person Account's person fields name the same phones as a Contact's.
const FIELD_LABELS: Record<string, string> = {
    Phone: LABELS.fieldPhone,
    MobilePhone: LABELS.fieldMobilePhone,
    PersonMobilePhone: LABELS.fieldMobilePhone,
    HomePhone: LABELS.fieldHomePhone,
    PersonHomePhone: LABELS.fieldHomePhone,
    OtherPhone: LABELS.fieldOtherPhone,
    PersonOtherPhone: LABELS.fieldOtherPhone,
    AssistantPhone: LABELS.fieldAssistantPhone,
    PersonAssistantPhone: LABELS.fieldAssistantPhone,
    Fax: LABELS.fieldFax
};

export function objectLabel(record: { objectType: string; personAccount?: boolean }): string {
    if (record.personAccount) return LABELS.objectPersonAccount;
    return Object.prototype.hasOwnProperty.call(OBJECT_LABELS, record.objectType)
        ? OBJECT_LABELS[record.objectType]
        : record.objectType;
}

export function fieldLabel(apiName: string): string {
    return Object.prototype.hasOwnProperty.call(FIELD_LABELS, apiName) ? FIELD_LABELS[apiName] : apiName;
}

/** The line under a matching record's name: its object, and the field holding the number when known. */
export function candidateDetail(candidate: SoftphoneMatchCandidate): string {
    const type = objectLabel(candidate);
    return candidate.matchedField
        ? formatLabel(LABELS.matchDescribe, { type, field: fieldLabel(candidate.matchedField) })
        : type;
}
