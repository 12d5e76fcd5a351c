// The connector driven through scv-connector-base 3.6.2 itself (its initializeConnector, its setup
// message handling, its message port), against the real Suite simulator over TLS. Each test file that
// calls connectorHarness() gets its own simulator, started once, and a clean Suite after every test.
import { initializeConnector } from '@salesforce/scv-connector-base';
import { createSuiteClient } from '../../core/suite/client';
import type { SuiteClient } from '../../core/suite/types';
import { callControl } from '../../stand-ins/suite-simulator/controlClient';
import { startSimulator, type Simulator } from '../../stand-ins/suite-simulator/simulator';
import { nodeFetch, nodeWebSocket } from '../../../test/support/nodeTransport';
import { DeskPhoneConnector } from '../connector';
import { createVoiceCallRecords, type CreateVoiceCall } from '../voiceCalls';
import { SalesforceSide, type DispatchedEvent } from './salesforceSide';

export interface Started {
    side: SalesforceSide;
    connector: DeskPhoneConnector;
    created: Parameters<CreateVoiceCall>[];
}

export interface Harness {
    readonly simulator: Simulator;
    suiteFor(email: string, port?: number): SuiteClient;
    config(port?: number): Record<string, string>;
    startConnector(options?: { port?: number; ready?: boolean }): Promise<Started>;
    /** A connector that is not started: the test sends its own setup message. */
    bareConnector(createSuite?: () => SuiteClient): Started;
    ring(from?: string): Promise<string>;
    untilSimulator(callId: string, state: string): Promise<void>;
    simulatorCall(callId: string): Promise<{ state: string } | undefined>;
    /** Rings, then accepts from Salesforce: the CALL_STARTED payload and the connected call. */
    acceptedCall(started: Started): Promise<{ callId: string; call: DispatchedEvent }>;
}

export const settle = (ms = 200) => new Promise((resolve) => setTimeout(resolve, ms));

export function connectorHarness(): Harness {
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

    const suiteFor = (email: string, port = simulator.port): SuiteClient => {
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
    };

    const config = (port = simulator.port): Record<string, string> => ({
        '/reqGeneralInfo/reqInternalName': 'MiVoiceVoice',
        '/mivoiceSuite/suiteHost': 'localhost',
        '/mivoiceSuite/suitePort': String(port),
        '/mivoiceSuite/apiKey': 'dev-key-123'
    });

    const bareConnector = (createSuite = () => suiteFor('alice@example.com')): Started => {
        const side = new SalesforceSide();
        side.install();
        const connector = new DeskPhoneConnector({
            createSuite,
            voiceCalls: () => createVoiceCallRecords({ isLeader: () => true, calledNumber: () => '' })
        });
        initializeConnector(connector);
        running.push({ side, connector });
        return { side, connector, created: [] };
    };

    const startConnector = async (options: { port?: number; ready?: boolean } = {}): Promise<Started> => {
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
            await side.until(
                () => side.received.find((m) => m.type === 'CONNECTOR_READY'),
                'CONNECTOR_READY'
            );
        return { side, connector, created };
    };

    const ring = async (from = '+441632960123'): Promise<string> => {
        const { callId } = (await callControl(simulator.controlUrl, 'POST', '/_sim/calls/inbound', {
            toExtension: '2001',
            from: { number: from, name: 'Pat Caller' }
        })) as { callId: string };
        return callId;
    };

    const simulatorCall = async (callId: string) => {
        const calls = (await callControl(simulator.controlUrl, 'GET', '/_sim/calls')) as {
            callId: string;
            state: string;
        }[];
        return calls.find((call) => call.callId === callId);
    };

    const untilSimulator = async (callId: string, state: string): Promise<void> => {
        let seen: string | undefined;
        const started = Date.now();
        for (;;) {
            seen = (await simulatorCall(callId))?.state;
            if (seen === state) return;
            if (Date.now() - started > 5000) throw new Error(`the simulator's call is ${seen}, not ${state}`);
            await settle(10);
        }
    };

    const acceptedCall = async ({ side }: Started) => {
        const callId = await ring();
        const call = await side.untilEvent('CALL_STARTED');
        side.send('ACCEPT_CALL', { call: call.telephonyEventPayload });
        await side.untilEvent('CALL_CONNECTED');
        return { callId, call };
    };

    return {
        get simulator() {
            return simulator;
        },
        suiteFor,
        config,
        startConnector,
        bareConnector,
        ring,
        untilSimulator,
        simulatorCall,
        acceptedCall
    };
}
