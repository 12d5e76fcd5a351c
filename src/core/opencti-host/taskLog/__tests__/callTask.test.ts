// The Task a call leaves: how a call never answered ended, and the other party's number as the agent reads it.
import type { SuiteCall } from '../../../suite/types';
import { buildTask, callOutcome, dispositionOf, type CallRecord } from '../callTask';

const UK = {
    outsidePrefix: '9',
    longDistancePrefix: '',
    internationalPrefix: '00',
    siteCountryCode: '44',
    siteNationalPrefix: '0'
};
const placed = (cause: string, number = '90014155550134'): CallRecord => ({
    call: {
        callId: 'c_1',
        state: 'cleared',
        direction: 'outbound',
        remote: { number, name: '' },
        startTime: 1_800_000_000_000,
        endTime: 1_800_000_010_000,
        cause,
        capabilities: []
    } as SuiteCall,
    incoming: false,
    notes: ''
});

describe('a call never answered', () => {
    it.each<[string, SoftphoneCallOutcome | undefined, string]>([
        ['busy', 'busy', 'busy'],
        ['callNotAnswered', 'noAnswer', 'no answer'],
        ['doNotDisturb', 'rejected', 'rejected'],
        ['destinationNotAvailable', 'failed', 'failed'],
        ['reorderTone', 'failed', 'failed'],
        ['trunksBusy', 'failed', 'failed'],
        // The agent ended it before an answer: nothing to tell, the Task says no answer as before.
        ['normalClear', undefined, 'no answer']
    ])('placed here, ending with %s, is %s, and its Task says %s', (cause, outcome, disposition) => {
        expect(callOutcome(placed(cause))).toBe(outcome);
        expect(dispositionOf(placed(cause))).toBe(disposition);
    });

    it('is missed when it rang here, busy when the phone system says so', () => {
        const rang = { ...placed('callNotAnswered'), incoming: true };
        expect([callOutcome(rang), dispositionOf(rang)]).toEqual(['missed', 'missed']);
        const busy = { ...placed('busy'), incoming: true };
        expect(dispositionOf(busy)).toBe('busy');
        expect(callOutcome({ ...placed('answeredElsewhere'), incoming: true })).toBeUndefined();
        expect(callOutcome({ ...placed('normalClear'), answeredAt: 1_800_000_001_000 })).toBeUndefined();
    });

    it('names the other party in the subject as the agent reads the number, never as the dial string', () => {
        expect(buildTask(placed('busy'), 0, UK)).toMatchObject({
            Subject: 'Outbound call to +1 415-555-0134',
            CallDisposition: 'busy'
        });
        const inbound = { ...placed('normalClear', '01632960777'), incoming: true, answeredAt: 1 };
        inbound.call = {
            ...inbound.call,
            direction: 'inbound',
            remote: { number: '01632960777', name: 'ACME' }
        };
        expect(buildTask(inbound, 0, UK).Subject).toBe('Inbound call from ACME (01632 960777)');
    });
});
