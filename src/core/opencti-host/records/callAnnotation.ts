// What one tab learnt about a call (a pop's matches, the record linked) and the notes typed there,
// shared with the agent's other tabs through localStorage. Any script of the origin can write
// there as well, so what is read back is checked: known match kinds, Salesforce Ids, bounded text
// and lists, and no date in the future (which would shut out every genuine update after it).
import { jsonCodec, type AgentStorage, type Codec } from '../../telephony/storage/agentStorage';
import { ACCOUNT_ID, CONTACT_ID, type LinkedRecord, type SearchMatch } from '../opencti/searchResult';

export interface CallAnnotation {
    at: number;
    match: SoftphoneMatch;
    candidates: SearchMatch[];
    linked?: LinkedRecord;
    /** The candidate the agent chose. */
    pickedId?: string;
}

/** More records than one phone number matches in practice; a longer list is not ours. */
const MAX_CANDIDATES = 50;
/** A tab's clock and another's are the same machine's; allow for a slow tab only. */
const FUTURE_SLACK_MS = 60_000;
/** As the Open CTI client reads record Ids from a search (15 or 18 in Salesforce). */
const SALESFORCE_ID = /^[a-zA-Z0-9]{15,18}$/;
const OBJECT_TYPE = /^[A-Za-z0-9_]{0,80}$/;
const FIELD_NAME = /^[A-Za-z][A-Za-z0-9_]{0,79}$/;
const STORED_KINDS: ReadonlySet<string> = new Set(['notSearched', 'none', 'single', 'multiple']);
const UNSAFE_FOR_DISPLAY = /[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;

type Raw = Record<string, unknown>;
const isRecord = (value: unknown): value is Raw =>
    typeof value === 'object' && value !== null && !Array.isArray(value);

function name(value: unknown): string | undefined {
    if (typeof value !== 'string') return undefined;
    return value.slice(0, 1024).replace(UNSAFE_FOR_DISPLAY, ' ').trim().slice(0, 255);
}

/** A record a tab stored (linked, or a candidate), checked: Ids, object name, display-safe name. */
export function record(value: unknown): LinkedRecord | undefined {
    if (!isRecord(value)) return undefined;
    const recordName = name(value.name);
    if (typeof value.recordId !== 'string' || !SALESFORCE_ID.test(value.recordId)) return undefined;
    if (typeof value.objectType !== 'string' || !OBJECT_TYPE.test(value.objectType)) return undefined;
    if (recordName === undefined) return undefined;
    const linked: LinkedRecord & { matchedField?: string } = {
        recordId: value.recordId,
        name: recordName,
        objectType: value.objectType
    };
    if (
        value.personAccount === true &&
        ACCOUNT_ID.test(value.recordId) &&
        typeof value.personContactId === 'string' &&
        CONTACT_ID.test(value.personContactId)
    ) {
        linked.personAccount = true;
        linked.personContactId = value.personContactId;
    }
    if (typeof value.matchedField === 'string' && FIELD_NAME.test(value.matchedField))
        linked.matchedField = value.matchedField;
    return linked;
}

function match(value: unknown): SoftphoneMatch | undefined {
    if (!isRecord(value) || typeof value.kind !== 'string' || !STORED_KINDS.has(value.kind)) return undefined;
    const kind = value.kind as SoftphoneMatch['kind'];
    if (kind !== 'single') return { kind };
    const linked = record({ recordId: value.recordId, name: value.recordName, objectType: value.recordType });
    return (
        linked && { kind, recordId: linked.recordId, recordName: linked.name, recordType: linked.objectType }
    );
}

/** Reads back an annotation another tab stored, or undefined if it is not one of ours. */
export const callAnnotationCodec: Codec<CallAnnotation> = jsonCodec(decodeAnnotation);

function decodeAnnotation(raw: unknown, now: number): CallAnnotation | undefined {
    if (!isRecord(raw)) return undefined;
    const at = raw.at;
    if (typeof at !== 'number' || !Number.isFinite(at) || at > now + FUTURE_SLACK_MS) return undefined;
    const parsedMatch = match(raw.match);
    const linked = raw.linked === undefined ? undefined : record(raw.linked);
    if (!parsedMatch || (raw.linked !== undefined && !linked)) return undefined;
    if (raw.candidates !== undefined && !Array.isArray(raw.candidates)) return undefined;
    const candidates = ((raw.candidates as unknown[] | undefined) ?? []).slice(0, MAX_CANDIDATES).map(record);
    if (candidates.some((candidate) => !candidate)) return undefined;
    // A single match is the record the call is linked to.
    if (parsedMatch.kind === 'single' && linked?.recordId !== parsedMatch.recordId) return undefined;
    const pickedId =
        typeof raw.pickedId === 'string' && SALESFORCE_ID.test(raw.pickedId) ? raw.pickedId : undefined;
    return { at, match: parsedMatch, candidates: candidates as SearchMatch[], linked, pickedId };
}

/** The annotation another tab stored for the call, or undefined if there is none of ours. */
export function readCallAnnotation(storage: AgentStorage, callId: string): CallAnnotation | undefined {
    return storage.callLink(callId, callAnnotationCodec).read();
}

export function writeCallAnnotation(storage: AgentStorage, callId: string, annotation: CallAnnotation): void {
    storage.callLink(callId, callAnnotationCodec).write(annotation);
}

export { name as displayText };
