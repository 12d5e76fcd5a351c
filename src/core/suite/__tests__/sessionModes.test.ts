// Opening a session against a server that takes one way of signing in only: the client says which,
// before it sends a credential the server will not take (the API key never leaves the browser for a
// server that refuses it), and names a station the phone system does not have.
import { SuiteError } from '../errors';
import { openSession, suiteHttp } from '../suiteRequests';
import type { SuiteClientOptions } from '../types';

interface Sent {
    path: string;
    headers: Record<string, string>;
    body: unknown;
}

/** A server answering GET /server with `features`, and POST /sessions with `session`. */
function server(features: string[], session: { status: number; body: unknown }) {
    const sent: Sent[] = [];
    const fetch = (url: string, init: RequestInit = {}) => {
        const path = new URL(url).pathname;
        sent.push({
            path,
            headers: (init.headers ?? {}) as Record<string, string>,
            body: init.body ? JSON.parse(String(init.body)) : undefined
        });
        const answer =
            path === '/api/v1/server'
                ? {
                      status: 200,
                      body: { product: 'MiVoice OAI Bridge', version: '5.2', apiVersion: '1', features }
                  }
                : session;
        return Promise.resolve(new Response(JSON.stringify(answer.body), { status: answer.status }));
    };
    return { fetch: fetch as unknown as typeof globalThis.fetch, sent };
}

const OPENED = {
    status: 201,
    body: { token: 'tok', heartbeatSec: 20, user: { email: 'alice@example.com', primaryExtension: '2001' } }
};

function options(
    fetch: typeof globalThis.fetch,
    extra: Partial<SuiteClientOptions> = {}
): SuiteClientOptions {
    return {
        host: 'bridge.example.com',
        port: 8204,
        apiKey: 'dev-key-123',
        email: 'alice@example.com',
        fetch,
        webSocket: () => {
            throw new Error('no channel here');
        },
        ...extra
    };
}

async function refusal(promise: Promise<unknown>): Promise<SuiteError> {
    try {
        await promise;
    } catch (error) {
        if (error instanceof SuiteError) return error;
        throw error;
    }
    throw new Error('the session opened');
}

describe('a client in apiKey mode', () => {
    it('stops with apiKeyNotAccepted at a server that takes signed assertions only, without sending the key', async () => {
        const { fetch, sent } = server(['signedAssertion', 'signedAssertionOnly'], OPENED);
        const error = await refusal(openSession(suiteHttp(options(fetch), () => undefined)));
        expect(error).toMatchObject({ code: 'apiKeyNotAccepted', fatal: true });
        expect(error.params).toMatchObject({ host: 'bridge.example.com', port: '8204' });
        expect(sent.map((request) => request.path)).toEqual(['/api/v1/server']);
        expect(JSON.stringify(sent)).not.toContain('dev-key-123');
    });

    it('sends the key to a server that also takes assertions', async () => {
        const { fetch, sent } = server(['signedAssertion'], OPENED);
        await openSession(suiteHttp(options(fetch), () => undefined));
        expect(sent[1]).toMatchObject({ path: '/api/v1/sessions', headers: { 'X-Api-Key': 'dev-key-123' } });
    });
});

describe('a client in signedAssertion mode', () => {
    it('stops with assertionNotAccepted at a server that does not take them, asking Salesforce for nothing', async () => {
        const { fetch } = server(['dnd'], OPENED);
        const sign = jest.fn(() => Promise.resolve('signed'));
        const error = await refusal(
            openSession(suiteHttp(options(fetch, { signAssertion: sign }), () => undefined))
        );
        expect(error).toMatchObject({ code: 'assertionNotAccepted', fatal: true });
        expect(sign).not.toHaveBeenCalled();
    });

    it('names a station the phone system does not have as stationNotFound, with the agent email', async () => {
        const { fetch, sent } = server(['signedAssertion', 'signedAssertionOnly'], {
            status: 404,
            body: { error: { code: 'station_not_found', message: 'no such station' } }
        });
        const http = suiteHttp(
            options(fetch, { signAssertion: () => Promise.resolve('signed') }),
            () => undefined
        );
        const error = await refusal(openSession(http));
        expect(error).toMatchObject({ code: 'stationNotFound', fatal: true });
        expect(error.params).toMatchObject({ email: 'alice@example.com', host: 'bridge.example.com' });
        expect(sent[1].body).toEqual({ email: 'alice@example.com', assertion: 'signed' });
        expect(sent[1].headers).not.toHaveProperty('X-Api-Key');
    });
});
