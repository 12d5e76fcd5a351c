// The OAI simulator's TCP side: System OAI login, monitors per connection, confirmations, the
// keep-alive rule and resyncs, over the real framing (docs/oai-protocol.md). Tests and the
// workbench drive the PBX through `pbx` and break the link through the fault methods.
import { createServer, type Server, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';
import { joinFields, splitFields, type Field } from '../oai/csv';
import { decodeLoginBody, encodeFrame, FrameDecoder, lineFromBody, SYSTEM_OAI_LOGIN } from '../oai/framing';
import { MONITOR_TYPE } from '../oai/commands';
import { PbxCommandError, SIM_OUTCOME, SimulatedPbx, type PbxEvent, type PbxSeed } from './pbx';

/** Arguments a command cannot do without (field lists in docs/oai-protocol.md). */
const REQUIRED_ARGUMENTS: Record<string, number> = {
    _MC: 2,
    _AC: 2,
    _HC: 2,
    _RV: 2,
    _CC: 2,
    _CX: 2,
    _TO: 3,
    _TR: 3,
    _MS: 2
};

export interface OaiSimulatorOptions {
    host?: string;
    port?: number;
    password?: string;
    seed?: PbxSeed;
    /** The PBX's keep-alive period: without a command for this long it cancels the monitors (default 4.5 min). */
    keepAliveTimeoutMs?: number;
}

interface Monitor {
    crossRefId: string;
    device: string;
    type: number;
}

interface Connection {
    socket: Socket;
    decoder: FrameDecoder;
    loggedIn: boolean;
    applicationName: string;
    monitors: Map<string, Monitor>;
    sequence: number;
    keepAliveTimer?: NodeJS.Timeout;
}

export interface OaiSimulatorFaults {
    /** Confirmations are written this much later than the command arrived. */
    confirmationDelayMs: number;
    /** The next N confirmations are never sent. */
    swallowConfirmations: number;
    /**
     * Report a call's events under the Mon_Cross_Ref_ID of the first monitor that reported it, as the
     * manual says a PBX does: also the events about another monitored station, and after a reconnect
     * (when that monitor's id is no longer one of the link's). Off: each monitor reports under its own id.
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
    /** OAI call id → the Mon_Cross_Ref_ID it was first reported under (the first-monitor rule). */
    private readonly firstMonitorOf = new Map<string, string>();
    /** Every command line received, in order, for assertions. */
    readonly received: string[] = [];
    private readonly host: string;
    private readonly password: string;
    private readonly keepAliveTimeoutMs: number;
    private readonly connections = new Set<Connection>();
    private readonly commandListeners = new Set<(line: string) => void>();
    private server: Server | undefined;
    private listenPort: number;
    private nextCrossRef = 1;
    private logins = 0;

    constructor(options: OaiSimulatorOptions = {}) {
        this.host = options.host ?? '127.0.0.1';
        this.listenPort = options.port ?? 0;
        this.password = options.password ?? '';
        this.keepAliveTimeoutMs = options.keepAliveTimeoutMs ?? 270_000;
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
            [...connection.monitors.values()].map((monitor) => monitor.device)
        );
    }

    async start(): Promise<void> {
        if (this.server) return;
        const server = createServer((socket) => this.accept(socket));
        await new Promise<void>((resolve, reject) => {
            server.once('error', reject);
            server.listen(this.listenPort, this.host, () => resolve());
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
            monitors: new Map(),
            sequence: 0
        };
        this.connections.add(connection);
        socket.on('data', (chunk) => {
            for (const output of connection.decoder.push(chunk)) {
                if (output.kind === 'error') {
                    socket.destroy();
                    return;
                }
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
        if (!login || login.type !== SYSTEM_OAI_LOGIN || login.password !== this.password) {
            connection.socket.destroy();
            return;
        }
        connection.loggedIn = true;
        connection.applicationName = login.applicationName;
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
        const [code, invokeText = '', ...args] = split.ok ? split.fields : [];
        if (!code || !/^\d+$/.test(invokeText)) return; // nothing to confirm against
        const confirm = (outcome: number, rest: Field[] = []) =>
            this.confirm(connection, [code, invokeText, String(outcome), ...rest]);
        const required = REQUIRED_ARGUMENTS[code] ?? 0;
        if (args.length < required || args.slice(0, required).includes(''))
            return confirm(SIM_OUTCOME.invalidParameter);
        try {
            switch (code) {
                case '_NO':
                    return confirm(SIM_OUTCOME.ok);
                case '_MS':
                    return this.monitorStart(connection, args, confirm);
                case '_RR':
                    return this.resync(connection, invokeText, args[0] ?? '', confirm);
                case '_MC': {
                    const callId = this.pbx.makeCall(args[0], args[1], args[4] || undefined);
                    return confirm(SIM_OUTCOME.ok, [callId, args[0]]);
                }
                case '_AC':
                    this.pbx.answer(args[0], args[1]);
                    return confirm(SIM_OUTCOME.ok);
                case '_HC':
                    this.pbx.hold(args[0], args[1]);
                    return confirm(SIM_OUTCOME.ok);
                case '_RV':
                    this.pbx.retrieve(args[0], args[1]);
                    return confirm(SIM_OUTCOME.ok);
                case '_CC':
                    this.pbx.clearCall(args[0], args[1]);
                    return confirm(SIM_OUTCOME.ok);
                case '_CX':
                    this.pbx.clearConnection(args[0], args[1], args[2] === '1');
                    return confirm(SIM_OUTCOME.ok);
                case '_TO': {
                    const destination = this.pbx.transferOneStep(args[0], args[1], args[2]);
                    return confirm(SIM_OUTCOME.ok, [args[1], destination]);
                }
                case '_TR': {
                    const { destination } = this.pbx.transfer(args[0], args[1], args[2]);
                    return confirm(SIM_OUTCOME.ok, [args[1], destination]);
                }
                case '_EF':
                    // <Call_ID> may be blank; the extension and the feature may not.
                    if (!args[0] || !args[2]) return confirm(SIM_OUTCOME.invalidParameter);
                    this.pbx.extensionFeature(args[0], args[2]);
                    return confirm(SIM_OUTCOME.ok);
                default:
                    return confirm(SIM_OUTCOME.invalidParameter);
            }
        } catch (error) {
            if (error instanceof PbxCommandError) return confirm(error.outcome);
            throw error;
        }
    }

    private monitorStart(
        connection: Connection,
        args: string[],
        confirm: (outcome: number, rest?: Field[]) => void
    ): void {
        const [device = '', typeText = '', ...filters] = args;
        const type = Number(typeText);
        if (!this.pbx.hasDevice(device)) return confirm(SIM_OUTCOME.invalidDevice);
        if (type !== MONITOR_TYPE.device && type !== MONITOR_TYPE.callsViaDevice)
            return confirm(SIM_OUTCOME.invalidParameter);
        const existing = connection.monitors.get(device);
        const monitor = existing ?? {
            crossRefId: String(this.nextCrossRef++).padStart(3, '0'),
            device,
            type
        };
        connection.monitors.set(device, monitor);
        confirm(SIM_OUTCOME.ok, ['0001', monitor.crossRefId, device, ...filters]);
    }

    private resync(
        connection: Connection,
        invokeId: string,
        extension: string,
        confirm: (outcome: number) => void
    ): void {
        const monitors = [...connection.monitors.values()].filter(
            (monitor) => !extension || monitor.device === extension
        );
        if (extension && monitors.length === 0) return confirm(SIM_OUTCOME.invalidDevice);
        confirm(SIM_OUTCOME.ok);
        const send = () => {
            for (const monitor of monitors) {
                for (const event of this.pbx.resyncEvents(monitor.device)) {
                    this.write(connection, [event.code, invokeId, monitor.crossRefId, ...event.fields]);
                }
            }
            this.write(connection, ['RD', invokeId, extension]);
        };
        // The resync follows its confirmation, also when that is delayed.
        if (this.faults.confirmationDelayMs > 0) setTimeout(send, this.faults.confirmationDelayMs);
        else send();
    }

    private confirm(connection: Connection, fields: Field[]): void {
        if (this.faults.swallowConfirmations > 0) {
            this.faults.swallowConfirmations--;
            return;
        }
        if (this.faults.confirmationDelayMs > 0) {
            setTimeout(() => this.write(connection, ['CF', ...fields]), this.faults.confirmationDelayMs);
        } else {
            this.write(connection, ['CF', ...fields]);
        }
    }

    private deliver(event: PbxEvent): void {
        for (const connection of this.connections) {
            const monitor = connection.monitors.get(event.device);
            if (!monitor) continue;
            // A device monitor never reports Call Cleared; a calls-via-device monitor does.
            if (event.code === 'CC' && monitor.type !== MONITOR_TYPE.callsViaDevice) continue;
            this.write(connection, [event.code, '', this.crossRefFor(event, monitor), ...event.fields]);
        }
    }

    private crossRefFor(event: PbxEvent, monitor: Monitor): string {
        if (!this.faults.firstMonitorRule || event.code === 'DND' || event.code === 'OL')
            return monitor.crossRefId;
        const callId = String(event.fields[0]);
        const first = this.firstMonitorOf.get(callId);
        if (first !== undefined) return first;
        this.firstMonitorOf.set(callId, monitor.crossRefId);
        if (this.firstMonitorOf.size > FIRST_MONITOR_CALLS)
            this.firstMonitorOf.delete(this.firstMonitorOf.keys().next().value!);
        return monitor.crossRefId;
    }

    private sendResyncResponse(connection: Connection, resyncCode: string): void {
        const now = new Date();
        const pad = (value: number) => String(value).padStart(2, '0');
        const time = `${pad(now.getHours())}:${pad(now.getMinutes())}`;
        const date = `${pad(now.getMonth() + 1)}${pad(now.getDate())}${pad(now.getFullYear() % 100)}`;
        this.write(connection, [
            'RS',
            resyncCode,
            time,
            date,
            'V10.20',
            'V6.0.11.113',
            '3',
            '1',
            '0',
            '1',
            '1'
        ]);
    }

    /** Without a command in time the PBX cancels the monitors and sends a Resync Response. */
    private armKeepAlive(connection: Connection): void {
        clearTimeout(connection.keepAliveTimer);
        connection.keepAliveTimer = setTimeout(() => {
            connection.monitors.clear();
            this.sendResyncResponse(connection, '0');
            this.armKeepAlive(connection);
        }, this.keepAliveTimeoutMs);
        connection.keepAliveTimer.unref();
    }

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
