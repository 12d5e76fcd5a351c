// The manual's outcome codes (Issue 9.0, "COMMON FAILURE OUTCOME VALUES" under each command) and
// what each means for the contract's errors (src/core/suite/errors.ts WIRE_ERROR). The same code can
// mean different things per command: 17 No_Held_Call to `_RV` means the call is no longer held (two
// tabs retrieved it: the goal is reached, `invalid_state`), 20 No_Call_to_Answer to `_AC` means it
// no longer rings there (`call_not_found`).
import { WIRE_ERROR, type WireErrorCode } from '../../core/suite/errors';
import { ContractError as BridgeError } from '../../server/errors';
import { OaiEncodeError } from './csv';
import { OaiCommandError } from './pending';

export const OUTCOME = {
    success: 0,
    genericUnspecified: 1,
    requestIncompatibleWithObject: 3,
    invalidCalledDevice: 7,
    invalidCallIdentifier: 8,
    invalidDeviceIdentifier: 9,
    invalidFeature: 10,
    invalidDestination: 11,
    invalidMonCrossRefId: 12,
    invalidObjectState: 14,
    genericStateIncompatibility: 15,
    noActiveCall: 16,
    noHeldCall: 17,
    noCallToClear: 18,
    noConnectionToClear: 19,
    noCallToAnswer: 20,
    resourceBusy: 24,
    overallMonitorLimitExceeded: 28,
    valueOutOfRange: 31,
    invalidAgentId: 33,
    invalidFilterType: 34,
    invalidAgentFilter: 35,
    invalidCallFilter: 36,
    invalidFeatureFilter: 37,
    missingFilterType: 38,
    invalidInvokeId: 41,
    invalidSystemFilter: 43,
    protocolNotSupported: 45,
    invalidCallIdentifierIdChanged: 51
} as const;

/** The manual's names, for logs and error messages. */
export const OUTCOME_NAMES: Readonly<Record<number, string>> = {
    1: 'Generic_Unspecified',
    3: 'Request_Incompatible_With_Object',
    7: 'Invalid_Called_Device',
    8: 'Invalid_Call_Identifier',
    9: 'Invalid_Device_Identifier',
    10: 'Invalid_Feature',
    11: 'Invalid_Destination',
    12: 'Invalid_Mon_Cross_Ref_ID',
    14: 'Invalid_Object_State',
    15: 'Generic_State_Incompatibility',
    16: 'No_Active_Call',
    17: 'No_Held_Call',
    18: 'No_Call_to_Clear',
    19: 'No_Connection_To_Clear',
    20: 'No_Call_to_Answer',
    24: 'Resource_Busy',
    28: 'Overall_Monitor_Limit_Exceeded',
    31: 'Value_Out_of_Range',
    33: 'Invalid_Agent_ID',
    34: 'Invalid_Filter_Type',
    35: 'Invalid_Agent_Filter',
    36: 'Invalid_Call_Filter',
    37: 'Invalid_Feature_Filter',
    38: 'Missing_Filter_Type',
    41: 'Invalid_InvokeID',
    43: 'Invalid_System_Filter',
    45: 'Protocol_Not_Supported',
    51: 'Invalid_Call_Identifier_ID_Changed'
};

/** Filter outcomes of `_MS`: the monitor is started again without a filter list (the PBX's defaults). */
export const FILTER_OUTCOMES: ReadonlySet<number> = new Set([34, 35, 36, 37, 38, 43]);

export interface ContractError {
    status: number;
    code: WireErrorCode;
    message: string;
}

type Meaning = Pick<ContractError, 'status' | 'code'>;

const INVALID_STATE: Meaning = { status: 409, code: WIRE_ERROR.invalidState };
const CALL_NOT_FOUND: Meaning = { status: 404, code: WIRE_ERROR.callNotFound };
const DEVICE_UNAVAILABLE: Meaning = { status: 409, code: WIRE_ERROR.deviceUnavailable };
const DEVICE_BUSY: Meaning = { status: 409, code: WIRE_ERROR.deviceBusy };
const INVALID_NUMBER: Meaning = { status: 400, code: WIRE_ERROR.invalidNumber };

/** Per outcome; `byCommand` where a command gives it another sense. */
const MEANINGS: Record<number, Meaning> = {
    3: DEVICE_UNAVAILABLE,
    7: INVALID_NUMBER,
    8: CALL_NOT_FOUND,
    9: DEVICE_UNAVAILABLE,
    11: INVALID_NUMBER,
    14: INVALID_STATE,
    15: DEVICE_UNAVAILABLE,
    16: INVALID_STATE,
    17: INVALID_STATE,
    18: INVALID_STATE,
    19: INVALID_STATE,
    20: CALL_NOT_FOUND,
    24: DEVICE_BUSY,
    51: CALL_NOT_FOUND
};

const BY_COMMAND: Record<string, Record<number, Meaning>> = {
    // The caller's station could not place the call: busy on another call, offline, on-hook single line.
    _MC: { 15: DEVICE_BUSY },
    // The call left the station meanwhile (answered elsewhere, the caller hung up).
    _AC: { 20: CALL_NOT_FOUND },
    // The call is not held there any more: retrieved already (by another tab), the goal is reached.
    _RV: { 17: INVALID_STATE },
    _TR: { 17: INVALID_STATE, 16: INVALID_STATE }
};

/** The contract's error for an outcome the PBX gave a command. */
export function contractErrorForOutcome(command: string, outcome: number): ContractError {
    const meaning = BY_COMMAND[command]?.[outcome] ?? MEANINGS[outcome] ?? INVALID_STATE;
    const name = OUTCOME_NAMES[outcome] ?? 'an outcome the manual does not list';
    return { ...meaning, message: `The PBX refused ${command}: ${name} (${outcome})` };
}

/** A failed command as the contract's error: the PBX's outcome by the manual's catalogue, or why none came. */
export function contractErrorOf(error: unknown): BridgeError {
    if (error instanceof BridgeError) return error;
    if (error instanceof OaiEncodeError) return new BridgeError(400, 'invalid_number', error.message);
    if (error instanceof OaiCommandError) {
        if (error.reason === 'unsupported') return new BridgeError(409, 'invalid_state', error.message);
        if (error.reason !== 'rejected')
            return new BridgeError(
                503,
                'pbx_unavailable',
                `The PBX did not confirm ${error.command} (${error.reason})`
            );
        const refused = contractErrorForOutcome(error.command, error.outcome ?? 1);
        return new BridgeError(refused.status, refused.code, refused.message);
    }
    return new BridgeError(500, 'internal', 'Internal error');
}
