// Confirmations: `<Seq>,CF,<Command>,<InvokeID>,<Outcome>[,…]` (docs/oai-protocol.md,
// "Confirmations"). A confirmation always settles its command by invoke id; when the fields after a
// successful outcome are not in a layout the bridge knows, it comes without `detail` rather than as
// an unreadable line, since a command left waiting would hold the link for nothing.
import type { ConfirmationDetail, OaiConfirmation, OaiInbound } from './events';

export function decodeConfirmation(line: string, fields: string[]): OaiInbound {
    if (fields.length < 5) return malformed(line, `CF needs 5 fields, got ${fields.length}`);
    const [sequence, , command, invokeText, outcomeText] = fields;
    if (!/^_?[A-Z]{2,3}$/.test(command)) return malformed(line, `CF command ${JSON.stringify(command)}`);
    if (!/^\d{1,5}$/.test(invokeText)) return malformed(line, `CF invoke id ${JSON.stringify(invokeText)}`);
    if (!/^\d{1,5}$/.test(outcomeText.trim()))
        return malformed(line, `CF outcome ${JSON.stringify(outcomeText)}`);
    const rest = fields.slice(5);
    const confirmation: OaiConfirmation = {
        kind: 'confirmation',
        sequence,
        command,
        invokeId: Number(invokeText),
        outcome: Number(outcomeText.trim()),
        rest
    };
    if (confirmation.outcome !== 0) return confirmation;
    const detail = confirmationDetail(command, rest);
    if (detail) confirmation.detail = detail;
    return confirmation;
}

function confirmationDetail(command: string, rest: string[]): ConfirmationDetail | undefined {
    switch (command) {
        case '_MC':
            // `<Call_ID>,<Affected_Ext>` in two examples, `<Affected_Ext>,<Call_ID>` in two others.
            if (rest.length < 2 || !rest[0] || !rest[1]) return undefined;
            return { command, fields: [rest[0], rest[1]] };
        case '_TR':
        case '_TO':
            if (rest.length < 2) return undefined;
            return {
                command,
                newCallId: rest[0],
                destinationExt: rest[1],
                transferredExt: rest[2] ?? '',
                outsideCallerName: rest[3] ?? '',
                outsideCallerNumber: rest[4] ?? ''
            };
        case '_MS':
            return monitorStartDetail(rest);
        case '_RR':
            return { command, extension: rest[0] ?? '' };
        case '_QI':
            // Every version's layout starts `<Affected_Ext>,<Device_Type>,<Device_Class>,<Description>`.
            if (!rest[0] || !/^\d{1,3}$/.test(rest[1] ?? '')) return undefined;
            return { command, device: rest[0], deviceType: Number(rest[1]) };
        case '_NO': {
            // Node-aware Gateway only: `<NumNodes>` then `<Node_Number>,<Node_Status>` per node.
            const count = Number(rest[0] ?? '0');
            const nodes = Array.from({ length: Number.isInteger(count) ? count : 0 }, (_, index) => ({
                node: rest[1 + 2 * index] ?? '',
                answered: rest[2 + 2 * index] === '1'
            }));
            return { command, nodes };
        }
        default:
            return undefined;
    }
}

/**
 * `<Number_Of_Monitor_Sessions>` then `<Mon_Cross_Ref_ID>,<Monitored_Ext>` per session, then the
 * filters in force. Issue 9.0 prints one example with the id alone (`_MS,1,1000,5` → `0,1,<id>`):
 * a single session without its extension is still that session.
 */
function monitorStartDetail(rest: string[]): ConfirmationDetail | undefined {
    if (!/^\d{1,4}$/.test(rest[0] ?? '')) return undefined;
    const count = Number(rest[0]);
    const pairs = rest.slice(1);
    const filterStart = pairs.findIndex((field) => /^[ACFS]:/.test(field));
    const sessionFields = filterStart === -1 ? pairs : pairs.slice(0, filterStart);
    const filters = filterStart === -1 ? [] : pairs.slice(filterStart);
    if (count === 1 && sessionFields.length === 1)
        return { command: '_MS', monitors: [{ monCrossRefId: sessionFields[0], device: '' }], filters };
    const monitors = Array.from(
        { length: Math.min(count, Math.floor(sessionFields.length / 2)) },
        (_, i) => ({
            monCrossRefId: sessionFields[2 * i],
            device: sessionFields[2 * i + 1]
        })
    );
    return { command: '_MS', monitors, filters };
}

/** The call id of a `_MC` confirmation, whichever order its two fields come in. */
export function makeCallCallId(confirmation: OaiConfirmation, extension: string): string {
    if (confirmation.detail?.command !== '_MC') return '';
    const [first, second] = confirmation.detail.fields;
    return first === extension ? second : first;
}

function malformed(line: string, detail: string): OaiInbound {
    return { kind: 'error', reason: 'malformed', code: 'CF', line, detail };
}
