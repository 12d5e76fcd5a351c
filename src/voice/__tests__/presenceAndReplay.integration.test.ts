// Omni-Channel presence as the phone's DND, and a reloaded connector page that finds a call in
// progress, through scv-connector-base 3.6.2 and the Suite simulator.
import { connectorHarness } from './connectorHarness';

const harness = connectorHarness();

it('turns DND on for an offline status and off for an online one', async () => {
    const { side } = await harness.startConnector();
    const observer = harness.suiteFor('alice@example.com');
    observer.start();
    await side.until(() => observer.connection.state === 'open', 'the observer connects');
    side.send('SET_AGENT_STATUS', { agentStatus: 'Offline', statusInfo: { statusId: '0N5000000000001' } });
    await side.untilEvent('SET_AGENT_STATUS_RESULT');
    await side.until(() => observer.dndEnabled, 'DND on');
    side.send('SET_AGENT_STATUS', { agentStatus: 'Online', statusInfo: { statusId: '0N5000000000002' } });
    const result = await side.untilEvent('SET_AGENT_STATUS_RESULT', 2);
    expect(result.telephonyEventPayload).toEqual({ success: true });
    await side.until(() => !observer.dndEnabled, 'DND off');
});

it('a reloaded connector reports the call in progress and replays it when the agent is available', async () => {
    const first = await harness.startConnector();
    const { callId } = await harness.acceptedCall(first);

    const reloaded = await harness.startConnector();
    const ready = reloaded.side.received.find((m) => m.type === 'CONNECTOR_READY')?.payload as {
        callInProgress: { callId: string; state: string };
    };
    expect(ready.callInProgress).toMatchObject({ callId, state: 'connected' });
    reloaded.side.send('AGENT_AVAILABLE', { isAvailable: true });
    const replayed = await reloaded.side.untilEvent('CALL_CONNECTED');
    expect(replayed.telephonyEventPayload).toMatchObject({ callId, isReplayedCall: true });
    expect(reloaded.created).toEqual([]);
});
