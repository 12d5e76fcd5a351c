// Bytes to a TLS server exactly as given, with every wait bounded: a request and the first line of its
// answer, or an event channel's handshake followed by any bytes at all.
import { randomBytes } from 'node:crypto';
import { connect, type TLSSocket } from 'node:tls';

export interface RawTarget {
    port: number;
    ca: string;
}

function open(target: RawTarget): TLSSocket {
    return connect({ host: '127.0.0.1', port: target.port, servername: 'localhost', ca: target.ca });
}

/** Sends `bytes` and resolves with the answer's status line, `(closed)` for none, `(timeout)` after `timeoutMs`. */
export function rawRequest(target: RawTarget, bytes: Buffer, timeoutMs = 3000): Promise<string> {
    return new Promise((resolve) => {
        const socket = open(target);
        let text = '';
        const done = (answer: string) => {
            clearTimeout(timer);
            socket.destroy();
            resolve(answer);
        };
        const timer = setTimeout(() => done('(timeout)'), timeoutMs);
        socket.on('secureConnect', () => socket.write(bytes));
        socket.on('data', (chunk: Buffer) => {
            text += chunk.toString('latin1');
            if (text.includes('\r\n')) done(text.split('\r\n')[0]);
        });
        socket.on('close', () => done(text.split('\r\n')[0] || '(closed)'));
        socket.on('error', () => done(text.split('\r\n')[0] || '(closed)'));
    });
}

/**
 * Opens the event channel with `token` by a handshake written by hand, then writes `bytes`; resolves
 * with how it ended: `closed`, `(timeout)` after `timeoutMs`, or the status line of a refused handshake.
 */
export function rawChannel(
    target: RawTarget,
    request: { token: string; origin: string },
    bytes: Buffer,
    timeoutMs = 3000
): Promise<string> {
    return new Promise((resolve) => {
        const socket = open(target);
        let text = '';
        let upgraded = false;
        const done = (answer: string) => {
            clearTimeout(timer);
            socket.destroy();
            resolve(answer);
        };
        const timer = setTimeout(() => done('(timeout)'), timeoutMs);
        socket.on('secureConnect', () =>
            socket.write(
                `GET /api/v1/events?access_token=${request.token} HTTP/1.1\r\nHost: localhost:${target.port}\r\n` +
                    `Origin: ${request.origin}\r\nConnection: Upgrade\r\nUpgrade: websocket\r\n` +
                    `Sec-WebSocket-Version: 13\r\nSec-WebSocket-Key: ${randomBytes(16).toString('base64')}\r\n\r\n`
            )
        );
        socket.on('data', (chunk: Buffer) => {
            if (upgraded) return;
            text += chunk.toString('latin1');
            if (!text.includes('\r\n\r\n')) return;
            if (!text.startsWith('HTTP/1.1 101')) return done(text.split('\r\n')[0]);
            upgraded = true;
            socket.write(bytes);
        });
        socket.on('close', () => done('closed'));
        socket.on('error', () => done('closed'));
    });
}
