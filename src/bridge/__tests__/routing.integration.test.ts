// The bridge's phone system against the OAI simulator keeping the first-monitor rule: every event of
// a call comes under the Mon_Cross_Ref_ID of the monitor that reported it first, also the events
// about the other monitored station and those after a reconnect. Each agent must still see its calls.
import { OaiSimulator } from '../../stand-ins/oai-pbx-simulator/server';
import { Directory } from '../directory';
import { OaiPhoneSystem } from '../phoneSystem';
import type { PhoneSystemChange } from '../../server/phoneSystem';
import type { SuiteCall } from '../../core/suite/types';

let pbx: OaiSimulator;
let phone: OaiPhoneSystem;
let changes: PhoneSystemChange[];

beforeEach(async () => {
    pbx = new OaiSimulator();
    pbx.faults.firstMonitorRule = true;
    await pbx.start();
    changes = [];
    phone = new OaiPhoneSystem({
        oai: {
            host: '127.0.0.1',
            port: pbx.port,
            password: '',
            applicationName: 'routing-test',
            huntGroups: [],
            backoff: { baseMs: 20, maxMs: 100 }
        },
        extensions: ['2001', '2002'],
        directory: new Directory([]),
        onChange: (change) => changes.push(change),
        onResynced: () => undefined
    });
    phone.start();
    await until(() => phone.pbxConnected);
});

afterEach(async () => {
    phone.stop();
    await pbx.stop();
});

function until<T>(probe: () => T | undefined | false, timeoutMs = 5000): Promise<T> {
    return new Promise((resolve, reject) => {
        const started = Date.now();
        const check = () => {
            const value = probe();
            if (value) return resolve(value);
            if (Date.now() - started > timeoutMs) return reject(new Error('timed out'));
            setTimeout(check, 10);
        };
        check();
    });
}

const stateAt = (extension: string): string | undefined => phone.calls(extension)[0]?.state;
const callsAt = (extension: string): SuiteCall[] =>
    changes.flatMap((change) =>
        change.kind === 'call' && change.extension === extension ? [change.call] : []
    );

describe('events routed by their extension fields', () => {
    it('a call between two monitored stations reaches both, though it comes under the first one’s monitor', async () => {
        const callId = await phone.makeCall('2001', '2002');
        await until(() => stateAt('2002') === 'ringing');
        expect(stateAt('2001')).toBe('dialing');
        const oaiCallId = phone.oaiCallIdOf('2001', callId)!;
        pbx.pbx.answer('2002', oaiCallId);
        await until(() => stateAt('2002') === 'connected' && stateAt('2001') === 'connected');
        pbx.pbx.hold('2002', oaiCallId);
        await until(() => stateAt('2002') === 'held');
        expect(stateAt('2001')).toBe('connected');
        pbx.pbx.hangup('2001', oaiCallId);
        await until(() => phone.calls('2002').length === 0 && phone.calls('2001').length === 0);
        expect(callsAt('2002').map((call) => call.state)).toEqual([
            'ringing',
            'connected',
            'held',
            'cleared'
        ]);
        expect(callsAt('2001').map((call) => call.state)).toEqual(['dialing', 'connected', 'cleared']);
    });

    it('a call live across a reconnect is followed under its old Mon_Cross_Ref_ID', async () => {
        const oaiCallId = pbx.pbx.inbound('2001', { number: '01632960123', name: 'ACME' });
        await until(() => stateAt('2001') === 'ringing');
        pbx.pbx.answer('2001', oaiCallId);
        await until(() => stateAt('2001') === 'connected');
        const callId = phone.callIdOf('2001', oaiCallId);
        pbx.dropConnections();
        await until(() => !phone.pbxConnected);
        await until(() => phone.pbxConnected);
        pbx.pbx.hold('2001', oaiCallId);
        await until(() => stateAt('2001') === 'held');
        pbx.pbx.retrieve('2001', oaiCallId);
        await until(() => stateAt('2001') === 'connected');
        pbx.pbx.remoteHangup(oaiCallId);
        await until(() => phone.calls('2001').length === 0);
        const seen = callsAt('2001');
        expect(new Set(seen.map((call) => call.callId))).toEqual(new Set([callId]));
        expect(seen.map((call) => call.state)).toEqual([
            'ringing',
            'connected',
            'held',
            'connected',
            'cleared'
        ]);
    });
});
