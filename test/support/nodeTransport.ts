// fetch and WebSocket for Node that trust the development CA, the way an agent's browser trusts a
// CA-signed Suite. The client under test uses them exactly as it uses the browser's own.
import { request } from 'node:https';
import WebSocket from 'ws';
import type { WebSocketFactory, WebSocketLike } from '../../src/core/suite/types';

export function nodeFetch(ca: string, origin?: string): typeof fetch {
    return ((input: string | URL, init: RequestInit = {}) =>
        new Promise<Response>((resolve, reject) => {
            const url = new URL(String(input));
            const headers: Record<string, string> = {
                ...(init.headers as Record<string, string> | undefined)
            };
            if (origin) headers.Origin = origin;
            const outgoing = request(
                {
                    host: url.hostname === 'localhost' ? '127.0.0.1' : url.hostname,
                    servername: url.hostname,
                    port: url.port,
                    path: url.pathname + url.search,
                    method: init.method ?? 'GET',
                    headers,
                    ca,
                    timeout: 10_000,
                    agent: false
                },
                (incoming) => {
                    const chunks: Buffer[] = [];
                    incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
                    // A connection cut mid-response (a Suite restart) must fail the fetch, as a browser does.
                    incoming.on('error', (error) =>
                        reject(new TypeError(`Failed to fetch: ${error.message}`))
                    );
                    incoming.on('close', () => {
                        if (!incoming.complete)
                            reject(new TypeError('Failed to fetch: the connection closed mid-response'));
                    });
                    incoming.on('end', () => {
                        const status = incoming.statusCode ?? 500;
                        const body = status === 204 || status === 304 ? null : Buffer.concat(chunks);
                        resolve(
                            new Response(body, {
                                status,
                                headers: incoming.headers as Record<string, string>
                            })
                        );
                    });
                }
            );
            outgoing.on('timeout', () => outgoing.destroy(new Error('timeout')));
            outgoing.on('error', (error) => reject(new TypeError(`Failed to fetch: ${error.message}`)));
            if (init.body) outgoing.write(init.body as string);
            outgoing.end();
        })) as typeof fetch;
}

export function nodeWebSocket(ca: string, origin?: string): WebSocketFactory {
    return (url: string) => {
        const parsed = new URL(url);
        const socket = new WebSocket(url.replace('//localhost', '//127.0.0.1'), {
            ca,
            servername: parsed.hostname,
            origin,
            handshakeTimeout: 10_000
        } as WebSocket.ClientOptions);
        socket.on('error', () => undefined);
        return socket as unknown as WebSocketLike;
    };
}
