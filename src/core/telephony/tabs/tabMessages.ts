// What the agent's tabs say to each other over the tab channel, and the schema every message is read
// with. Any script of the page's origin can post on the channel, so nothing from it is used as it
// arrived: only known kinds, calls read with the Suite's own call parser, known error codes, bounded
// text and lists, and the arguments each command takes.
import { parseCall } from '../../suite/wire';
import { SuiteError, isSuiteErrorCode } from '../../suite/errors';
import type {
    ConnectionStatus,
    LogClaimOutcome,
    SuiteCall,
    SuiteCommands,
    SuiteErrorCode,
    SuiteUser
} from '../../suite/types';

export interface WireError {
    code: SuiteErrorCode;
    params: Record<string, string>;
    status?: number;
    message: string;
}

export type WireConnection = ConnectionStatus<WireError>;

/** An error as it crosses the tab channel. */
export const toWireError = (error: unknown): WireError =>
    error instanceof SuiteError
        ? { code: error.code, params: error.params, status: error.status, message: error.message }
        : {
              code: 'suiteError',
              params: { detail: String(error instanceof Error ? error.message : error) },
              message: String(error)
          };

/** An error that crossed the tab channel, as the SuiteError it was. */
export function fromWireError(wire: WireError): SuiteError {
    const detail = wire.message.startsWith(`${wire.code}: `)
        ? wire.message.slice(wire.code.length + 2)
        : undefined;
    return new SuiteError(wire.code, wire.params, { status: wire.status, detail });
}

/** The same status with its error in another form: plain between tabs, a SuiteError in a tab. */
export function withErrorAs<From, To>(
    connection: ConnectionStatus<From>,
    convert: (error: From) => To
): ConnectionStatus<To> {
    switch (connection.state) {
        case 'reconnecting':
            return {
                ...connection,
                lastError: connection.lastError ? convert(connection.lastError) : undefined
            };
        case 'failed':
            return { state: 'failed', error: convert(connection.error) };
        default:
            return connection;
    }
}

export interface WireState {
    connection: WireConnection;
    user?: SuiteUser;
    calls: SuiteCall[];
    dnd: boolean;
    pbx: boolean;
}

/**
 * What each argument of a command is: the id of a call (the leader runs the command only on a call it
 * holds live), a dial string (the leader normalises it again), or a flag.
 */
export type CommandArg = 'callId' | 'dial' | 'flag';

type ArgValue<Arg extends CommandArg> = Arg extends 'flag' ? boolean : string;
type ArgValues<Args extends readonly CommandArg[]> = { -readonly [I in keyof Args]: ArgValue<Args[I]> };

/**
 * The one command table: the follower's proxy, the leader's checks and the message schema are all
 * made from it. The build fails if it does not match the client's commands (`SuiteCommands`).
 */
export const COMMAND_ARGS = {
    makeCall: ['dial'],
    answer: ['callId'],
    hold: ['callId'],
    retrieve: ['callId'],
    clear: ['callId'],
    blindTransfer: ['callId', 'dial'],
    consult: ['callId', 'dial'],
    completeTransfer: ['callId', 'callId'],
    setDnd: ['flag']
} as const satisfies { [Name in keyof SuiteCommands]: readonly CommandArg[] };

export type CommandName = keyof typeof COMMAND_ARGS;

/** The commands as the table describes them. */
type TableCommands = {
    [Name in CommandName]: (...args: ArgValues<(typeof COMMAND_ARGS)[Name]>) => Promise<void>;
};
/** Compiles only while the table and the client's commands agree, both ways. */
const tableMatchesClient: [TableCommands, SuiteCommands] extends [SuiteCommands, TableCommands]
    ? true
    : never = true;
void tableMatchesClient;

export const COMMANDS = Object.keys(COMMAND_ARGS) as CommandName[];

/** What the leading tab broadcasts. */
export type LeaderMessage =
    | ({ kind: 'state'; to?: string } & WireState)
    | { kind: 'call'; call: SuiteCall }
    | { kind: 'snapshot'; calls: SuiteCall[] }
    | { kind: 'reply'; id: number; to: string; error?: WireError }
    | { kind: 'claimed'; id: number; to: string; outcome: LogClaimOutcome };

/** What the other tabs ask the leading tab. */
export type FollowerMessage =
    | { kind: 'hello'; from: string }
    | { kind: 'retry' }
    | { kind: 'command'; id: number; from: string; name: CommandName; args: unknown[] }
    /** Claims the logging of a call for this browser (the leader sends its own claimant name). */
    | { kind: 'claim'; id: number; from: string; callId: string };

export type TabMessage = LeaderMessage | FollowerMessage;

/** More live calls than any desk phone has; a longer list is not the leader's. */
export const MAX_CALLS = 50;
const MAX_PARAMS = 8;
const TAB_ID = /^[a-z0-9]{1,16}$/;
const PARAM_NAME = /^[A-Za-z]{1,32}$/;

type Raw = Record<string, unknown>;

const isRecord = (value: unknown): value is Raw =>
    typeof value === 'object' && value !== null && !Array.isArray(value);

const boundedText = (value: unknown, max: number): string | undefined =>
    typeof value === 'string' && value.length <= max ? value : undefined;

const finite = (value: unknown): number | undefined =>
    typeof value === 'number' && Number.isFinite(value) ? value : undefined;

const commandId = (value: unknown): number | undefined =>
    Number.isSafeInteger(value) && (value as number) > 0 ? (value as number) : undefined;

const tabId = (value: unknown): string | undefined =>
    typeof value === 'string' && TAB_ID.test(value) ? value : undefined;

const callId = (value: unknown): string | undefined =>
    typeof value === 'string' && value.length > 0 && value.length <= 128 ? value : undefined;

const CLAIM_OUTCOMES: readonly LogClaimOutcome[] = [
    'won',
    'wonUncertain',
    'lost',
    'unsupported',
    'unknownCall',
    'failed'
];
const claimOutcome = (value: unknown): LogClaimOutcome | undefined =>
    CLAIM_OUTCOMES.find((outcome) => outcome === value);

/** How each kind of argument is read; a dial string is taken as sent, the leader normalises it again. */
const ARG_READERS: { [Arg in CommandArg]: (value: unknown) => ArgValue<Arg> | undefined } = {
    callId,
    dial: (value) => boundedText(value, 64),
    flag: (value) => (typeof value === 'boolean' ? value : undefined)
};

function parseCalls(value: unknown): SuiteCall[] | undefined {
    if (!Array.isArray(value) || value.length > MAX_CALLS) return undefined;
    return value.map(parseCall).filter((call): call is SuiteCall => !!call);
}

export function parseWireError(value: unknown): WireError | undefined {
    if (!isRecord(value)) return undefined;
    const code = value.code;
    if (!isSuiteErrorCode(code)) return undefined;
    const message = boundedText(value.message, 512);
    if (message === undefined) return undefined;
    const params: Record<string, string> = {};
    if (isRecord(value.params)) {
        for (const [name, text] of Object.entries(value.params).slice(0, MAX_PARAMS)) {
            if (PARAM_NAME.test(name) && typeof text === 'string') params[name] = text.slice(0, 256);
        }
    }
    const status = finite(value.status);
    return { code, params, status, message };
}

function parseConnection(value: unknown): WireConnection | undefined {
    if (!isRecord(value)) return undefined;
    switch (value.state) {
        case 'connecting':
        case 'open':
            return { state: value.state };
        case 'reconnecting': {
            const attempt = finite(value.attempt);
            const nextAttemptAt = finite(value.nextAttemptAt);
            if (attempt === undefined || nextAttemptAt === undefined) return undefined;
            const lastError = value.lastError === undefined ? undefined : parseWireError(value.lastError);
            if (value.lastError !== undefined && !lastError) return undefined;
            return { state: 'reconnecting', attempt, nextAttemptAt, lastError };
        }
        case 'failed': {
            const error = parseWireError(value.error);
            return error && { state: 'failed', error };
        }
        default:
            return undefined;
    }
}

function parseUser(value: unknown): SuiteUser | undefined {
    if (!isRecord(value)) return undefined;
    const email = boundedText(value.email, 254);
    const displayName = boundedText(value.displayName, 256);
    const primaryExtension = boundedText(value.primaryExtension, 32);
    if (email === undefined || displayName === undefined || primaryExtension === undefined) return undefined;
    return { email, displayName, primaryExtension };
}

function parseCommandArgs(name: CommandName, args: unknown[]): unknown[] | undefined {
    const kinds: readonly CommandArg[] = COMMAND_ARGS[name];
    if (args.length !== kinds.length) return undefined;
    const values = kinds.map((kind, index) => ARG_READERS[kind](args[index]));
    return values.every((value) => value !== undefined) ? values : undefined;
}

/** A message the leading tab may have sent, or undefined. */
export function parseLeaderMessage(data: unknown): LeaderMessage | undefined {
    if (!isRecord(data)) return undefined;
    switch (data.kind) {
        case 'state': {
            const to = data.to === undefined ? undefined : tabId(data.to);
            if (data.to !== undefined && to === undefined) return undefined;
            const connection = parseConnection(data.connection);
            const calls = parseCalls(data.calls);
            const user = data.user === undefined ? undefined : parseUser(data.user);
            if (!connection || !calls || (data.user !== undefined && !user)) return undefined;
            if (typeof data.dnd !== 'boolean' || typeof data.pbx !== 'boolean') return undefined;
            return { kind: 'state', to, connection, user, calls, dnd: data.dnd, pbx: data.pbx };
        }
        case 'call': {
            const call = parseCall(data.call);
            return call && { kind: 'call', call };
        }
        case 'snapshot': {
            const calls = parseCalls(data.calls);
            return calls && { kind: 'snapshot', calls };
        }
        case 'reply': {
            const id = commandId(data.id);
            const to = tabId(data.to);
            const error = data.error === undefined ? undefined : parseWireError(data.error);
            if (id === undefined || to === undefined || (data.error !== undefined && !error))
                return undefined;
            return { kind: 'reply', id, to, error };
        }
        case 'claimed': {
            const id = commandId(data.id);
            const to = tabId(data.to);
            const outcome = claimOutcome(data.outcome);
            if (id === undefined || to === undefined || !outcome) return undefined;
            return { kind: 'claimed', id, to, outcome };
        }
        default:
            return undefined;
    }
}

/** A message another tab may have sent to the leading tab, or undefined. */
export function parseFollowerMessage(data: unknown): FollowerMessage | undefined {
    if (!isRecord(data)) return undefined;
    switch (data.kind) {
        case 'hello': {
            const from = tabId(data.from);
            return from === undefined ? undefined : { kind: 'hello', from };
        }
        case 'retry':
            return { kind: 'retry' };
        case 'command': {
            const id = commandId(data.id);
            const from = tabId(data.from);
            const name = COMMANDS.find((command) => command === data.name);
            const args = Array.isArray(data.args) && name ? parseCommandArgs(name, data.args) : undefined;
            if (id === undefined || from === undefined || !name || !args) return undefined;
            return { kind: 'command', id, from, name, args };
        }
        case 'claim': {
            const id = commandId(data.id);
            const from = tabId(data.from);
            const call = callId(data.callId);
            if (id === undefined || from === undefined || call === undefined) return undefined;
            return { kind: 'claim', id, from, callId: call };
        }
        default:
            return undefined;
    }
}
