// The event channels open now, each with the session it belongs to.
import type { WebSocket } from 'ws';
import type { Session } from './sessions';

export class ChannelRegistry {
    private readonly owners = new Map<WebSocket, Session>();

    add(socket: WebSocket, session: Session): void {
        this.owners.set(socket, session);
    }

    delete(socket: WebSocket): void {
        this.owners.delete(socket);
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
        return [...this.owners.values()].filter((owner) => owner.email === email).length;
    }

    /** Sends on an open channel; a closing one is skipped (its client resumes or resyncs). */
    send(socket: WebSocket, frame: unknown): void {
        if (socket.readyState === socket.OPEN)
            socket.send(typeof frame === 'string' ? frame : JSON.stringify(frame));
    }

    sendToSession(session: Session, frame: unknown): void {
        const text = JSON.stringify(frame);
        for (const [socket, owner] of this.owners) if (owner === session) this.send(socket, text);
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
}
