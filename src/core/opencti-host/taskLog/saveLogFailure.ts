// Why a saveLog failed, and whether trying again can help. Salesforce puts the record's own
// errors (a validation rule, a required field, no access to Tasks, activities disabled on the
// linked object) in `errors[].details`; the same request fails the same way however often it is
// sent. A container that is not ready, a server hiccup or a generic error without details may pass.
import type { OpenCtiError } from '../opencti/openCtiClient';

export interface SaveLogFailure {
    /** No retry can fix it: the agent or the admin must act. */
    permanent: boolean;
    /** Salesforce's reason, as plain text for the panel (bounded). */
    reason: string;
}

/** Record errors that do pass on a later attempt. */
const TRANSIENT_STATUS_CODES = new Set([
    'UNABLE_TO_LOCK_ROW',
    'REQUEST_LIMIT_EXCEEDED',
    'SERVER_UNAVAILABLE',
    'TIMEOUT'
]);

/** Error codes of the Open CTI library or of Salesforce that no retry fixes, with or without details. */
const PERMANENT_CODES = new Set([
    'INVALID_PARAM',
    'FIELD_CUSTOM_VALIDATION_EXCEPTION',
    'REQUIRED_FIELD_MISSING',
    'INSUFFICIENT_ACCESS_OR_READONLY',
    'INSUFFICIENT_ACCESS_ON_CROSS_REFERENCE_ENTITY',
    'FIELD_INTEGRITY_EXCEPTION',
    'INVALID_CROSS_REFERENCE_KEY',
    'INVALID_FIELD',
    'INVALID_FIELD_FOR_INSERT_UPDATE',
    'INVALID_TYPE',
    'STRING_TOO_LONG',
    'MALFORMED_ID',
    'CANNOT_INSERT_UPDATE_ACTIVATE_ENTITY',
    'ENTITY_IS_DELETED'
]);

const MAX_REASON = 300;

interface DetailFacts {
    messages: string[];
    statusCodes: string[];
}

/** Collects messages and status codes from `details`, whatever its nesting (array, fieldErrors map). */
function collect(value: unknown, facts: DetailFacts, depth = 0): void {
    if (depth > 4 || value === null || value === undefined) return;
    if (typeof value === 'string') {
        if (depth > 0 && value.trim()) facts.messages.push(value.trim());
        return;
    }
    if (Array.isArray(value)) {
        for (const item of value.slice(0, 20)) collect(item, facts, depth + 1);
        return;
    }
    if (typeof value !== 'object') return;
    const record = value as Record<string, unknown>;
    if (typeof record.message === 'string' && record.message.trim())
        facts.messages.push(record.message.trim());
    for (const key of ['statusCode', 'errorCode', 'code'])
        if (typeof record[key] === 'string' && record[key]) facts.statusCodes.push(record[key]);
    for (const [key, nested] of Object.entries(record).slice(0, 50)) {
        if (key === 'message' || key === 'statusCode' || key === 'errorCode' || key === 'code') continue;
        if (typeof nested === 'object') collect(nested, facts, depth + 1);
    }
}

/**
 * The Open CTI client's error, known by name: this runs in the second part of the core, whose classes
 * are not the first part's.
 */
const isOpenCtiError = (error: unknown): error is OpenCtiError =>
    error instanceof Error && error.name === 'OpenCtiError';

export function describeSaveLogFailure(error: unknown): SaveLogFailure {
    if (!isOpenCtiError(error)) {
        return { permanent: false, reason: bound(error instanceof Error ? error.message : String(error)) };
    }
    const facts: DetailFacts = { messages: [], statusCodes: [] };
    collect(error.details, facts);
    const messages = [...new Set(facts.messages)];
    const reason = bound(messages.length > 0 ? messages.join('; ') : error.description || error.code);
    const codes = [error.code, ...facts.statusCodes];
    if (codes.some((code) => TRANSIENT_STATUS_CODES.has(code))) return { permanent: false, reason };
    const recordRefused = messages.length > 0 || facts.statusCodes.length > 0;
    return { permanent: recordRefused || codes.some((code) => PERMANENT_CODES.has(code)), reason };
}

function bound(text: string): string {
    const clean = text.replace(/\s+/g, ' ').trim();
    return clean.length > MAX_REASON ? `${clean.slice(0, MAX_REASON - 1)}…` : clean;
}
