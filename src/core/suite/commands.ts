// What an agent asks of the phone system, as contract v1 requests (docs/suite-api.md). A command
// another tab or the desk phone already carried out is no failure; one refused for an expired
// session (the server checks the token before it acts) is sent again, once, when a new session is open.
import { SuiteError } from './errors';
import type { SuiteCall, SuiteCommands, SuiteConnection } from './types';

/** How long a command refused for an expired session waits for the new session before failing. */
const COMMAND_RENEWAL_WAIT_MS = 5_000;

/** What the commands need of the client that sends them. */
export interface CommandChannel {
    request(method: string, path: string, body: unknown): Promise<unknown>;
    /** The live calls as last reported, and DND: whether a refused command's goal is reached. */
    readonly calls: ReadonlyMap<string, SuiteCall>;
    dndEnabled(): boolean;
    /** Follows the connection; the function returned stops following it. */
    onConnection(listener: (status: SuiteConnection) => void): () => void;
    /** The session was refused as expired: it is dropped and a new one opened. */
    dropSession(): void;
}

/** The commands, each a function of its own (a client takes them in as they are). */
export function suiteCommands(channel: CommandChannel): SuiteCommands {
    const state = (callId: string) => channel.calls.get(callId)?.state;
    const send = async (
        path: string,
        body: unknown,
        goalReached?: () => boolean,
        method = 'POST',
        renewed = false
    ): Promise<void> => {
        try {
            await channel.request(method, path, body);
        } catch (error) {
            // Two tabs (or the desk phone) raced us to the same goal: that is not a failure.
            if (error instanceof SuiteError && error.code === 'invalidState' && goalReached?.()) return;
            if (error instanceof SuiteError && error.code === 'sessionExpired') {
                // The server checks the token before it acts, so the command did nothing: once a new
                // session is open (the server restarted, the token lapsed), it is sent again, once.
                const reopened = renewed ? undefined : nextOpen(channel, COMMAND_RENEWAL_WAIT_MS);
                channel.dropSession();
                if (reopened && (await reopened)) return send(path, body, goalReached, method, true);
            }
            throw error;
        }
    };
    return {
        makeCall: (to) => send('/api/v1/calls', { to }),
        answer: (callId) => send(callPath(callId, 'answer'), {}, () => state(callId) === 'connected'),
        hold: (callId) => send(callPath(callId, 'hold'), {}, () => state(callId) === 'held'),
        retrieve: (callId) => send(callPath(callId, 'retrieve'), {}, () => state(callId) === 'connected'),
        clear: (callId) => send(callPath(callId, 'clear'), {}, () => !channel.calls.has(callId)),
        blindTransfer: (callId, to) => send(callPath(callId, 'transfer'), { mode: 'blind', to }),
        consult: (callId, to) => send(callPath(callId, 'consult'), { to }),
        completeTransfer: (callId, consultCallId) =>
            send(callPath(callId, 'transfer'), { mode: 'attended', consultCallId }),
        setDnd: (enabled) =>
            send('/api/v1/users/me/dnd', { enabled }, () => channel.dndEnabled() === enabled, 'PUT')
    };
}

const callPath = (callId: string, action: string) => `/api/v1/calls/${encodeURIComponent(callId)}/${action}`;

/** Resolves true when the connection next opens, false when it fails or `timeoutMs` passes first. */
function nextOpen(channel: CommandChannel, timeoutMs: number): Promise<boolean> {
    return new Promise((resolve) => {
        const done = (opened: boolean) => {
            clearTimeout(timer);
            stopListening();
            resolve(opened);
        };
        const timer = setTimeout(() => done(false), timeoutMs);
        const stopListening = channel.onConnection((status) => {
            if (status.state === 'open') done(true);
            else if (status.state === 'failed') done(false);
        });
    });
}
