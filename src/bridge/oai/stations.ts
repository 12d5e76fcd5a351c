// The stations an OAI link follows, each with its call model, and every event routed to the stations
// it concerns (./routing.ts): what the bridge's phone system does with the client's events, for the
// trace replay and the tests of the manual's example sequences.
import type { SuiteCall } from '../../core/suite/types';
import { createCallIdStore, type CallIdStore } from '../callIds';
import { OaiCallModel } from './callModel';
import type { OaiEvent } from './events';
import { routeEvent } from './routing';

export type StationChange =
    | { kind: 'call'; extension: string; call: SuiteCall }
    | { kind: 'dnd'; extension: string; enabled: boolean };

export interface OaiStationsOptions {
    extensions: readonly string[];
    huntGroups?: readonly string[];
    now?: () => number;
    callIds?: CallIdStore;
}

export class OaiStations {
    private readonly models = new Map<string, OaiCallModel>();

    constructor(options: OaiStationsOptions) {
        const ids = options.callIds ?? createCallIdStore({ now: options.now });
        for (const extension of options.extensions)
            this.models.set(
                extension,
                new OaiCallModel({
                    extension,
                    huntGroups: options.huntGroups,
                    now: options.now,
                    ids: ids.station(extension)
                })
            );
    }

    model(extension: string): OaiCallModel | undefined {
        return this.models.get(extension);
    }

    /** Applies an event to every station it concerns; `monitors` maps device → Mon_Cross_Ref_ID on the link. */
    apply(event: OaiEvent, monitors: ReadonlyMap<string, string>): StationChange[] {
        const byMonitor = new Map([...monitors].map(([device, monitorId]) => [monitorId, device]));
        const targets = routeEvent(event, {
            deviceOfMonitor: (monitorId) => byMonitor.get(monitorId),
            follows: (device) => this.models.has(device),
            tracks: (device, oaiCallId) => this.models.get(device)?.tracks(oaiCallId) ?? false,
            devices: () => this.models.keys()
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

    endResync(): StationChange[] {
        return [...this.models].flatMap(([extension, model]) =>
            model.endResync().map((call): StationChange => ({ kind: 'call', extension, call }))
        );
    }
}
