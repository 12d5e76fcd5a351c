// Typed encoders for the OAI commands the bridge sends (field lists in docs/oai-protocol.md).
import { joinFields, OaiEncodeError, type Field } from './csv';

export const MONITOR_TYPE = { call: 0, device: 1, callsViaDevice: 2, deviceWithResync: 5 } as const;
/** Agent, call and feature events, every bit: what the library asks for. */
export const ALL_EVENT_FILTERS: readonly string[] = ['A:FFFF', 'C:FFFF', 'F:FFFF'];
/** Default feature codes; a site may have programmed others. */
export const FEATURE_CODE = { dnd: '370', dndCancel: '371' } as const;

export type OaiCommand =
    /** With `transferCallId` (a held call) it is a transfer-announce call: a consult. */
    | { code: '_MC'; extension: string; digits: string; transferCallId?: string }
    /** Listed in the library's command codes without a field list; ours follows _HC (docs/oai-protocol.md, Uncertain). */
    | { code: '_AC'; extension: string; callId: string }
    | { code: '_HC'; extension: string; callId: string }
    | { code: '_RV'; extension: string; callId: string }
    | { code: '_CC'; extension: string; callId: string }
    | { code: '_CX'; extension: string; callId: string; completeTransfer?: boolean }
    | { code: '_TR'; extension: string; heldCallId: string; announcementCallId: string; toHold?: boolean }
    | { code: '_TO'; extension: string; callId: string; destination: string }
    | { code: '_EF'; extension: string; callId?: string; feature: string }
    | { code: '_MS'; device: string; monitorType: number; filters?: readonly string[] }
    | { code: '_RR'; extension?: string }
    | { code: '_NO' };

export type OaiCommandCode = OaiCommand['code'];

export const MIN_INVOKE_ID = 1;
export const MAX_INVOKE_ID = 65534;

/** The id after `last`: 1…65534 then 1 again, as the library counts, skipping ids still in use. */
export function nextInvokeId(last: number, inUse: (invokeId: number) => boolean = () => false): number {
    let next = last;
    for (let tries = 0; tries < MAX_INVOKE_ID; tries++) {
        next = next >= MAX_INVOKE_ID || next < MIN_INVOKE_ID ? MIN_INVOKE_ID : next + 1;
        if (!inUse(next)) return next;
    }
    throw new RangeError('every OAI invoke id is waiting for its confirmation');
}

/** The line for a command, without the CR the framing adds. Bad input throws OaiEncodeError. */
export function encodeCommand(command: OaiCommand, invokeId: number): string {
    if (!Number.isInteger(invokeId) || invokeId < MIN_INVOKE_ID || invokeId > MAX_INVOKE_ID) {
        throw new OaiEncodeError(`OAI invoke id must be ${MIN_INVOKE_ID}…${MAX_INVOKE_ID}, got ${invokeId}`);
    }
    return joinFields([command.code, String(invokeId), ...argumentsOf(command)]);
}

function argumentsOf(command: OaiCommand): Field[] {
    switch (command.code) {
        case '_MC': {
            const base = [device(command.extension), digitString(command.digits)];
            if (command.transferCallId === undefined) return base;
            // Account code blank, not a return message, then the call to transfer.
            return [...base, '', '0', callId(command.transferCallId)];
        }
        case '_AC':
        case '_HC':
        case '_RV':
        case '_CC':
            return [device(command.extension), callId(command.callId)];
        case '_CX':
            return [device(command.extension), callId(command.callId), command.completeTransfer ? '1' : '0'];
        case '_TR':
            return [
                device(command.extension),
                callId(command.heldCallId),
                callId(command.announcementCallId),
                command.toHold ? '1' : '0'
            ];
        case '_TO':
            // Mailbox, toll-restriction station, override DND, caller ID number and name left blank.
            return [
                device(command.extension),
                callId(command.callId),
                digitString(command.destination),
                '',
                '',
                '',
                '',
                ''
            ];
        case '_EF':
            return [
                device(command.extension),
                command.callId === undefined ? '' : callId(command.callId),
                digitString(command.feature)
            ];
        case '_MS': {
            if (
                !Number.isInteger(command.monitorType) ||
                command.monitorType < 0 ||
                command.monitorType > 11
            ) {
                throw new OaiEncodeError(`OAI monitor type must be 0…11, got ${command.monitorType}`);
            }
            const filters = command.filters ?? ALL_EVENT_FILTERS;
            for (const filter of filters) {
                if (!/^[ACFS]:[0-9A-F]{1,4}$/.test(filter))
                    throw new OaiEncodeError(`OAI monitor filter ${JSON.stringify(filter)}`);
            }
            return [device(command.device), String(command.monitorType), ...filters];
        }
        case '_RR':
            return [command.extension === undefined ? '' : device(command.extension)];
        case '_NO':
            return [];
    }
}

function device(value: string): string {
    // Extensions, trunk and hunt group numbers, with the Gateway's optional `node:` prefix.
    if (!/^(?:\d{1,3}:)?[0-9A-Za-z*#]{1,16}$/.test(value))
        throw new OaiEncodeError(`OAI device ${JSON.stringify(value)}`);
    return value;
}

function callId(value: string): string {
    if (!/^[0-9A-Za-z:]{1,24}$/.test(value)) throw new OaiEncodeError(`OAI call id ${JSON.stringify(value)}`);
    return value;
}

/** Up to 48 digits; the PBX ignores `-`, `(`, `)`, `;` and spaces, and a digit string cannot start with a pause. */
function digitString(value: string): string {
    if (!/^[0-9*#PF!\-(); ]+$/.test(value) || value.startsWith('P')) {
        throw new OaiEncodeError(`OAI digit string ${JSON.stringify(value)}`);
    }
    if (value.replace(/[-(); ]/g, '').length > 48)
        throw new OaiEncodeError('OAI digit string is at most 48 digits');
    return value;
}
