// Salesforce's Task as the softphone writes it: the fields it may set, each with its rule, and the
// Ids it refers to. What is stored for a save (localStorage, shared with every page of the
// Visualforce origin) is untrusted input, so a save is rebuilt from this allow-list, never sent as stored.

/** A Task's fields as saveLog takes them. */
export type TaskFields = Record<string, string | number | boolean>;

const MAX_DURATION_S = 31 * 24 * 60 * 60;

/** Task.CallObject holds up to 255 characters; the Suite's call ids are printable ASCII. */
export const CALL_OBJECT_PATTERN = /^[\x21-\x7e]{1,255}$/;
/** Record Ids as the Open CTI client accepts them from searchAndScreenPop (15 to 18 characters). */
const RECORD_ID = /^[a-zA-Z0-9]{15,18}$/;
const PERSON_ID = /^(?:003|00Q)[a-zA-Z0-9]{12,15}$/;

type FieldRule = (value: unknown) => boolean;

const CONTROL = /[\u0000-\u001f\u007f]/;
/** A Task's Id (key prefix 00T). */
export const TASK_ID = /^00T[a-zA-Z0-9]{12,15}$/;

const text =
    (max: number, min = 0): FieldRule =>
    (value) =>
        typeof value === 'string' && value.length >= min && value.length <= max;
const oneOf =
    (...choices: string[]): FieldRule =>
    (value) =>
        typeof value === 'string' && choices.includes(value);

/** The fields the softphone writes into a Task (callTask.ts buildTask), and nothing else. */
const TASK_FIELDS: Record<string, FieldRule> = {
    Subject: text(255, 1),
    CallType: oneOf('Inbound', 'Outbound', 'Internal'),
    CallDurationInSeconds: (value) =>
        typeof value === 'number' && Number.isInteger(value) && value >= 0 && value <= MAX_DURATION_S,
    // The call's outcome (answered, missed, busy, no answer, transferred) or the call result the agent
    // picked in wrap-up: Salesforce labels this field "Call Result".
    CallDisposition: (value) => text(255, 1)(value) && !CONTROL.test(value as string),
    Status: oneOf('Completed'),
    ActivityDate: (value) => typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value),
    TaskSubtype: oneOf('Call'),
    Type: oneOf('Call'),
    Description: text(32_000),
    WhoId: (value) => typeof value === 'string' && PERSON_ID.test(value),
    WhatId: (value) => typeof value === 'string' && RECORD_ID.test(value) && !PERSON_ID.test(value)
};
const REQUIRED = ['Subject', 'CallType'];

/**
 * The Task to save for a call: allowed fields that pass their rule, always a new Task
 * (entityApiName 'Task', never an Id) with the call's own CallObject. Undefined without a
 * Subject or CallType: such an entry was not written by the softphone.
 */
export function taskFromFields(fields: unknown, callObject: string): TaskFields | undefined {
    if (!fields || typeof fields !== 'object' || !CALL_OBJECT_PATTERN.test(callObject)) return undefined;
    const source = fields as Record<string, unknown>;
    const task: TaskFields = { entityApiName: 'Task' };
    for (const [name, rule] of Object.entries(TASK_FIELDS)) {
        if (Object.hasOwn(source, name) && rule(source[name])) task[name] = source[name] as string | number;
    }
    if (!REQUIRED.every((name) => name in task)) return undefined;
    task.CallObject = callObject;
    return task;
}

/** What an update by Id may change: the fields the agent edits in wrap-up. '' clears a Who or What. */
const UPDATE_FIELDS: Record<string, FieldRule> = {
    Subject: TASK_FIELDS.Subject,
    Description: TASK_FIELDS.Description,
    CallDisposition: TASK_FIELDS.CallDisposition,
    WhoId: (value) => value === '' || TASK_FIELDS.WhoId(value),
    WhatId: (value) => value === '' || TASK_FIELDS.WhatId(value)
};

/** The changes of an update by Id: allowed fields that pass their rule; undefined when none is given. */
export function taskUpdateFromFields(fields: unknown): TaskFields | undefined {
    if (!fields || typeof fields !== 'object') return undefined;
    const source = fields as Record<string, unknown>;
    const update: TaskFields = {};
    for (const [name, rule] of Object.entries(UPDATE_FIELDS)) {
        if (Object.hasOwn(source, name) && rule(source[name])) update[name] = source[name] as string;
    }
    return update;
}
