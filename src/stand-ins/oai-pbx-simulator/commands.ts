// The simulated PBX's answer to each command line: the command carried out on the PBX and its
// confirmation in the manual's layout (Issue 9.0 CONFIRMATION lines), or the manual's outcome code
// for what it refuses.
import { MONITOR_TYPE } from '../../bridge/oai/commands';
import { text, type Field } from '../../bridge/oai/csv';
import { OUTCOME } from '../../bridge/oai/outcomes';
import { filterFields, filtersOf, type ConnectionMonitors } from './monitors';
import type { SimulatedPbx } from './pbx';
import { PbxCommandError } from './pbxTypes';

export interface CommandConnection {
    monitors: ConnectionMonitors;
    /** `_MC` calls placed on this connection: the manual prints its confirmation in both orders. */
    callsMade: number;
}

export interface CommandContext {
    pbx: SimulatedPbx;
    /** The OAI protocol level the PBX's RS reports (xx·100 + yy): confirmation layouts follow it. */
    protocolLevel: number;
    newMonitorId(): string;
    /** A resync of one station or (blank) of every monitor; `legacy` for `RR`, which has no confirmation. */
    resync(extension: string, resyncCode: string, legacy: boolean): void;
}

/** Arguments a command cannot do without, and the outcome for each when blank (Issue 9.0). */
const REQUIRED: Record<string, number[]> = {
    _MC: [OUTCOME.invalidDeviceIdentifier, OUTCOME.invalidCalledDevice],
    _AC: [OUTCOME.invalidDeviceIdentifier, OUTCOME.invalidCallIdentifier],
    _HC: [OUTCOME.invalidDeviceIdentifier, OUTCOME.invalidCallIdentifier],
    _RV: [OUTCOME.invalidDeviceIdentifier, OUTCOME.invalidCallIdentifier],
    _CC: [OUTCOME.invalidDeviceIdentifier, OUTCOME.invalidCallIdentifier],
    _CX: [OUTCOME.invalidDeviceIdentifier, OUTCOME.invalidCallIdentifier],
    _TR: [OUTCOME.invalidDeviceIdentifier, OUTCOME.invalidCallIdentifier, OUTCOME.invalidCallIdentifier],
    _EF: [OUTCOME.invalidDeviceIdentifier],
    _SD: [OUTCOME.invalidDeviceIdentifier, OUTCOME.genericUnspecified],
    _QI: [OUTCOME.invalidDeviceIdentifier]
};

/** Carries out a command; returns the confirmation's outcome and the fields after it. */
export function carryOut(
    context: CommandContext,
    connection: CommandConnection,
    code: string,
    invokeId: string,
    args: string[]
): { outcome: number; rest: Field[] } | undefined {
    const blank = (REQUIRED[code] ?? []).findIndex((_, index) => !args[index]);
    if (blank !== -1) return { outcome: REQUIRED[code][blank], rest: [] };
    try {
        return { outcome: 0, rest: run(context, connection, code, invokeId, args) ?? [] };
    } catch (error) {
        if (error instanceof PbxCommandError)
            return { outcome: error.outcome, rest: code === '_RR' ? [args[0] ?? ''] : [] };
        throw error;
    }
}

function run(
    context: CommandContext,
    connection: CommandConnection,
    code: string,
    invokeId: string,
    args: string[]
): Field[] | undefined {
    const pbx = context.pbx;
    const [first = '', second = '', third = ''] = args;
    switch (code) {
        case '_NO':
            return undefined;
        case '_MS':
            return monitorStart(context, connection.monitors, args);
        case '_RR':
            // Not monitored here: Invalid_Object_State (14), as the manual's example `_RR,974,100`.
            if (first && !connection.monitors.get(first))
                throw new PbxCommandError(OUTCOME.invalidObjectState, `${first} is not monitored`);
            context.resync(first, invokeId, false);
            return first ? [first] : undefined;
        case '_MC': {
            const callId = pbx.makeCall(first, second, args[4] || undefined);
            connection.callsMade++;
            return connection.callsMade % 2 === 1 ? [callId, first] : [first, callId];
        }
        case '_AC':
            return void pbx.answerCall(first, second);
        case '_HC':
            return void pbx.hold(first, second);
        case '_RV':
            return void pbx.retrieve(first, second);
        case '_CC':
            return void pbx.clearCall(first, second);
        case '_CX':
            if (third !== '' && third !== '0' && third !== '1')
                throw new PbxCommandError(OUTCOME.genericUnspecified, `Complete_Transfer ${third}`);
            return void pbx.clearConnection(first, second, third === '1');
        case '_TO':
            if (!third) throw new PbxCommandError(OUTCOME.invalidDestination, 'no destination');
            return pbx.transferOneStep(first, second, third);
        case '_TR':
            return pbx.transfer(first, second, third);
        case '_EF':
            if (!third) throw new PbxCommandError(OUTCOME.invalidFeature, 'no feature');
            return void pbx.extensionFeature(first, third);
        case '_SD':
            return setDnd(pbx, args);
        case '_QI':
            return queryDeviceInfo(context, first);
        default:
            throw new PbxCommandError(OUTCOME.genericUnspecified, `${code} is not simulated`);
    }
}

function setDnd(pbx: SimulatedPbx, [extension = '', onOff = '', index = '', text = '']: string[]): undefined {
    if (onOff !== '0' && onOff !== '1')
        throw new PbxCommandError(OUTCOME.genericUnspecified, `On/Off ${onOff}`);
    if (index !== '' && !/^\d{1,2}$/.test(index))
        throw new PbxCommandError(OUTCOME.genericUnspecified, `Message_Index ${index}`);
    pbx.setDndCommand(extension, onOff === '1', index === '' ? undefined : Number(index), text);
    return undefined;
}

/**
 * Query Device Info's confirmation in the layout of the PBX's protocol version (Issue 9.0 `_QI`):
 * `<Affected_Ext>,<Device_Type>,<Device_Class>,<Description>` from V03.00, then the username and, for
 * a station, what each later version added (administrator, attendant, COS flags, voice mail, from
 * V05.10; mailbox node V05.20; speed-dial bins V06.00; physical device type V08.10; account code
 * type and validation V09.00); a trunk adds its answer supervision from V07.00.
 */
function queryDeviceInfo(context: CommandContext, device: string): Field[] {
    const { deviceType, name, online } = context.pbx.deviceInfo(device);
    const level = context.protocolLevel;
    const head: Field[] = [device, String(deviceType), '0', text(name)];
    if (level < 510) return head;
    const withUser: Field[] = [...head, text(device)];
    if (deviceType !== 0) return deviceType === 9 && level >= 700 ? [...withUser, '6'] : withUser;
    const fields: Field[] = [...withUser, '0', '0', '', '0000', '0000', ''];
    if (level >= 520) fields.push('0');
    if (level >= 600) fields.push('0');
    // Physical_Device_Type: Unknown (0) while offline, else the phone (43, a Model 8660).
    if (level >= 810) fields.push(online ? '43' : '0');
    if (level >= 900) fields.push('0', '0');
    return fields;
}

/** `<Number_Of_Monitor_Sessions>,<Mon_Cross_Ref_ID>,<Monitored_Ext>,<Agent_…>,<Call_…>,<Feature_Filter_Mask>`. */
function monitorStart(context: CommandContext, monitors: ConnectionMonitors, args: string[]): Field[] {
    const [device = '', typeText = '1', ...filterList] = args;
    const type = typeText === '' ? MONITOR_TYPE.device : Number(typeText);
    if (type !== MONITOR_TYPE.device && type !== MONITOR_TYPE.callsViaDevice)
        throw new PbxCommandError(OUTCOME.genericUnspecified, `monitor type ${typeText} is not simulated`);
    if (!device || !context.pbx.hasDevice(device))
        throw new PbxCommandError(OUTCOME.invalidDeviceIdentifier, `no device ${device}`);
    if (type === MONITOR_TYPE.callsViaDevice && !context.pbx.isHuntGroup(device))
        throw new PbxCommandError(OUTCOME.invalidDeviceIdentifier, `${device} is not a hunt group`);
    const monitor = monitors.start(device, type, filtersOf(filterList), () => context.newMonitorId());
    return ['1', monitor.crossRefId, device, ...filterFields(monitor.filters)];
}
