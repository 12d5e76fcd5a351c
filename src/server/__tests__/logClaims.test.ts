// The server's log claims on their own: who wins, per user, bounded, and gone with the call.
import type { SuiteCall } from '../../core/suite/types';
import { LogClaims, MAX_CLAIMS_PER_USER } from '../logClaims';

function call(callId: string, startTime = 1000): SuiteCall {
    return {
        callId,
        state: 'connected',
        direction: 'inbound',
        remote: { number: '01632960123', name: 'ACME LTD' },
        startTime,
        cause: 'answered',
        capabilities: []
    };
}

/** A phone system whose extensions report the calls a test puts there. */
function phone() {
    const live = new Map<string, SuiteCall[]>();
    return {
        live,
        calls: (extension: string) => live.get(extension) ?? [],
        recentCalls: () => [] as SuiteCall[]
    };
}

describe('LogClaims', () => {
    it('gives a call to its first claimant; the others of that user lose, and another user is apart', () => {
        const system = phone();
        const claims = new LogClaims(system, () => 500);
        system.live.set('2001', [call('c_1')]);

        expect(claims.claim('alice@example.com', '2001', call('c_1'), 'laptop-1')).toEqual({
            outcome: 'won',
            certain: true,
            isNew: true
        });
        expect(claims.claim('alice@example.com', '2001', call('c_1'), 'desk-pc-1').outcome).toBe('lost');
        expect(claims.claim('alice@example.com', '2001', call('c_1'), 'laptop-1')).toMatchObject({
            outcome: 'won',
            isNew: false
        });
        expect(claims.claim('bob@example.com', '2001', call('c_1'), 'desk-pc-1').outcome).toBe('won');
    });

    it('finds a call on the user’s own extension only', () => {
        const system = phone();
        system.live.set('2002', [call('c_bob')]);
        const claims = new LogClaims(system);
        expect(claims.callOf('2001', 'c_bob')).toBeUndefined();
        expect(claims.callOf('2002', 'c_bob')?.callId).toBe('c_bob');
    });

    it('says a claim is uncertain for a call that began before the server did', () => {
        const claims = new LogClaims(phone(), () => 5000);
        expect(claims.claim('alice@example.com', '2001', call('c_1', 4000), 'laptop-1').certain).toBe(false);
    });

    it('forgets a claim once the phone system no longer reports its call', () => {
        const system = phone();
        const claims = new LogClaims(system, () => 500);
        system.live.set('2001', [call('c_1')]);
        claims.claim('alice@example.com', '2001', call('c_1'), 'laptop-1');
        expect(claims.size).toBe(1);

        system.live.set('2001', [call('c_2')]);
        claims.claim('alice@example.com', '2001', call('c_2'), 'laptop-1');
        expect(claims.size).toBe(1);
    });

    it(`holds at most ${MAX_CLAIMS_PER_USER} claims a user, the oldest going first`, () => {
        const system = phone();
        let now = 500;
        const claims = new LogClaims(system, () => now);
        const many = Array.from({ length: MAX_CLAIMS_PER_USER + 50 }, (_, index) => call(`c_${index}`));
        system.live.set('2001', many);
        for (const each of many) {
            now++;
            claims.claim('alice@example.com', '2001', each, 'laptop-1');
        }
        expect(claims.size).toBe(MAX_CLAIMS_PER_USER);
        // The oldest went: a second browser claiming it now wins it.
        expect(claims.claim('alice@example.com', '2001', many[0], 'desk-pc-1').outcome).toBe('won');
        expect(claims.claim('alice@example.com', '2001', many.at(-1) as SuiteCall, 'desk-pc-1').outcome).toBe(
            'lost'
        );
    });

    it('forgets every claim on a restart', () => {
        const system = phone();
        system.live.set('2001', [call('c_1')]);
        const claims = new LogClaims(system, () => 500);
        claims.claim('alice@example.com', '2001', call('c_1'), 'laptop-1');
        claims.clear();
        expect(claims.size).toBe(0);
    });
});
