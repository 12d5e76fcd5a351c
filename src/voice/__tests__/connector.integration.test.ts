// The connector driven through scv-connector-base 3.6.2 itself (its initializeConnector, its setup
// message handling, its message port), against the real Suite simulator over TLS: what Salesforce's
// softphone would receive for each request and for what happens at the handset or the far end.
import { initializeConnector } from '@salesforce/scv-connector-base';
import { createSuiteClient } from '../../core/suite/client';
import type { SuiteClient } from '../../core/suite/types';
import { callControl } from '../../stand-ins/suite-simulator/controlClient';
import { startSimulator, type Simulator } from '../../stand-ins/suite-simulator/simulator';
import { nodeFetch, nodeWebSocket } from '../../../test/support/nodeTransport';
import { DeskPhoneConnector } from '../connector';
import { createVoiceCallRecords, type CreateVoiceCall } from '../voiceCalls';
import { SalesforceSide } from './salesforceSide';

jest.setTimeout(20_000);

let simulator: Simulator;
const running: { side: SalesforceSide; connector: DeskPhoneConnector }[] = [];
const clients: SuiteClient[] = [];

beforeAll(async () => {
    simulator = await startSimulator({ config: { heartbeatSec: 1 } });
});

afterEach(async () => {
    for (const { side, connector } of running.splice(0)) {
        await connector.logout();
        side.close();
    }
    for (const client of clients.splice(0)) client.stop();
    await callControl(simulator.controlUrl, 'POST', '/_sim/reset');
});

afterAll(() => simulator.stop());

function suiteFor(email: string, port = simulator.port): SuiteClient {
    const client = createSuiteClient({
        host: 'localhost',
        port,
        apiKey: 'dev-key-123',
        email,
        fetch: nodeFetch(simulator.ca.certPem),
        webSocket: nodeWebSocket(simulator.ca.certPem),
        backoff: { baseMs: 50, maxMs: 200 }
    });
    clients.push(client);
    return client;
}

function config(port = simulator.port): Record<string, string> {
    return {
        '/reqGeneralInfo/reqInternalName': 'MiVoiceVoice',
        '/mivoiceSuite/suiteHost': 'localhost',
        '/mivoiceSuite/suitePort': String(port),
        '/mivoiceSuite/apiKey': 'dev-key-123'
    };
}

interface Started {
    side: SalesforceSide;
    connector: DeskPhoneConnector;
    created: Parameters<CreateVoiceCall>[];
}

async function startConnector(options: { port?: number; ready?: boolean } = {}): Promise<Started> {
    const side = new SalesforceSide();
    side.install();
    const created: Parameters<CreateVoiceCall>[] = [];
    let next = 1;
    const connector = new DeskPhoneConnector({
        createSuite: () => suiteFor('alice@example.com', options.port),
        startTimeoutMs: 1500,
        voiceCalls: (suite) =>
            createVoiceCallRecords({
                isLeader: () => true,
                calledNumber: () => suite.user?.primaryExtension ?? '',
                create: async (...args) => {
                    created.push(args);
                    return { status: 'created', voiceCallId: `0LQ00000000000${next++}AAA`.slice(0, 18) };
                }
            })
    });
    initializeConnector(connector);
    side.setUp(config(options.port));
    running.push({ side, connector });
    if (options.ready !== false)
        await side.until(() => side.received.find((m) => m.type === 'CONNECTOR_READY'), 'CONNECTOR_READY');
    return { side, connector, created };
}

async function ring(from = '+441632960123'): Promise<string> {
    const { callId } = (await callControl(simulator.controlUrl, 'POST', '/_sim/calls/inbound', {
        toExtension: '2001',
        from: { number: from, name: 'Pat Caller' }
    })) as { callId: string };
    return callId;
}

async function simulatorCall(callId: string): Promise<{ state: string } | undefined> {
    const calls = (await callControl(simulator.controlUrl, 'GET', '/_sim/calls')) as {
        callId: string;
        state: string;
    }[];
    return calls.find((call) => call.callId === callId);
}

async function untilSimulator(callId: string, state: string): Promise<void> {
    let seen: string | undefined;
    const started = Date.now();
    for (;;) {
        seen = (await simulatorCall(callId))?.state;
        if (seen === state) return;
        if (Date.now() - started > 5000) throw new Error(`the simulator's call is ${seen}, not ${state}`);
        await new Promise((resolve) => setTimeout(resolve, 10));
    }
}

describe('start-up through the library', () => {
    it('is ready with the desk phone on the primary extension and only what a desk phone can do', async () => {
        const { side } = await startConnector();
        const ready = side.received.find((m) => m.type === 'CONNECTOR_READY')?.payload as {
            agentConfig: { PHONES: string[]; SELECTED_PHONE: { type: string; number: string } };
            capabilities: Record<string, boolean>;
            callInProgress: unknown;
        };
        expect(ready.agentConfig.PHONES).toEqual(['DESK_PHONE']);
        expect(ready.agentConfig.SELECTED_PHONE).toEqual({ type: 'DESK_PHONE', number: '2001' });
        expect(ready.capabilities).toMatchObject({
            MUTE: false,
            RECORD: false,
            MERGE: false,
            SWAP: false,
            MOS: false,
            SIGNED_RECORDING_URL: false,
            BLIND_TRANSFER: true
        });
        expect(ready.callInProgress).toBeNull();
    });

    it('ignores a setup message from a foreign origin, and every one after it', async () => {
        const side = new SalesforceSide();
        side.install();
        let suites = 0;
        const connector = new DeskPhoneConnector({
            createSuite: () => {
                suites += 1;
                return suiteFor('alice@example.com');
            },
            voiceCalls: () => createVoiceCallRecords({ isLeader: () => true, calledNumber: () => '' })
        });
        initializeConnector(connector);
        running.push({ side, connector });
        side.setUp(config(), 'https://acme.lightning.force.com.evil.example');
        side.setUp(config());
        await new Promise((resolve) => setTimeout(resolve, 300));
        expect(side.received).toEqual([]);
        expect(suites).toBe(0);
        expect(side.window.listening).toBe(0);
    });

    it('reports the Suite down at start with the cause the panel names', async () => {
        const { side } = await startConnector({ port: 1, ready: false });
        const error = await side.untilEvent('ERROR');
        expect(error.telephonyEventPayload).toEqual({
            customError: expect.objectContaining({
                labelName: 'Softphone_Msg_suiteUnreachable',
                namespace: 'c'
            })
        });
        expect(side.received.some((m) => m.type === 'CONNECTOR_READY')).toBe(false);
    });

    it('reports a missing setting by the label that names it', async () => {
        const side = new SalesforceSide();
        side.install();
        const connector = new DeskPhoneConnector({
            createSuite: () => suiteFor('alice@example.com'),
            voiceCalls: () => createVoiceCallRecords({ isLeader: () => true, calledNumber: () => '' })
        });
        initializeConnector(connector);
        running.push({ side, connector });
        side.setUp({ '/mivoiceSuite/apiKey': 'dev-key-123' });
        const error = await side.untilEvent('ERROR');
        expect(error.telephonyEventPayload.customError).toEqual(
            expect.objectContaining({ labelName: 'Softphone_Msg_settingMissing' })
        );
    });
});

describe('an inbound call', () => {
    it('rings with one VoiceCall, is accepted at the Suite, and connects once', async () => {
        const { side, created } = await startConnector();
        const callId = await ring();
        const started = await side.untilEvent('CALL_STARTED');
        expect(created).toEqual([[callId, '+441632960123', '2001']]);
        expect(started.telephonyEventPayload).toMatchObject({
            callId,
            callType: 'Inbound',
            state: 'ringing',
            callAttributes: { voiceCallId: '0LQ000000000001AAA', participantType: 'Initial_Caller' },
            callInfo: {
                isSoftphoneCall: false,
                showMuteButton: false,
                showRecordButton: false,
                showMergeButton: false
            }
        });

        side.send('ACCEPT_CALL', { call: started.telephonyEventPayload });
        const connected = await side.untilEvent('CALL_CONNECTED');
        expect(connected.telephonyEventPayload).toMatchObject({ callId, state: 'connected' });
        await untilSimulator(callId, 'connected');
        await new Promise((resolve) => setTimeout(resolve, 200));
        expect(side.events('CALL_CONNECTED')).toHaveLength(1);
        expect(side.events('CALL_STARTED')).toHaveLength(1);
        expect(created).toHaveLength(1);
    });

    it('holds and resumes at the Suite, twice, one HOLD_TOGGLE each', async () => {
        const { side } = await startConnector();
        const callId = await ring();
        const started = await side.untilEvent('CALL_STARTED');
        side.send('ACCEPT_CALL', { call: started.telephonyEventPayload });
        await side.untilEvent('CALL_CONNECTED');
        for (let round = 0; round < 2; round++) {
            side.send('HOLD', { call: started.telephonyEventPayload });
            const held = await side.untilEvent('HOLD_TOGGLE', 2 * round + 1);
            expect(held.telephonyEventPayload).toMatchObject({
                isCustomerOnHold: true,
                isThirdPartyOnHold: false
            });
            await untilSimulator(callId, 'held');
            side.send('RESUME', { call: started.telephonyEventPayload });
            const resumed = await side.untilEvent('HOLD_TOGGLE', 2 * round + 2);
            expect(resumed.telephonyEventPayload).toMatchObject({ isCustomerOnHold: false });
            await untilSimulator(callId, 'connected');
        }
        await new Promise((resolve) => setTimeout(resolve, 200));
        expect(side.events('HOLD_TOGGLE')).toHaveLength(4);
    });

    it('ends at the Suite with one HANGUP', async () => {
        const { side } = await startConnector();
        const callId = await ring();
        const started = await side.untilEvent('CALL_STARTED');
        side.send('ACCEPT_CALL', { call: started.telephonyEventPayload });
        await side.untilEvent('CALL_CONNECTED');
        side.send('END_CALL', { call: started.telephonyEventPayload, agentStatus: 'Online' });
        await side.untilEvent('HANGUP');
        await untilSimulator(callId, 'cleared');
        await new Promise((resolve) => setTimeout(resolve, 200));
        expect(side.events('HANGUP')).toHaveLength(1);
        expect(side.events('PARTICIPANT_REMOVED')).toHaveLength(0);
    });

    it('declined: cleared at the Suite, one HANGUP', async () => {
        const { side } = await startConnector();
        const callId = await ring();
        const started = await side.untilEvent('CALL_STARTED');
        side.send('DECLINE_CALL', { call: started.telephonyEventPayload });
        await side.untilEvent('HANGUP');
        await untilSimulator(callId, 'cleared');
        await new Promise((resolve) => setTimeout(resolve, 200));
        expect(side.events('HANGUP')).toHaveLength(1);
    });

    it('answered and held at the handset, then hung up by the caller: each published once', async () => {
        const { side } = await startConnector();
        const callId = await ring();
        await side.untilEvent('CALL_STARTED');
        const handset = suiteFor('alice@example.com');
        handset.start();
        await side.until(() => handset.calls.has(callId), 'the handset sees the call');
        await handset.answer(callId);
        const connected = await side.untilEvent('CALL_CONNECTED');
        expect(connected.telephonyEventPayload).toMatchObject({ callId, state: 'connected' });
        await handset.hold(callId);
        const held = await side.untilEvent('HOLD_TOGGLE');
        expect(held.telephonyEventPayload).toMatchObject({ isCustomerOnHold: true });
        await callControl(simulator.controlUrl, 'POST', `/_sim/calls/${callId}/remote-hangup`);
        const hangup = await side.untilEvent('HANGUP');
        expect(hangup.telephonyEventPayload).toEqual([expect.objectContaining({ callId, state: 'ended' })]);
        await new Promise((resolve) => setTimeout(resolve, 200));
        expect(side.events('CALL_CONNECTED')).toHaveLength(1);
        expect(side.events('HANGUP')).toHaveLength(1);
    });

    it('answered elsewhere in the hunt group: HANGUP with the reason', async () => {
        const { side } = await startConnector();
        const callId = await ring();
        await side.untilEvent('CALL_STARTED');
        await callControl(simulator.controlUrl, 'POST', `/_sim/calls/${callId}/answered-elsewhere`);
        const hangup = await side.untilEvent('HANGUP');
        expect(hangup.telephonyEventPayload).toEqual([
            expect.objectContaining({ callId, reason: 'answeredElsewhere' })
        ]);
    });
});

describe('calls Salesforce starts', () => {
    it('dials the normalised number and starts the call the Suite reports, once, with no VoiceCall of ours', async () => {
        const { side, created } = await startConnector();
        side.send('DIAL', { contact: { phoneNumber: '(01632) 960 456' } });
        const started = await side.untilEvent('CALL_STARTED');
        expect(started.telephonyEventPayload).toMatchObject({
            callType: 'Outbound',
            phoneNumber: '01632960456'
        });
        const callId = started.telephonyEventPayload.callId as string;
        expect(await simulatorCall(callId)).toBeDefined();
        await new Promise((resolve) => setTimeout(resolve, 200));
        expect(side.events('CALL_STARTED')).toHaveLength(1);
        expect(created).toEqual([]);
    });

    it('refuses a number that cannot be dialled with the library’s invalid destination', async () => {
        const { side } = await startConnector();
        side.send('DIAL', { contact: { phoneNumber: 'call me' } });
        await side.untilEvent('CALL_FAILED');
        const error = await side.untilEvent('ERROR');
        expect(error.telephonyEventPayload).toEqual({ message: 'INVALID_DESTINATION' });
    });

    it('blind-transfers: PARTICIPANT_ADDED then HANGUP, and the call leaves the agent', async () => {
        const { side } = await startConnector();
        const callId = await ring();
        const started = await side.untilEvent('CALL_STARTED');
        side.send('ACCEPT_CALL', { call: started.telephonyEventPayload });
        await side.untilEvent('CALL_CONNECTED');
        side.send('ADD_PARTICIPANT', {
            contact: { phoneNumber: '2002' },
            call: started.telephonyEventPayload,
            isBlindTransfer: true
        });
        const added = await side.untilEvent('PARTICIPANT_ADDED');
        expect(added.telephonyEventPayload).toMatchObject({
            initialCallHasEnded: true,
            phoneNumber: '2002',
            callId
        });
        await side.untilEvent('HANGUP');
        await untilSimulator(callId, 'cleared');
        await new Promise((resolve) => setTimeout(resolve, 200));
        expect(side.events('HANGUP')).toHaveLength(1);
    });
});

describe('consult transfer', () => {
    it('consults, shows the consulted party connecting, and hands the caller over when the agent ends the call', async () => {
        const { side } = await startConnector();
        const callId = await ring();
        const started = await side.untilEvent('CALL_STARTED');
        side.send('ACCEPT_CALL', { call: started.telephonyEventPayload });
        await side.untilEvent('CALL_CONNECTED');
        side.send('ADD_PARTICIPANT', {
            contact: { phoneNumber: '01632 960456' },
            call: started.telephonyEventPayload,
            isBlindTransfer: false
        });
        const added = await side.untilEvent('PARTICIPANT_ADDED');
        const consultId = added.telephonyEventPayload.callId as string;
        expect(added.telephonyEventPayload).toMatchObject({
            initialCallHasEnded: false,
            phoneNumber: '01632960456'
        });
        expect(consultId).not.toBe(callId);
        await untilSimulator(callId, 'held');
        await callControl(simulator.controlUrl, 'POST', `/_sim/calls/${consultId}/remote-answer`);
        const connected = await side.untilEvent('PARTICIPANT_CONNECTED');
        expect(connected.telephonyEventPayload).toMatchObject({ callId: consultId });

        side.send('END_CALL', { call: started.telephonyEventPayload, agentStatus: 'Online' });
        await side.untilEvent('HANGUP');
        await untilSimulator(callId, 'cleared');
        await untilSimulator(consultId, 'cleared');
        await new Promise((resolve) => setTimeout(resolve, 200));
        expect(side.events('HANGUP')).toHaveLength(1);
        expect(side.events('CALL_STARTED')).toHaveLength(1);
        expect(side.events('HOLD_TOGGLE')).toHaveLength(0);
    });
});

describe('presence and replay', () => {
    it('turns DND on for an offline status and off for an online one', async () => {
        const { side } = await startConnector();
        const observer = suiteFor('alice@example.com');
        observer.start();
        await side.until(() => observer.connection.state === 'open', 'the observer connects');
        side.send('SET_AGENT_STATUS', {
            agentStatus: 'Offline',
            statusInfo: { statusId: '0N5000000000001' }
        });
        await side.untilEvent('SET_AGENT_STATUS_RESULT');
        await side.until(() => observer.dndEnabled, 'DND on');
        side.send('SET_AGENT_STATUS', { agentStatus: 'Online', statusInfo: { statusId: '0N5000000000002' } });
        const result = await side.untilEvent('SET_AGENT_STATUS_RESULT', 2);
        expect(result.telephonyEventPayload).toEqual({ success: true });
        await side.until(() => !observer.dndEnabled, 'DND off');
    });

    it('a reloaded connector reports the call in progress and replays it when the agent is available', async () => {
        const first = await startConnector();
        const callId = await ring();
        const started = await first.side.untilEvent('CALL_STARTED');
        first.side.send('ACCEPT_CALL', { call: started.telephonyEventPayload });
        await first.side.untilEvent('CALL_CONNECTED');

        const reloaded = await startConnector();
        const ready = reloaded.side.received.find((m) => m.type === 'CONNECTOR_READY')?.payload as {
            callInProgress: { callId: string; state: string };
        };
        expect(ready.callInProgress).toMatchObject({ callId, state: 'connected' });
        reloaded.side.send('AGENT_AVAILABLE', { isAvailable: true });
        const replayed = await reloaded.side.untilEvent('CALL_CONNECTED');
        expect(replayed.telephonyEventPayload).toMatchObject({ callId, isReplayedCall: true });
        expect(reloaded.created).toEqual([]);
    });
});
