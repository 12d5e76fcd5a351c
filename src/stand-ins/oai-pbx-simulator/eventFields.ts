// The fields of each event the simulated PBX sends, after `<Mon_Cross_Ref_ID>`, laid out as the
// manual's syntax lines (Issue 9.0; docs/oai-protocol.md, "Events").
import { text, type Field } from '../../bridge/oai/csv';
import type { LocalConnectionState } from '../../bridge/oai/fields';
import type { SimCall, Station } from './pbxTypes';

/** A text field between `|`s, or blank when empty (as the manual's examples leave it). */
export function named(value: string | undefined): Field {
    return value ? text(value) : '';
}

export function cause(value: number): string {
    return String(value).padStart(2, '0');
}

/** Internal_Calling_Ext … Last_Redirection_Ext (and Account_Code for DE and QU), as DE and ES list them. */
export function callingFields(call: SimCall, code: 'DE' | 'ES'): Field[] {
    const inbound = call.callerIsExternal ? call.external : undefined;
    const fields: Field[] =
        code === 'DE'
            ? [
                  call.caller,
                  named(inbound?.name),
                  inbound?.number ?? '',
                  named(inbound?.trunkName),
                  inbound?.trunkOutsideNumber ?? ''
              ]
            : [call.caller, inbound?.number ?? '', inbound?.trunkOutsideNumber ?? ''];
    fields.push(call.callerIsExternal ? 'E' : 'I', call.calledDevice, call.lastRedirection);
    if (code === 'DE') fields.push(''); // account code
    return fields;
}

export function deliveredFields(
    call: SimCall,
    alerting: { extension: string; outsideNumber: string; type: 'I' | 'E' },
    state: LocalConnectionState,
    eventCause: number
): Field[] {
    return [
        call.id,
        alerting.extension,
        alerting.outsideNumber,
        alerting.type,
        ...callingFields(call, 'DE'),
        state,
        cause(eventCause),
        // ACD/UCD_Group (V07.00): the group a member rings through.
        call.huntGroups.at(-1) ?? ''
    ];
}

export function establishedFields(
    call: SimCall,
    answering: { extension: string; outsideNumber: string; type: 'I' | 'E' },
    state: LocalConnectionState,
    eventCause: number
): Field[] {
    return [
        call.id,
        answering.extension,
        answering.outsideNumber,
        answering.type,
        ...callingFields(call, 'ES'),
        state,
        cause(eventCause)
    ];
}

/** OR: `<Call_ID>,<Internal_Calling_Ext>,<Outside_Caller_Number>,<Calling_Device_Type>,<Dialed_Number>,<Account_Code>,…`. */
export function originatedFields(call: SimCall, dialedNumber: string): Field[] {
    const inbound = call.callerIsExternal ? call.external : undefined;
    return [
        call.id,
        call.caller,
        inbound?.number ?? '',
        call.callerIsExternal ? 'E' : 'I',
        dialedNumber,
        '',
        'C',
        cause(22)
    ];
}

export function transferredFields(
    call: SimCall,
    parties: { transferring: string; transferred: string; destination: string },
    announcementCallId: string,
    state: LocalConnectionState
): Field[] {
    const outside = call.external;
    return [
        call.id,
        parties.transferring,
        parties.transferred,
        announcementCallId,
        parties.destination,
        named(outside?.name),
        outside?.number ?? '',
        named(outside?.trunkName),
        outside?.trunkOutsideNumber ?? '',
        state,
        cause(32)
    ];
}

/** DND on: message and text; off: the extension alone (Issue 9.0: `001,DND,<MON105>,105`); in a resync, blanks. */
export function dndFields(station: Station, inResync = false): Field[] {
    if (station.dnd) return [station.extension, named(station.dndMessage), named(station.dndText)];
    return inResync ? [station.extension, '', ''] : [station.extension];
}

/** The `_TR` / `_TO` confirmation after the outcome (Issue 9.0): the transferred call, destination, transferred party. */
export function transferConfirmation(call: SimCall, destination: string, transferred: string): Field[] {
    const outside = call.external;
    return [
        call.id,
        destination,
        transferred,
        named(outside?.name),
        outside?.number ?? '',
        named(outside?.trunkName),
        outside?.trunkOutsideNumber ?? ''
    ];
}
