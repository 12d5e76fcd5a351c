// The bridge's System OAI link: connect, log in, monitor the configured devices, resync, keep the
// link alive with _NO, confirm every command by invoke id within a timeout, and reconnect with
// jittered backoff. Set-up on every (re)connect follows docs/oai-protocol.md: wait for the login's
// RS and RD, _MS per device, then _RR and its RD before any other command is allowed.
import { connect as netConnect, type Socket } from 'node:net';
import { Listeners } from '../../core/suite/listeners';
import { encodeCommand, MONITOR_TYPE, nextInvokeId, type OaiCommand } from './commands';
import {
    DEFAULT_MAX_FRAME_BYTES,
    encodeLineFrame,
    encodeLoginFrame,
    FrameDecoder,
    lineFromBody
} from './framing';
import { decodeLine, type OaiConfirmation, type OaiEvent, type OaiLineError } from './messages';

/**
 * `loggingIn` until the PBX's RS and RD, `monitoring` while the monitors start, `resyncing` until
 * the RD of our _RR, `ready` when commands may be sent, `waiting` between attempts.
 */
export type OaiLinkState =
    'stopped' | 'connecting' | 'loggingIn' | 'monitoring' | 'resyncing' | 'ready' | 'waiting';

export interface OaiClientOptions {
    host: string;
    port: number;
    password: string;
    applicationName: string;
    /** Stations to monitor as devices. */
    extensions: readonly string[];
    /** Hunt groups to monitor as calls via device (they report Call Cleared). */
    huntGroups?: readonly string[];
    /** `_NO` period; the PBX's own limit is 4.5 minutes by default. */
    keepAliveMs?: number;
    confirmationTimeoutMs?: number;
    /** From TCP connect to the PBX's RS + RD. */
    loginTimeoutMs?: number;
    /** From the _RR confirmation to its RD; a large system can take minutes. */
    resyncTimeoutMs?: number;
    /** Reconnect delay: min(base · 2^n, max) ± 20 %. */
    backoff?: { baseMs: number; maxMs: number };
    random?: () => number;
    maxFrameBytes?: number;
}

export type OaiCommandFailure = 'notReady' | 'timeout' | 'rejected' | 'linkLost';

export class OaiCommandError extends Error {
    readonly reason: OaiCommandFailure;
    readonly command: string;
    /** The PBX's outcome code, for `rejected`. */
    readonly outcome?: number;

    constructor(reason: OaiCommandFailure, command: string, outcome?: number) {
        super(`${command} ${reason}${outcome === undefined ? '' : ` (outcome ${outcome})`}`);
        this.name = 'OaiCommandError';
        this.reason = reason;
        this.command = command;
        this.outcome = outcome;
    }
}

export interface OaiClientEvents {
    state(state: OaiLinkState, detail?: string): void;
    /** Every event from the PBX, resync ones included (they carry a resync code). */
    event(event: OaiEvent): void;
    /** The resync after a (re)connect has ended: the events before this were the full picture. */
    resynced(): void;
    monitorFailed(device: string, detail: string): void;
    /** A line that could not be read, or of a kind the bridge does not read; the link carries on. */
    lineError(error: OaiLineError): void;
    /** A confirmation for no command waiting: it came after its timeout. */
    lateConfirmation(confirmation: OaiConfirmation): void;
}

export interface OaiClientCounters {
    connects: number;
    reconnects: number;
    confirmationsTimedOut: number;
    confirmationsLate: number;
    confirmationsRejected: number;
    /** Lines that could not be read. */
    lineErrors: number;
    /** Well-formed lines of kinds the bridge does not read (agent events, feature status...). */
    unknownLines: number;
}

interface Pending {
    code: string;
    resolve: (confirmation: OaiConfirmation) => void;
    reject: (error: OaiCommandError) => void;
    timer: NodeJS.Timeout;
}

interface Link {
    socket: Socket;
    decoder: FrameDecoder;
    sawLoginResync: boolean;
    setUpRunning: boolean;
    /** The invoke id of the _RR whose RD ends the set-up. */
    resyncInvokeId?: number;
    loginTimer: NodeJS.Timeout;
    timers: NodeJS.Timeout[];
    resyncEnded?: () => void;
}

export class OaiClient {
    readonly counters: OaiClientCounters = {
        connects: 0,
        reconnects: 0,
        confirmationsTimedOut: 0,
        confirmationsLate: 0,
        confirmationsRejected: 0,
        lineErrors: 0,
        unknownLines: 0
    };
    private readonly options: Required<OaiClientOptions>;
    private readonly listeners = new Listeners<OaiClientEvents>();
    private readonly pending = new Map<number, Pending>();
    private readonly monitorIds = new Map<string, string>();
    private link: Link | undefined;
    private linkState: OaiLinkState = 'stopped';
    private lastInvokeId = 0;
    private attempt = 0;
    private reconnectTimer: NodeJS.Timeout | undefined;

    constructor(options: OaiClientOptions) {
        this.options = {
            huntGroups: [],
            keepAliveMs: 30_000,
            confirmationTimeoutMs: 5_000,
            loginTimeoutMs: 10_000,
            resyncTimeoutMs: 180_000,
            backoff: { baseMs: 250, maxMs: 30_000 },
            random: Math.random,
            maxFrameBytes: DEFAULT_MAX_FRAME_BYTES,
            ...options
        };
    }

    get state(): OaiLinkState {
        return this.linkState;
    }

    /** Device → Mon_Cross_Ref_ID of the monitors running on the current link. */
    get monitors(): ReadonlyMap<string, string> {
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
        this.reconnectTimer = undefined;
        this.setState('stopped');
        this.closeLink('stopped');
    }

    /** Sends a command once the link is ready; resolves with its successful confirmation. */
    send(command: OaiCommand): Promise<OaiConfirmation> {
        if (this.linkState !== 'ready' || !this.link)
            return Promise.reject(new OaiCommandError('notReady', command.code));
        return this.transmit(this.link, command);
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
            timers: []
        };
        this.link = link;
        socket.on('connect', () => {
            this.setState('loggingIn');
            socket.write(
                encodeLoginFrame({
                    password: this.options.password,
                    applicationName: this.options.applicationName
                })
            );
            link.timers.push(
                setInterval(() => {
                    // A _NO that is not confirmed in time means the link is dead.
                    this.transmit(link, { code: '_NO' }).catch((error: OaiCommandError) => {
                        if (error.reason === 'timeout') this.fail(link, 'keep-alive not confirmed');
                    });
                }, this.options.keepAliveMs)
            );
        });
        socket.on('data', (chunk) => this.receive(link, chunk));
        socket.on('error', (error) => this.fail(link, error.message));
        socket.on('close', () => this.fail(link, 'connection closed'));
    }

    private receive(link: Link, chunk: Buffer): void {
        for (const output of link.decoder.push(chunk)) {
            if (this.link !== link) return;
            if (output.kind === 'error') {
                this.fail(
                    link,
                    `frame of ${output.declaredBytes} bytes is over the ${output.maxFrameBytes} limit`
                );
                return;
            }
            const inbound = decodeLine(lineFromBody(output.body));
            if (inbound.kind === 'error') {
                if (inbound.reason === 'unknown') this.counters.unknownLines++;
                else this.counters.lineErrors++;
                this.listeners.emit('lineError', inbound);
            } else if (inbound.kind === 'confirmation') {
                this.confirm(inbound);
            } else {
                this.handleEvent(link, inbound);
            }
        }
    }

    private handleEvent(link: Link, event: OaiEvent): void {
        if (event.code === 'RS') {
            // At login, and whenever the PBX has reset the link's monitors (keep-alive lapse, restart).
            link.sawLoginResync = true;
            this.monitorIds.clear();
            if (this.linkState === 'ready') void this.setUp(link);
        } else if (event.code === 'RD') {
            if (this.linkState === 'loggingIn' && link.sawLoginResync) void this.setUp(link);
            else if (link.resyncInvokeId !== undefined && event.resyncCode === String(link.resyncInvokeId))
                link.resyncEnded?.();
        } else if (event.code === 'ME') {
            for (const [device, id] of this.monitorIds)
                if (id === event.monCrossRefId) this.monitorIds.delete(device);
        }
        this.listeners.emit('event', event);
    }

    private async setUp(link: Link): Promise<void> {
        if (link.setUpRunning) return;
        link.setUpRunning = true;
        clearTimeout(link.loginTimer);
        try {
            this.setState('monitoring');
            const devices = [
                ...this.options.extensions.map((device) => ({ device, monitorType: MONITOR_TYPE.device })),
                ...this.options.huntGroups.map((device) => ({
                    device,
                    monitorType: MONITOR_TYPE.callsViaDevice
                }))
            ];
            for (const { device, monitorType } of devices) {
                try {
                    const confirmation = await this.transmit(link, { code: '_MS', device, monitorType });
                    const monitor =
                        confirmation.detail?.command === '_MS' ? confirmation.detail.monitors[0] : undefined;
                    if (monitor) this.monitorIds.set(device, monitor.monCrossRefId);
                    else
                        this.listeners.emit(
                            'monitorFailed',
                            device,
                            'confirmation without a Mon_Cross_Ref_ID'
                        );
                } catch (error) {
                    if (!(error instanceof OaiCommandError) || error.reason !== 'rejected') throw error;
                    this.listeners.emit('monitorFailed', device, error.message);
                }
            }
            const resyncInvokeId = this.nextInvokeId();
            link.resyncInvokeId = resyncInvokeId;
            const ended = new Promise<void>((resolve, reject) => {
                link.resyncEnded = resolve;
                link.timers.push(
                    setTimeout(
                        () => reject(new OaiCommandError('timeout', '_RR')),
                        this.options.resyncTimeoutMs
                    )
                );
            });
            // Awaited below; the handler only keeps an early timeout from counting as unhandled.
            ended.catch(() => undefined);
            this.setState('resyncing');
            await this.transmit(link, { code: '_RR' }, resyncInvokeId);
            await ended;
            if (this.link !== link) return;
            this.attempt = 0;
            this.setState('ready');
            this.listeners.emit('resynced');
        } catch (error) {
            this.fail(link, `set-up failed: ${error instanceof Error ? error.message : String(error)}`);
        } finally {
            link.setUpRunning = false;
            link.resyncEnded = undefined;
        }
    }

    private transmit(link: Link, command: OaiCommand, invokeId?: number): Promise<OaiConfirmation> {
        let id: number;
        let line: string;
        try {
            id = invokeId ?? this.nextInvokeId();
            line = encodeCommand(command, id);
        } catch (error) {
            // Bad input (an extension with a comma, a digit string too long) fails the call, not the link.
            return Promise.reject(error);
        }
        return new Promise((resolve, reject) => {
            const timer = setTimeout(() => {
                this.pending.delete(id);
                this.counters.confirmationsTimedOut++;
                reject(new OaiCommandError('timeout', command.code));
            }, this.options.confirmationTimeoutMs);
            this.pending.set(id, { code: command.code, resolve, reject, timer });
            link.socket.write(encodeLineFrame(line));
        });
    }

    private confirm(confirmation: OaiConfirmation): void {
        const pending = this.pending.get(confirmation.invokeId);
        if (!pending || pending.code !== confirmation.command) {
            this.counters.confirmationsLate++;
            this.listeners.emit('lateConfirmation', confirmation);
            return;
        }
        this.pending.delete(confirmation.invokeId);
        clearTimeout(pending.timer);
        if (confirmation.outcome === 0) {
            pending.resolve(confirmation);
        } else {
            this.counters.confirmationsRejected++;
            pending.reject(new OaiCommandError('rejected', confirmation.command, confirmation.outcome));
        }
    }

    private nextInvokeId(): number {
        this.lastInvokeId = nextInvokeId(this.lastInvokeId, (invokeId) => this.pending.has(invokeId));
        return this.lastInvokeId;
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
        this.reconnectTimer = setTimeout(() => {
            this.reconnectTimer = undefined;
            this.counters.reconnects++;
            this.open();
        }, delay);
    }

    private closeLink(reason: OaiCommandFailure | 'stopped'): void {
        const link = this.link;
        this.link = undefined;
        this.monitorIds.clear();
        if (link) {
            clearTimeout(link.loginTimer);
            for (const timer of link.timers) clearTimeout(timer);
            link.socket.destroy();
        }
        for (const [invokeId, pending] of this.pending) {
            clearTimeout(pending.timer);
            this.pending.delete(invokeId);
            pending.reject(new OaiCommandError(reason === 'stopped' ? 'linkLost' : reason, pending.code));
        }
    }

    private setState(state: OaiLinkState, detail?: string): void {
        if (this.linkState === state) return;
        this.linkState = state;
        this.listeners.emit('state', state, detail);
    }
}
