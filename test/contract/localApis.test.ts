// The developer machine's local APIs refuse what a web page the developer visits could send them:
// a cross-site "simple" POST (text/plain or a form, with the page's Origin), and a DNS-rebinding
// page that reaches the port under its own host name. Each refusal is shown against the same
// request without the offending header succeeding.
import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { startStack, type Stack } from '../../src/workbench/stack';

jest.setTimeout(30_000);

let stack: Stack;

beforeAll(async () => {
    stack = await startStack();
});

afterAll(() => stack.stop());

interface Reply {
    status: number;
    body: string;
}

function send(url: string, method: string, headers: Record<string, string>, body?: string): Promise<Reply> {
    const target = new URL(url);
    const request = target.protocol === 'https:' ? httpsRequest : httpRequest;
    return new Promise((resolve, reject) => {
        const outgoing = request(
            {
                host: '127.0.0.1',
                port: target.port,
                path: target.pathname,
                method,
                headers: { Host: target.host, ...headers },
                ca: stack.simulator.ca.certPem,
                agent: false,
                servername: target.hostname === '127.0.0.1' ? undefined : target.hostname
            },
            (incoming) => {
                const chunks: Buffer[] = [];
                incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
                incoming.on('end', () =>
                    resolve({
                        status: incoming.statusCode ?? 0,
                        body: Buffer.concat(chunks).toString('utf8')
                    })
                );
            }
        );
        outgoing.on('error', reject);
        outgoing.end(body);
    });
}

const json = { 'Content-Type': 'application/json' };
const inbound = JSON.stringify({ toExtension: '2001', from: { number: '01632960123', name: 'ACME LTD' } });
const liveCalls = () => [...stack.simulator.model.legs.values()].filter((leg) => leg.state !== 'cleared');

describe("the simulator's control API", () => {
    const url = (path: string) => `${stack.simulator.controlUrl}${path}`;

    afterEach(async () => {
        expect((await send(url('/_sim/reset'), 'POST', json)).status).toBe(200);
    });

    it.each([
        ['text/plain (a cross-site fetch)', { 'Content-Type': 'text/plain;charset=UTF-8' }],
        ['a form', { 'Content-Type': 'application/x-www-form-urlencoded' }],
        ['no content type', {}]
    ])('refuses a POST sent as %s, and rings no phone', async (_case, headers) => {
        const refused = await send(url('/_sim/calls/inbound'), 'POST', headers, inbound);
        expect(refused.status).toBe(403);
        expect(JSON.parse(refused.body).error.message).toBe('POST needs Content-Type: application/json');
        expect(liveCalls()).toHaveLength(0);

        const allowed = await send(url('/_sim/calls/inbound'), 'POST', json, inbound);
        expect(allowed.status).toBe(200);
        expect(liveCalls()).toHaveLength(1);
    });

    it('refuses any browser Origin, and keeps the Suite up', async () => {
        const health = () =>
            send(`https://localhost:${stack.simulator.port}/api/v1/health`, 'GET', {}).then(
                (reply) => reply.status,
                (error: NodeJS.ErrnoException) => error.code
            );
        const refused = await send(url('/_sim/stop'), 'POST', {
            ...json,
            Origin: 'https://evil.example.com'
        });
        expect(refused.status).toBe(403);
        expect(JSON.parse(refused.body).error.message).toBe(
            'Origin https://evil.example.com may not use this API'
        );
        expect(await health()).toBe(200);

        // Without the Origin the same request stops the Suite's API.
        expect((await send(url('/_sim/stop'), 'POST', json)).status).toBe(200);
        expect(await health()).toBe('ECONNREFUSED');
        expect((await send(url('/_sim/start'), 'POST', json)).status).toBe(200);
        expect(await health()).toBe(200);
    });

    it('refuses a request under a foreign host name (DNS rebinding), also a GET of the log', async () => {
        const rebound = await send(url('/_sim/log'), 'GET', {
            Host: `attacker.example.com:${stack.simulator.controlPort}`
        });
        expect(rebound.status).toBe(403);
        expect(rebound.body).not.toContain('/api/v1');
        expect(JSON.parse(rebound.body).error.message).toBe(
            `Host attacker.example.com:${stack.simulator.controlPort} is not this server`
        );
        expect((await send(url('/_sim/log'), 'GET', {})).status).toBe(200);
        expect(
            (await send(url('/_sim/log'), 'GET', { Host: `localhost:${stack.simulator.controlPort}` })).status
        ).toBe(200);
    });
});

describe("the workbench's /api", () => {
    const consoleOrigin = () => new URL(stack.workbench.consoleUrl).origin;
    const url = (path: string) => `${consoleOrigin()}${path}`;
    const openCti = JSON.stringify({
        method: 'saveLog',
        args: { object: { entityApiName: 'Task', Subject: 'x' } }
    });

    afterEach(() => stack.emulator.tasks.clear());

    it('refuses a cross-site simple POST to /api/opencti, and saves no Task', async () => {
        const refused = await send(
            url('/api/opencti'),
            'POST',
            { 'Content-Type': 'text/plain', Origin: 'https://evil.example.com' },
            openCti
        );
        expect(refused.status).toBe(403);
        expect(stack.emulator.tasks.size).toBe(0);

        const plain = await send(url('/api/opencti'), 'POST', { 'Content-Type': 'text/plain' }, openCti);
        expect(plain.status).toBe(403);
        expect(JSON.parse(plain.body).error).toBe('POST needs Content-Type: application/json');

        const foreign = await send(
            url('/api/opencti'),
            'POST',
            { ...json, Origin: 'https://evil.example.com' },
            openCti
        );
        expect(JSON.parse(foreign.body).error).toBe('Origin https://evil.example.com may not use this API');
        expect(stack.emulator.tasks.size).toBe(0);

        // The console page's own request goes through.
        const own = await send(url('/api/opencti'), 'POST', { ...json, Origin: consoleOrigin() }, openCti);
        expect(own.status).toBe(200);
        expect(stack.emulator.tasks.size).toBe(1);
    });

    it('refuses the softphone frame origin too: only the console answers Open CTI', async () => {
        const softphoneOrigin = new URL(stack.workbench.softphoneUrl).origin;
        const reply = await send(url('/api/opencti'), 'POST', { ...json, Origin: softphoneOrigin }, openCti);
        expect(reply.status).toBe(403);
        expect(stack.emulator.tasks.size).toBe(0);
    });

    it('refuses a request under a foreign host name (DNS rebinding), pages included', async () => {
        for (const path of ['/api/state', '/']) {
            const rebound = await send(url(path), 'GET', {
                Host: `attacker.example.com:${stack.workbench.port}`
            });
            expect(rebound.status).toBe(403);
            expect(rebound.body).not.toContain('agentEmail');
            expect((await send(url(path), 'GET', {})).status).toBe(200);
        }
    });
});
