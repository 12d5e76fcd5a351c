// Typed decoding of the lines the PBX sends: confirmations and events (docs/oai-protocol.md). The
// decoder reads what the manual allows: fields a later version appends, trailing fields a line
// lacks where the manual leaves them off, blanks. It refuses only what would make the bridge act
// wrongly (an unknown connection state, an event about no one). A line that cannot be read becomes
// an OaiLineError value; decoding never throws.
import { decodeConfirmation } from './confirmations';
import { splitFields } from './csv';
import type { ConferencedEvent, OaiEvent, OaiInbound, OaiLineError } from './events';
import { parseField, type LocalConnectionState } from './fields';
import { IGNORED_CODES, REQUIRED_VALUES, SCHEMAS } from './schemas';

export * from './events';
export { LOCAL_CONNECTION_STATES } from './fields';

export function decodeLine(line: string): OaiInbound {
    const split = splitFields(line);
    if (!split.ok) return malformed(line, split.detail);
    const fields = split.fields;
    if (fields.length < 2 || fields[1] === '') return malformed(line, 'no event code');
    const code = fields[1];
    if (code === 'CF') return decodeConfirmation(line, fields);
    if (code === 'CO') return decodeConferenced(line, fields);
    if (!Object.hasOwn(SCHEMAS, code)) {
        const reason = IGNORED_CODES.has(code) ? 'ignored' : 'unknown';
        return { kind: 'error', reason, code, line, detail: `event ${code}` };
    }
    return decodeEvent(line, fields, code as keyof typeof SCHEMAS);
}

function decodeEvent(line: string, fields: string[], code: keyof typeof SCHEMAS): OaiInbound {
    const schema = SCHEMAS[code];
    const values = fields.slice(3);
    const required = schema.fields.length - (schema.optional ?? 0);
    if (fields.length < 3 || values.length < required) {
        return malformed(line, `${code} needs ${required + 3} fields, got ${fields.length}`, code);
    }
    const event: Record<string, unknown> = {
        kind: 'event',
        code,
        sequence: fields[0],
        resyncCode: fields[2]
    };
    for (const [index, [name, kind]] of schema.fields.entries()) {
        const present = index < values.length;
        // An absent optional number (RS before V05.00) is undefined; an absent text is blank.
        if (!present && kind === 'number') continue;
        const parsed = parseField(values[index] ?? '', kind);
        if (!parsed.ok) return malformed(line, `${code} ${name}: ${parsed.detail}`, code);
        event[name] = parsed.value;
    }
    for (const name of REQUIRED_VALUES[code] ?? [])
        if (event[name] === '') return malformed(line, `${code} ${name} is blank`, code);
    if (code === 'DND') event.enabled = event.message !== '';
    return event as unknown as OaiEvent;
}

/**
 * `CO,<Resync>,<Mon>,<Subject_Ext>,<Primary_Call_ID>,<Secondary_Call_ID>,<Conf_Controller_Ext>,
 * <Number_Of_Parties>,<Party #1>,<Call_ID #1>,…,<Local_Cnx_State>,<Event_Cause>` (Issue 9.0 p. 27).
 */
function decodeConferenced(line: string, fields: string[]): OaiInbound {
    const head = 9;
    const count = fields.length > 8 ? parseField(fields[8], 'number') : undefined;
    if (!count?.ok) return malformed(line, 'CO needs a number of parties in field 8', 'CO');
    const parties = count.value as number;
    if (fields.length < head + 2 * parties + 2) {
        return malformed(line, `CO with ${parties} parties needs ${head + 2 * parties + 2} fields`, 'CO');
    }
    const state = parseField(fields[head + 2 * parties], 'state');
    const cause = parseField(fields[head + 2 * parties + 1], 'cause');
    if (!state.ok) return malformed(line, `CO localState: ${state.detail}`, 'CO');
    if (!cause.ok) return malformed(line, `CO cause: ${cause.detail}`, 'CO');
    if (!fields[4]) return malformed(line, 'CO subjectExt is blank', 'CO');
    const event: ConferencedEvent = {
        kind: 'event',
        code: 'CO',
        sequence: fields[0],
        resyncCode: fields[2],
        monCrossRefId: fields[3],
        subjectExt: fields[4],
        primaryCallId: fields[5],
        secondaryCallId: fields[6],
        controllingExt: fields[7],
        parties: Array.from({ length: parties }, (_, party) => ({
            extension: fields[head + 2 * party],
            callId: fields[head + 2 * party + 1]
        })),
        localState: state.value as LocalConnectionState,
        cause: cause.value as number | undefined
    };
    return event;
}

function malformed(line: string, detail: string, code?: string): OaiLineError {
    return { kind: 'error', reason: 'malformed', code, line, detail };
}
