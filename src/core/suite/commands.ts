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

/** The commands as functions of their own, for a client to take in. */
export function suiteCommands(channel: CommandChannel): SuiteCommands {
    const sender = new SuiteCommandSender(channel);
    return {
        makeCall: (to) => sender.makeCall(to),
        answer: (callId) => sender.answer(callId),
        hold: (callId) => sender.hold(callId),
        retrieve: (callId) => sender.retrieve(callId),
        clear: (callId) => sender.clear(callId),
        blindTransfer: (callId, to) => sender.blindTransfer(callId, to),
        consult: (callId, to) => sender.consult(callId, to),
        completeTransfer: (callId, consultCallId) => sender.completeTransfer(callId, consultCallId),
        setDnd: (enabled) => sender.setDnd(enabled)
    };
}

const callPath = (callId: string, action: string) => `/api/v1/calls/${encodeURIComponent(callId)}/${action}`;

class SuiteCommandSender implements SuiteCommands {
    readonly #channel: CommandChannel;

    constructor(channel: CommandChannel) {
        this.#channel = channel;
    }

    makeCall(to: string): Promise<void> {
        return this.#send('/api/v1/calls', { to });
    }

    answer(callId: string): Promise<void> {
        return this.#send(callPath(callId, 'answer'), {}, () => this.#state(callId) === 'connected');
    }

    hold(callId: string): Promise<void> {
        return this.#send(callPath(callId, 'hold'), {}, () => this.#state(callId) === 'held');
    }

    retrieve(callId: string): Promise<void> {
        return this.#send(callPath(callId, 'retrieve'), {}, () => this.#state(callId) === 'connected');
    }

    clear(callId: string): Promise<void> {
        return this.#send(callPath(callId, 'clear'), {}, () => !this.#channel.calls.has(callId));
    }

    blindTransfer(callId: string, to: string): Promise<void> {
        return this.#send(callPath(callId, 'transfer'), { mode: 'blind', to });
    }

    consult(callId: string, to: string): Promise<void> {
        return this.#send(callPath(callId, 'consult'), { to });
    }

    completeTransfer(callId: string, consultCallId: string): Promise<void> {
        return this.#send(callPath(callId, 'transfer'), { mode: 'attended', consultCallId });
    }

    setDnd(enabled: boolean): Promise<void> {
        return this.#send(
            '/api/v1/users/me/dnd',
            { enabled },
            () => this.#channel.dndEnabled() === enabled,
            'PUT'
        );
    }

    #state(callId: string): SuiteCall['state'] | undefined {
        return this.#channel.calls.get(callId)?.state;
    }

    async #send(
        path: string,
        body: unknown,
        goalReached?: () => boolean,
        method = 'POST',
        renewed = false
    ): Promise<void> {
        try {
            await this.#channel.request(method, path, body);
        } catch (error) {
            // Two tabs (or the desk phone) raced us to the same goal: that is not a failure.
            if (error instanceof SuiteError && error.code === 'invalidState' && goalReached?.()) return;
            if (error instanceof SuiteError && error.code === 'sessionExpired') {
                // The server checks the token before it acts, so the command did nothing: once a new
                // session is open (the server restarted, the token lapsed), it is sent again, once.
                const reopened = renewed ? undefined : this.#nextOpen(COMMAND_RENEWAL_WAIT_MS);
                this.#channel.dropSession();
                if (reopened && (await reopened)) return this.#send(path, body, goalReached, method, true);
            }
            throw error;
        }
    }

    /** Resolves true when the connection next opens, false when it fails or `timeoutMs` passes first. */
    #nextOpen(timeoutMs: number): Promise<boolean> {
        return new Promise((resolve) => {
            const done = (opened: boolean) => {
                clearTimeout(timer);
                stopListening();
                resolve(opened);
            };
            const timer = setTimeout(() => done(false), timeoutMs);
            const stopListening = this.#channel.onConnection((status) => {
                if (status.state === 'open') done(true);
                else if (status.state === 'failed') done(false);
            });
        });
    }
}
