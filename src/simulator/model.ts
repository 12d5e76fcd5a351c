// The simulated phone system: users, sessions with their event sequences, and call legs with the
// state machine of contract v1 (each leg is one party's view of a call; an internal call has two).
import { randomBytes } from 'node:crypto';
import { contractCapabilities } from '../core/suite/capabilities';
import { WIRE_ERROR, type AssertionWireCode, type WireErrorCode } from '../core/suite/errors';

export interface SimUser {
    email: string;
    displayName: string;
    primaryExtension: string | null;
    licensed: boolean;
    enabled: boolean;
    huntGroups?: string[];
}

export interface SimConfig {
    version: string;
    apiEnabled: boolean;
    apiKeys: { key: string; enabled: boolean }[];
    allowedOrigins: string[];
    licencePool: number;
    heartbeatSec: number;
    resumeWindowSec: number;
    tokenTtlSec: number;
    users: SimUser[];
}

export type LegState = 'dialing' | 'ringing' | 'queued' | 'connected' | 'held' | 'cleared';

export interface Leg {
    callId: string;
    extension: string;
    state: LegState;
    direction: 'inbound' | 'outbound' | 'internal';
    remote: { number: string; name: string };
    huntGroup: string | null;
    relatedCallId: string | null;
    peerCallId: string | null;
    startTime: string;
    answerTime: string | null;
    endTime: string | null;
    cause: string;
    transferredTo?: string;
    requestId: string | null;
}

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
    expiresAt: number;
    seq: number;
    buffer: { at: number; frame: EventFrame }[];
}

/**
 * What a PBX dials: digits, * and #, as the softphone sent them. The simulator never cleans a dial
 * string up (no formatting, no +): a softphone that sends one gets the error a real PBX gives.
 */
function isDialString(to: unknown): to is string {
    return typeof to === 'string' && /^[0-9*#]{1,32}$/.test(to);
}

/** A refusal the simulator answers with; its code is one of the catalogue's (src/core/suite/errors.ts). */
export class CommandError extends Error {
    readonly status: number;
    readonly code: WireErrorCode | AssertionWireCode;

    constructor(status: number, code: WireErrorCode | AssertionWireCode, message: string) {
        super(message);
        this.status = status;
        this.code = code;
    }
}

/** How many ended calls a snapshot reports (it must stay well below the client's frame limit). */
const RECENT_CALLS = 50;

const id = (prefix: string) => `${prefix}_${randomBytes(6).toString('hex')}`;

export function capabilitiesOf(leg: Leg, legs: Map<string, Leg>): string[] {
    const related = leg.relatedCallId ? legs.get(leg.relatedCallId) : undefined;
    return contractCapabilities(leg.state, related?.state === 'held');
}

export class SuiteModel {
    config: SimConfig;
    readonly legs = new Map<string, Leg>();
    readonly sessions = new Map<string, Session>();
    readonly dnd = new Map<string, boolean>();
    pbxConnected = true;
    /** Called for every event appended to a session, to push it to that session's sockets. */
    onEvent: (session: Session, frame: EventFrame) => void = () => undefined;
    now: () => number = Date.now;
    private callCounter = 0;

    constructor(config: SimConfig) {
        this.config = config;
    }

    userByEmail(email: string): SimUser | undefined {
        const wanted = email.trim().toLowerCase();
        return this.config.users.find((user) => user.email.toLowerCase() === wanted);
    }

    userByExtension(extension: string): SimUser | undefined {
        return this.config.users.find((user) => user.primaryExtension === extension);
    }

    // ---- Sessions ------------------------------------------------------------------------

    openSession(apiKey: string | undefined, email: unknown): Session {
        if (!this.config.apiEnabled)
            throw new CommandError(403, WIRE_ERROR.apiDisabled, 'The Server-Side API is disabled');
        if (!apiKey) throw new CommandError(401, WIRE_ERROR.apiKeyMissing, 'X-Api-Key is required');
        if (!this.config.apiKeys.some((candidate) => candidate.key === apiKey && candidate.enabled)) {
            throw new CommandError(401, WIRE_ERROR.apiKeyInvalid, 'The API key is not valid');
        }
        return this.openSessionFor(email);
    }

    /** A session for a user whose identity was proven otherwise (a verified signed assertion). */
    openSessionVerified(email: string): Session {
        if (!this.config.apiEnabled)
            throw new CommandError(403, WIRE_ERROR.apiDisabled, 'The Server-Side API is disabled');
        return this.openSessionFor(email);
    }

    private openSessionFor(email: unknown): Session {
        if (typeof email !== 'string' || !email)
            throw new CommandError(400, WIRE_ERROR.badRequest, 'email is required');
        const user = this.userByEmail(email);
        if (!user) throw new CommandError(404, WIRE_ERROR.userNotFound, 'No user has that email');
        if (!user.enabled) throw new CommandError(403, WIRE_ERROR.userDisabled, 'The user is disabled');
        if (!user.licensed)
            throw new CommandError(
                403,
                WIRE_ERROR.licenceRequired,
                'The user has no Phone Manager API licence'
            );
        const licensedUsers = new Set([...this.sessions.values()].map((session) => session.email));
        if (!licensedUsers.has(user.email) && licensedUsers.size >= this.config.licencePool) {
            throw new CommandError(403, WIRE_ERROR.licenceRequired, 'No Phone Manager API licence is free');
        }
        if (!user.primaryExtension)
            throw new CommandError(409, WIRE_ERROR.noPrimaryExtension, 'The user has no primary extension');
        const session: Session = {
            sessionId: id('s'),
            token: `tok_${randomBytes(24).toString('hex')}`,
            email: user.email,
            expiresAt: this.now() + this.config.tokenTtlSec * 1000,
            seq: 0,
            buffer: []
        };
        this.sessions.set(session.token, session);
        return session;
    }

    sessionFor(token: string | undefined): Session {
        const session = token ? this.sessions.get(token) : undefined;
        if (!session) throw new CommandError(401, WIRE_ERROR.tokenInvalid, 'The token is not valid');
        if (session.expiresAt <= this.now())
            throw new CommandError(401, WIRE_ERROR.tokenExpired, 'The token has expired');
        const user = this.userByEmail(session.email);
        if (!user || !user.enabled || !user.licensed)
            throw new CommandError(403, WIRE_ERROR.licenceRequired, 'The user can no longer use the API');
        return session;
    }

    extensionOf(session: Session): string {
        return this.userByEmail(session.email)?.primaryExtension as string;
    }

    // ---- Events --------------------------------------------------------------------------

    private sessionsOfExtension(extension: string): Session[] {
        return [...this.sessions.values()].filter(
            (session) => this.userByEmail(session.email)?.primaryExtension === extension
        );
    }

    emitTo(session: Session, event: string, data: unknown): void {
        session.seq++;
        const frame: EventFrame = {
            type: 'event',
            event,
            seq: session.seq,
            id: id('ev'),
            timestamp: new Date(this.now()).toISOString(),
            data
        };
        session.buffer.push({ at: this.now(), frame });
        const cutoff = this.now() - this.config.resumeWindowSec * 1000;
        while (session.buffer.length > 500 || (session.buffer[0] && session.buffer[0].at < cutoff))
            session.buffer.shift();
        this.onEvent(session, frame);
    }

    emitToExtension(extension: string, event: string, data: unknown): void {
        for (const session of this.sessionsOfExtension(extension)) this.emitTo(session, event, data);
    }

    callJson(leg: Leg): Record<string, unknown> {
        return {
            ...leg,
            type: leg.direction === 'internal' ? 'internal' : 'external',
            capabilities: capabilitiesOf(leg, this.legs)
        };
    }

    private publish(leg: Leg, event = `call.${leg.state}`): void {
        this.emitToExtension(leg.extension, event, this.callJson(leg));
        if (leg.state === 'cleared') {
            const legs = this.legs;
            setTimeout(
                () => legs.get(leg.callId)?.state === 'cleared' && legs.delete(leg.callId),
                300_000
            ).unref?.();
        }
    }

    /** Events after `lastSeq`, or undefined when the buffer no longer reaches back that far. */
    replay(session: Session, lastSeq: number): EventFrame[] | undefined {
        if (lastSeq === session.seq) return [];
        if (lastSeq > session.seq) return undefined;
        const first = session.buffer[0]?.frame.seq;
        if (first === undefined || first > lastSeq + 1) return undefined;
        return session.buffer.filter((entry) => entry.frame.seq > lastSeq).map((entry) => entry.frame);
    }

    snapshot(session: Session, resync: boolean): Record<string, unknown> {
        const extension = this.extensionOf(session);
        return {
            seq: session.seq,
            resync,
            calls: [...this.legs.values()]
                .filter((leg) => leg.extension === extension && leg.state !== 'cleared')
                .map((leg) => this.callJson(leg)),
            // Calls that ended in the last minutes, so a client back from a gap logs those it never saw end.
            recentCalls: [...this.legs.values()]
                .filter((leg) => leg.extension === extension && leg.state === 'cleared')
                .slice(-RECENT_CALLS)
                .map((leg) => this.callJson(leg)),
            dnd: { enabled: this.dnd.get(extension) ?? false },
            system: { pbxConnected: this.pbxConnected, version: this.config.version }
        };
    }

    // ---- Calls ---------------------------------------------------------------------------

    private newLeg(
        fields: Omit<Leg, 'callId' | 'startTime' | 'answerTime' | 'endTime' | 'peerCallId' | 'requestId'> &
            Partial<Leg>
    ): Leg {
        this.callCounter++;
        const leg: Leg = {
            callId: `c_${String(this.callCounter).padStart(6, '0')}_${randomBytes(2).toString('hex')}`,
            startTime: new Date(this.now()).toISOString(),
            answerTime: null,
            endTime: null,
            peerCallId: null,
            requestId: null,
            ...fields
        };
        this.legs.set(leg.callId, leg);
        return leg;
    }

    leg(callId: string): Leg {
        const leg = this.legs.get(callId);
        if (!leg || leg.state === 'cleared')
            throw new CommandError(404, WIRE_ERROR.callNotFound, `No live call ${callId}`);
        return leg;
    }

    private requirePbx(): void {
        if (!this.pbxConnected)
            throw new CommandError(503, WIRE_ERROR.pbxUnavailable, 'The link to the PBX is down');
    }

    private change(leg: Leg, state: LegState, cause: string, event?: string): void {
        leg.state = state;
        leg.cause = cause;
        if (state === 'connected' && !leg.answerTime) leg.answerTime = new Date(this.now()).toISOString();
        if (state === 'cleared') leg.endTime = new Date(this.now()).toISOString();
        this.publish(leg, event);
        // A consult call's capabilities depend on the held call, and the other way round.
        for (const other of this.legs.values()) {
            if (
                other !== leg &&
                other.state !== 'cleared' &&
                (other.relatedCallId === leg.callId || leg.relatedCallId === other.callId)
            ) {
                this.publish(other, 'call.updated');
            }
        }
    }

    private ownedLeg(session: Session, callId: string): Leg {
        const leg = this.leg(callId);
        if (leg.extension !== this.extensionOf(session))
            throw new CommandError(404, WIRE_ERROR.callNotFound, `No live call ${callId}`);
        return leg;
    }

    private requireState(leg: Leg, states: LegState[]): void {
        if (!states.includes(leg.state)) {
            throw new CommandError(
                409,
                WIRE_ERROR.invalidState,
                `Call ${leg.callId} is ${leg.state}, not ${states.join(' or ')}`
            );
        }
    }

    ringInbound(
        toExtension: string,
        from: { number: string; name: string },
        huntGroup: string | null = null
    ): Leg {
        this.requirePbx();
        if (this.dnd.get(toExtension))
            throw new CommandError(
                409,
                WIRE_ERROR.deviceBusy,
                `Extension ${toExtension} is in do not disturb`
            );
        const leg = this.newLeg({
            extension: toExtension,
            state: 'ringing',
            direction: 'inbound',
            remote: from,
            huntGroup,
            relatedCallId: null,
            cause: 'newCall'
        });
        this.publish(leg);
        return leg;
    }

    makeCall(session: Session, to: unknown, requestId: string, relatedCallId: string | null = null): Leg {
        this.requirePbx();
        if (!isDialString(to))
            throw new CommandError(
                400,
                WIRE_ERROR.invalidNumber,
                'The number is empty or has characters a phone cannot dial'
            );
        const dialled = to;
        const extension = this.extensionOf(session);
        const busy = [...this.legs.values()].some(
            (leg) => leg.extension === extension && leg.state === 'connected' && leg.callId !== relatedCallId
        );
        if (busy && !relatedCallId)
            throw new CommandError(409, WIRE_ERROR.deviceBusy, 'The phone is already on a call');
        const peer = this.userByExtension(dialled);
        const me = this.userByEmail(session.email) as SimUser;
        const leg = this.newLeg({
            extension,
            state: 'dialing',
            direction: peer ? 'internal' : 'outbound',
            remote: { number: dialled, name: peer?.displayName ?? '' },
            huntGroup: null,
            relatedCallId,
            cause: 'newCall',
            requestId
        });
        this.publish(leg);
        if (peer?.primaryExtension) {
            const peerLeg = this.newLeg({
                extension: peer.primaryExtension,
                state: 'ringing',
                direction: 'internal',
                remote: { number: extension, name: me.displayName },
                huntGroup: null,
                relatedCallId: null,
                cause: 'newCall',
                peerCallId: leg.callId
            });
            leg.peerCallId = peerLeg.callId;
            this.publish(peerLeg);
        }
        return leg;
    }

    answer(session: Session, callId: string): void {
        this.requirePbx();
        const leg = this.ownedLeg(session, callId);
        this.requireState(leg, ['ringing']);
        this.connectPair(leg);
    }

    /** The called party answers: both legs of an internal call connect. */
    private connectPair(leg: Leg): void {
        this.change(leg, 'connected', 'answered');
        const peer = leg.peerCallId ? this.legs.get(leg.peerCallId) : undefined;
        if (peer && (peer.state === 'dialing' || peer.state === 'ringing'))
            this.change(peer, 'connected', 'answered');
    }

    hold(session: Session, callId: string): void {
        this.requirePbx();
        const leg = this.ownedLeg(session, callId);
        this.requireState(leg, ['connected']);
        this.change(leg, 'held', 'holdIndividual');
    }

    retrieve(session: Session, callId: string): void {
        this.requirePbx();
        const leg = this.ownedLeg(session, callId);
        this.requireState(leg, ['held']);
        const busy = [...this.legs.values()].some(
            (other) => other.extension === leg.extension && other.state === 'connected'
        );
        if (busy) throw new CommandError(409, WIRE_ERROR.deviceBusy, 'Another call is connected');
        this.change(leg, 'connected', 'retrieved');
    }

    clear(session: Session, callId: string): void {
        this.requirePbx();
        const leg = this.ownedLeg(session, callId);
        this.clearPair(leg, 'normalClear');
    }

    private clearPair(leg: Leg, cause: string): void {
        this.change(leg, 'cleared', cause);
        const peer = leg.peerCallId ? this.legs.get(leg.peerCallId) : undefined;
        if (peer && peer.state !== 'cleared') this.change(peer, 'cleared', cause);
    }

    blindTransfer(session: Session, callId: string, to: unknown): void {
        this.requirePbx();
        const leg = this.ownedLeg(session, callId);
        this.requireState(leg, ['connected', 'held']);
        if (!isDialString(to)) {
            throw new CommandError(400, WIRE_ERROR.invalidNumber, 'The transfer target is not a number');
        }
        leg.transferredTo = to;
        this.publish({ ...leg }, 'call.transferred');
        this.change(leg, 'cleared', 'transfer');
    }

    consult(session: Session, callId: string, to: unknown, requestId: string): Leg {
        this.requirePbx();
        const leg = this.ownedLeg(session, callId);
        this.requireState(leg, ['connected']);
        this.change(leg, 'held', 'holdForTransfer');
        return this.makeCall(session, to, requestId, leg.callId);
    }

    completeTransfer(session: Session, callId: string, consultCallId: unknown): void {
        this.requirePbx();
        const held = this.ownedLeg(session, callId);
        const consultLeg = this.ownedLeg(session, String(consultCallId));
        if (
            held.state !== 'held' ||
            consultLeg.state !== 'connected' ||
            consultLeg.relatedCallId !== held.callId
        ) {
            throw new CommandError(
                409,
                WIRE_ERROR.invalidState,
                'Attended transfer needs the held call and its connected consult call'
            );
        }
        held.transferredTo = consultLeg.remote.number;
        this.publish({ ...held }, 'call.transferred');
        this.change(held, 'cleared', 'transfer');
        this.change(consultLeg, 'cleared', 'transfer');
        const peer = consultLeg.peerCallId ? this.legs.get(consultLeg.peerCallId) : undefined;
        if (peer && peer.state !== 'cleared') {
            // The consulted colleague now talks to the original caller.
            peer.remote = { ...held.remote };
            peer.peerCallId = null;
            this.publish(peer, 'call.updated');
        }
    }

    setDnd(extension: string, enabled: boolean): void {
        this.dnd.set(extension, enabled);
        this.emitToExtension(extension, 'dnd.changed', {
            enabled,
            message: enabled ? 'Do not disturb' : '',
            text: ''
        });
    }

    // ---- The far end (control API) -------------------------------------------------------

    remote(callId: string, action: 'answer' | 'hangup' | 'busy' | 'no-answer' | 'answered-elsewhere'): void {
        const leg = this.leg(callId);
        switch (action) {
            case 'answer':
                if (leg.state !== 'dialing' && leg.state !== 'ringing')
                    throw new CommandError(409, WIRE_ERROR.invalidState, `Call ${callId} is ${leg.state}`);
                if (leg.peerCallId) this.connectPair(this.legs.get(leg.peerCallId) as Leg);
                else this.change(leg, 'connected', 'answered');
                return;
            case 'hangup':
                this.clearPair(leg, 'normalClear');
                return;
            case 'busy':
                this.requireState(leg, ['dialing']);
                this.clearPair(leg, 'busy');
                return;
            case 'no-answer':
                this.requireState(leg, ['dialing', 'ringing']);
                this.clearPair(leg, 'callNotAnswered');
                return;
            case 'answered-elsewhere':
                this.requireState(leg, ['ringing']);
                this.change(leg, 'cleared', 'answeredElsewhere');
                return;
        }
    }

    setPbxConnected(connected: boolean): void {
        this.pbxConnected = connected;
        for (const session of this.sessions.values())
            this.emitTo(session, 'system.status', { pbxConnected: connected });
    }
}
