// The event channels open now, each with the session it belongs to, indexed by session and by user so
// that sending an event costs the same however many channels are open. A channel whose client does
// not read what it is sent (its backlog past `backlogBytes`) is closed with 4010 instead of buffering
// without bound, and cut a few seconds later if it does not read its close frame either.
import type { WebSocket } from 'ws';
import { CLOSE_CODE } from '../core/suite/closeCodes';
import type { Session } from './sessions';

/** How long a channel closed for not reading has to read its close frame before it is cut. */
const CUT_AFTER_MS = 5000;

export class ChannelRegistry {
    private readonly owners = new Map<WebSocket, Session>();
    private readonly bySession = new Map<Session, Set<WebSocket>>();
    private readonly perUser = new Map<string, number>();
    private readonly limits: () => { backlogBytes: number };
    /** Called for a channel closed because its client did not read (for the log). */
    onNotReading: (socket: WebSocket, session: Session) => void = () => undefined;

    constructor(limits: () => { backlogBytes: number } = () => ({ backlogBytes: Infinity })) {
        this.limits = limits;
    }

    add(socket: WebSocket, session: Session): void {
        this.owners.set(socket, session);
        const sockets = this.bySession.get(session);
        if (sockets) sockets.add(socket);
        else this.bySession.set(session, new Set([socket]));
        this.perUser.set(session.email, (this.perUser.get(session.email) ?? 0) + 1);
    }

    delete(socket: WebSocket): void {
        const session = this.owners.get(socket);
        if (!session) return;
        this.owners.delete(socket);
        const sockets = this.bySession.get(session);
        sockets?.delete(socket);
        if (sockets?.size === 0) this.bySession.delete(session);
        const count = (this.perUser.get(session.email) ?? 1) - 1;
        if (count > 0) this.perUser.set(session.email, count);
        else this.perUser.delete(session.email);
    }

    entries(): [WebSocket, Session][] {
        return [...this.owners];
    }

    /** Channels open now (not closing). */
    openCount(): number {
        return [...this.owners.keys()].filter((socket) => socket.readyState === socket.OPEN).length;
    }

    /** Channels of one user, whichever session they belong to. */
    countFor(email: string): number {
        return this.perUser.get(email) ?? 0;
    }

    /** Whether the session has a channel (open or closing). */
    has(session: Session): boolean {
        return this.bySession.has(session);
    }

    /** Sends on an open channel; a closing one is skipped (its client resumes or resyncs). */
    send(socket: WebSocket, frame: unknown): void {
        if (socket.readyState !== socket.OPEN) return;
        if (socket.bufferedAmount > this.limits().backlogBytes) {
            this.closeNotReading(socket);
            return;
        }
        socket.send(typeof frame === 'string' ? frame : JSON.stringify(frame));
    }

    sendToSession(session: Session, frame: unknown): void {
        const sockets = this.bySession.get(session);
        if (!sockets) return;
        const text = JSON.stringify(frame);
        for (const socket of sockets) this.send(socket, text);
    }

    /** Closes the session's channels with `code`. */
    closeSession(session: Session, code: number, reason: string): void {
        for (const socket of [...(this.bySession.get(session) ?? [])]) socket.close(code, reason);
    }

    /** Closes the channels of the sessions `refused` picks with `code`. */
    closeWhere(refused: (session: Session) => boolean, code: number, reason: string): void {
        for (const [socket, owner] of this.owners) if (refused(owner)) socket.close(code, reason);
    }

    /** Closes every channel with `code`, or cuts it (no closing handshake) without one. */
    closeAll(code?: number, reason = 'closing'): void {
        for (const socket of this.owners.keys()) {
            if (code) socket.close(code, reason);
            else socket.terminate();
        }
    }

    private closeNotReading(socket: WebSocket): void {
        const session = this.owners.get(socket);
        socket.close(CLOSE_CODE.notReading, 'not reading');
        setTimeout(() => socket.terminate(), CUT_AFTER_MS).unref();
        if (session) this.onNotReading(socket, session);
    }
}
