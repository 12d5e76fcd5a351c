// Setting up a logged-in link (docs/oai-protocol.md, "Login and resync"): a monitor per station and
// hunt group, then each station resynced by name. The login's RS … RD is the first resync (code 0);
// the manual honours a resync without an extension only three minutes after the last one, but one
// for a named station at any time, so the set-up asks per station (`_RR,<id>,<ext>`, or `RR,<ext>`
// before V06.00) and waits for that station's RD before the next.
import { MONITOR_TYPE, type OaiCommand } from './commands';
import type { OaiConfirmation, ResyncEndedEvent } from './events';
import { FILTER_OUTCOMES, OUTCOME } from './outcomes';
import { OaiCommandError } from './pending';
import { resyncCommandFor } from './protocol';

export interface SetUpLink {
    readonly protocolLevel: number | undefined;
    readonly resyncTimeoutMs: number;
    nextInvokeId(): number;
    /** Sends a command now (not held) and waits for its confirmation. */
    transmit(command: OaiCommand, invokeId?: number): Promise<OaiConfirmation>;
    /** Sends a command that has no confirmation (`RR`). */
    transmitUnconfirmed(command: OaiCommand): void;
    /** Waits for the first RD that matches; register it before sending what it answers. */
    resyncEnded(match: (event: ResyncEndedEvent) => boolean, timeoutMs: number): ResyncWait;
    monitorStarted(device: string, monCrossRefId: string): void;
    monitored(device: string): boolean;
    monitorFailed(device: string, detail: string): void;
}

export interface ResyncWait {
    done: Promise<void>;
    cancel(): void;
}

/**
 * A link's devices: each station's and hunt group's monitor, then each monitored station's resync.
 * Stations that `stations()` gained meanwhile are set up the same way before it resolves.
 */
export async function setUpDevices(
    link: SetUpLink,
    stations: () => readonly string[],
    huntGroups: readonly string[],
    resyncing: () => void = () => undefined
): Promise<void> {
    let done = 0;
    let groups = huntGroups;
    do {
        const batch = stations().slice(done);
        done += batch.length;
        await startMonitors(link, batch, groups);
        groups = [];
        resyncing();
        await resyncStations(
            link,
            batch.filter((device) => link.monitored(device))
        );
    } while (done < stations().length);
}

/**
 * The stations a client monitors on every link: those it was given, and those added while it runs
 * (a session opened for a station the directory does not name). One added while a link is ready is
 * set up on it at once (monitor, then its resync), and commands wait meanwhile (`busy`).
 */
export class StationList {
    private readonly stations: string[];
    private settingUp = 0;

    constructor(initial: readonly string[]) {
        this.stations = [...new Set(initial)];
    }

    get all(): readonly string[] {
        return this.stations;
    }

    get busy(): boolean {
        return this.settingUp > 0;
    }

    /**
     * Resolves once the station is set up on `ready` (the ready link, if any; `settled` runs when no
     * station is being set up there any more), or at once without one: the next set-up takes it.
     */
    async add(extension: string, ready: SetUpLink | undefined, settled: () => void): Promise<void> {
        if (this.stations.includes(extension)) return;
        this.stations.push(extension);
        if (!ready) return;
        this.settingUp++;
        try {
            await setUpDevices(ready, () => [extension], []);
        } finally {
            this.settingUp--;
            if (this.settingUp === 0) settled();
        }
    }
}

export async function startMonitors(
    link: SetUpLink,
    extensions: readonly string[],
    huntGroups: readonly string[]
): Promise<void> {
    const devices = [
        ...extensions.map((device) => ({ device, monitorType: MONITOR_TYPE.device })),
        ...huntGroups.map((device) => ({ device, monitorType: MONITOR_TYPE.callsViaDevice }))
    ];
    for (const { device, monitorType } of devices) {
        try {
            const confirmation = await startMonitor(link, device, monitorType);
            const detail = confirmation.detail;
            const monitor = detail?.command === '_MS' ? detail.monitors[0] : undefined;
            if (monitor) link.monitorStarted(device, monitor.monCrossRefId);
            else
                link.monitorFailed(
                    device,
                    `confirmation without a Mon_Cross_Ref_ID: ${confirmation.rest.join(',')}`
                );
        } catch (error) {
            if (!(error instanceof OaiCommandError) || error.reason !== 'rejected') throw error;
            link.monitorFailed(device, error.message);
        }
    }
}

/** With the bridge's filters; refused for its filters (an older PBX), again with the PBX's defaults. */
async function startMonitor(link: SetUpLink, device: string, monitorType: number): Promise<OaiConfirmation> {
    const withFilters = (link.protocolLevel ?? 1000) >= 500;
    if (!withFilters) return link.transmit({ code: '_MS', device, monitorType, filters: [] });
    try {
        return await link.transmit({ code: '_MS', device, monitorType });
    } catch (error) {
        if (
            error instanceof OaiCommandError &&
            error.outcome !== undefined &&
            FILTER_OUTCOMES.has(error.outcome)
        )
            return link.transmit({ code: '_MS', device, monitorType, filters: [] });
        throw error;
    }
}

/** Each station in turn; one that is not monitored (its `_MS` failed) is refused with 14 and skipped. */
export async function resyncStations(link: SetUpLink, extensions: readonly string[]): Promise<void> {
    for (const extension of extensions) await resyncStation(link, extension);
}

async function resyncStation(link: SetUpLink, extension: string): Promise<void> {
    const command = resyncCommandFor(link.protocolLevel, extension);
    if (command.code === 'RR') {
        // The old form has no invoke id: its events and RD carry resync code 1 (Issue 9.0, RD).
        const ended = link.resyncEnded(
            (event) => event.specificExtension === extension,
            link.resyncTimeoutMs
        );
        link.transmitUnconfirmed(command);
        return ended.done;
    }
    const invokeId = link.nextInvokeId();
    const ended = link.resyncEnded(
        (event) => event.resyncCode === String(invokeId) && sameDevice(event.specificExtension, extension),
        link.resyncTimeoutMs
    );
    try {
        await link.transmit(command, invokeId);
    } catch (error) {
        ended.cancel();
        if (error instanceof OaiCommandError && error.outcome === OUTCOME.invalidObjectState) return;
        throw error;
    }
    await ended.done;
}

/** A resync of every monitored station: `_RR` without an extension, paced by the caller. */
export async function resyncEverything(link: SetUpLink): Promise<void> {
    if (link.protocolLevel !== undefined && link.protocolLevel < 600) {
        const ended = link.resyncEnded((event) => event.specificExtension === '', link.resyncTimeoutMs);
        link.transmitUnconfirmed({ code: 'RR' });
        return ended.done;
    }
    const invokeId = link.nextInvokeId();
    const ended = link.resyncEnded((event) => event.resyncCode === String(invokeId), link.resyncTimeoutMs);
    try {
        await link.transmit({ code: '_RR' }, invokeId);
    } catch (error) {
        ended.cancel();
        throw error;
    }
    await ended.done;
}

/** An RD names the station as the command did, or blank (a PBX that leaves it off). */
function sameDevice(reported: string, asked: string): boolean {
    return reported === '' || reported === asked || reported.endsWith(`:${asked}`);
}
