// Contract v1 sessions: a token per sign-in, a strictly increasing event sequence per session, and
// the recent events kept for a resume (the last 500, or the resume window, whichever is less).
import { randomBytes } from 'node:crypto';
import { ContractError } from './errors';

export interface EventFrame {
    type: 'event';
    event: string;
    seq: number;
    id: string;
    timestamp: string;
    data: unknown;
}

export interface Session {
    sessionId: string;
    token: string;
    email: string;
    extension: string;
    expiresAt: number;
    seq: number;
    buffer: { at: number; frame: EventFrame }[];
}

const BUFFER_EVENTS = 500;
const id = (prefix: string) => `${prefix}_${randomBytes(8).toString('hex')}`;

export class SessionStore {
    private readonly byToken = new Map<string, Session>();
    /** Called for each event added to a session, to send it on the session's channels. */
    onEvent: (session: Session, frame: EventFrame) => void = () => undefined;

    private readonly settings: { tokenTtlSec: number; resumeWindowSec: number };
    private readonly now: () => number;

    constructor(settings: { tokenTtlSec: number; resumeWindowSec: number }, now: () => number = Date.now) {
        this.settings = settings;
        this.now = now;
    }

    get size(): number {
        return this.byToken.size;
    }

    all(): Session[] {
        return [...this.byToken.values()];
    }

    open(email: string, extension: string): Session {
        const session: Session = {
            sessionId: id('s'),
            token: `tok_${randomBytes(32).toString('base64url')}`,
            email,
            extension,
            expiresAt: this.now() + this.settings.tokenTtlSec * 1000,
            seq: 0,
            buffer: []
        };
        this.byToken.set(session.token, session);
        return session;
    }

    /** The session of a bearer token, or `token_invalid` / `token_expired`. */
    find(token: string | undefined): Session {
        const session = token ? this.byToken.get(token) : undefined;
        if (!session) throw new ContractError(401, 'token_invalid', 'The token is not valid');
        if (session.expiresAt <= this.now()) {
            this.byToken.delete(session.token);
            throw new ContractError(401, 'token_expired', 'The token has expired');
        }
        return session;
    }

    close(session: Session): void {
        this.byToken.delete(session.token);
    }

    /** Ends sessions the check refuses (the directory withdrew the user); returns them. */
    closeWhere(refused: (session: Session) => boolean): Session[] {
        const closed = this.all().filter(refused);
        for (const session of closed) this.byToken.delete(session.token);
        return closed;
    }

    /** Every session ends at once (a restart of the service). */
    clear(): void {
        this.byToken.clear();
    }

    /** The emails with a session now. */
    emails(): Set<string> {
        return new Set(this.all().map((session) => session.email));
    }

    emitToExtension(extension: string, event: string, data: unknown): void {
        for (const session of this.byToken.values())
            if (session.extension === extension) this.emit(session, event, data);
    }

    emitToAll(event: string, data: unknown): void {
        for (const session of this.byToken.values()) this.emit(session, event, data);
    }

    emit(session: Session, event: string, data: unknown): void {
        session.seq++;
        const now = this.now();
        const frame: EventFrame = {
            type: 'event',
            event,
            seq: session.seq,
            id: id('ev'),
            timestamp: new Date(now).toISOString(),
            data
        };
        session.buffer.push({ at: now, frame });
        const cutoff = now - this.settings.resumeWindowSec * 1000;
        while (session.buffer.length > BUFFER_EVENTS || (session.buffer[0] && session.buffer[0].at < cutoff))
            session.buffer.shift();
        this.onEvent(session, frame);
    }

    /**
     * The events after `lastSeq`, or undefined when they are no longer all held: older than the resume
     * window, pushed out of the last 500, or a `lastSeq` this session never sent (below 0, above `seq`).
     */
    replay(session: Session, lastSeq: number): EventFrame[] | undefined {
        if (lastSeq === session.seq) return [];
        if (lastSeq > session.seq || lastSeq < 0) return undefined;
        const cutoff = this.now() - this.settings.resumeWindowSec * 1000;
        const held = session.buffer.filter((entry) => entry.at >= cutoff);
        const first = held[0]?.frame.seq;
        if (first === undefined || first > lastSeq + 1) return undefined;
        return held.filter((entry) => entry.frame.seq > lastSeq).map((entry) => entry.frame);
    }
}
