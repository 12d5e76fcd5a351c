// What outlives one listener of the contract server: the sessions with their event buffers, the open
// channels and the counters. The phone system pushes its changes here, in order; each becomes an event
// in the sessions of the extension it concerns, and goes out on their channels. Sessions end here, for
// whatever reason, with their channels closed by the code that says why and a line in the log.
import { CLOSE_CODE } from '../core/suite/closeCodes';
import type { PhoneSystem, PhoneSystemChange } from './phoneSystem';
import { ChannelRegistry } from './channels';
import { LogClaims } from './logClaims';
import { QUIET_LOG, type ServerLog } from './serverLog';
import { SessionStore, type Session, type SessionEnd, type SessionOpener } from './sessions';
import type { ServerSettings } from './settings';
import { callEventName, snapshotOf, wireCall } from './wire';

export interface ServerCounters {
    sessionsOpened: number;
    callsSeen: number;
    refusedUpgrades: number;
}

export interface Refusal {
    at: number;
    path: string;
    status: number;
    reason: string;
}

const REFUSALS_KEPT = 1000;

/** The close code and reason a session's channels get when it ends (docs/suite-api.md, close codes). */
const CHANNEL_CLOSE: Record<SessionEnd, [number, string]> = {
    signedOut: [CLOSE_CODE.sessionEnded, 'session closed'],
    expired: [CLOSE_CODE.sessionEnded, 'token expired'],
    idle: [CLOSE_CODE.sessionEnded, 'session idle'],
    cleared: [CLOSE_CODE.sessionEnded, 'session ended'],
    replaced: [CLOSE_CODE.sessionReplaced, 'session replaced by a newer one'],
    withdrawn: [CLOSE_CODE.userWithdrawn, 'user withdrawn']
};

export class ContractHub {
    readonly phone: PhoneSystem;
    readonly settings: ServerSettings;
    readonly sessions: SessionStore;
    readonly channels: ChannelRegistry;
    /** Which of a user's browsers logs each call (./plugins/logClaimRoutes.ts). */
    readonly logClaims: LogClaims;
    readonly counters: ServerCounters = { sessionsOpened: 0, callsSeen: 0, refusedUpgrades: 0 };
    /** Refused WebSocket upgrades, newest last, with the reason (for the log and tests). */
    readonly refusals: Refusal[] = [];
    /** Where sessions and refusals are logged; the server's listener sets it. */
    log: ServerLog = QUIET_LOG;
    private readonly liveCalls = new Set<string>();
    private readonly now: () => number;

    constructor(phone: PhoneSystem, settings: ServerSettings, now: () => number = Date.now) {
        this.phone = phone;
        this.settings = settings;
        this.now = now;
        this.sessions = new SessionStore(settings, now);
        this.logClaims = new LogClaims(phone, now);
        this.channels = new ChannelRegistry(() => settings.channels);
        this.sessions.onEvent = (session, frame) => this.channels.sendToSession(session, frame);
        this.sessions.onEnded = (session, reason) => {
            this.channels.closeSession(session, ...CHANNEL_CLOSE[reason]);
            this.log.sessionClosed(session, reason);
        };
        this.channels.onNotReading = (_socket, session) =>
            this.log.refused({
                reason: 'not_reading',
                user: session.email,
                sessionId: session.sessionId,
                address: session.opener.address
            });
    }

    /**
     * A new session for a signed-in user. Beyond the per-user cap the user's session longest without
     * a channel ends, or, when every one has a channel, the oldest (its channels close with 4009).
     */
    openSession(email: string, extension: string, opener: SessionOpener): Session {
        const session = this.sessions.open(email, extension, opener);
        this.counters.sessionsOpened++;
        this.log.sessionOpened(session);
        const others = this.sessions.sessionsOf(email).filter((other) => other !== session);
        const excess = others.length + 1 - Math.max(1, this.settings.maxSessionsPerUser);
        if (excess > 0) {
            const idleFirst = [...others].sort(
                (a, b) =>
                    Number(this.channels.has(a)) - Number(this.channels.has(b)) ||
                    (this.channels.has(a) ? a.openedAt - b.openedAt : a.lastActiveAt - b.lastActiveAt)
            );
            for (const replaced of idleFirst.slice(0, excess)) this.sessions.end(replaced, 'replaced');
        }
        return session;
    }

    /** A channel of the session closed: its idle time starts now. */
    channelClosed(session: Session): void {
        session.lastActiveAt = this.now();
    }

    /** Ends the sessions whose token expired, and those without a channel for longer than the idle time. */
    sweep(): void {
        const now = this.now();
        const idleBefore = now - this.settings.idleSessionSec * 1000;
        for (const session of this.sessions.all()) {
            if (session.expiresAt <= now) this.sessions.end(session, 'expired');
            else if (session.lastActiveAt < idleBefore && !this.channels.has(session))
                this.sessions.end(session, 'idle');
        }
    }

    change(change: PhoneSystemChange): void {
        switch (change.kind) {
            case 'call':
                this.countCall(change.call.callId, change.call.state === 'cleared');
                this.sessions.emitToExtension(
                    change.extension,
                    callEventName(change.call),
                    wireCall(change.extension, change.call)
                );
                return;
            case 'dnd':
                this.sessions.emitToExtension(change.extension, 'dnd.changed', { enabled: change.enabled });
                return;
            case 'link':
                this.sessions.emitToAll('system.status', { pbxConnected: change.pbxConnected });
                return;
            case 'resynced':
                for (const [socket, session] of this.channels.entries())
                    this.channels.send(socket, { type: 'snapshot', data: this.snapshot(session, true) });
                return;
        }
    }

    snapshot(session: Session, resync: boolean): Record<string, unknown> {
        return snapshotOf(this.phone, session, resync);
    }

    /** Ends the sessions `withdrawn` picks and closes their channels with 4003 (user withdrawn). */
    withdraw(withdrawn: (session: Session) => boolean): void {
        this.sessions.endWhere(withdrawn, 'withdrawn');
    }

    refuse(refusal: Omit<Refusal, 'at'>): void {
        this.counters.refusedUpgrades++;
        this.refusals.push({ at: Date.now(), ...refusal });
        if (this.refusals.length > REFUSALS_KEPT) this.refusals.shift();
    }

    private countCall(callId: string, ended: boolean): void {
        if (!this.liveCalls.has(callId)) {
            this.liveCalls.add(callId);
            this.counters.callsSeen++;
        }
        if (ended) this.liveCalls.delete(callId);
    }
}
