// Several tabs of one agent: the leader tab owns the one Suite connection and the Task logging,
// the others mirror it and send their commands through it, and a follower takes over when the
// leader closes, also mid-call. Real controllers, the Open CTI emulator and the simulator over TLS;
// the tabs share storage, Web Locks and a BroadcastChannel as tabs of one browser do.
import { MemoryStore } from '../../src/core/durability/keyValueStore';
import { MemoryLockManager } from '../../src/core/durability/leadership';
import { OpenCtiEmulator } from '../../src/workbench/opencti-emulator/emulator';
import type { ControllerHarness } from '../support/controllerHarness';
import { useSimulator } from '../support/simulatorFixture';

jest.setTimeout(20_000);

const fixture = useSimulator();

/** Tabs of one browser: one Salesforce org (emulator), one storage, one lock manager. */
async function browserWithTabs(
    count: number,
    agentEmail?: string,
    tabOptions: { visible?: boolean; focused?: boolean }[] = []
): Promise<ControllerHarness[]> {
    const emulator = new OpenCtiEmulator({ agentEmail });
    const storage = new MemoryStore();
    const locks = new MemoryLockManager();
    const tabs: ControllerHarness[] = [];
    for (let index = 0; index < count; index++) {
        const tab = await fixture.controller({
            emulator,
            storage,
            locks,
            tabs: true,
            ...tabOptions[index]
        });
        tabs.push(tab);
    }
    return tabs;
}

const ring = () =>
    fixture.simulator.model.ringInbound('2001', { number: '01632 960123', name: 'ACME LTD' }).callId;
const callState = (tab: ControllerHarness, callId: string) =>
    tab.state().calls.find((call) => call.callId === callId)?.state;

describe('tabs of one agent', () => {
    it('share one Suite connection: the other tabs mirror its calls and send their commands through it', async () => {
        const [leader, follower] = await browserWithTabs(2);
        await follower.until(() => follower.state().status.phase === 'ready');
        await leader.until(() => leader.state().status.phase === 'ready');
        expect(fixture.simulator.openChannels()).toBe(1);
        expect(follower.state().agent).toEqual(leader.state().agent);

        const callId = ring();
        await follower.until(() => callState(follower, callId) === 'ringing');
        follower.intent({ type: 'answer', callId });
        await leader.until(() => callState(leader, callId) === 'connected');
        await follower.until(() => callState(follower, callId) === 'connected');
        follower.intent({ type: 'hold', callId });
        await leader.until(() => callState(leader, callId) === 'held');
        follower.intent({ type: 'retrieve', callId });
        await follower.until(() => callState(follower, callId) === 'connected');
        follower.intent({ type: 'hangup', callId });
        await leader.until(() => leader.emulator.tasks.size === 1);
        await Promise.all([leader, follower].map((tab) => tab.taskLogSettled()));
        expect([...leader.emulator.tasks.values()]).toEqual([
            expect.objectContaining({ CallObject: callId, CallType: 'Inbound' })
        ]);
    });

    it('dial from a follower tab, and its refused commands come back as the Suite refused them', async () => {
        const [, follower] = await browserWithTabs(2);
        await follower.until(() => follower.state().status.phase === 'ready');
        follower.intent({ type: 'dial', number: '2002' });
        const outbound = await follower.until(() =>
            follower.state().calls.find((call) => call.direction === 'internal')
        );
        expect(outbound.number).toBe('2002');
        follower.intent({ type: 'retrieve', callId: outbound.callId });
        await follower.until(() => follower.state().notice?.code === 'commandFailed');
        expect(follower.state().notice?.params?.detail).toBe('invalidState');
    });

    it('hand over within a second when the leader closes mid-call; the call stays on screen and is logged once', async () => {
        const [leader, follower] = await browserWithTabs(2);
        await follower.until(() => follower.state().status.phase === 'ready');
        const callId = ring();
        await leader.until(() => callState(leader, callId) === 'ringing');
        leader.intent({ type: 'answer', callId });
        await follower.until(() => callState(follower, callId) === 'connected');

        const sessionsBefore = new Set(fixture.simulator.model.sessions.keys());
        const closedAt = Date.now();
        leader.stop();
        await follower.until(
            () =>
                [...fixture.simulator.model.sessions.keys()].some((token) => !sessionsBefore.has(token)) &&
                fixture.simulator.openChannels() === 1 &&
                follower.state().status.phase === 'ready'
        );
        const handoverMs = Date.now() - closedAt;
        expect(handoverMs).toBeLessThan(1000);
        expect(callState(follower, callId)).toBe('connected');

        follower.intent({ type: 'hold', callId });
        await follower.until(() => callState(follower, callId) === 'held');
        follower.intent({ type: 'retrieve', callId });
        await follower.until(() => callState(follower, callId) === 'connected');
        fixture.simulator.model.remote(callId, 'hangup');
        await follower.until(() => follower.emulator.tasks.size === 1);
        await follower.taskLogSettled();
        expect(follower.emulator.tasks.size).toBe(1);
    });

    it('log a call that ended while the leadership moved, once', async () => {
        const [leader, follower] = await browserWithTabs(2);
        await follower.until(() => follower.state().status.phase === 'ready');
        const callId = ring();
        await follower.until(() => callState(follower, callId) === 'ringing');
        follower.intent({ type: 'answer', callId });
        await leader.until(() => callState(leader, callId) === 'connected');
        leader.stop();
        fixture.simulator.model.remote(callId, 'hangup');
        await follower.until(() => follower.emulator.tasks.size === 1);
        await follower.until(() => follower.state().status.phase === 'ready');
        await follower.taskLogSettled();
        expect([...follower.emulator.tasks.values()]).toEqual([
            expect.objectContaining({ CallObject: callId, CallDisposition: 'answered' })
        ]);
        expect(follower.state().calls).toEqual([]);
    });

    it('link the Task the leader logs to the record popped in the tab the agent works in, with the notes typed there', async () => {
        const [leader, follower] = await browserWithTabs(2, undefined, [
            { visible: false, focused: false },
            { visible: true, focused: true }
        ]);
        await follower.until(() => follower.state().status.phase === 'ready');
        const callId = ring();
        await follower.until(() => callState(follower, callId) === 'ringing');
        follower.intent({ type: 'answer', callId });
        await follower.until(
            () =>
                follower.state().calls.find((call) => call.callId === callId)?.match.recordName ===
                'Ada Lovelace'
        );
        follower.intent({ type: 'notes', callId, text: 'Typed in the second tab' });
        // The leader shows what the other tab found the next time it draws the call.
        follower.intent({ type: 'hold', callId });
        await leader.until(
            () =>
                leader.state().calls.find((call) => call.callId === callId)?.match.recordName ===
                'Ada Lovelace'
        );
        expect(leader.emulator.count('searchAndScreenPop')).toBe(1);
        follower.intent({ type: 'hangup', callId });
        const [task] = await leader.until(
            () => leader.emulator.tasks.size > 0 && [...leader.emulator.tasks.values()]
        );
        expect(task).toMatchObject({
            CallObject: callId,
            WhoId: '0035g00000AdaLov',
            Description: 'Typed in the second tab'
        });
    });

    it('show the leader connection honestly, and mirror DND set from any tab', async () => {
        const [leader, follower] = await browserWithTabs(2);
        await follower.until(() => follower.state().status.phase === 'ready');
        follower.intent({ type: 'dnd', enabled: true });
        await leader.until(() => leader.state().dnd.enabled);
        await follower.until(() => follower.state().dnd.enabled);

        await fetch(`${fixture.simulator.controlUrl}/_sim/stop`, { method: 'POST' });
        await follower.until(() => follower.state().status.phase === 'reconnecting');
        await fetch(`${fixture.simulator.controlUrl}/_sim/start`, { method: 'POST' });
        await follower.until(() => follower.state().status.phase === 'ready');
        expect(leader.state().status.phase).toBe('ready');
    });

    it('retry from a follower tab restarts the leader connection once the admin fixed the cause', async () => {
        const [leader, follower] = await browserWithTabs(2, 'nolicence@example.com');
        await follower.until(() => follower.state().status.error?.code === 'licenceRequired');
        const user = fixture.simulator.model.userByEmail('nolicence@example.com');
        if (!user) throw new Error('the seed has no unlicensed user');
        user.licensed = true;
        follower.intent({ type: 'retry' });
        await follower.until(() => follower.state().status.phase === 'ready');
        await leader.until(() => leader.state().status.phase === 'ready');
        expect(fixture.simulator.openChannels()).toBe(1);
    });
});
