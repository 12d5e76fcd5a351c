// Clients of a contract server for its tests, over real TLS with the development CA: requests and
// event channels from a chosen loopback address (127.0.0.2 is another machine as far as the server
// can tell), and upgrade requests written byte for byte.
import { randomBytes } from 'node:crypto';
import { request as httpsRequest } from 'node:https';
import { connect } from 'node:tls';
import WebSocket from 'ws';
import type { DevCa } from '../../stand-ins/dev-machine/devCa';

export const ORIGIN = 'https://acme--c.vf.force.com';
export const API_KEY = 'server-test-key-0123';

export interface Answer {
    status: number;
    body: Record<string, unknown>;
}

export interface TestClients {
    call(
        path: string,
        init?: { method?: string; headers?: Record<string, string>; body?: string; from?: string }
    ): Promise<Answer>;
    signIn(email: string, from?: string): Promise<{ token: string; sessionId: string }>;
    channel(token: string, options?: { from?: string; origin?: string }): Promise<Channel>;
    rawUpgrade(target: string, extraHeaders?: string): Promise<string>;
}

export interface Channel {
    socket: WebSocket;
    frames: { type: string; event?: string; data?: unknown }[];
    /** The close code, once the channel closed. */
    closed: Promise<number>;
}

export function tlsClients(ca: DevCa, port: () => number): TestClients {
    const clients: TestClients = {
        call(path, init = {}) {
            return new Promise((resolve, reject) => {
                const outgoing = httpsRequest(
                    {
                        host: '127.0.0.1',
                        servername: 'localhost',
                        port: port(),
                        path,
                        method: init.method ?? 'GET',
                        headers: { Origin: ORIGIN, ...init.headers },
                        ca: ca.certPem,
                        localAddress: init.from,
                        agent: false
                    },
                    (incoming) => {
                        const chunks: Buffer[] = [];
                        incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
                        incoming.on('end', () => {
                            const text = Buffer.concat(chunks).toString('utf8');
                            resolve({
                                status: incoming.statusCode ?? 0,
                                body: text ? (JSON.parse(text) as Record<string, unknown>) : {}
                            });
                        });
                    }
                );
                outgoing.on('error', reject);
                outgoing.end(init.body);
            });
        },
        async signIn(email, from) {
            const answer = await clients.call('/api/v1/sessions', {
                method: 'POST',
                headers: { 'X-Api-Key': API_KEY, 'Content-Type': 'application/json' },
                body: JSON.stringify({ email }),
                from
            });
            if (answer.status !== 201) throw new Error(`sign-in answered ${answer.status}`);
            return answer.body as { token: string; sessionId: string };
        },
        async channel(token, options = {}) {
            const socket = new WebSocket(`wss://localhost:${port()}/api/v1/events?access_token=${token}`, {
                ca: ca.certPem,
                origin: options.origin ?? ORIGIN,
                localAddress: options.from
            });
            const frames: Channel['frames'] = [];
            socket.on('message', (data) =>
                frames.push(JSON.parse(String(data)) as Channel['frames'][number])
            );
            const closed = new Promise<number>((resolve) => socket.once('close', resolve));
            await new Promise((resolve, reject) => socket.once('open', resolve).once('error', reject));
            return { socket, frames, closed };
        },
        rawUpgrade(target, extraHeaders = '') {
            return new Promise((resolve, reject) => {
                const socket = connect({
                    host: '127.0.0.1',
                    port: port(),
                    servername: 'localhost',
                    ca: ca.certPem
                });
                let text = '';
                socket.on('secureConnect', () =>
                    socket.write(
                        `GET ${target} HTTP/1.1\r\nHost: localhost:${port()}\r\nConnection: Upgrade\r\n` +
                            `Upgrade: websocket\r\nSec-WebSocket-Version: 13\r\n` +
                            `Sec-WebSocket-Key: ${randomBytes(16).toString('base64')}\r\n${extraHeaders}\r\n`
                    )
                );
                socket.on('data', (chunk: Buffer) => {
                    text += chunk.toString('latin1');
                    if (text.includes('\r\n')) socket.destroy();
                });
                socket.on('close', () => resolve(text.split('\r\n')[0] || '(closed without an answer)'));
                socket.on('error', reject);
            });
        }
    };
    return clients;
}
