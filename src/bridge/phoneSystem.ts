// The PBX as the contract server sees it (src/server/phoneSystem.ts): one OAI link, a call model per
// monitored station, the calls that ended lately, and the contract's commands as OAI commands with
// their confirmations read back as answers or the contract's named errors. Who may sign in, on which
// station, is ./signIn.ts: the station a signed assertion names, or the site's directory. The stations
// followed are the directory's, those sessions were opened for since the start, and those with a live
// call on record from before a restart.
import { OaiClient, type OaiClientCounters, type OaiClientOptions } from './oai/client';
import { newCounters } from './oai/clientTypes';
import type { OaiCommand } from './oai/commands';
import { makeCallCallId } from './oai/confirmations';
import { contractErrorOf } from './oai/outcomes';
import type { OaiConfirmation, OaiEvent } from './oai/events';
import { OaiStations } from './oai/stations';
import type { SuiteCall } from '../core/suite/types';
import { ContractError as BridgeError } from '../server/errors';
import type { AuthenticatedUser } from '../server/auth/authenticator';
import type { PhoneSystem, PhoneSystemChange, SignedInUser } from '../server/phoneSystem';
import { createCallIdStore, type CallIdStore } from './callIds';
import type { Directory } from './directory';
import { BridgeSignIn, type StationLookup } from './signIn';
import { BRIDGE_INFO } from './release';
import { FirstResync, RecentCalls } from './phoneState';
import { StallWatch } from './stallWatch';

export interface PhoneSystemOptions {
    oai: Omit<OaiClientOptions, 'extensions'>;
    extensions: readonly string[];
    /** Who may sign in, on which station. */
    directory: Directory;
    /** Called with every change, in order. */
    onChange(change: PhoneSystemChange): void;
    /** The link went down and came back with a full picture: every channel needs a fresh snapshot. */
    onResynced(): void;
    onLinkState?(state: string, detail?: string): void;
    /** A command's confirmation arrived, `elapsedMs` after the command went out (the metrics' latency). */
    onConfirmed?(command: string, elapsedMs: number): void;
    /** The PBX refused the monitor of a station a session was opened for (it has no such device). */
    onStationRefused?(extension: string, detail: string): void;
    /** A signed assertion named the agent's station: their sessions on any other station should end. */
    onStationClaimed?(email: string, extension: string): void;
    now?: () => number;
    /** Contract call ids kept over a restart (src/bridge/callIds.ts); in memory by default. */
    callIds?: CallIdStore;
}

export class OaiPhoneSystem implements PhoneSystem, StationLookup {
    private client: OaiClient;
    /** The call model of each station followed, and the events routed to them (./oai/stations.ts). */
    private readonly stations: OaiStations;
    private readonly recent: RecentCalls;
    private readonly waiters = new Set<(extension: string, call: SuiteCall) => void>();
    private readonly now: () => number;
    private readonly callIds: CallIdStore;
    private connected = false;
    private readonly firstResyncEnded = new FirstResync();
    /** The directory's stations. */
    private extensionList: string[];
    /** Stations followed besides the directory's: signed claims, live calls from before a restart. */
    private readonly followed: Set<string>;
    /** Who may sign in, on which station (./signIn.ts). */
    readonly users: BridgeSignIn;
    /** The counts of links replaced by a directory change, so the counters stay whole. */
    private readonly retired = newCounters();
    /** Whether the PBX stopped confirming commands (./stallWatch.ts). */
    private readonly stall: StallWatch;

    private readonly options: PhoneSystemOptions;

    constructor(options: PhoneSystemOptions) {
        this.options = options;
        this.now = options.now ?? Date.now;
        this.recent = new RecentCalls(this.now);
        this.callIds = options.callIds ?? createCallIdStore({ now: this.now });
        this.extensionList = [...options.extensions];
        this.followed = new Set(this.callIds.stations());
        this.users = new BridgeSignIn(options.directory, this, options.onStationClaimed);
        this.stall = new StallWatch((noop) => this.client.send(noop), options.oai.confirmationTimeoutMs);
        this.stations = new OaiStations({
            extensions: this.stationList(),
            huntGroups: options.oai.huntGroups,
            now: this.now,
            callIds: this.callIds
        });
        this.client = this.newClient();
    }

    get pbxConnected(): boolean {
        return this.connected;
    }

    get commandsStalled(): boolean {
        return this.connected && this.stall.stalled;
    }

    get counters(): { oaiReconnects: number; confirmationsLate: number; confirmationsFailed: number } {
        const total = (name: keyof OaiClientCounters) => this.retired[name] + this.client.counters[name];
        return {
            oaiReconnects: total('reconnects'),
            confirmationsLate: total('confirmationsLate'),
            confirmationsFailed: total('confirmationsTimedOut') + total('confirmationsRejected')
        };
    }

    get linkState(): string {
        return this.client.state;
    }

    /** Why the PBX's Resync Response says the link cannot serve the bridge (no call control, no events…). */
    get linkRefusal(): { reason: string; detail: string } | undefined {
        return this.client.refusal;
    }

    /**
     * Resolves once the first resync since start has ended, or after `timeoutMs`: until then the bridge
     * knows none of the calls the PBX has (after a restart), and a snapshot would report them ended.
     */
    firstResync(timeoutMs: number): Promise<void> {
        return this.firstResyncEnded.wait(timeoutMs);
    }

    start(): void {
        this.client.start();
    }

    stop(): void {
        this.stall.reset();
        this.client.stop();
        this.callIds.flush();
        this.firstResyncEnded.releaseWaiters();
    }

    /** Every station followed: the directory's and the others. */
    private stationList(): string[] {
        return [...new Set([...this.extensionList, ...this.followed])].sort();
    }

    /** The directory changed: monitor its stations and the others followed (a new link when the set differs). */
    setExtensions(extensions: readonly string[]): void {
        const before = this.stationList().join();
        this.extensionList = [...new Set(extensions)];
        const next = this.stationList();
        if (next.join() === before) return;
        const old = this.client;
        for (const name of Object.keys(this.retired) as (keyof OaiClientCounters)[])
            this.retired[name] += old.counters[name];
        old.stop();
        this.stations.follow(next);
        this.client = this.newClient();
        this.client.start();
    }

    calls(extension: string): SuiteCall[] {
        return this.stations.model(extension)?.calls() ?? [];
    }

    recentCalls(extension: string): SuiteCall[] {
        return this.recent.of(extension);
    }

    dnd(extension: string): boolean {
        return this.stations.model(extension)?.dnd ?? false;
    }

    // ---- Who may sign in (./directory.ts), and what the server answers (./release.ts) ---------

    readonly info = BRIDGE_INFO;

    signIn(identity: AuthenticatedUser): Promise<SignedInUser> {
        return this.users.signIn(identity);
    }

    checkUser(email: string): void {
        this.users.checkUser(email);
    }

    /** Query Device Info (`_QI`) of a station, for the sign-in's check (./signIn.ts). */
    queryDevice(extension: string): Promise<OaiConfirmation> {
        return this.client.send({ code: '_QI', device: extension });
    }

    /** Follows a station from now on: its call model, then its monitor and resync on the live link. */
    async follow(extension: string): Promise<void> {
        // Kept even when the directory has it too: a reload without it must not drop the station.
        this.followed.add(extension);
        this.stations.follow(this.stationList());
        await this.client.addStation(extension);
    }

    // ---- Commands --------------------------------------------------------------------------

    async makeCall(extension: string, to: string): Promise<string> {
        const confirmation = await this.send({ code: '_MC', extension, digits: to });
        return this.contractCallId(extension, makeCallCallId(confirmation, extension));
    }

    async consult(extension: string, callId: string, to: string): Promise<string> {
        const held = this.liveCall(extension, callId);
        if (held.state === 'connected')
            await this.send({ code: '_HC', extension, callId: this.oaiId(extension, callId) });
        const confirmation = await this.send({
            code: '_MC',
            extension,
            digits: to,
            transferCallId: this.oaiId(extension, callId)
        });
        return this.contractCallId(extension, makeCallCallId(confirmation, extension));
    }

    async answer(extension: string, callId: string): Promise<void> {
        await this.goal(extension, callId, 'answer', {
            code: '_AC',
            extension,
            callId: this.oaiId(extension, callId)
        });
    }

    async hold(extension: string, callId: string): Promise<void> {
        await this.goal(extension, callId, 'hold', {
            code: '_HC',
            extension,
            callId: this.oaiId(extension, callId)
        });
    }

    async retrieve(extension: string, callId: string): Promise<void> {
        await this.goal(extension, callId, 'retrieve', {
            code: '_RV',
            extension,
            callId: this.oaiId(extension, callId)
        });
    }

    async clear(extension: string, callId: string): Promise<void> {
        // Clear Connection drops this station only; the call may go on for others (a conference).
        await this.goal(extension, callId, 'clear', {
            code: '_CX',
            extension,
            callId: this.oaiId(extension, callId)
        });
    }

    async blindTransfer(extension: string, callId: string, to: string): Promise<void> {
        await this.goal(extension, callId, 'transfer', {
            code: '_TO',
            extension,
            callId: this.oaiId(extension, callId),
            destination: to
        });
    }

    async completeTransfer(extension: string, heldCallId: string, consultCallId: string): Promise<void> {
        const consult = this.liveCall(extension, consultCallId);
        if (consult.relatedCallId !== heldCallId)
            throw new BridgeError(409, 'invalid_state', 'That call is not a consult of the held call');
        await this.goal(extension, heldCallId, 'transfer', {
            code: '_TR',
            extension,
            heldCallId: this.oaiId(extension, heldCallId),
            announcementCallId: this.oaiId(extension, consultCallId)
        });
    }

    async setDnd(extension: string, enabled: boolean): Promise<void> {
        await this.send({ code: '_SD', extension, enabled });
    }

    // ---- Inside ----------------------------------------------------------------------------

    private newClient(): OaiClient {
        const stations = this.stationList();
        const client = new OaiClient({ ...this.options.oai, extensions: stations });
        this.stations.follow(stations);
        client.on('monitorFailed', (device, detail) => {
            if (client === this.client && this.followed.has(device) && !this.extensionList.includes(device))
                this.options.onStationRefused?.(device, detail);
        });
        client.on('state', (state, detail) => {
            if (client !== this.client) return;
            this.options.onLinkState?.(state, detail);
            if (state === 'resyncing') this.stations.beginResync();
            if (state !== 'ready' && this.connected) {
                this.connected = false;
                this.options.onChange({ kind: 'link', pbxConnected: false });
            }
        });
        client.on('event', (event) => client === this.client && this.route(client, event));
        client.on('confirmed', (confirmation, elapsedMs) =>
            this.options.onConfirmed?.(confirmation.command, elapsedMs)
        );
        client.on('resyncStarted', () => this.stations.beginResync());
        client.on(
            'lineError',
            (error, first) =>
                first &&
                this.options.onLinkState?.(
                    client.state,
                    `unread OAI line (${error.reason} ${error.code ?? ''}, first of its kind): ${error.detail}`
                )
        );
        client.on('resynced', () => {
            if (client !== this.client) return;
            for (const change of this.stations.endResync()) this.publish(change.extension, change.call);
            this.callIds.resynced();
            this.firstResyncEnded.open();
            this.stall.reset();
            this.connected = true;
            this.options.onChange({ kind: 'link', pbxConnected: true });
            this.options.onResynced();
        });
        return client;
    }

    /** An event goes to every followed station it concerns (./oai/stations.ts), not to its monitor's alone. */
    private route(client: OaiClient, event: OaiEvent): void {
        for (const change of this.stations.apply(event, client.monitors)) {
            if (change.kind === 'call') this.publish(change.extension, change.call);
            else this.options.onChange(change);
        }
    }

    private publish(extension: string, call: SuiteCall): void {
        if (call.state === 'cleared') this.recent.ended(extension, call);
        this.options.onChange({ kind: 'call', extension, call });
        for (const waiter of [...this.waiters]) waiter(extension, call);
    }

    /** The contract id of the call an _MC made: known once its first event has arrived. */
    private contractCallId(extension: string, oaiCallId: string): Promise<string> {
        const known = this.stations.model(extension)?.callIdOf(oaiCallId);
        if (known) return Promise.resolve(known);
        return new Promise((resolve, reject) => {
            const timer = setTimeout(() => {
                this.waiters.delete(waiter);
                reject(
                    new BridgeError(
                        503,
                        'pbx_unavailable',
                        'The PBX confirmed the call but reported no event for it'
                    )
                );
            }, 5000);
            const waiter = (at: string, call: SuiteCall) => {
                if (at !== extension || this.stations.model(at)?.oaiCallIdOf(call.callId) !== oaiCallId)
                    return;
                clearTimeout(timer);
                this.waiters.delete(waiter);
                resolve(call.callId);
            };
            this.waiters.add(waiter);
        });
    }

    private liveCall(extension: string, callId: string): SuiteCall {
        const call = this.calls(extension).find((candidate) => candidate.callId === callId);
        if (!call) throw new BridgeError(404, 'call_not_found', 'No such call on your extension');
        return call;
    }

    /** The contract id of a live OAI call at `extension`, if the bridge follows it. */
    callIdOf(extension: string, oaiCallId: string): string | undefined {
        return this.stations.model(extension)?.callIdOf(oaiCallId);
    }

    /** The OAI call id a live call of `extension` is on. */
    oaiCallIdOf(extension: string, callId: string): string | undefined {
        return this.stations.model(extension)?.oaiCallIdOf(callId);
    }

    private oaiId(extension: string, callId: string): string {
        const id = this.oaiCallIdOf(extension, callId);
        if (!id) throw new BridgeError(404, 'call_not_found', 'No such call on your extension');
        return id;
    }

    /** A command whose goal the call has reached is `invalid_state` (the client takes that as done). */
    private async goal(
        extension: string,
        callId: string,
        capability: string,
        command: OaiCommand
    ): Promise<void> {
        const call = this.liveCall(extension, callId);
        if (!call.capabilities.includes(capability as SuiteCall['capabilities'][number]))
            throw new BridgeError(409, 'invalid_state', `The call cannot ${capability} now (${call.state})`);
        await this.send(command);
    }

    private async send(command: OaiCommand) {
        if (!this.connected) throw new BridgeError(503, 'pbx_unavailable', 'The PBX link is down');
        try {
            const confirmation = await this.client.send(command);
            this.stall.confirmed();
            return confirmation;
        } catch (error) {
            this.stall.failed(error);
            throw contractErrorOf(error);
        }
    }
}
