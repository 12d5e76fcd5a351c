// Contract v1 sessions: a token per sign-in, a strictly increasing event sequence per session, and
// the recent events kept for a resume (the last 500, or the resume window, whichever is less). Kept by
// token, and indexed by extension (an event goes to that extension's sessions only) and by user (the
// per-user cap), so neither an event nor a sign-in costs more with more sessions open.
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

/** Who opened a session, for the log: the client's address and how it signed in. */
export interface SessionOpener {
    address: string;
    auth: string;
}

export interface Session {
    sessionId: string;
    token: string;
    email: string;
    extension: string;
    expiresAt: number;
    seq: number;
    buffer: { at: number; frame: EventFrame }[];
    openedAt: number;
    /** The last time a request used it or one of its channels closed (idle time counts from there). */
    lastActiveAt: number;
    opener: SessionOpener;
}

/** Why a session ended. */
export type SessionEnd = 'signedOut' | 'expired' | 'idle' | 'replaced' | 'withdrawn' | 'cleared';

const BUFFER_EVENTS = 500;
const id = (prefix: string) => `${prefix}_${randomBytes(8).toString('hex')}`;
const UNKNOWN_OPENER: SessionOpener = { address: 'unknown', auth: 'unknown' };

function addTo<K, V>(index: Map<K, Set<V>>, key: K, value: V): void {
    const values = index.get(key);
    if (values) values.add(value);
    else index.set(key, new Set([value]));
}

function removeFrom<K, V>(index: Map<K, Set<V>>, key: K, value: V): void {
    const values = index.get(key);
    values?.delete(value);
    if (values?.size === 0) index.delete(key);
}

export class SessionStore {
    private readonly byToken = new Map<string, Session>();
    private readonly byExtension = new Map<string, Set<Session>>();
    /** Each user's sessions, oldest first. */
    private readonly byEmail = new Map<string, Set<Session>>();
    /** Called for each event added to a session, to send it on the session's channels. */
    onEvent: (session: Session, frame: EventFrame) => void = () => undefined;
    /** Called for each session that ends, whatever the reason (its channels close, the log says so). */
    onEnded: (session: Session, reason: SessionEnd) => void = () => undefined;

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

    open(email: string, extension: string, opener: SessionOpener = UNKNOWN_OPENER): Session {
        const now = this.now();
        const session: Session = {
            sessionId: id('s'),
            token: `tok_${randomBytes(32).toString('base64url')}`,
            email,
            extension,
            expiresAt: now + this.settings.tokenTtlSec * 1000,
            seq: 0,
            buffer: [],
            openedAt: now,
            lastActiveAt: now,
            opener
        };
        this.byToken.set(session.token, session);
        addTo(this.byExtension, extension, session);
        addTo(this.byEmail, email, session);
        return session;
    }

    /** The session of a bearer token, or `token_invalid` / `token_expired`; it counts as used now. */
    find(token: string | undefined): Session {
        const session = token ? this.byToken.get(token) : undefined;
        if (!session) throw new ContractError(401, 'token_invalid', 'The token is not valid');
        if (session.expiresAt <= this.now()) {
            this.end(session, 'expired');
            throw new ContractError(401, 'token_expired', 'The token has expired');
        }
        session.lastActiveAt = this.now();
        return session;
    }

    /** The live session of a token, if there is one; nothing changes (the rate limiter's key). */
    peek(token: string | undefined): Session | undefined {
        const session = token ? this.byToken.get(token) : undefined;
        return session && session.expiresAt > this.now() ? session : undefined;
    }

    /** The user's sessions, oldest first. */
    sessionsOf(email: string): Session[] {
        return [...(this.byEmail.get(email) ?? [])];
    }

    /** Ends the session (once: a second end of the same session does nothing). */
    end(session: Session, reason: SessionEnd): void {
        if (this.byToken.get(session.token) !== session) return;
        this.byToken.delete(session.token);
        removeFrom(this.byExtension, session.extension, session);
        removeFrom(this.byEmail, session.email, session);
        this.onEnded(session, reason);
    }

    /** Ends the sessions `refused` picks; returns them. */
    endWhere(refused: (session: Session) => boolean, reason: SessionEnd): Session[] {
        const ended = this.all().filter(refused);
        for (const session of ended) this.end(session, reason);
        return ended;
    }

    /** Every session ends at once (a restart of the service). */
    clear(): void {
        this.endWhere(() => true, 'cleared');
    }

    /** The emails with a session now. */
    emails(): Set<string> {
        return new Set(this.byEmail.keys());
    }

    emitToExtension(extension: string, event: string, data: unknown): void {
        for (const session of this.byExtension.get(extension) ?? []) this.emit(session, event, data);
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
