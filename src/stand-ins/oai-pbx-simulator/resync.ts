// What the simulated PBX reports for one monitored device when asked to resync (Issue 9.0 `_RR`
// example): per live call its current state (DE for a call ringing or dialling there, ES for a
// connected one, HE alone for a held one, FA for one that failed), then its DND (blank fields when
// off) and, only if it is offline, OL.
import { cause, deliveredFields, dndFields, establishedFields } from './eventFields';
import { callIdAt, type PbxEvent, type SimCall, type Station } from './pbxTypes';

export function resyncEvents(calls: SimCall[], station: Station | undefined, device: string): PbxEvent[] {
    const events: PbxEvent[] = [];
    const push = (call: SimCall | undefined, code: PbxEvent['code'], fields: PbxEvent['fields']) =>
        events.push({
            device,
            code,
            fields: call && fields[0] === call.id ? [callIdAt(call, device), ...fields.slice(1)] : fields,
            ...(call ? { call: { id: call.id, huntGroups: [...call.huntGroups] } } : {})
        });
    for (const call of calls) {
        const state = call.stations.get(device);
        if (state === 'A') {
            push(
                call,
                'DE',
                deliveredFields(call, { extension: device, outsideNumber: '', type: 'I' }, 'A', 22)
            );
        } else if (state === 'C' && call.failure !== undefined) {
            const failed = call.external?.trunk ?? call.calledDevice;
            push(call, 'FA', [call.id, failed, call.calledDevice, 'C', cause(call.failure)]);
        } else if (state === 'C' && !call.answered) {
            const far = call.external
                ? { extension: call.external.trunk, outsideNumber: call.external.number, type: 'E' as const }
                : { extension: call.calledDevice, outsideNumber: '', type: 'I' as const };
            push(call, 'DE', deliveredFields(call, far, 'C', 22));
        } else if (state === 'C') {
            push(call, 'ES', establishedFields(call, answeringParty(call, device), 'C', 35));
        } else if (state === 'H') {
            push(call, 'HE', [call.id, device, 'H', cause(call.holdCause ?? 42)]);
        }
    }
    if (station) {
        push(undefined, 'DND', dndFields(station, true));
        if (!station.online) push(undefined, 'OL', [device, '0', '0', '0']);
    }
    return events;
}

/** The answering party: the called side, which is this device unless it placed the call. */
function answeringParty(
    call: SimCall,
    device: string
): { extension: string; outsideNumber: string; type: 'I' | 'E' } {
    if (call.caller !== device) return { extension: device, outsideNumber: '', type: 'I' };
    const station = [...call.stations.keys()].find((candidate) => candidate !== device);
    if (station) return { extension: station, outsideNumber: '', type: 'I' };
    if (call.external)
        return { extension: call.external.trunk, outsideNumber: call.external.number, type: 'E' };
    return { extension: '', outsideNumber: '', type: 'I' };
}
