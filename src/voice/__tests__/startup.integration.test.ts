// Start-up through scv-connector-base 3.6.2 and what the agent's settings and Salesforce's own log
// lines do: ready with the desk phone, a foreign setup message ignored, the Suite down or a setting
// missing reported by label, SET_AGENT_CONFIG for the one phone there is, LOG errors kept.
import { connectorHarness, settle } from './connectorHarness';

const harness = connectorHarness();

describe('start-up through the library', () => {
    it('is ready with the desk phone on the primary extension and only what a desk phone can do', async () => {
        const { side } = await harness.startConnector();
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
        let suites = 0;
        const { side } = harness.bareConnector(() => {
            suites += 1;
            return harness.suiteFor('alice@example.com');
        });
        side.setUp(harness.config(), 'https://acme.lightning.force.com.evil.example');
        side.setUp(harness.config());
        await settle(300);
        expect(side.received).toEqual([]);
        expect(suites).toBe(0);
        expect(side.window.listening).toBe(0);
    });

    it('reports the Suite down at start with the cause the panel names', async () => {
        const { side } = await harness.startConnector({ port: 1, ready: false });
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
        const { side } = harness.bareConnector();
        side.setUp({ '/mivoiceSuite/apiKey': 'dev-key-123' });
        const error = await side.untilEvent('ERROR');
        expect(error.telephonyEventPayload.customError).toEqual(
            expect.objectContaining({ labelName: 'Softphone_Msg_settingMissing' })
        );
    });
});

describe("the agent's phone (SET_AGENT_CONFIG)", () => {
    it('takes the desk phone on the primary extension', async () => {
        const { side } = await harness.startConnector();
        side.send('SET_AGENT_CONFIG', { config: { selectedPhone: { type: 'DESK_PHONE', number: '2001' } } });
        const updated = await side.untilEvent('AGENT_CONFIG_UPDATED');
        expect(updated.telephonyEventPayload).toEqual({ success: true });
    });

    it('refuses another desk phone number: the phone system decides the extension', async () => {
        const { side } = await harness.startConnector();
        side.send('SET_AGENT_CONFIG', { config: { selectedPhone: { type: 'DESK_PHONE', number: '2002' } } });
        const error = await side.untilEvent('ERROR');
        expect(error.telephonyEventPayload).toEqual({ message: 'CAN_NOT_UPDATE_PHONE_NUMBER' });
        expect(side.events('AGENT_CONFIG_UPDATED')).toEqual([]);
    });

    it('refuses the softphone: there is no audio in the browser', async () => {
        const { side } = await harness.startConnector();
        side.send('SET_AGENT_CONFIG', { config: { selectedPhone: { type: 'SOFT_PHONE' } } });
        const error = await side.untilEvent('ERROR');
        expect(error.telephonyEventPayload).toEqual({ message: 'CAN_NOT_SET_AGENT_CONFIG' });
    });
});

describe("Salesforce's log lines (LOG)", () => {
    it('keeps an error line in the diagnostics and takes an info line quietly', async () => {
        const started = await harness.startConnector();
        started.side.send('LOG', {
            logLevel: 'INFO',
            logMessage: 'Omni-Channel status changed',
            payload: {}
        });
        started.side.send('LOG', {
            logLevel: 'ERROR',
            logMessage: 'VoiceCall record could not load',
            payload: {}
        });
        // A call after the log lines: the port delivered them first.
        await harness.acceptedCall(started);
        expect(started.connector.vendor.diagnostics.entries()).toEqual([
            expect.objectContaining({
                operation: 'salesforce.log',
                detail: 'VoiceCall record could not load'
            })
        ]);
    });
});
