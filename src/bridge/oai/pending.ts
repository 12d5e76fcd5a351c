// Commands waiting for their confirmation (matched by invoke id and command code, docs/oai-protocol.md
// "Confirmations"), and commands held back while a resync runs: the manual asks applications to send
// nothing until Resync Ended, and a CT Gateway queues what they send meanwhile (Issue 9.0, RR).
import { nextInvokeId, type OaiCommand } from './commands';
import type { OaiConfirmation } from './events';

export type OaiCommandFailure = 'notReady' | 'timeout' | 'rejected' | 'linkLost' | 'unsupported';

export class OaiCommandError extends Error {
    readonly reason: OaiCommandFailure;
    readonly command: string;
    /** The PBX's outcome code, for `rejected` (./outcomes.ts). */
    readonly outcome?: number;

    constructor(reason: OaiCommandFailure, command: string, outcome?: number, detail?: string) {
        super(
            `${command} ${reason}${outcome === undefined ? '' : ` (outcome ${outcome})`}${detail ? `: ${detail}` : ''}`
        );
        this.name = 'OaiCommandError';
        this.reason = reason;
        this.command = command;
        this.outcome = outcome;
    }
}

interface Waiting {
    code: string;
    resolve: (confirmation: OaiConfirmation) => void;
    reject: (error: OaiCommandError) => void;
    timer: NodeJS.Timeout;
    sentAt: number;
}

export class PendingConfirmations {
    private readonly waiting = new Map<number, Waiting>();
    private lastInvokeId = 0;

    has(invokeId: number): boolean {
        return this.waiting.has(invokeId);
    }

    /** The next invoke id that no command is waiting on. */
    nextInvokeId(): number {
        this.lastInvokeId = nextInvokeId(this.lastInvokeId, (invokeId) => this.has(invokeId));
        return this.lastInvokeId;
    }

    /** Waits for the confirmation of `code` with `invokeId`; `onTimeout` runs if none comes in time. */
    expect(
        invokeId: number,
        code: string,
        timeoutMs: number,
        onTimeout: () => void
    ): Promise<OaiConfirmation> {
        return new Promise((resolve, reject) => {
            const timer = setTimeout(() => {
                this.waiting.delete(invokeId);
                onTimeout();
                reject(new OaiCommandError('timeout', code));
            }, timeoutMs);
            this.waiting.set(invokeId, { code, resolve, reject, timer, sentAt: performance.now() });
        });
    }

    /**
     * Settles the command a confirmation answers and says how long it took (ms); undefined if none
     * waits for it (it came too late).
     */
    settle(confirmation: OaiConfirmation): number | undefined {
        const waiting = this.waiting.get(confirmation.invokeId);
        if (!waiting || waiting.code !== confirmation.command) return undefined;
        this.waiting.delete(confirmation.invokeId);
        clearTimeout(waiting.timer);
        if (confirmation.outcome === 0) waiting.resolve(confirmation);
        else waiting.reject(new OaiCommandError('rejected', confirmation.command, confirmation.outcome));
        return performance.now() - waiting.sentAt;
    }

    failAll(reason: OaiCommandFailure): void {
        for (const [invokeId, waiting] of this.waiting) {
            clearTimeout(waiting.timer);
            this.waiting.delete(invokeId);
            waiting.reject(new OaiCommandError(reason, waiting.code));
        }
    }
}

interface Held {
    command: OaiCommand;
    resolve: (confirmation: OaiConfirmation) => void;
    reject: (error: OaiCommandError) => void;
    timer: NodeJS.Timeout;
}

/** Commands sent while a resync runs: they go out, in order, once it has ended, or fail after `holdMs`. */
export class HeldCommands {
    private readonly held: Held[] = [];

    hold(command: OaiCommand, holdMs: number): Promise<OaiConfirmation> {
        return new Promise((resolve, reject) => {
            const entry: Held = {
                command,
                resolve,
                reject,
                timer: setTimeout(() => {
                    this.held.splice(this.held.indexOf(entry), 1);
                    reject(
                        new OaiCommandError(
                            'notReady',
                            command.code,
                            undefined,
                            'a resync did not end in time'
                        )
                    );
                }, holdMs)
            };
            this.held.push(entry);
        });
    }

    get size(): number {
        return this.held.length;
    }

    release(send: (command: OaiCommand) => Promise<OaiConfirmation>): void {
        for (const entry of this.held.splice(0)) {
            clearTimeout(entry.timer);
            send(entry.command).then(entry.resolve, entry.reject);
        }
    }

    failAll(reason: OaiCommandFailure): void {
        for (const entry of this.held.splice(0)) {
            clearTimeout(entry.timer);
            entry.reject(new OaiCommandError(reason, entry.command.code));
        }
    }
}
