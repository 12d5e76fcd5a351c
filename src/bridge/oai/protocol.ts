// What the PBX said about itself in its Resync Response (RS), and what the bridge may do with it:
// the protocol version gates commands and layouts where the manual says so (Issue 9.0 states each
// gate inline: "SYNTAX (V >= 05.15)"), and Premium_Feature_Status says whether the link carries
// events and call control at all.
import type { OaiCommand } from './commands';
import type { ResyncResponseEvent } from './events';
import { protocolLevel } from './fields';

export interface PbxInfo {
    protocolVersion: string;
    /** xx·100 + yy for `Vxx.yy`; undefined when the RS did not say it in that form. */
    protocolLevel: number | undefined;
    ksuSoftwareVersion: string;
    premiumFeatureStatus: number | undefined;
    /** The RS carried the TCPIP_Flag: V ≥ 06.00 through a CT Gateway. */
    throughGateway: boolean;
    time: string;
    date: string;
}

export function pbxInfoOf(event: ResyncResponseEvent): PbxInfo {
    return {
        protocolVersion: event.protocolVersion,
        protocolLevel: protocolLevel(event.protocolVersion),
        ksuSoftwareVersion: event.ksuSoftwareVersion,
        premiumFeatureStatus: event.premiumFeatureStatus,
        throughGateway: event.tcpipFlag !== '',
        time: event.time,
        date: event.date
    };
}

/** Why the bridge will not work on a link, by name (shown in health and the panel's setup check). */
export type LinkRefusalReason = 'noCallControl' | 'noEvents' | 'noCommonFeatures' | 'protocolTooOld';

export interface LinkRefusal {
    reason: LinkRefusalReason;
    detail: string;
}

/** RD (the end of a resync) came with V05.10: without it the bridge cannot tell when it knows every call. */
export const MIN_PROTOCOL_LEVEL = 510;

export function refusalOf(info: PbxInfo): LinkRefusal | undefined {
    if (info.protocolLevel !== undefined && info.protocolLevel < MIN_PROTOCOL_LEVEL)
        return {
            reason: 'protocolTooOld',
            detail: `the PBX speaks OAI protocol ${info.protocolVersion}; the bridge needs V05.10 or later (Resync Ended)`
        };
    switch (info.premiumFeatureStatus) {
        case 1:
            return {
                reason: 'noCallControl',
                detail: 'the PBX enables System OAI Events only (Premium_Feature_Status 1): no Third-Party Call Control'
            };
        case 2:
            return {
                reason: 'noEvents',
                detail: 'the PBX enables Third-Party Call Control only (Premium_Feature_Status 2): no System OAI Events'
            };
        case 0:
            return {
                reason: 'noCommonFeatures',
                detail: 'the CT Gateway reports no premium features common to every node (Premium_Feature_Status 0)'
            };
        default:
            return undefined;
    }
}

/** The protocol level each command (or a form of it) needs, per Issue 9.0; undefined: any level. */
export function levelNeeded(command: OaiCommand): { level: number; what: string } | undefined {
    switch (command.code) {
        case '_MC':
            return command.transferCallId === undefined
                ? undefined
                : { level: 515, what: 'a consult (_MC with Call_ID_Of_Call_To_Transfer)' };
        case '_CX':
            return command.completeTransfer ? { level: 515, what: '_CX with Complete_Transfer' } : undefined;
        case '_TR':
            return command.toHold ? { level: 500, what: '_TR with Transfer_Type' } : undefined;
        case '_RR':
            return { level: 600, what: '_RR (RR before V06.00)' };
        case '_MS':
            return (command.filters ?? ['']).some(Boolean) ? { level: 500, what: '_MS filters' } : undefined;
        default:
            return undefined;
    }
}

/** Why the PBX's protocol version cannot take this command, or undefined if it can (or is unknown). */
export function unsupportedBy(info: PbxInfo | undefined, command: OaiCommand): string | undefined {
    const needed = levelNeeded(command);
    const level = info?.protocolLevel;
    if (!needed || level === undefined || level >= needed.level) return undefined;
    return `${needed.what} needs a newer PBX than OAI protocol ${info?.protocolVersion}`;
}

/** `_RR` from V06.00, `RR` before (Issue 9.0, Resync Request). */
export function resyncCommandFor(level: number | undefined, extension: string): OaiCommand {
    return level !== undefined && level < 600 ? { code: 'RR', extension } : { code: '_RR', extension };
}
