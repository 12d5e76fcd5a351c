// The hub's bounds, with channels that are only objects (no network): a user's sessions capped, the
// oldest idle one going first and a live one only when every one is live (4009); expired and idle
// sessions swept out, their channels closed and fed no more; a channel whose client does not read
// closed (4010) instead of buffered; and an event's cost independent of the sessions open.
import { performance } from 'node:perf_hooks';
import type { WebSocket } from 'ws';
import { defaultConfig, suiteConfig } from '../../stand-ins/suite-simulator/config';
import { SimulatedSuite } from '../../stand-ins/suite-simulator/suite';
import { ContractHub } from '../hub';
import type { RefusalFields, ServerLog } from '../serverLog';
import type { Session, SessionEnd } from '../sessions';
import { DEFAULT_SETTINGS, type ServerSettings } from '../settings';

class FakeChannel {
    readonly OPEN = 1;
    readyState = 1;
    bufferedAmount = 0;
    closedWith: number | undefined;
    readonly sent: string[] = [];

    send(text: string): void {
        this.sent.push(text);
    }

    close(code: number): void {
        this.closedWith ??= code;
        this.readyState = 2;
    }

    terminate(): void {
        this.readyState = 3;
    }
}

let clock: number;
let suite: SimulatedSuite;
let hub: ContractHub;
const ended: [string, SessionEnd][] = [];
const refused: RefusalFields[] = [];

function start(settings: Partial<ServerSettings> = {}): void {
    clock = Date.parse('2026-12-01T09:00:00Z');
    suite = new SimulatedSuite(suiteConfig(defaultConfig()));
    hub = new ContractHub(suite, { ...structuredClone(DEFAULT_SETTINGS), ...settings }, () => clock);
    suite.onChange = (change) => hub.change(change);
    ended.length = 0;
    refused.length = 0;
    const log: ServerLog = {
        sessionOpened: () => undefined,
        sessionClosed: (session, reason) => ended.push([session.sessionId, reason]),
        refused: (refusal) => refused.push(refusal),
        close: () => undefined
    };
    hub.log = log;
}

const signIn = (email = 'alice@example.com', extension = '2001') =>
    hub.openSession(email, extension, { address: '192.0.2.7', auth: 'apiKey' });

function channel(session: Session): FakeChannel {
    const socket = new FakeChannel();
    hub.channels.add(socket as unknown as WebSocket, session);
    return socket;
}

const events = (socket: FakeChannel) =>
    socket.sent.map((text) => JSON.parse(text) as { type: string }).filter((frame) => frame.type === 'event');

describe('sessions per user', () => {
    it('beyond the cap, the sessions longest without a channel end first; the live one stays', () => {
        start({ maxSessionsPerUser: 3 });
        const live = signIn();
        const socket = channel(live);
        const idle = Array.from({ length: 5 }, () => {
            clock += 1000;
            return signIn();
        });
        expect(hub.sessions.sessionsOf('alice@example.com')).toEqual([live, ...idle.slice(3)]);
        expect(ended).toEqual(idle.slice(0, 3).map((session) => [session.sessionId, 'replaced']));
        expect(socket.closedWith).toBeUndefined();
        // Another user's sessions are not touched.
        signIn('bob@example.com', '2002');
        expect(hub.sessions.sessionsOf('alice@example.com')).toHaveLength(3);
    });

    it('when every one has a channel, the oldest ends and its channel closes with 4009', () => {
        start({ maxSessionsPerUser: 2 });
        const [first, second] = [signIn(), signIn()];
        const [firstChannel, secondChannel] = [channel(first), channel(second)];
        signIn();
        expect(firstChannel.closedWith).toBe(4009);
        expect(secondChannel.closedWith).toBeUndefined();
        expect(ended).toEqual([[first.sessionId, 'replaced']]);
    });

    it('a flood of sign-ins for one user leaves the cap and the live session', () => {
        start({ maxSessionsPerUser: 10 });
        const live = signIn();
        channel(live);
        for (let index = 0; index < 20_000; index++) signIn();
        expect(hub.sessions.size).toBe(10);
        expect(hub.sessions.sessionsOf('alice@example.com')[0]).toBe(live);
    });
});

describe('the sweep', () => {
    it('ends expired sessions: they leave the store, their channels close with 4001, no event feeds them', () => {
        start({ tokenTtlSec: 60 });
        const session = signIn();
        const socket = channel(session);
        clock += 61_000;
        hub.sweep();
        expect(hub.sessions.size).toBe(0);
        expect(socket.closedWith).toBe(4001);
        expect(ended).toEqual([[session.sessionId, 'expired']]);
        suite.ringInbound('2001', { number: '01632960123', name: 'ACME' });
        expect(session.seq).toBe(0);
        expect(events(socket)).toEqual([]);
    });

    it('ends a session left without a channel for the idle time (a tab closed without signing out)', () => {
        start({ idleSessionSec: 300 });
        const closedTab = signIn();
        const socket = channel(closedTab);
        const otherTab = signIn();
        channel(otherTab);
        clock += 60_000;
        hub.channels.delete(socket as unknown as WebSocket);
        hub.channelClosed(closedTab);
        clock += 299_000;
        hub.sweep();
        expect(hub.sessions.size).toBe(2);
        clock += 2000;
        hub.sweep();
        // The session whose channel is still open stays, however long ago it signed in.
        expect(hub.sessions.all()).toEqual([otherTab]);
        expect(ended).toEqual([[closedTab.sessionId, 'idle']]);
    });

    it('counts a request as use: a session used by its commands is not idle', () => {
        start({ idleSessionSec: 300 });
        const session = signIn();
        clock += 200_000;
        hub.sessions.find(session.token);
        clock += 200_000;
        hub.sweep();
        expect(hub.sessions.size).toBe(1);
    });
});

describe('a channel whose client does not read', () => {
    it('is closed with 4010 once its backlog passes the bound, and sent nothing more', () => {
        start({ channels: { ...DEFAULT_SETTINGS.channels, backlogBytes: 64 * 1024 } });
        const session = signIn();
        const socket = channel(session);
        suite.ringInbound('2001', { number: '01632960123', name: 'ACME' });
        expect(events(socket)).toHaveLength(1);
        socket.bufferedAmount = 64 * 1024 + 1;
        suite.ringInbound('2001', { number: '01632960124', name: 'ACME' });
        expect(socket.closedWith).toBe(4010);
        expect(events(socket)).toHaveLength(1);
        expect(refused).toEqual([
            expect.objectContaining({
                reason: 'not_reading',
                user: 'alice@example.com',
                address: '192.0.2.7'
            })
        ]);
    });
});

describe('the cost of an event', () => {
    /** The median time of 200 events to alice's extension, with `others` sessions of other users open. */
    function medianMs(others: number): number {
        start({ maxSessionsPerUser: 10_000 });
        channel(signIn());
        for (let index = 0; index < others; index++)
            channel(
                hub.openSession(`agent${index}@example.com`, String(3000 + index), {
                    address: 'a',
                    auth: 'b'
                })
            );
        const rounds: number[] = [];
        for (let round = 0; round < 7; round++) {
            const started = performance.now();
            for (let index = 0; index < 200; index++)
                hub.change({ kind: 'dnd', extension: '2001', enabled: index % 2 === 0 });
            rounds.push(performance.now() - started);
        }
        return rounds.sort((a, b) => a - b)[3];
    }

    it('does not grow with the sessions and channels of other extensions', () => {
        const few = medianMs(20);
        const many = medianMs(10_000);
        expect(many).toBeLessThan(Math.max(3 * few, 2));
    });
});
