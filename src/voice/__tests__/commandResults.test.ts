// A request's result is the call as the Suite reports it after the command; when the Suite stays silent,
// the call as contract v1 says it is in the new state, so Salesforce's buttons are never the old ones.
import type { PhoneCall } from '@salesforce/scv-connector-base';
import type { CallState, SuiteCall, SuiteClient } from '../../core/suite/types';
import { Diagnostics } from '../../core/telephony/diagnostics';
import { hangupReason } from '../deskPhone';
import { DeskPhoneTelephonyConnector } from '../telephonyConnector';

const ringing: SuiteCall = {
    callId: 'c_1',
    state: 'ringing',
    direction: 'inbound',
    remote: { number: '+441632960123', name: 'Pat Caller' },
    startTime: 1_800_000_000_000,
    cause: 'newCall',
    capabilities: ['answer', 'clear']
};

/** A Suite whose commands succeed and whose calls change only when the test says so. */
function silentSuite(calls: Map<string, SuiteCall>): SuiteClient {
    return {
        calls,
        user: { email: 'alice@example.com', displayName: 'Alice', primaryExtension: '2001' },
        answer: async () => undefined,
        hold: async () => undefined,
        on: () => () => undefined
    } as unknown as SuiteClient;
}

function connector(calls: Map<string, SuiteCall>, reportTimeoutMs = 20) {
    return new DeskPhoneTelephonyConnector({
        suite: silentSuite(calls),
        dialing: {
            outsidePrefix: '',
            longDistancePrefix: '',
            internationalPrefix: '00',
            siteCountryCode: '',
            siteNationalPrefix: ''
        },
        publish: async () => undefined,
        voiceCalls: { forInbound: async () => undefined, known: () => undefined },
        diagnostics: new Diagnostics(),
        reportTimeoutMs
    });
}

const asked = { callId: 'c_1' } as PhoneCall;

it('answers Accept with the buttons contract v1 gives a connected call when the Suite does not report it', async () => {
    const result = await connector(new Map([['c_1', ringing]])).acceptCall(asked);
    expect(result.call?.state).toBe('connected');
    expect(result.call?.callInfo).toMatchObject({
        acceptEnabled: false,
        holdEnabled: true,
        addCallerEnabled: true,
        showAddCallerButton: true,
        showAddBlindTransferButton: true
    });
});

it('answers at once with the call as the book has it when another tab or the handset got there first', async () => {
    const connected: SuiteCall = { ...ringing, state: 'connected', capabilities: ['hold', 'clear'] };
    const started = Date.now();
    const answered = await connector(new Map([['c_1', connected]]), 10_000).acceptCall(asked);
    expect(Date.now() - started).toBeLessThan(1000);
    // The Suite's own capabilities (no transfer here), not the contract's.
    expect(answered.call?.callInfo).toMatchObject({ holdEnabled: true, showAddBlindTransferButton: false });
});

it.each<[string, string, Partial<SuiteCall>]>([
    ['an outbound call the far end was busy for', 'error', { direction: 'outbound', cause: 'busy' }],
    ['an outbound call nobody answered', 'error', { direction: 'outbound', cause: 'callNotAnswered' }],
    ['an inbound call nobody answered', 'ended', { cause: 'callNotAnswered' }],
    ['an answered call the far end cleared', 'ended', { answerTime: 1, cause: 'normalClear' }],
    ['a call answered elsewhere', 'ended', { cause: 'answeredElsewhere' }],
    ['a transferred call', 'ended', { answerTime: 1, cause: 'transfer' }]
])('ends %s with the library’s "%s"', (_case, reason, change) => {
    expect(hangupReason({ ...ringing, state: 'cleared' as CallState, ...change })).toBe(reason);
});
