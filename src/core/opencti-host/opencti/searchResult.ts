// The records of a searchAndScreenPop result, as the panel lists them: each record keyed by its Id
// with its Name, its object (RecordType), whether it is a Person Account (with its person contact),
// and which of its fields holds the number searched for. The result is data from the org: every
// value is checked for shape before it is used. A call is linked to one such record.

/** A record a call (and its Task) is linked to. */
export interface LinkedRecord {
    recordId: string;
    name: string;
    objectType: string;
    /** A Person Account: the Task's WhoId is its person contact, its WhatId the account. */
    personAccount?: boolean;
    personContactId?: string;
}

/** A record a search for the caller's number found. */
export interface SearchMatch extends LinkedRecord {
    /** The API name of the field holding the number searched for. */
    matchedField?: string;
}

const RECORD_ID = /^[a-zA-Z0-9]{15,18}$/;
/** A Person Account's contact is a Contact (key prefix 003). */
const CONTACT_ID = /^003[a-zA-Z0-9]{12,15}$/;
/** An Account (key prefix 001), which a Person Account is. */
const ACCOUNT_ID = /^001[a-zA-Z0-9]{12,15}$/;
const FIELD_NAME = /^[A-Za-z][A-Za-z0-9_]{0,79}$/;
/** Fields of the result that are never the one the number matched. */
const NOT_PHONE_FIELDS = new Set(['Id', 'Name', 'RecordType', 'objectType', 'PersonContactId']);
/** As the org compares numbers: the last nine digits, at least three digits on each side. */
const COMPARED_DIGITS = 9;

const digits = (value: string) => value.replace(/\D/g, '');

/** The API name of the field whose value is the number searched for (the first, in the result's order). */
export function matchedField(fields: Record<string, unknown>, number: string): string | undefined {
    const wanted = digits(number);
    if (wanted.length < 3) return undefined;
    for (const [name, value] of Object.entries(fields)) {
        if (NOT_PHONE_FIELDS.has(name) || !FIELD_NAME.test(name) || typeof value !== 'string') continue;
        const held = digits(value);
        if (held.length >= 3 && held.slice(-COMPARED_DIGITS) === wanted.slice(-COMPARED_DIGITS)) return name;
    }
    return undefined;
}

/** The Person Account details of a record: only an Account with a Contact as its person. */
export function personAccountOf(
    recordId: string,
    fields: Record<string, unknown>
): Pick<SearchMatch, 'personAccount' | 'personContactId'> {
    if (fields.IsPersonAccount !== true || !ACCOUNT_ID.test(recordId)) return {};
    const contactId = fields.PersonContactId;
    if (typeof contactId !== 'string' || !CONTACT_ID.test(contactId)) return {};
    return { personAccount: true, personContactId: contactId };
}

/** The records a searchAndScreenPop for `number` returned, in its order. */
export function searchMatches(result: Record<string, unknown> | null, number: string): SearchMatch[] {
    return Object.entries(result ?? {})
        .filter(([key]) => RECORD_ID.test(key))
        .map(([recordId, record]) => {
            const fields = (record && typeof record === 'object' ? record : {}) as Record<string, unknown>;
            const match: SearchMatch = {
                recordId,
                name: typeof fields.Name === 'string' ? fields.Name : '',
                objectType: String(fields.RecordType ?? fields.objectType ?? ''),
                ...personAccountOf(recordId, fields)
            };
            const field = matchedField(fields, number);
            if (field) match.matchedField = field;
            return match;
        });
}

/** A Person Account's page as onNavigationChange reports it: its person contact, or undefined. */
export function navigatedPersonContact(payload: {
    personAccount?: unknown;
    contactId?: unknown;
}): string | undefined {
    if (payload.personAccount !== true || typeof payload.contactId !== 'string') return undefined;
    return CONTACT_ID.test(payload.contactId) ? payload.contactId : undefined;
}

/** The Person Account details of a record page's payload (click-to-dial, navigation), validated. */
export function personAccountLink(
    recordId: string,
    payload: { personAccount?: unknown; contactId?: unknown }
): Pick<LinkedRecord, 'personAccount' | 'personContactId'> {
    const contactId = navigatedPersonContact(payload);
    return contactId && ACCOUNT_ID.test(recordId) ? { personAccount: true, personContactId: contactId } : {};
}

export { ACCOUNT_ID, CONTACT_ID };
