// One connection's monitors on the simulated PBX (Issue 9.0, Monitor Start): a device monitor reports
// the events of its device (all but Call Cleared); a calls-via-device monitor reports every event of
// every call that hits its device, for the call's life, under the first such monitor that saw the
// call ("No events will be sent under the Mon_Cross_Ref_ID for Device B"), and Call Cleared at the
// end. Event filters are masked to what the PBX has; OL needs the feature filter's bit 0.
import { MONITOR_TYPE } from '../../bridge/oai/commands';
import { OUTCOME } from '../../bridge/oai/outcomes';
import { PbxCommandError, type PbxEvent } from './pbxTypes';

type FilterKind = 'A' | 'C' | 'F';

/** What the PBX has (as the 10.20 library's confirmation shows: `A:00FC,C:FFFE,F:1FFF`), and its defaults. */
const AVAILABLE: Record<FilterKind, number> = { A: 0x00fc, C: 0xfffe, F: 0x1fff };
const DEFAULTS: Record<FilterKind, number> = { A: 0x00fc, C: 0xfffc, F: 0x00f0 };

export interface Monitor {
    crossRefId: string;
    device: string;
    type: number;
    filters: Record<FilterKind, number>;
}

/** The filters in force for a `_MS` filter list; a blank or missing one keeps the default. */
export function filtersOf(list: readonly string[]): Record<FilterKind, number> {
    const filters = { ...DEFAULTS };
    for (const item of list) {
        if (item === '') continue;
        const match = /^([A-Z]):([0-9A-Fa-f]{1,4})$/.exec(item);
        if (!match || !['A', 'C', 'F'].includes(match[1]))
            throw new PbxCommandError(OUTCOME.invalidFilterType, `filter ${item}`);
        const kind = match[1] as FilterKind;
        filters[kind] = parseInt(match[2], 16) & AVAILABLE[kind];
    }
    return filters;
}

export function filterFields(filters: Record<FilterKind, number>): string[] {
    return (['A', 'C', 'F'] as const).map(
        (kind) => `${kind}:${filters[kind].toString(16).toUpperCase().padStart(4, '0')}`
    );
}

export class ConnectionMonitors {
    private readonly byDevice = new Map<string, Monitor>();
    /** Call id → the calls-via-device monitor that first saw it. */
    private readonly firstCallsViaDevice = new Map<string, string>();

    get all(): Monitor[] {
        return [...this.byDevice.values()];
    }

    get(device: string): Monitor | undefined {
        return this.byDevice.get(device);
    }

    /** A monitor already running keeps its id; its filters change (Issue 9.0, V05.10 note). */
    start(device: string, type: number, filters: Record<FilterKind, number>, newId: () => string): Monitor {
        const monitor = this.byDevice.get(device) ?? { crossRefId: newId(), device, type, filters };
        monitor.filters = filters;
        this.byDevice.set(device, monitor);
        return monitor;
    }

    clear(): void {
        this.byDevice.clear();
        this.firstCallsViaDevice.clear();
    }

    /** The Mon_Cross_Ref_IDs an event goes out under on this connection, in order. */
    idsFor(event: PbxEvent): { monitor: Monitor; crossRefId: string }[] {
        const out: { monitor: Monitor; crossRefId: string }[] = [];
        const own = this.byDevice.get(event.device);
        if (own && own.type !== MONITOR_TYPE.callsViaDevice && event.code !== 'CC') {
            const offlineFiltered = event.code === 'OL' && (own.filters.F & 1) === 0;
            if (!offlineFiltered) out.push({ monitor: own, crossRefId: own.crossRefId });
        }
        const via = event.call ? this.callsViaDeviceMonitor(event.call.id, event.call.huntGroups) : undefined;
        if (via) out.push({ monitor: via, crossRefId: via.crossRefId });
        if (event.code === 'CC' && event.call) this.firstCallsViaDevice.delete(event.call.id);
        return out;
    }

    private callsViaDeviceMonitor(callId: string, groups: readonly string[]): Monitor | undefined {
        const first = this.firstCallsViaDevice.get(callId);
        if (first) return [...this.byDevice.values()].find((monitor) => monitor.crossRefId === first);
        const monitor = groups
            .map((group) => this.byDevice.get(group))
            .find((candidate) => candidate?.type === MONITOR_TYPE.callsViaDevice);
        if (monitor) this.firstCallsViaDevice.set(callId, monitor.crossRefId);
        return monitor;
    }
}
