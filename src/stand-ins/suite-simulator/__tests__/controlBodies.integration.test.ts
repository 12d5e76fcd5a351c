// The simulated Suite's control API refuses a body that is not what the route needs, with a 400 that
// names the route, the body it takes and what is wrong, and does nothing: no call rings nobody.
import { startSimulator, type Simulator } from '../simulator';

let simulator: Simulator;

beforeAll(async () => {
    simulator = await startSimulator();
});

afterAll(() => simulator.stop());

afterEach(async () => {
    expect((await send('POST', '/_sim/reset', {})).status).toBe(200);
});

interface Reply {
    status: number;
    body: { callId?: string; error?: { code: string; message: string } };
}

async function send(method: string, path: string, body?: unknown): Promise<Reply> {
    const response = await fetch(`${simulator.controlUrl}${path}`, {
        method,
        headers: { 'Content-Type': 'application/json' },
        body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body)
    });
    return { status: response.status, body: (await response.json()) as Reply['body'] };
}

const legs = () => [...simulator.model.legs.values()];
const message = (reply: Reply) => String(reply.body.error?.message);

describe('POST /_sim/calls/inbound', () => {
    it('refuses {} with a 400 that says which body it needs, and rings nobody', async () => {
        const reply = await send('POST', '/_sim/calls/inbound', {});
        expect(reply.status).toBe(400);
        expect(reply.body.error?.code).toBe('bad_request');
        expect(message(reply)).toContain('POST /_sim/calls/inbound needs {"toExtension": "2001", "from":');
        expect(message(reply)).toContain('toExtension is missing');
        expect(message(reply)).toContain('from is missing');
        expect(legs()).toEqual([]);
    });

    it.each([
        [{ toExtension: '9999', from: { number: '01632960123' } }, 'no user has extension 9999'],
        [{ toExtension: '20x1', from: { number: '1' } }, 'toExtension "20x1" is not an extension (digits)'],
        [{ toExtension: '2001', from: { number: 1632960123 } }, 'from.number must be string'],
        [{ toExtension: 2001, from: { number: '01632960123' } }, 'toExtension must be string'],
        [{ toExtension: '2001', from: {} }, 'from.number is missing'],
        [{ toExtension: '2001', from: { number: '1' }, to: '2001' }, 'to is not a field this request takes'],
        [
            { toExtension: '2003', from: { number: '1' }, huntGroup: '2100' },
            'extension 2003 is not in hunt group 2100'
        ]
    ])('refuses %j: %s', async (body, problem) => {
        const reply = await send('POST', '/_sim/calls/inbound', body);
        expect(reply.status).toBe(400);
        expect(message(reply)).toContain(problem);
        expect(legs()).toEqual([]);
    });

    it('rings a user, a withheld caller and a hunt-group call alike', async () => {
        const direct = await send('POST', '/_sim/calls/inbound', {
            toExtension: '2001',
            from: { number: '+441632960123', name: 'Pat Caller' }
        });
        expect(direct.status).toBe(200);
        const withheld = await send('POST', '/_sim/calls/inbound', {
            toExtension: '2002',
            from: { number: '' }
        });
        expect(withheld.status).toBe(200);
        const hunt = await send('POST', '/_sim/calls/inbound', {
            toExtension: '2001',
            from: { number: '01632960777' },
            huntGroup: '2100'
        });
        expect(hunt.status).toBe(200);
        expect(legs().map((leg) => [leg.extension, leg.remote.number, leg.huntGroup])).toEqual([
            ['2001', '+441632960123', null],
            ['2002', '', null],
            ['2001', '01632960777', '2100']
        ]);
    });
});

describe('the other Suite controls', () => {
    it('refuses a body that is not a JSON object', async () => {
        const reply = await send('POST', '/_sim/calls/inbound', '[]');
        expect(reply.status).toBe(400);
        expect(message(reply)).toBe('The body must be a JSON object');
    });

    it('PUT /_sim/pbx needs {"connected": true|false}; a missing flag no longer takes the link down', async () => {
        const reply = await send('PUT', '/_sim/pbx', {});
        expect(reply.status).toBe(400);
        expect(message(reply)).toBe('PUT /_sim/pbx needs {"connected": true|false}: connected is missing');
        expect(simulator.model.pbxConnected).toBe(true);
    });

    it('PUT /_sim/users/{email}/dnd needs {"enabled": true|false}', async () => {
        const reply = await send('PUT', '/_sim/users/alice@example.com/dnd', { enabled: 'yes' });
        expect(reply.status).toBe(400);
        expect(message(reply)).toContain('enabled must be boolean');
        expect(simulator.model.dnd('2001')).toBe(false);
    });

    it('PUT /_sim/config names a key it does not know, and changes nothing', async () => {
        const reply = await send('PUT', '/_sim/config', { heartbeat: 1, licencePool: 'many' });
        expect(reply.status).toBe(400);
        expect(message(reply)).toContain('heartbeat is not a field this request takes');
        expect(message(reply)).toContain('licencePool must be integer');
        expect(simulator.model.config.licencePool).toBe(25);
    });

    it('a far-end action takes no body', async () => {
        const { body } = await send('POST', '/_sim/calls/inbound', {
            toExtension: '2001',
            from: { number: '1' }
        });
        const reply = await send('POST', `/_sim/calls/${String(body.callId)}/remote-answer`, { now: true });
        expect(reply.status).toBe(400);
        expect(message(reply)).toContain('now is not a field this request takes');
        expect(simulator.model.legs.get(String(body.callId))?.state).toBe('ringing');
    });
});
