// Rate limits and the server's log, over real TLS. Limits: per user once a request carries a live
// token (event channel upgrades included), per address before; so agents behind one address (a VPN's
// NAT: here all of 127.0.0.1) do not lock each other out, and a token is not limited less for being
// used from another address (127.0.0.2). Log: one line per session opened or closed and per refusal,
// with address, user, auth mode and session id, never a token or key; an 8 KB Origin written cut short,
// and a flood of refusals aggregated into a few lines.
import { loadDevCa } from '../../stand-ins/dev-machine/devCa';
import { startContractServer, type ContractServer } from '../app';
import { ApiKeyAuthenticator } from '../auth/authenticator';
import { startPhoneSystem, type TestPhoneSystem } from './phoneSystems';
import { API_KEY, tlsClients } from './tlsClients';

jest.setTimeout(30_000);

const ca = loadDevCa();
const tls = ca.issue(['localhost', '127.0.0.1']);

let system: TestPhoneSystem;
let server: ContractServer | undefined;
let lines: string[];
const clients = tlsClients(ca, () => server!.port);

async function start(requestsPerMinute = 100_000) {
    system = await startPhoneSystem('suite');
    system.hub.settings.limits.requestsPerMinute = requestsPerMinute;
    lines = [];
    server = await startContractServer({
        hub: system.hub,
        authenticator: new ApiKeyAuthenticator([API_KEY]),
        tls,
        listen: { host: '127.0.0.1', port: 0 },
        requestLog: { write: (line) => lines.push(line) }
    });
}

async function stop() {
    await server?.close();
    server = undefined;
    await system.stop();
}

afterEach(stop);

const status = (token: string, from?: string) =>
    clients.call('/api/v1/users/me/status', { headers: { Authorization: `Bearer ${token}` }, from });

describe('rate limits', () => {
    it('are per user once signed in: one agent over the limit does not stop another at the same address', async () => {
        await start(10);
        const alice = await clients.signIn('alice@example.com');
        const bob = await clients.signIn('bob@example.com');
        const answers = [];
        for (let index = 0; index < 11; index++) answers.push((await status(alice.token)).status);
        expect(answers.slice(0, 10)).toEqual(Array(10).fill(200));
        expect(answers[10]).toBe(429);
        expect((await status(bob.token)).status).toBe(200);
        // Upgrades too: alice's channel is refused for her budget, bob's opens.
        expect(await clients.rawUpgrade(`/api/v1/events?access_token=${alice.token}`)).toBe(
            'HTTP/1.1 429 Too Many Requests'
        );
        expect(await clients.rawUpgrade(`/api/v1/events?access_token=${bob.token}`)).toBe(
            'HTTP/1.1 101 Switching Protocols'
        );
    });

    it('follow a token to any address, while each address signs in on its own budget', async () => {
        await start(5);
        const alice = await clients.signIn('alice@example.com', '127.0.0.1');
        for (let index = 0; index < 5; index++) await status(alice.token, '127.0.0.1');
        expect((await status(alice.token, '127.0.0.2')).status).toBe(429);
        // 127.0.0.1 spent its own budget on one sign-in only; 127.0.0.2 none.
        expect((await clients.signIn('bob@example.com', '127.0.0.2')).token).toBeTruthy();
    });
});

describe('the log', () => {
    const parsed = () => lines.map((line) => JSON.parse(line) as Record<string, unknown>);

    it('has a line for each session opened and closed, with address, user, auth mode and session id', async () => {
        await start();
        const { token, sessionId } = await clients.signIn('alice@example.com', '127.0.0.2');
        await clients.call('/api/v1/sessions/current', {
            method: 'DELETE',
            headers: { Authorization: `Bearer ${token}` }
        });
        await stop();
        expect(parsed().every((line) => /^\d{4}-\d\d-\d\dT[\d:.]+Z$/.test(String(line.time)))).toBe(true);
        const sessions = parsed().filter((line) => line.event === 'session');
        expect(sessions).toEqual([
            expect.objectContaining({
                msg: 'session opened',
                sessionId,
                user: 'alice@example.com',
                auth: 'apiKey',
                address: '127.0.0.2'
            }),
            expect.objectContaining({
                msg: 'session closed',
                sessionId,
                reason: 'signedOut',
                address: '127.0.0.2'
            })
        ]);
        expect(lines.join('')).not.toContain(token);
        expect(lines.join('')).not.toContain(API_KEY);
    });

    it('names a refused sign-in by its reason, address, the user it claimed and the auth mode, never the key', async () => {
        await start();
        const wrongKey = 'not-the-key-but-a-secret-all-the-same';
        await clients.call('/api/v1/sessions', {
            method: 'POST',
            headers: { 'X-Api-Key': wrongKey, 'Content-Type': 'application/json' },
            body: JSON.stringify({ email: 'alice@example.com' })
        });
        await stop();
        expect(parsed()).toContainEqual(
            expect.objectContaining({
                event: 'refused',
                reason: 'api_key_invalid',
                status: 401,
                address: '127.0.0.1',
                user: 'alice@example.com',
                auth: 'apiKey'
            })
        );
        expect(lines.join('')).not.toContain(wrongKey);
    });

    it('writes 200 refused upgrades with an 8 KB Origin as a few short lines, with their count', async () => {
        await start();
        const { token } = await clients.signIn('alice@example.com');
        const origin = `https://${'x'.repeat(8192)}.example.com`;
        for (let index = 0; index < 200; index++)
            expect(
                await clients.rawUpgrade(`/api/v1/events?access_token=${token}`, `Origin: ${origin}\r\n`)
            ).toBe('HTTP/1.1 403 Forbidden');
        await stop();
        const refusals = parsed().filter((line) => line.reason === 'upgrade_origin_not_allowed');
        expect(refusals).toEqual([
            expect.objectContaining({
                address: '127.0.0.1',
                user: 'alice@example.com',
                path: '/api/v1/events'
            }),
            expect.objectContaining({ repeated: 199, addresses: 1 })
        ]);
        expect(String(refusals[0].origin).length).toBeLessThanOrEqual(201);
        expect(lines.join('').length).toBeLessThan(8192);
        expect(lines.join('')).not.toContain(token);
    });
});
