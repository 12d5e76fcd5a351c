// Fuzzing the contract server as a hostile client would, over real TLS: generated request targets,
// methods, headers and bodies (test/support/hostileInput.ts) and event channel frames, from a seed
// (HOSTILE_SEED, printed in the test's name) so a failure can be replayed. Nothing any of it does may
// end the process (no uncaught exception, no unhandled rejection) or reach another agent: alice's
// client, connected throughout, never drops and gets every call. Bounded: a fixed number of inputs,
// each answer awaited at most 3 s. From hostileClient.oai.test.ts, the same against the OAI bridge.
import WebSocket from 'ws';
import { createSuiteClient } from '../../src/core/suite/client';
import { backendKind, startContractBackend, type ContractBackend } from '../support/contractBackends';
import { HostileInput, seeded, type HostileContext, type HostileFrame } from '../support/hostileInput';
import { nodeFetch, nodeWebSocket } from '../support/nodeTransport';
import { rawChannel, rawRequest, type RawTarget } from '../support/rawTls';

jest.setTimeout(180_000);

const ORIGIN = 'https://acme--c.vf.force.com';
const API_KEY = 'dev-key-123';
const SEED = Number(process.env.HOSTILE_SEED ?? 20261207);
const REQUESTS = 400;
const FRAMES = 300;
const BATCH = 50;

let backend: ContractBackend;
let victim: ReturnType<typeof createSuiteClient>;
const uncaught: unknown[] = [];
const record = (error: unknown) => uncaught.push(error);

beforeAll(async () => {
    process.on('uncaughtException', record);
    process.on('unhandledRejection', record);
    backend = await startContractBackend(backendKind(), { heartbeatSec: 5, allowedOrigins: [ORIGIN] });
    victim = createSuiteClient({
        host: 'localhost',
        port: backend.port,
        apiKey: API_KEY,
        email: 'alice@example.com',
        fetch: nodeFetch(backend.ca.certPem, ORIGIN),
        webSocket: nodeWebSocket(backend.ca.certPem, ORIGIN),
        backoff: { baseMs: 50, maxMs: 400 }
    });
    victim.start();
    await until(() => victim.connection.state === 'open');
});

afterAll(async () => {
    victim.stop();
    await backend.stop();
    process.off('uncaughtException', record);
    process.off('unhandledRejection', record);
});

function until<T>(probe: () => T | undefined | false, timeoutMs = 8000): Promise<T> {
    return new Promise((resolve, reject) => {
        const started = Date.now();
        const check = () => {
            const value = probe();
            if (value) return resolve(value);
            if (Date.now() - started > timeoutMs) return reject(new Error('timed out'));
            setTimeout(check, 10);
        };
        check();
    });
}

async function signIn(email: string): Promise<string> {
    const answer = await nodeFetch(backend.ca.certPem, ORIGIN)(`${backend.url}/api/v1/sessions`, {
        method: 'POST',
        headers: { 'X-Api-Key': API_KEY, 'Content-Type': 'application/json' },
        body: JSON.stringify({ email })
    });
    return ((await answer.json()) as { token: string }).token;
}

/** The server carried on: nothing was thrown out of it, alice's channel never dropped and still gets her calls. */
async function serverCarriesOn(after: string): Promise<void> {
    expect({ after, uncaught }).toEqual({ after, uncaught: [] });
    const { callId } = (await backend.control('POST', '/_sim/calls/inbound', {
        toExtension: '2001',
        from: { number: '01632960123', name: 'ACME LTD' }
    })) as { callId: string };
    await until(() => victim.calls.get(callId));
    await backend.control('POST', `/_sim/calls/${callId}/remote-hangup`);
    expect({ after, state: victim.connection.state, reconnects: victim.stats.reconnects }).toEqual({
        after,
        state: 'open',
        reconnects: 0
    });
    const server = await nodeFetch(backend.ca.certPem, ORIGIN)(`${backend.url}/api/v1/server`);
    expect(server.status).toBe(200);
}

/** Sends one frame on a channel of bob's, opening one (signing in again if need be) when there is none open. */
class FrameSender {
    private socket: WebSocket | undefined;
    private token = '';
    private readonly target: RawTarget;

    constructor(target: RawTarget) {
        this.target = target;
    }

    async send(frame: HostileFrame): Promise<void> {
        if (frame.kind === 'raw') {
            await rawChannel(
                this.target,
                { token: await this.freshToken(), origin: ORIGIN },
                frame.data,
                2000
            );
            return;
        }
        const socket = await this.open();
        if (!socket) return;
        if (frame.kind === 'text') socket.send(frame.data);
        else if (frame.kind === 'binary') socket.send(frame.data, { binary: true });
        else if (frame.kind === 'brokenUtf8') socket.send(frame.data, { binary: false });
        else {
            socket.send(frame.data[0], { fin: false });
            socket.send(frame.data[1], { fin: true });
        }
    }

    close(): void {
        this.socket?.terminate();
    }

    private async freshToken(): Promise<string> {
        this.token = await signIn('bob@example.com');
        return this.token;
    }

    private async open(): Promise<WebSocket | undefined> {
        if (this.socket?.readyState === WebSocket.OPEN) return this.socket;
        const token = this.token || (await this.freshToken());
        const socket = new WebSocket(
            `wss://localhost:${this.target.port}/api/v1/events?access_token=${token}`,
            {
                ca: this.target.ca,
                origin: ORIGIN
            }
        );
        socket.on('error', () => undefined);
        const opened = await new Promise<boolean>((resolve) => {
            socket.once('open', () => resolve(true));
            socket.once('close', () => resolve(false));
        });
        if (!opened) {
            // Its session may have been replaced or swept: the next one signs in again.
            this.token = '';
            return undefined;
        }
        socket.on('close', (code) => {
            if (code === 4001 || code === 4009) this.token = '';
        });
        this.socket = socket;
        return socket;
    }
}

describe(`a hostile client (seed ${SEED})`, () => {
    let input: HostileInput;
    let context: HostileContext;
    let target: RawTarget;

    beforeAll(async () => {
        input = new HostileInput(seeded(SEED));
        target = { port: backend.port, ca: backend.ca.certPem };
        context = {
            host: `localhost:${backend.port}`,
            token: await signIn('bob@example.com'),
            apiKey: API_KEY,
            allowedOrigin: ORIGIN,
            bodyBytes: backendKind() === 'suite' ? 64 * 1024 : 16 * 1024,
            frameBytes: 64 * 1024
        };
    });

    it(`sends ${REQUESTS} generated requests, each answered or closed, and the server carries on`, async () => {
        const unanswered: string[] = [];
        for (let index = 0; index < REQUESTS; index++) {
            const request = input.request(context);
            const answer = await rawRequest(target, request.bytes, request.incomplete ? 300 : 3000);
            if (answer === '(timeout)' && !request.incomplete) unanswered.push(request.summary);
            if (index % BATCH === BATCH - 1) await serverCarriesOn(`request ${index}: ${request.summary}`);
        }
        // A request the server cannot read may be cut without an answer; none it could read is left
        // hanging (one that promises more bytes than it sends waits for them, as a slow client's does).
        expect(unanswered).toEqual([]);
    });

    it(`sends ${FRAMES} generated frames on event channels, and the server carries on`, async () => {
        const frames = new FrameSender(target);
        try {
            for (let index = 0; index < FRAMES; index++) {
                const frame = input.frame(context);
                await frames.send(frame);
                if (index % BATCH === BATCH - 1) await serverCarriesOn(`frame ${index}: ${frame.kind}`);
            }
        } finally {
            frames.close();
        }
        await serverCarriesOn('the last frame');
    });
});
