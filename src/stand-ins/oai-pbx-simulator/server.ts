// The OAI simulator's TCP side: System OAI login, monitors per connection, confirmations, the
// keep-alive rule and resyncs, over the real framing (docs/oai-protocol.md). It is no kinder than the
// manual: a resync of every monitor is honoured only three minutes after the last, no event is sent
// while a resync runs, and the login's Resync Response has the fields a PBX without a CT Gateway
// sends (no TCPIP_Flag). Tests and the workbench drive the PBX through `pbx` and break the link
// through the fault methods.
import { createServer, type AddressInfo, type Server, type Socket } from 'node:net';
import { joinFields, splitFields, type Field } from '../../bridge/oai/csv';
import { protocolLevel } from '../../bridge/oai/fields';
import {
    decodeLoginBody,
    encodeFrame,
    FrameDecoder,
    lineFromBody,
    SYSTEM_OAI_LOGIN
} from '../../bridge/oai/framing';
import { carryOut } from './commands';
import { ConnectionMonitors } from './monitors';
import { SimulatedPbx, type PbxEvent, type PbxSeed } from './pbx';

export interface OaiSimulatorOptions {
    host?: string;
    port?: number;
    password?: string;
    seed?: PbxSeed;
    /** The PBX's keep-alive period: without a command for this long it cancels the monitors (default 4.5 min). */
    keepAliveTimeoutMs?: number;
    /** What its RS says (defaults: `V10.20`, 3 both premium features; `gateway` adds the TCPIP_Flag). */
    protocolVersion?: string;
    premiumFeatureStatus?: number;
    gateway?: boolean;
    /** A resync of every monitor is honoured only this long after the last one (the manual: 3 minutes). */
    resyncIntervalMs?: number;
}

interface Connection {
    socket: Socket;
    decoder: FrameDecoder;
    loggedIn: boolean;
    applicationName: string;
    monitors: ConnectionMonitors;
    sequence: number;
    callsMade: number;
    keepAliveTimer?: NodeJS.Timeout;
    /** Events held while a resync runs (the PBX sends none until Resync Ended). */
    held?: Field[][];
    lastFullResyncAt: number;
}

export interface OaiSimulatorFaults {
    /** Confirmations are written this much later than the command arrived. */
    confirmationDelayMs: number;
    /** The next N confirmations are never sent. */
    swallowConfirmations: number;
    /**
     * Harsher than the manual: every call event, also a device monitor's, goes out under the
     * Mon_Cross_Ref_ID of the first monitor that reported the call (the manual says so of a port's
     * calls-via-device monitors), also after a reconnect when that id is no longer the link's.
     */
    firstMonitorRule: boolean;
}

/** How many calls the first-monitor rule remembers (oldest forgotten first). */
const FIRST_MONITOR_CALLS = 10_000;

export class OaiSimulator {
    readonly pbx: SimulatedPbx;
    readonly faults: OaiSimulatorFaults = {
        confirmationDelayMs: 0,
        swallowConfirmations: 0,
        firstMonitorRule: false
    };
    /** Every command line received, in order, for assertions. */
    readonly received: string[] = [];
    private readonly firstMonitorOf = new Map<string, string>();
    private readonly options: Required<Omit<OaiSimulatorOptions, 'seed' | 'port'>>;
    private readonly connections = new Set<Connection>();
    private readonly commandListeners = new Set<(line: string) => void>();
    private server: Server | undefined;
    private listenPort: number;
    private nextCrossRef = 1;
    private logins = 0;

    constructor(options: OaiSimulatorOptions = {}) {
        this.options = {
            host: '127.0.0.1',
            password: '',
            keepAliveTimeoutMs: 270_000,
            protocolVersion: 'V10.20',
            premiumFeatureStatus: 3,
            gateway: false,
            resyncIntervalMs: 180_000,
            ...options
        };
        this.listenPort = options.port ?? 0;
        this.pbx = new SimulatedPbx(options.seed);
        this.pbx.onEvent((event) => this.deliver(event));
    }

    get port(): number {
        return this.listenPort;
    }

    /** Successful logins so far: each (re)connect of a client counts one. */
    get loginCount(): number {
        return this.logins;
    }

    openConnections(): number {
        return [...this.connections].filter((connection) => connection.loggedIn).length;
    }

    /** Monitored devices of the open connections. */
    monitoredDevices(): string[] {
        return [...this.connections].flatMap((connection) =>
            connection.monitors.all.map((monitor) => monitor.device)
        );
    }

    async start(): Promise<void> {
        if (this.server) return;
        const server = createServer((socket) => this.accept(socket));
        await new Promise<void>((resolve, reject) => {
            server.once('error', reject);
            server.listen(this.listenPort, this.options.host, () => resolve());
        });
        this.listenPort = (server.address() as AddressInfo).port;
        this.server = server;
    }

    /** The PBX goes away: connections are cut and new ones refused until `start`. */
    async stop(): Promise<void> {
        const server = this.server;
        this.server = undefined;
        this.dropConnections();
        if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
    }

    /** Cuts every OAI connection (the PBX stays up and accepts new ones). */
    dropConnections(): void {
        for (const connection of this.connections) {
            this.forget(connection);
            connection.socket.destroy();
        }
    }

    /** Called with every command line received; the function returned stops it. */
    onCommand(listener: (line: string) => void): () => void {
        this.commandListeners.add(listener);
        return () => this.commandListeners.delete(listener);
    }

    /** Writes a line as the PBX would, sequence number included, to every logged-in connection. */
    sendRawLine(line: string): void {
        this.sendRawBytes(encodeFrame(Buffer.from(`${line}\r\n`, 'latin1')));
    }

    /** Writes bytes as they are, framing or not, to every logged-in connection. */
    sendRawBytes(bytes: Buffer): void {
        for (const connection of this.connections) if (connection.loggedIn) connection.socket.write(bytes);
    }

    private accept(socket: Socket): void {
        // Each event line is written as it happens; without this, Nagle holds a line back behind the
        // previous one's acknowledgement (up to the peer's delayed-ACK time, 40 ms on Linux).
        socket.setNoDelay(true);
        const connection: Connection = {
            socket,
            decoder: new FrameDecoder(),
            loggedIn: false,
            applicationName: '',
            monitors: new ConnectionMonitors(),
            sequence: 0,
            callsMade: 0,
            lastFullResyncAt: 0
        };
        this.connections.add(connection);
        socket.on('data', (chunk) => {
            for (const output of connection.decoder.push(chunk)) {
                if (output.kind === 'error') return void socket.destroy();
                if (connection.loggedIn) this.command(connection, lineFromBody(output.body));
                else this.login(connection, output.body);
            }
        });
        socket.on('close', () => this.forget(connection));
        socket.on('error', () => this.forget(connection));
    }

    private login(connection: Connection, body: Buffer): void {
        const login = decodeLoginBody(body);
        // How a real PBX refuses a login is not documented; the simulator hangs up.
        if (!login || login.type !== SYSTEM_OAI_LOGIN || login.password !== this.options.password) {
            connection.socket.destroy();
            return;
        }
        connection.loggedIn = true;
        connection.applicationName = login.applicationName;
        connection.lastFullResyncAt = Date.now();
        this.logins++;
        this.armKeepAlive(connection);
        this.sendResyncResponse(connection, '0');
        this.write(connection, ['RD', '0', '']);
    }

    private command(connection: Connection, line: string): void {
        this.received.push(line);
        for (const listener of this.commandListeners) listener(line);
        this.armKeepAlive(connection);
        const split = splitFields(line);
        const [code = '', invokeText = '', ...args] = split.ok ? split.fields : [];
        if (code === 'RR') return this.resync(connection, invokeText, '1', true);
        if (!code || !/^\d+$/.test(invokeText)) return; // no invoke id to confirm against
        const result = carryOut(
            {
                pbx: this.pbx,
                protocolLevel: protocolLevel(this.options.protocolVersion) ?? 1020,
                newMonitorId: () => String(this.nextCrossRef++).padStart(this.options.gateway ? 6 : 3, '0'),
                resync: (extension, resyncCode) => this.resync(connection, extension, resyncCode, false)
            },
            connection,
            code,
            invokeText,
            args
        );
        if (result) this.confirm(connection, [code, invokeText, String(result.outcome), ...result.rest]);
    }

    /**
     * `_RR` / `RR`: the device's (or every monitor's) current state, with the resync code, then RD; no
     * other event meanwhile. A resync of every monitor sooner than the interval after the last is not
     * honoured: confirmed, then nothing.
     */
    private resync(connection: Connection, extension: string, resyncCode: string, legacy: boolean): void {
        if (!extension) {
            if (Date.now() - connection.lastFullResyncAt < this.options.resyncIntervalMs) return;
            connection.lastFullResyncAt = Date.now();
        }
        const monitors = connection.monitors.all.filter(
            (monitor) => !extension || monitor.device === extension
        );
        connection.held ??= [];
        const send = () => {
            const held = connection.held ?? [];
            connection.held = undefined;
            if (legacy) this.sendResyncResponse(connection, resyncCode);
            for (const monitor of monitors)
                for (const event of this.pbx.resyncEvents(monitor.device))
                    this.write(connection, [event.code, resyncCode, monitor.crossRefId, ...event.fields]);
            this.write(connection, ['RD', resyncCode, extension]);
            for (const fields of held) this.write(connection, fields);
        };
        // The resync follows its confirmation (written once this command returns), also when that is delayed.
        const delay = this.faults.confirmationDelayMs;
        if (delay > 0) setTimeout(() => setImmediate(send), delay);
        else setImmediate(send);
    }

    private confirm(connection: Connection, fields: Field[]): void {
        if (this.faults.swallowConfirmations > 0) {
            this.faults.swallowConfirmations--;
            return;
        }
        const write = () => this.write(connection, ['CF', ...fields]);
        if (this.faults.confirmationDelayMs > 0) setTimeout(write, this.faults.confirmationDelayMs);
        else write();
    }

    private deliver(event: PbxEvent): void {
        for (const connection of this.connections)
            for (const { crossRefId } of connection.monitors.idsFor(event)) {
                const id = this.firstMonitorId(event, crossRefId);
                const fields: Field[] = [event.code, '', id, ...event.fields];
                if (connection.held) connection.held.push(fields);
                else this.write(connection, fields);
            }
    }

    /** The harsh `firstMonitorRule` fault: the id of the first monitor that reported the call. */
    private firstMonitorId(event: PbxEvent, crossRefId: string): string {
        if (!this.faults.firstMonitorRule || !event.call) return crossRefId;
        const first = this.firstMonitorOf.get(event.call.id);
        if (first !== undefined) return first;
        this.firstMonitorOf.set(event.call.id, crossRefId);
        if (this.firstMonitorOf.size > FIRST_MONITOR_CALLS)
            this.firstMonitorOf.delete(this.firstMonitorOf.keys().next().value!);
        return crossRefId;
    }

    /** `RS,<code>,<time>,<date>,<protocol>,<KSU>,<premium>,<node>,<networking>,<country>[,<TCPIP_Flag>]`. */
    private sendResyncResponse(connection: Connection, resyncCode: string): void {
        const now = new Date();
        const pad = (value: number) => String(value).padStart(2, '0');
        const time = `${pad(now.getHours())}:${pad(now.getMinutes())}`;
        const date = `${pad(now.getMonth() + 1)}${pad(now.getDate())}${pad(now.getFullYear() % 100)}`;
        const { protocolVersion, premiumFeatureStatus, gateway } = this.options;
        const fields = [
            'RS',
            resyncCode,
            time,
            date,
            protocolVersion,
            'V6.0.11.113',
            String(premiumFeatureStatus)
        ];
        this.write(connection, [...fields, gateway ? '0' : '1', '0', '1', ...(gateway ? ['1'] : [])]);
    }

    /** Without a command in time the PBX cancels the monitors and sends a Resync Response (code 0). */
    private armKeepAlive(connection: Connection): void {
        clearTimeout(connection.keepAliveTimer);
        connection.keepAliveTimer = setTimeout(() => {
            connection.monitors.clear();
            this.sendResyncResponse(connection, '0');
            this.armKeepAlive(connection);
        }, this.options.keepAliveTimeoutMs);
        connection.keepAliveTimer.unref();
    }

    /** A line, sequence number first. */
    private write(connection: Connection, fields: Field[]): void {
        if (connection.socket.destroyed || !this.connections.has(connection)) return;
        const sequence = String(connection.sequence).padStart(3, '0');
        connection.sequence = (connection.sequence + 1) % 1000;
        // The PBX ends its lines in CR LF.
        connection.socket.write(
            encodeFrame(Buffer.from(`${joinFields([sequence, ...fields])}\r\n`, 'latin1'))
        );
    }

    private forget(connection: Connection): void {
        clearTimeout(connection.keepAliveTimer);
        this.connections.delete(connection);
    }
}
