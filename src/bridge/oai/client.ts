// The bridge's System OAI link: connect, log in, read what the PBX says of itself (RS), monitor and
// resync the configured devices (./linkSetup.ts), keep the link alive with _NO, confirm every command
// by invoke id within a timeout, hold commands while a resync runs, and reconnect with jittered
// backoff (docs/oai-protocol.md, "Login and resync").
import { connect as netConnect, type Socket } from 'node:net';
import { Listeners } from '../../core/suite/listeners';
import { encodeCommand, type OaiCommand } from './commands';
import type { OaiConfirmation, OaiEvent, OaiLineError, ResyncEndedEvent } from './events';
import { encodeLineFrame, encodeLoginFrame, FrameDecoder, lineFromBody, SYSTEM_OAI_LOGIN } from './framing';
import {
    CALL_EVENT_CODES,
    FullResyncPacing,
    LineErrorTally,
    newCounters,
    withDefaults,
    type ClientSettings,
    type OaiClientCounters,
    type OaiClientEvents,
    type OaiClientOptions,
    type OaiLinkState
} from './clientTypes';
import { resyncEverything, setUpDevices, StationList, type SetUpLink } from './linkSetup';
import { decodeLine } from './messages';
import { MonitorIds, type MonitorView } from './monitorIds';
import { HeldCommands, OaiCommandError, PendingConfirmations } from './pending';
import { ResyncWaiters } from './resyncWaiters';
import { pbxInfoOf, unsupportedBy, refusalOf, type LinkRefusal, type PbxInfo } from './protocol';
import { installedTrace, type TraceSink } from './trace';

export { OaiCommandError, type OaiCommandFailure } from './pending';
export type { OaiClientCounters, OaiClientEvents, OaiClientOptions, OaiLinkState } from './clientTypes';

interface Link {
    socket: Socket;
    decoder: FrameDecoder;
    sawLoginResync: boolean;
    setUpRunning: boolean;
    loginTimer: NodeJS.Timeout;
    timers: NodeJS.Timeout[];
    resyncWaiters: ResyncWaiters;
    lastReceivedAt: number;
}

export class OaiClient {
    readonly counters: OaiClientCounters = newCounters();
    private readonly options: ClientSettings;
    private readonly listeners = new Listeners<OaiClientEvents>();
    private readonly pending = new PendingConfirmations();
    private readonly held = new HeldCommands();
    private readonly monitorIds = new MonitorIds();
    private readonly stations: StationList;
    private readonly tally = new LineErrorTally(this.counters);
    private link: Link | undefined;
    private linkState: OaiLinkState = 'stopped';
    private info: PbxInfo | undefined;
    private linkRefusal: LinkRefusal | undefined;
    private attempt = 0;
    private reconnectTimer: NodeJS.Timeout | undefined;
    private readonly fullResync: FullResyncPacing;

    constructor(options: OaiClientOptions) {
        this.options = withDefaults(options);
        this.stations = new StationList(options.extensions);
        this.fullResync = new FullResyncPacing(this.options.resyncIntervalMs);
    }

    get state(): OaiLinkState {
        return this.linkState;
    }

    /** What the PBX said of itself in its last login's RS. */
    get pbx(): PbxInfo | undefined {
        return this.info;
    }

    /** Why the PBX's RS says this link cannot serve the bridge, while that is so. */
    get refusal(): LinkRefusal | undefined {
        return this.linkRefusal;
    }

    /** Device → Mon_Cross_Ref_ID of the monitors running on the current link, and back. */
    get monitors(): MonitorView {
        return this.monitorIds;
    }

    on<E extends keyof OaiClientEvents>(event: E, listener: OaiClientEvents[E]): () => void {
        return this.listeners.on(event, listener);
    }

    start(): void {
        if (this.linkState !== 'stopped') return;
        this.open();
    }

    stop(): void {
        clearTimeout(this.reconnectTimer);
        this.fullResync.cancel();
        this.reconnectTimer = undefined;
        this.setState('stopped');
        this.closeLink('linkLost');
    }

    /**
     * Sends a command once the link is ready; resolves with its successful confirmation. While a
     * resync runs it is held until the resync has ended (at most `holdTimeoutMs`).
     */
    send(command: OaiCommand): Promise<OaiConfirmation> {
        const unsupported = unsupportedBy(this.info, command);
        if (unsupported)
            return Promise.reject(new OaiCommandError('unsupported', command.code, undefined, unsupported));
        const link = this.link;
        if (
            link &&
            (this.linkState === 'monitoring' ||
                this.linkState === 'resyncing' ||
                this.fullResync.running ||
                this.stations.busy)
        )
            return this.held.hold(command, this.options.holdTimeoutMs);
        if (this.linkState !== 'ready' || !link)
            return Promise.reject(new OaiCommandError('notReady', command.code));
        return this.transmit(link, command);
    }

    /** Monitors one more station on every link from now on; on a ready link at once (./linkSetup.ts StationList). */
    addStation(extension: string): Promise<void> {
        const ready = this.linkState === 'ready' ? this.link : undefined;
        const settled = () =>
            ready && ready === this.link && this.linkState === 'ready' && this.release(ready);
        return this.stations
            .add(extension, ready && this.setUpLink(ready), settled)
            .catch((error: unknown) => ready && this.fail(ready, `set-up of ${extension}: ${String(error)}`));
    }

    /**
     * Asks for a resync of every station (the bridge may have missed an event), no sooner than
     * `resyncIntervalMs` after the last one: the PBX honours such requests only that far apart.
     */
    requestResync(): void {
        const asked = this.fullResync.schedule(() => {
            const link = this.link;
            if (link && this.linkState === 'ready') void this.runFullResync(link);
        });
        if (asked) this.counters.resyncsRequested++;
    }

    private open(): void {
        this.setState('connecting');
        this.counters.connects++;
        const socket = netConnect({ host: this.options.host, port: this.options.port });
        socket.setNoDelay(true);
        const link: Link = {
            socket,
            decoder: new FrameDecoder(this.options.maxFrameBytes),
            sawLoginResync: false,
            setUpRunning: false,
            loginTimer: setTimeout(
                () => this.fail(link, 'no RS and RD after login'),
                this.options.loginTimeoutMs
            ),
            timers: [],
            resyncWaiters: new ResyncWaiters(),
            lastReceivedAt: 0
        };
        this.link = link;
        socket.on('connect', () => {
            this.setState('loggingIn');
            const { password, applicationName } = this.options;
            this.trace()?.login({ type: SYSTEM_OAI_LOGIN, applicationName });
            socket.write(encodeLoginFrame({ password, applicationName }));
            link.timers.push(setInterval(() => this.keepAlive(link), this.options.keepAliveMs));
        });
        socket.on('data', (chunk) => this.receive(link, chunk));
        socket.on('error', (error) => this.fail(link, error.message));
        socket.on('close', () => this.fail(link, 'connection closed'));
    }

    /** `_NO`, unless a resync is running (the manual asks for no commands then). No answer in time is a dead link only if the PBX has said nothing since. */
    private keepAlive(link: Link): void {
        if (this.linkState !== 'ready' || this.fullResync.running) return;
        const sentAt = Date.now();
        this.transmit(link, { code: '_NO' }).catch((error: OaiCommandError) => {
            if (error.reason !== 'timeout') return;
            if (link.lastReceivedAt >= sentAt) this.counters.keepAlivesUnanswered++;
            else this.fail(link, 'keep-alive not confirmed and nothing heard from the PBX');
        });
    }

    private receive(link: Link, chunk: Buffer): void {
        link.lastReceivedAt = Date.now();
        for (const output of link.decoder.push(chunk)) {
            if (this.link !== link) return;
            if (output.kind === 'error') {
                this.fail(
                    link,
                    `frame of ${output.declaredBytes} bytes is over the ${output.maxFrameBytes} limit`
                );
                return;
            }
            const line = lineFromBody(output.body);
            this.trace()?.line('<', line);
            const inbound = decodeLine(line);
            if (inbound.kind === 'error') this.lineError(inbound);
            else if (inbound.kind === 'confirmation') this.confirm(inbound);
            else this.handleEvent(link, inbound);
        }
    }

    private lineError(error: OaiLineError): void {
        const first = this.tally.count(error);
        if (first === undefined) return;
        this.listeners.emit('lineError', error, first);
        // An unreadable call event may be a state change the bridge missed: ask for a (paced) resync.
        if (error.reason === 'malformed' && CALL_EVENT_CODES.has(error.code ?? '')) this.requestResync();
    }

    private handleEvent(link: Link, event: OaiEvent): void {
        if (event.code === 'RS') this.resyncResponse(link, event);
        else if (event.code === 'RD') this.resyncEnded(link, event);
        else if (event.code === 'ME') {
            const device = this.monitorIds.deviceOf(event.monCrossRefId);
            if (device !== undefined) {
                this.monitorIds.delete(device);
                this.listeners.emit(
                    'monitorFailed',
                    device,
                    `the PBX ended its monitor (ME, cause ${event.cause ?? 'blank'})`
                );
            }
        }
        this.listeners.emit('event', event);
    }

    private resyncResponse(link: Link, event: Extract<OaiEvent, { code: 'RS' }>): void {
        if (this.linkState === 'loggingIn') {
            this.info = pbxInfoOf(event);
            const refusal = refusalOf(this.info);
            if (refusal) return this.refuse(refusal);
            this.linkRefusal = undefined;
            link.sawLoginResync = true;
        } else if (event.resyncCode === '0' || event.resyncCode === '') {
            // Code 0: the PBX has dropped every monitor and setting of this link (keep-alive lapse, restart).
            this.monitorIds.clear();
            if (this.linkState === 'ready') void this.setUp(link);
        }
        // Another code answers an `RR` (before V06.00); its RD ends it.
    }

    private resyncEnded(link: Link, event: ResyncEndedEvent): void {
        if (this.linkState === 'loggingIn' && link.sawLoginResync) {
            // The login's RS … RD is the link's first resync.
            this.fullResync.lastAt = Date.now();
            void this.setUp(link);
            return;
        }
        link.resyncWaiters.ended(event);
    }

    private async setUp(link: Link): Promise<void> {
        if (link.setUpRunning) return;
        link.setUpRunning = true;
        clearTimeout(link.loginTimer);
        try {
            this.setState('monitoring');
            // Stations added while this runs are set up too before the link is ready.
            await setUpDevices(
                this.setUpLink(link),
                () => this.stations.all,
                this.options.huntGroups,
                () => this.setState('resyncing')
            );
            if (this.link !== link) return;
            this.attempt = 0;
            this.setState('ready');
            this.listeners.emit('resynced');
            this.release(link);
        } catch (error) {
            this.fail(link, `set-up failed: ${error instanceof Error ? error.message : String(error)}`);
        } finally {
            link.setUpRunning = false;
        }
    }

    private async runFullResync(link: Link): Promise<void> {
        this.fullResync.running = true;
        this.listeners.emit('resyncStarted');
        try {
            await resyncEverything(this.setUpLink(link));
            this.fullResync.lastAt = Date.now();
            if (this.link !== link) return;
            this.fullResync.running = false;
            this.listeners.emit('resynced');
            this.release(link);
        } catch (error) {
            this.fail(link, `resync failed: ${error instanceof Error ? error.message : String(error)}`);
        } finally {
            this.fullResync.running = false;
        }
    }

    /** Sends the commands held while the link was busy. */
    private release(link: Link): void {
        this.held.release((command) => this.transmit(link, command));
    }

    private setUpLink(link: Link): SetUpLink {
        return {
            protocolLevel: this.info?.protocolLevel,
            resyncTimeoutMs: this.options.resyncTimeoutMs,
            nextInvokeId: () => this.pending.nextInvokeId(),
            transmit: (command, invokeId) => this.transmit(link, command, invokeId),
            transmitUnconfirmed: (command) => this.write(link, encodeCommand(command, 1)),
            resyncEnded: (match, timeoutMs) => link.resyncWaiters.wait(match, timeoutMs),
            monitorStarted: (device, id) => this.monitorIds.set(device, id),
            monitored: (device) => this.monitorIds.has(device),
            monitorFailed: (device, detail) => this.listeners.emit('monitorFailed', device, detail)
        };
    }

    private transmit(link: Link, command: OaiCommand, invokeId?: number): Promise<OaiConfirmation> {
        let id: number;
        let line: string;
        try {
            id = invokeId ?? this.pending.nextInvokeId();
            line = encodeCommand(command, id);
        } catch (error) {
            // Bad input (an extension with a comma, a digit string too long) fails the call, not the link.
            return Promise.reject(error);
        }
        const confirmed = this.pending.expect(id, command.code, this.options.confirmationTimeoutMs, () => {
            this.counters.confirmationsTimedOut++;
        });
        this.write(link, line);
        return confirmed;
    }

    private write(link: Link, line: string): void {
        this.trace()?.line('>', line);
        link.socket.write(encodeLineFrame(line));
    }

    private confirm(confirmation: OaiConfirmation): void {
        const elapsedMs = this.pending.settle(confirmation);
        if (elapsedMs === undefined) {
            this.counters.confirmationsLate++;
            this.listeners.emit('lateConfirmation', confirmation);
            return;
        }
        if (confirmation.outcome !== 0) this.counters.confirmationsRejected++;
        this.listeners.emit('confirmed', confirmation, elapsedMs);
    }

    private trace(): TraceSink | undefined {
        return this.options.trace ?? installedTrace();
    }

    /** The PBX's RS says the link cannot serve the bridge: say why, and look again after the longest backoff. */
    private refuse(refusal: LinkRefusal): void {
        this.linkRefusal = refusal;
        this.closeLink('linkLost');
        this.setState('refused', refusal.detail);
        this.scheduleReconnect(this.options.backoff.maxMs);
    }

    /** The link is unusable: drop it and try again later (unless stopped). */
    private fail(link: Link, detail: string): void {
        if (this.link !== link) return;
        this.closeLink('linkLost');
        if (this.linkState === 'stopped') return;
        const { baseMs, maxMs } = this.options.backoff;
        const delay = Math.min(baseMs * 2 ** this.attempt, maxMs) * (0.8 + 0.4 * this.options.random());
        this.attempt++;
        this.setState('waiting', detail);
        this.scheduleReconnect(delay);
    }

    private scheduleReconnect(delay: number): void {
        // A listener of the state that led here may have stopped the client.
        if (this.linkState === 'stopped') return;
        this.reconnectTimer = setTimeout(() => {
            this.reconnectTimer = undefined;
            this.counters.reconnects++;
            this.open();
        }, delay);
    }

    private closeLink(reason: 'linkLost'): void {
        const link = this.link;
        this.link = undefined;
        this.monitorIds.clear();
        this.fullResync.running = false;
        if (link) {
            clearTimeout(link.loginTimer);
            for (const timer of link.timers) clearTimeout(timer);
            link.resyncWaiters.failAll(reason);
            link.socket.destroy();
        }
        this.pending.failAll(reason);
        this.held.failAll(reason);
    }

    private setState(state: OaiLinkState, detail?: string): void {
        if (this.linkState === state) return;
        this.linkState = state;
        this.listeners.emit('state', state, detail);
    }
}
