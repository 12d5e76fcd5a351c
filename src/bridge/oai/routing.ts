// Which monitored stations an OAI event concerns. The Mon_Cross_Ref_ID alone is not enough: a call's
// events keep the cross-reference id of the first monitor that saw it, also when they are about
// another monitored station and after a reconnect started the monitors again under new ids
// (docs/oai-protocol.md, Monitor Start). So an event goes to the station whose monitor it came
// under, to every monitored station its extension fields name, and to every station following one
// of its calls. Only at the first is the event's Local_Cnx_State known to be that station's own.
import type { OaiEvent } from './events';

/** The extension fields of each event, from the field lists (docs/oai-protocol.md, Events). */
export function namedDevices(event: OaiEvent): string[] {
    switch (event.code) {
        case 'DE':
            return [event.alertingExt, event.internalCallingExt];
        case 'ES':
            return [event.answeringExt, event.internalCallingExt];
        case 'OR':
            return [event.internalCallingExt];
        case 'NT':
            return [event.trunkUsed];
        case 'HE':
            return [event.holdingExt];
        case 'RE':
            return [event.retrievingExt, event.retrievedExt];
        case 'TR':
            return [event.transferringExt, event.transferredExt, event.destinationExt];
        case 'XC':
            return [event.clearedExt];
        case 'QU':
            return [event.queuedExt, event.internalCallingExt];
        case 'DI':
            return [event.divertedFromExt, event.newDestinationExt];
        case 'FA':
            return [event.failedExt];
        case 'CO':
            return [event.subjectExt, event.controllingExt, ...event.parties.map((party) => party.extension)];
        case 'DND':
        case 'OL':
            return [event.extension];
        default:
            return [];
    }
}

/** The OAI call ids an event is about. */
export function callIdsOf(event: OaiEvent): string[] {
    switch (event.code) {
        case 'TR':
            return [event.callId, event.announcementCallId];
        case 'CO':
            return [
                event.primaryCallId,
                event.secondaryCallId,
                ...event.parties.map((party) => party.callId)
            ];
        case 'CC':
            return [event.callId, event.transferredCallId];
        default:
            return 'callId' in event ? [event.callId] : [];
    }
}

export interface RoutingView {
    /** The device of a monitor running on the current link, by its Mon_Cross_Ref_ID. */
    deviceOfMonitor(monCrossRefId: string): string | undefined;
    /** Whether the bridge follows this station. */
    follows(device: string): boolean;
    /** Whether the station's model follows this OAI call now. */
    tracks(device: string, oaiCallId: string): boolean;
    /** The stations whose models follow this OAI call now (looked up, not searched: see ./stations.ts). */
    trackers(oaiCallId: string): Iterable<string>;
}

/** Each station the event concerns, with `own` true where it came under that station's own monitor. */
export function routeEvent(event: OaiEvent, view: RoutingView): Map<string, { own: boolean }> {
    const targets = new Map<string, { own: boolean }>();
    const named = namedDevices(event).filter(Boolean);
    const callIds = callIdsOf(event).filter(Boolean);
    if ('monCrossRefId' in event) {
        const owner = view.deviceOfMonitor(event.monCrossRefId);
        // Under the first-monitor rule a monitor also reports what happens to a call after its station
        // left it (the far end answering a call it transferred): that is not the station's any more.
        const concernsOwner =
            owner !== undefined &&
            (named.includes(owner) || callIds.some((callId) => view.tracks(owner, callId)));
        if (concernsOwner && view.follows(owner)) targets.set(owner, { own: true });
    }
    for (const device of named)
        if (!targets.has(device) && view.follows(device)) targets.set(device, { own: false });
    for (const callId of callIds)
        for (const device of view.trackers(callId))
            if (!targets.has(device)) targets.set(device, { own: false });
    return targets;
}
