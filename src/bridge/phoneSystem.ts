// The PBX as the contract server sees it (src/server/phoneSystem.ts): one OAI link, a call model per
// monitored station, the calls that ended lately, and the contract's commands as OAI commands with
// their confirmations read back as answers or the contract's named errors. Who may sign in is the
// site's directory (./directory.ts).
import { OaiClient, OaiCommandError, type OaiClientOptions } from './oai/client';
import type { OaiCommand } from './oai/commands';
import { makeCallCallId } from './oai/confirmations';
import { contractErrorForOutcome } from './oai/outcomes';
import { OaiEncodeError } from './oai/csv';
import type { OaiEvent } from './oai/messages';
import { OaiStations } from './oai/stations';
import type { SuiteCall } from '../core/suite/types';
import { ContractError as BridgeError } from '../server/errors';
import type { PhoneSystem, PhoneSystemChange, SignedInUser } from '../server/phoneSystem';
import { createCallIdStore, type CallIdStore } from './callIds';
import type { Directory } from './directory';
import { BRIDGE_INFO } from './release';
import { StallWatch } from './stallWatch';

/** How many ended calls a snapshot reports, and for how long. */
const RECENT = { calls: 50, ms: 5 * 60_000 };

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
    now?: () => number;
    /** Contract call ids kept over a restart (src/bridge/callIds.ts); in memory by default. */
    callIds?: CallIdStore;
}

export class OaiPhoneSystem implements PhoneSystem {
    private client: OaiClient;
    private readonly stations: OaiStations;
    private readonly recent = new Map<string, { at: number; call: SuiteCall }[]>();
    private readonly waiters = new Set<(extension: string, call: SuiteCall) => void>();
    private readonly now: () => number;
    private readonly callIds: CallIdStore;
    private connected = false;
    private resyncedOnce = false;
    private readonly firstResyncWaiters = new Set<() => void>();
    private extensionList: string[];
    /** Reconnects of links replaced by a directory change, so the counter stays whole. */
    private previousReconnects = 0;
    private previousLate = 0;
    private previousTimedOut = 0;
    private previousRejected = 0;
    /** Whether the PBX stopped confirming commands (./stallWatch.ts). */
    private readonly stall: StallWatch;

    private readonly options: PhoneSystemOptions;

    constructor(options: PhoneSystemOptions) {
        this.options = options;
        this.now = options.now ?? Date.now;
        this.callIds = options.callIds ?? createCallIdStore({ now: this.now });
        this.extensionList = [...options.extensions];
        this.stall = new StallWatch((noop) => this.client.send(noop), options.oai.confirmationTimeoutMs);
        this.stations = new OaiStations({
            extensions: this.extensionList,
            huntGroups: options.oai.huntGroups,
            now: this.now,
            callIds: this.callIds
        });
        this.client = this.newClient();
    }

    get pbxConnected(): boolean {
        return this.connected;
    }

    get counters(): { oaiReconnects: number; confirmationsLate: number; confirmationsFailed: number } {
        const counters = this.client.counters;
        return {
            oaiReconnects: this.previousReconnects + counters.reconnects,
            confirmationsLate: this.previousLate + counters.confirmationsLate,
            confirmationsFailed:
                this.previousTimedOut +
                this.previousRejected +
                counters.confirmationsTimedOut +
                counters.confirmationsRejected
        };
    }

    get linkState(): string {
        return this.client.state;
    }

    get commandsStalled(): boolean {
        return this.connected && this.stall.stalled;
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
        if (this.resyncedOnce) return Promise.resolve();
        return new Promise((resolve) => {
            const done = () => {
                clearTimeout(timer);
                this.firstResyncWaiters.delete(done);
                resolve();
            };
            const timer = setTimeout(done, timeoutMs);
            this.firstResyncWaiters.add(done);
        });
    }

    start(): void {
        this.client.start();
    }

    stop(): void {
        this.stall.reset();
        this.client.stop();
        this.callIds.flush();
        for (const waiter of [...this.firstResyncWaiters]) waiter();
    }

    /** The directory changed: monitor exactly these stations (a new link when the set differs). */
    setExtensions(extensions: readonly string[]): void {
        const next = [...new Set(extensions)].sort();
        if (next.join() === [...this.extensionList].sort().join()) return;
        this.extensionList = next;
        const old = this.client;
        this.previousReconnects += old.counters.reconnects;
        this.previousLate += old.counters.confirmationsLate;
        this.previousTimedOut += old.counters.confirmationsTimedOut;
        this.previousRejected += old.counters.confirmationsRejected;
        old.stop();
        this.stations.follow(next);
        this.client = this.newClient();
        this.client.start();
    }

    calls(extension: string): SuiteCall[] {
        return this.stations.model(extension)?.calls() ?? [];
    }

    recentCalls(extension: string): SuiteCall[] {
        const cutoff = this.now() - RECENT.ms;
        return (this.recent.get(extension) ?? [])
            .filter((entry) => entry.at >= cutoff)
            .map((entry) => entry.call);
    }

    dnd(extension: string): boolean {
        return this.stations.model(extension)?.dnd ?? false;
    }

    // ---- Who may sign in (./directory.ts), and what the server answers (./release.ts) ---------

    readonly info = BRIDGE_INFO;

    signIn(email: string): SignedInUser {
        return this.options.directory.signIn(email);
    }

    checkUser(email: string): void {
        this.options.directory.check(email);
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
        const client = new OaiClient({ ...this.options.oai, extensions: this.extensionList });
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
            this.resyncedOnce = true;
            this.stall.reset();
            for (const waiter of [...this.firstResyncWaiters]) waiter();
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
        if (call.state === 'cleared') {
            const list = this.recent.get(extension) ?? [];
            list.push({ at: this.now(), call });
            while (list.length > RECENT.calls) list.shift();
            this.recent.set(extension, list);
        }
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
            throw commandError(error);
        }
    }
}

/** The PBX's outcome codes as the contract's errors (./oai/outcomes.ts, the manual's catalogue). */
function commandError(error: unknown): BridgeError {
    if (error instanceof BridgeError) return error;
    if (error instanceof OaiEncodeError) return new BridgeError(400, 'invalid_number', error.message);
    if (error instanceof OaiCommandError) {
        if (error.reason === 'unsupported') return new BridgeError(409, 'invalid_state', error.message);
        if (error.reason !== 'rejected')
            return new BridgeError(
                503,
                'pbx_unavailable',
                `The PBX did not confirm ${error.command} (${error.reason})`
            );
        const refused = contractErrorForOutcome(error.command, error.outcome ?? 1);
        return new BridgeError(refused.status, refused.code, refused.message);
    }
    return new BridgeError(500, 'internal', 'Internal error');
}
