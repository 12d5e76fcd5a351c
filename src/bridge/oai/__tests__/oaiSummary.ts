// One line per decoded event, naming each field by its role, so a table of the manual's examples
// can say what each line means in a few words (`DE 5484 at 101 I from 100 I called 101 A 22`).
import type { OaiEvent, OaiInbound } from '../messages';

const opt = (label: string, value: string) => (value ? ` ${label} ${value}` : '');
const slash = (extension: string, number: string) => (number ? `${extension}/${number}` : extension);
const tail = (state: string | undefined, cause: number | undefined) => ` ${state || '-'} ${cause ?? '-'}`;

export function summary(inbound: OaiInbound): string {
    if (inbound.kind === 'error') return `${inbound.reason} ${inbound.code ?? ''}: ${inbound.detail}`.trim();
    if (inbound.kind === 'confirmation') {
        const detail = inbound.detail ? ` ${JSON.stringify(inbound.detail)}` : '';
        return `CF ${inbound.command} ${inbound.invokeId} ${inbound.outcome}${detail}`;
    }
    const resync = inbound.resyncCode ? `[resync ${inbound.resyncCode}] ` : '';
    return resync + eventSummary(inbound);
}

function eventSummary(event: OaiEvent): string {
    switch (event.code) {
        case 'OR':
            return (
                `OR ${event.callId} from ${slash(event.internalCallingExt, event.outsideCallerNumber)} ` +
                `${event.callingDeviceType} dialled ${event.dialedNumber || '-'}${opt('account', event.accountCode)}` +
                tail(event.localState, event.cause)
            );
        case 'NT':
            return `NT ${event.callId} trunk ${event.trunkUsed} dialled ${event.dialedNumber || '-'}${tail(event.localState, event.cause)}`;
        case 'DE':
            return (
                `DE ${event.callId} at ${slash(event.alertingExt, event.alertingOutsideNumber)} ${event.alertingDeviceType}` +
                ` from ${slash(event.internalCallingExt, event.outsideCallerNumber)} ${event.callingDeviceType}` +
                ` called ${event.originallyCalledDevice}${opt('via', event.lastRedirectionExt)}${opt('group', event.acdGroup)}` +
                tail(event.localState, event.cause)
            );
        case 'ES':
            return (
                `ES ${event.callId} by ${slash(event.answeringExt, event.answeringOutsideNumber)} ${event.answeringDeviceType}` +
                ` from ${slash(event.internalCallingExt, event.outsideCallerNumber)} ${event.callingDeviceType}` +
                ` called ${event.originallyCalledDevice}${opt('via', event.lastRedirectionExt)}${tail(event.localState, event.cause)}`
            );
        case 'HE':
            return `HE ${event.callId} by ${event.holdingExt}${tail(event.localState, event.cause)}`;
        case 'RE':
            return `RE ${event.callId} by ${event.retrievingExt}${tail(event.localState, event.cause)} party ${event.retrievedExt} ${event.retrievedDeviceType}`;
        case 'TR':
            return (
                `TR ${event.callId} by ${event.transferringExt} of ${event.transferredExt}` +
                `${opt('announced', event.announcementCallId)} to ${event.destinationExt}${tail(event.localState, event.cause)}`
            );
        case 'XC':
            return `XC ${event.callId} ${event.clearedExt} by ${event.terminatingExt}${tail(event.localState, event.cause)}`;
        case 'CC':
            return `CC ${event.callId} ${event.cause ?? '-'}${opt('transferred', event.transferredCallId)}${opt('to', event.transferDestination)}`;
        case 'QU':
            return (
                `QU ${event.callId} at ${event.queuedExt} from ${slash(event.internalCallingExt, event.outsideCallerNumber)}` +
                ` ${event.callingDeviceType} called ${event.originallyCalledDevice} #${event.numberQueued}${tail(event.localState, event.cause)}`
            );
        case 'DI':
            return `DI ${event.callId} from ${event.divertedFromExt} to ${slash(event.newDestinationExt, event.divertedToOutsideNumber)}${tail(event.localState, event.cause)}`;
        case 'FA':
            return `FA ${event.callId || '-'} failed ${event.failedExt} called ${event.calledNumber}${tail(event.localState, event.cause)}`;
        case 'CO':
            return (
                `CO subject ${event.subjectExt} primary ${event.primaryCallId} secondary ${event.secondaryCallId || '-'}` +
                ` controller ${event.controllingExt} parties ${event.parties.map((p) => `${p.extension}:${p.callId}`).join(' ')}` +
                tail(event.localState, event.cause)
            );
        case 'DND':
            return `DND ${event.extension} ${event.enabled ? 'on' : 'off'}${opt('', [event.message, event.text].filter(Boolean).join(' | '))}`.replace(
                '  ',
                ' '
            );
        case 'OL':
            return `OL ${event.extension} ${event.online ? 'online' : 'offline'}${opt('type', event.deviceType)}${opt('physical', event.physicalDeviceType)}`;
        case 'RS':
            return (
                `RS ${event.protocolVersion} ${event.ksuSoftwareVersion} premium ${event.premiumFeatureStatus ?? '-'}` +
                (event.tcpipFlag ? ` tcpip ${event.tcpipFlag}` : '')
            );
        case 'RD':
            return `RD ${event.specificExtension || '-'}`;
        case 'ME':
            return `ME ${event.monCrossRefId} ${event.cause ?? '-'}`;
    }
}

/** The manual's placeholders filled in: `<MON100>` becomes the monitor id `100`, `<Mon_Cross_Ref_ID>` `005`. */
export function fill(printed: string): string {
    return printed.replace(/<MON(\d+)>/g, '$1').replace(/<Mon_Cross_Ref_ID>/g, '005');
}
