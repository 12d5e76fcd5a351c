// Who may read what only an operator should (the health counters): by default a request from this
// machine. A server given another rule (the bridge's /metrics allow-list or token) uses that instead.
import { isIP } from 'node:net';
import type { FastifyRequest } from 'fastify';

/** Whether an address is this machine's: 127.0.0.0/8, ::1, or either written as an IPv6-mapped address. */
export function isLoopback(address: string | undefined): boolean {
    if (!address) return false;
    const plain = address.replace(/^::ffff:/i, '');
    if (isIP(plain) === 4) return plain.startsWith('127.');
    return plain === '::1' || /^0{0,4}(:0{0,4}){6}:0{0,3}1$/.test(plain);
}

export const fromLoopback = (request: FastifyRequest): boolean => isLoopback(request.socket.remoteAddress);
