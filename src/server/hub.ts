// What outlives one listener of the contract server: the sessions with their event buffers, the open
// channels and the counters. The phone system pushes its changes here, in order; each becomes an event
// in the sessions of the extension it concerns, and goes out on their channels.
import type { PhoneSystem, PhoneSystemChange } from './phoneSystem';
import { ChannelRegistry } from './channels';
import { LogClaims } from './logClaims';
import { SessionStore, type Session } from './sessions';
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

export class ContractHub {
    readonly phone: PhoneSystem;
    readonly settings: ServerSettings;
    readonly sessions: SessionStore;
    readonly channels = new ChannelRegistry();
    /** Which of a user's browsers logs each call (./plugins/logClaimRoutes.ts). */
    readonly logClaims: LogClaims;
    readonly counters: ServerCounters = { sessionsOpened: 0, callsSeen: 0, refusedUpgrades: 0 };
    /** Refused WebSocket upgrades, newest last, with the reason (for the log and tests). */
    readonly refusals: Refusal[] = [];
    private readonly liveCalls = new Set<string>();

    constructor(phone: PhoneSystem, settings: ServerSettings, now: () => number = Date.now) {
        this.phone = phone;
        this.settings = settings;
        this.sessions = new SessionStore(settings, now);
        this.logClaims = new LogClaims(phone, now);
        this.sessions.onEvent = (session, frame) => this.channels.sendToSession(session, frame);
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
        const closed = new Set(this.sessions.closeWhere(withdrawn));
        this.channels.closeWhere((session) => closed.has(session), 4003, 'user withdrawn');
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
