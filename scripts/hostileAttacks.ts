// The attackers of the hostile soak (scripts/soak-hostile.ts), each a loop at a bounded rate until
// stopped, counting what it did and how the bridge answered. Two kinds of attacker: a device on the LAN
// (another address, 127.0.0.2, never signed in) and compromised agent PCs behind the agents' own NAT
// address (127.0.0.1), each signed in as its own user (mallory, trudy, oscar) and using its token as it
// likes.
import { request as httpsRequest } from 'node:https';
import WebSocket from 'ws';
import { HostileInput, seeded, type HostileContext } from '../test/support/hostileInput';
import { rawChannel, rawRequest, type RawTarget } from '../test/support/rawTls';

export interface AttackTarget extends RawTarget {
    origin: string;
    apiKey: string;
    /**
     * The compromised agents' users: one squats channels, floods sign-ins and sends garbage, one does
     * not read, one spends its rate budget as fast as it can.
     */
    email: string;
    slowReaderEmail: string;
    flooderEmail: string;
    /** Rings the slow reader's phone (traffic for its channel that does not read). */
    ringSlowReader(): void;
}

export type Tally = Record<string, number>;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A request from `from`; resolves with the status (0 when the connection failed). */
function send(
    target: AttackTarget,
    init: { method: string; path: string; headers?: Record<string, string>; body?: string; from?: string }
): Promise<{ status: number; body: string }> {
    return new Promise((resolve) => {
        const outgoing = httpsRequest(
            {
                host: '127.0.0.1',
                servername: 'localhost',
                port: target.port,
                path: init.path,
                method: init.method,
                headers: init.headers,
                ca: target.ca,
                localAddress: init.from,
                agent: false,
                timeout: 5000
            },
            (incoming) => {
                let body = '';
                incoming.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
                incoming.on('end', () => resolve({ status: incoming.statusCode ?? 0, body }));
                incoming.on('error', () => resolve({ status: 0, body }));
            }
        );
        outgoing.on('timeout', () => outgoing.destroy());
        outgoing.on('error', () => resolve({ status: 0, body: '' }));
        outgoing.end(init.body);
    });
}

/** A compromised agent signs in from the agents' NAT address; undefined while the bridge refuses (rate limit, restart). */
async function malloryToken(target: AttackTarget, email = target.email): Promise<string | undefined> {
    const answer = await send(target, {
        method: 'POST',
        path: '/api/v1/sessions',
        headers: { 'X-Api-Key': target.apiKey, 'Content-Type': 'application/json', Origin: target.origin },
        body: JSON.stringify({ email })
    });
    return answer.status === 201 ? (JSON.parse(answer.body) as { token: string }).token : undefined;
}

function channel(target: AttackTarget, token: string, origin = target.origin): WebSocket {
    const socket = new WebSocket(`wss://localhost:${target.port}/api/v1/events?access_token=${token}`, {
        ca: target.ca,
        origin
    });
    socket.on('error', () => undefined);
    return socket;
}

const closedWith = (socket: WebSocket) =>
    new Promise<number>((resolve) => socket.once('close', (code) => resolve(code)));

export class Attackers {
    readonly tally: Tally = {};
    private running = true;
    private readonly loops: Promise<void>[] = [];
    private readonly target: AttackTarget;
    private readonly input: HostileInput;

    constructor(target: AttackTarget, seed: number) {
        this.target = target;
        this.input = new HostileInput(seeded(seed));
    }

    private count(name: string): void {
        this.tally[name] = (this.tally[name] ?? 0) + 1;
    }

    /**
     * Runs `attack` every `everyMs` until stopped, `parallel` at a time; an attack that throws counts as
     * an error and goes on.
     */
    private loop(name: string, everyMs: number, attack: () => Promise<void>, parallel = 1): void {
        for (let lane = 0; lane < parallel; lane++)
            this.loops.push(
                (async () => {
                    while (this.running) {
                        try {
                            await attack();
                        } catch {
                            this.count(`${name}Errors`);
                        }
                        await sleep(everyMs);
                    }
                })()
            );
    }

    start(): void {
        const target = this.target;
        const context = (token: string): HostileContext => ({
            host: `localhost:${target.port}`,
            token,
            apiKey: target.apiKey,
            allowedOrigin: target.origin,
            bodyBytes: 16 * 1024,
            frameBytes: 64 * 1024
        });
        // A LAN device: generated malformed requests and upgrades, oversized headers, and a flood that
        // presses on its own address's limit.
        this.loop('malformedRequests', 20, async () => {
            const { bytes } = this.input.request(context('tok_made_up'));
            const answer = await rawRequest(target, bytes, 1000);
            this.count(`malformedRequests ${answer.split(' ')[1] ?? answer}`);
        });
        this.loop('malformedUpgrades', 50, async () => {
            const upgrade = ['//', '/api/v1/events', `/${'u'.repeat(6000)}`, '/%', '*'][
                Math.floor(Math.random() * 5)
            ];
            const origin = Math.random() < 0.5 ? `https://${'o'.repeat(8192)}.example.com` : 'null';
            const bytes = Buffer.from(
                `GET ${upgrade} HTTP/1.1\r\nHost: localhost\r\nOrigin: ${origin}\r\nConnection: Upgrade\r\n` +
                    'Upgrade: websocket\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Key: AAAAAAAAAAAAAAAAAAAAAA==\r\n\r\n',
                'latin1'
            );
            this.count(`malformedUpgrades ${(await rawRequest(target, bytes, 1000)).split(' ')[1]}`);
        });
        this.loop('oversizedHeaders', 200, async () => {
            const answer = await send(target, {
                method: 'GET',
                path: '/api/v1/server',
                headers: { 'X-Padding': 'p'.repeat(60_000) },
                from: '127.0.0.2'
            });
            this.count(`oversizedHeaders ${answer.status}`);
        });
        this.loop(
            'addressFlood',
            5,
            async () => {
                const answer = await send(target, {
                    method: 'POST',
                    path: '/api/v1/sessions',
                    headers: { 'X-Api-Key': 'guessed-key-0000', 'Content-Type': 'application/json' },
                    body: JSON.stringify({ email: 'alice@example.com' }),
                    from: '127.0.0.2'
                });
                this.count(`addressFlood ${answer.status}`);
            },
            4
        );
        // The compromised agent PC, behind the agents' NAT address, as mallory.
        this.loop('sessionFlood', 500, async () => {
            this.count(`sessionFlood ${(await malloryToken(target)) ? 'opened' : 'refused'}`);
        });
        this.loop('squatting', 1000, () => this.squat());
        this.loop('notReading', 1000, () => this.notReading(), 2);
        this.loop('garbageFrames', 500, () => this.garbage());
        this.loop(
            'tokenFlood',
            10,
            async () => {
                const token = (this.floodToken ??= await malloryToken(target, target.flooderEmail));
                const answer = await send(target, {
                    method: 'GET',
                    path: '/api/v1/users/me/status',
                    headers: { Authorization: `Bearer ${token}`, Origin: target.origin }
                });
                if (answer.status === 401) this.floodToken = undefined;
                this.count(`tokenFlood ${answer.status}`);
            },
            4
        );
    }

    private floodToken: string | undefined;

    /** As many channels as the bridge lets mallory hold, kept open until it closes them. */
    private async squat(): Promise<void> {
        const token = await malloryToken(this.target);
        if (!token) return;
        const sockets = Array.from({ length: 8 }, () => channel(this.target, token));
        const codes = await Promise.race([
            Promise.all(sockets.map(closedWith)),
            sleep(3000).then(() => sockets.map(() => 0))
        ]);
        for (const code of codes) this.count(`squatting ${code || 'held'}`);
        for (const socket of sockets) socket.terminate();
    }

    /** A channel that stops reading while its phone rings and rings. */
    private async notReading(): Promise<void> {
        const token = await malloryToken(this.target, this.target.slowReaderEmail);
        if (!token) return;
        const socket = channel(this.target, token);
        await new Promise((resolve) => socket.once('open', resolve).once('close', resolve));
        socket.send(JSON.stringify({ type: 'subscribe' }));
        const reader = (socket as unknown as { _socket?: { pause(): void; resume(): void } })._socket;
        reader?.pause();
        const closed = closedWith(socket);
        const ringing = setInterval(() => this.target.ringSlowReader(), 10);
        // It answers no ping it never read, but sends pongs anyway, so the heartbeat alone does not end it.
        const pongs = setInterval(() => socket.send(JSON.stringify({ type: 'pong' })), 2000);
        // The kernel takes about 5 MB of a connection's unread bytes before the server's backlog grows.
        await Promise.race([closed, sleep(60_000)]);
        clearInterval(ringing);
        clearInterval(pongs);
        // Reading again, it learns how the server closed it, if it did.
        reader?.resume();
        const code = await Promise.race([closed, sleep(5000).then(() => 0)]);
        this.count(`notReading ${code || 'still open'}`);
        socket.terminate();
    }

    /** Garbage on a channel whose reader is paused (the 1.5 M frames), and as raw WebSocket bytes. */
    private async garbage(): Promise<void> {
        const token = await malloryToken(this.target);
        if (!token) return;
        if (Math.random() < 0.3) {
            const bytes = Buffer.from([0xf1, 0x85, 1, 2, 3, 4, 1, 2, 3, 4, 5]);
            this.count(
                `garbageRaw ${await rawChannel(this.target, { token, origin: this.target.origin }, bytes, 2000)}`
            );
            return;
        }
        const socket = channel(this.target, token);
        const closed = closedWith(socket);
        await new Promise((resolve) => socket.once('open', resolve).once('close', resolve));
        const reader = (socket as unknown as { _socket?: { pause(): void; resume(): void } })._socket;
        reader?.pause();
        setTimeout(() => reader?.resume(), 2000);
        for (let index = 0; index < 200 && socket.readyState === WebSocket.OPEN; index++)
            socket.send(index % 3 === 0 ? Buffer.from([0xff, 0x00, index]) : `{garbage ${index}`);
        this.count(`garbageFrames ${await Promise.race([closed, sleep(5000).then(() => 0)])}`);
        socket.terminate();
    }

    async stop(): Promise<void> {
        this.running = false;
        await Promise.all(this.loops);
    }
}
