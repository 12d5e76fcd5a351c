// The stations an OAI link follows, each with its call model, and every event routed to the stations
// it concerns (./routing.ts): the bridge's phone system, the trace replay and the tests of the manual's
// example sequences all go through here. An event costs the same however many stations and calls are
// followed: the stations following a call are kept in an index the call models update, and the device
// of a monitor id is looked up in the link's two-way map (./monitorIds.ts).
import type { SuiteCall } from '../../core/suite/types';
import { createCallIdStore, type CallIdStore } from '../callIds';
import { OaiCallModel } from './callModel';
import type { OaiEvent } from './events';
import type { MonitorView } from './monitorIds';
import { routeEvent } from './routing';

export type CallChange = { kind: 'call'; extension: string; call: SuiteCall };
export type StationChange = CallChange | { kind: 'dnd'; extension: string; enabled: boolean };

export interface OaiStationsOptions {
    extensions: readonly string[];
    huntGroups?: readonly string[];
    now?: () => number;
    callIds?: CallIdStore;
}

export class OaiStations {
    private readonly models = new Map<string, OaiCallModel>();
    /** OAI call id → the stations whose models follow it now. */
    private readonly trackers = new Map<string, Set<string>>();
    private readonly options: OaiStationsOptions;
    private readonly ids: CallIdStore;

    constructor(options: OaiStationsOptions) {
        this.options = options;
        this.ids = options.callIds ?? createCallIdStore({ now: options.now });
        this.follow(options.extensions);
    }

    model(extension: string): OaiCallModel | undefined {
        return this.models.get(extension);
    }

    /** Follows exactly these stations from now: a new one starts with no calls, one left out is forgotten. */
    follow(extensions: readonly string[]): void {
        const wanted = new Set(extensions);
        for (const [extension, model] of this.models) {
            if (wanted.has(extension)) continue;
            for (const oaiCallId of model.trackedOaiCallIds()) this.tracking(extension, oaiCallId, false);
            this.models.delete(extension);
        }
        for (const extension of wanted)
            if (!this.models.has(extension))
                this.models.set(
                    extension,
                    new OaiCallModel({
                        extension,
                        huntGroups: this.options.huntGroups,
                        now: this.options.now,
                        ids: this.ids.station(extension),
                        onTracking: (oaiCallId, tracked) => this.tracking(extension, oaiCallId, tracked)
                    })
                );
    }

    /** Applies an event to every station it concerns; `monitors` are the link's (device ↔ Mon_Cross_Ref_ID). */
    apply(event: OaiEvent, monitors: MonitorView): StationChange[] {
        const targets = routeEvent(event, {
            deviceOfMonitor: (monitorId) => monitors.deviceOf(monitorId),
            follows: (device) => this.models.has(device),
            tracks: (device, oaiCallId) => this.trackers.get(oaiCallId)?.has(device) ?? false,
            trackers: (oaiCallId) => this.trackers.get(oaiCallId) ?? []
        });
        const changes: StationChange[] = [];
        for (const [extension, { own }] of targets) {
            const model = this.models.get(extension)!;
            const dndBefore = model.dnd;
            for (const call of model.apply(event, own)) changes.push({ kind: 'call', extension, call });
            if (model.dnd !== dndBefore) changes.push({ kind: 'dnd', extension, enabled: model.dnd });
        }
        return changes;
    }

    beginResync(): void {
        for (const model of this.models.values()) model.beginResync();
    }

    endResync(): CallChange[] {
        return [...this.models].flatMap(([extension, model]) =>
            model.endResync().map((call): CallChange => ({ kind: 'call', extension, call }))
        );
    }

    private tracking(extension: string, oaiCallId: string, tracked: boolean): void {
        const stations = this.trackers.get(oaiCallId);
        if (tracked) {
            if (stations) stations.add(extension);
            else this.trackers.set(oaiCallId, new Set([extension]));
            return;
        }
        stations?.delete(extension);
        if (stations?.size === 0) this.trackers.delete(oaiCallId);
    }
}
