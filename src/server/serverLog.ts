// What the server logs about its clients, one JSON line each (Fastify's pino logger): a session opened
// or closed, and a refusal (a request answered 4xx, an upgrade or a channel refused or closed for what
// its client did), with the client's address, the user and how they signed in, the session id, and
// never a token, key or assertion. Header values are cut short, and refusals for one reason are
// aggregated: the first of each interval is written in full, the rest as one line with their count, so
// no client can grow the log at the rate it sends requests.
import type { FastifyBaseLogger } from 'fastify';
import type { Session, SessionEnd } from './sessions';

export interface RefusalFields {
    /** What was refused and why, as a short name (`api_key_invalid`, `origin_not_allowed`, `not_reading`…). */
    reason: string;
    status?: number;
    address?: string;
    user?: string;
    auth?: string;
    sessionId?: string;
    method?: string;
    path?: string;
    origin?: string;
}

export interface ServerLog {
    sessionOpened(session: Session): void;
    sessionClosed(session: Session, reason: SessionEnd): void;
    refused(refusal: RefusalFields): void;
    /** Writes what the current interval holds back, and stops its timer. */
    close(): void;
}

export const QUIET_LOG: ServerLog = {
    sessionOpened: () => undefined,
    sessionClosed: () => undefined,
    refused: () => undefined,
    close: () => undefined
};

/** A value from a client, at most `max` characters in the log (an 8 KB Origin writes 200). */
export function cut(value: string, max?: number): string;
export function cut(value: string | undefined, max?: number): string | undefined;
export function cut(value: string | undefined, max = 200): string | undefined {
    if (value === undefined) return undefined;
    return value.length > max ? `${value.slice(0, max)}…` : value;
}

const ADDRESSES_COUNTED = 1000;

interface Held {
    count: number;
    addresses: Set<string>;
}

export class PinoServerLog implements ServerLog {
    private readonly logger: FastifyBaseLogger;
    private readonly intervalMs: number;
    private readonly held = new Map<string, Held>();
    private timer: NodeJS.Timeout | undefined;

    constructor(logger: FastifyBaseLogger, intervalMs = 10_000) {
        this.logger = logger;
        this.intervalMs = intervalMs;
    }

    sessionOpened(session: Session): void {
        this.logger.info({ event: 'session', ...sessionFields(session) }, 'session opened');
    }

    sessionClosed(session: Session, reason: SessionEnd): void {
        this.logger.info({ event: 'session', ...sessionFields(session), reason }, 'session closed');
    }

    refused(refusal: RefusalFields): void {
        const reason = cut(refusal.reason, 64) ?? 'unknown';
        const held = this.held.get(reason);
        if (held) {
            held.count++;
            if (held.addresses.size < ADDRESSES_COUNTED) held.addresses.add(refusal.address ?? 'unknown');
            return;
        }
        this.held.set(reason, { count: 0, addresses: new Set() });
        this.timer ??= setTimeout(() => this.flush(), this.intervalMs).unref();
        this.logger.warn(
            {
                event: 'refused',
                reason,
                status: refusal.status,
                address: cut(refusal.address, 64),
                user: cut(refusal.user, 254),
                auth: cut(refusal.auth, 32),
                sessionId: cut(refusal.sessionId, 64),
                method: cut(refusal.method, 16),
                path: cut(refusal.path),
                origin: cut(refusal.origin)
            },
            'refused'
        );
    }

    close(): void {
        this.flush();
    }

    private flush(): void {
        clearTimeout(this.timer);
        this.timer = undefined;
        const held = [...this.held];
        this.held.clear();
        for (const [reason, { count, addresses }] of held) {
            if (count === 0) continue;
            this.logger.warn(
                {
                    event: 'refused',
                    reason,
                    repeated: count,
                    addresses: addresses.size,
                    seconds: this.intervalMs / 1000
                },
                'refused again'
            );
        }
    }
}

function sessionFields(session: Session) {
    return {
        sessionId: session.sessionId,
        user: session.email,
        extension: session.extension,
        auth: session.opener.auth,
        address: session.opener.address
    };
}
