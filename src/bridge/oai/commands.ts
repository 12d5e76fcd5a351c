// Typed encoders for the OAI commands the bridge sends (field lists in docs/oai-protocol.md). Each
// sends the shortest form both readings of the manual accept: optional trailing fields are left off
// rather than sent blank, since an older protocol version does not know them.
import { joinFields, OaiEncodeError, text, type Field } from './csv';

export const MONITOR_TYPE = { call: 0, device: 1, callsViaDevice: 2, deviceWithResync: 5 } as const;
/**
 * No agent events (the bridge does not use them), every call and feature event the PBX offers: it
 * masks the bits it does not have (the confirmation says which are in force, Issue 9.0 `_MS`).
 */
export const EVENT_FILTERS: readonly string[] = ['A:0000', 'C:FFFF', 'F:FFFF'];
/**
 * Query Device Info's Device_Type values of a station (Issue 9.0 `_QI`: keyset 0, single-line 1,
 * operator 11, B-channel station 26, and 27, which its Physical_Device_Type note counts as a station).
 */
export const STATION_DEVICE_TYPES: ReadonlySet<number> = new Set([0, 1, 11, 26, 27]);
/** Default feature codes (site-programmable, Issue 10.20 Appendix via OAIFeatureCodes.cs). */
export const FEATURE_CODE = { dnd: '370', dndCancel: '371' } as const;

export type OaiCommand =
    /** With `transferCallId` (a held call) it is a transfer-announce call: a consult (V ≥ 05.15). */
    | { code: '_MC'; extension: string; digits: string; transferCallId?: string }
    | { code: '_AC'; extension: string; callId: string }
    | { code: '_HC'; extension: string; callId: string }
    | { code: '_RV'; extension: string; callId: string }
    | { code: '_CC'; extension: string; callId: string }
    | { code: '_CX'; extension: string; callId: string; completeTransfer?: boolean }
    | { code: '_TR'; extension: string; heldCallId: string; announcementCallId: string; toHold?: boolean }
    /** A blank call id transfers the call connected at the station now (Issue 9.0 `_TO` examples). */
    | { code: '_TO'; extension: string; callId?: string; destination: string }
    /** `dndMessage` (1…20) follows a DND feature code: `_EF,7,101,,37019` (Issue 9.0). */
    | { code: '_EF'; extension: string; callId?: string; feature: string; dndMessage?: number }
    | { code: '_SD'; extension: string; enabled: boolean; messageIndex?: number; customText?: string }
    | { code: '_MS'; device: string; monitorType: number; filters?: readonly string[] }
    /** Query Device Info (V ≥ 03.00): whether a device exists and of which type (Issue 9.0 `_QI`). */
    | { code: '_QI'; device: string }
    | { code: '_RR'; extension?: string }
    /** The resync request before V06.00: no invoke id, no confirmation; answered by RS, events, RD. */
    | { code: 'RR'; extension?: string }
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
    if (command.code === 'RR')
        return joinFields(command.extension ? ['RR', device(command.extension)] : ['RR']);
    if (!Number.isInteger(invokeId) || invokeId < MIN_INVOKE_ID || invokeId > MAX_INVOKE_ID) {
        throw new OaiEncodeError(`OAI invoke id must be ${MIN_INVOKE_ID}…${MAX_INVOKE_ID}, got ${invokeId}`);
    }
    return joinFields([command.code, String(invokeId), ...argumentsOf(command)]);
}

function argumentsOf(command: Exclude<OaiCommand, { code: 'RR' }>): Field[] {
    switch (command.code) {
        case '_MC': {
            const base = [device(command.extension), digitString(command.digits)];
            if (command.transferCallId === undefined) return base;
            // Account code and Is_Call_Return_Message blank (their defaults), then the call to transfer.
            return [...base, '', '', callId(command.transferCallId)];
        }
        case '_AC':
        case '_HC':
        case '_RV':
        case '_CC':
            return [device(command.extension), callId(command.callId)];
        case '_CX': {
            const base = [device(command.extension), callId(command.callId)];
            return command.completeTransfer ? [...base, '1'] : base;
        }
        case '_TR': {
            const base = [
                device(command.extension),
                callId(command.heldCallId),
                callId(command.announcementCallId)
            ];
            return command.toHold ? [...base, '1'] : base;
        }
        case '_TO':
            return [
                device(command.extension),
                command.callId ? callId(command.callId) : '',
                digitString(command.destination)
            ];
        case '_EF':
            return [
                device(command.extension),
                command.callId === undefined ? '' : callId(command.callId),
                digitString(command.feature + dndMessageDigits(command.dndMessage))
            ];
        case '_SD':
            return setDndArguments(command);
        case '_MS':
            return monitorStartArguments(command);
        case '_RR':
            return command.extension === undefined ? [] : [device(command.extension)];
        case '_QI':
            return [device(command.device)];
        case '_NO':
            return [];
    }
}

function setDndArguments(command: Extract<OaiCommand, { code: '_SD' }>): Field[] {
    const base: Field[] = [device(command.extension), command.enabled ? '1' : '0'];
    // Turning DND off takes nothing more (Issue 9.0: `_SD,<InvokeID>,100,0`).
    if (!command.enabled || (command.messageIndex === undefined && command.customText === undefined))
        return base;
    const index = command.messageIndex === undefined ? '' : String(dndMessageNumber(command.messageIndex));
    if (command.customText === undefined) return [...base, index];
    if (command.customText.length > 16) throw new OaiEncodeError('OAI DND text is at most 16 characters');
    return [...base, index, text(command.customText)];
}

function monitorStartArguments(command: Extract<OaiCommand, { code: '_MS' }>): Field[] {
    if (!Number.isInteger(command.monitorType) || command.monitorType < 0 || command.monitorType > 11) {
        throw new OaiEncodeError(`OAI monitor type must be 0…11, got ${command.monitorType}`);
    }
    const filters = command.filters ?? EVENT_FILTERS;
    for (const filter of filters) {
        // A blank filter keeps the PBX's default for that kind (Issue 9.0: `_MS,…,101,1,A:0,,F:0`).
        if (filter !== '' && !/^[ACFS]:[0-9A-F]{1,4}$/.test(filter))
            throw new OaiEncodeError(`OAI monitor filter ${JSON.stringify(filter)}`);
    }
    return [device(command.device), String(command.monitorType), ...filters];
}

function dndMessageNumber(value: number): number {
    if (!Number.isInteger(value) || value < 1 || value > 20)
        throw new OaiEncodeError(`OAI DND message number must be 1…20, got ${value}`);
    return value;
}

/** The two digits of a DND message number after the DND feature code (`370` + `19`). */
function dndMessageDigits(value: number | undefined): string {
    return value === undefined ? '' : String(dndMessageNumber(value)).padStart(2, '0');
}

function device(value: string): string {
    // Extensions, trunk and hunt group numbers, with the Gateway's optional `node:` prefix, or a node alone.
    if (!/^(?:\d{1,3}:)?[0-9A-Za-z*#]{1,16}$/.test(value) && !/^\d{1,3}:$/.test(value))
        throw new OaiEncodeError(`OAI device ${JSON.stringify(value)}`);
    return value;
}

/**
 * Call ids as the manual prints them: `@001`, `@103`, `*01`, `#01`, `1F01`, `5484`, `86415`, and a
 * Gateway's `node:` form. Any printable character but the separators, which would change the line.
 */
function callId(value: string): string {
    if (!/^[\x21-\x7e]{1,24}$/.test(value) || /[,|]/.test(value))
        throw new OaiEncodeError(`OAI call id ${JSON.stringify(value)}`);
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
