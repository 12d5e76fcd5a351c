// Several tabs of one agent: the leader tab owns the one Suite connection and the Task logging,
// the others mirror it and send their commands through it, and a follower takes over when the
// leader closes, also mid-call. Real controllers, the Open CTI emulator and the simulator over TLS;
// the tabs share storage, Web Locks and a BroadcastChannel as tabs of one browser do.
import { MemoryStore } from '../../src/core/telephony/storage/keyValueStore';
import { MemoryLockManager } from '../support/memoryLockManager';
import type { PhoneWindowIdentity } from '../../src/core/opencti-host/popout/phoneWindow';
import { callControl } from '../../src/stand-ins/suite-simulator/controlClient';
import { OpenCtiEmulator } from '../../src/stand-ins/opencti-emulator/emulator';
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
        await follower.until(() => follower.state().notice?.code === 'callChanged');
    });

    it('hand over within a second when the leader closes mid-call; the call stays on screen and is logged once', async () => {
        const [leader, follower] = await browserWithTabs(2);
        await follower.until(() => follower.state().status.phase === 'ready');
        const callId = ring();
        await leader.until(() => callState(leader, callId) === 'ringing');
        leader.intent({ type: 'answer', callId });
        await follower.until(() => callState(follower, callId) === 'connected');

        const sessionsBefore = new Set(fixture.simulator.sessions.all().map((session) => session.token));
        const closedAt = Date.now();
        leader.stop();
        await follower.until(
            () =>
                fixture.simulator.sessions
                    .all()
                    .map((session) => session.token)
                    .some((token) => !sessionsBefore.has(token)) &&
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
        // The call stays in wrap-up, its Task saved already.
        expect(
            follower.state().calls.map((call) => [call.callId, call.state, call.wrapUp !== undefined])
        ).toEqual([[callId, 'cleared', true]]);
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

        await callControl(fixture.simulator.controlUrl, 'POST', '/_sim/stop');
        await follower.until(() => follower.state().status.phase === 'reconnecting');
        await callControl(fixture.simulator.controlUrl, 'POST', '/_sim/start');
        await follower.until(() => follower.state().status.phase === 'ready');
        expect(leader.state().status.phase).toBe('ready');
    });

    it('dial from a follower tab with the call center prefixes: the leader dials what that tab normalised', async () => {
        const emulator = new OpenCtiEmulator();
        Object.assign(emulator.settings, {
            '/reqDialingOptions/reqOutsidePrefix': '9',
            '/reqDialingOptions/reqLongDistPrefix': '1'
        });
        const storage = new MemoryStore();
        const locks = new MemoryLockManager();
        await fixture.controller({ emulator, storage, locks, tabs: true });
        const follower = await fixture.controller({ emulator, storage, locks, tabs: true });
        await follower.until(() => follower.state().status.phase === 'ready');
        follower.intent({ type: 'dial', number: '(613) 555-0134' });
        const outbound = await follower.until(() =>
            follower.state().calls.find((call) => call.direction === 'outbound')
        );
        expect(fixture.simulator.model.legs.get(outbound.callId)?.remote.number).toBe('916135550134');
        // The card reads the number without the outside prefix.
        expect(outbound.number).toBe('16135550134');
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

/**
 * A script of the page's origin that is not the softphone (another Visualforce page of an org
 * without a namespace): it can open the agent's tab channel and read and write the same storage.
 */
function foreignScript(email = 'alice@example.com') {
    const channel = new BroadcastChannel(`mivoice-suite-${email}`);
    const heard: Record<string, unknown>[] = [];
    channel.onmessage = (event) => {
        const data = (event as MessageEvent).data as Record<string, unknown>;
        // It reads what the leader seals as easily as what it does not.
        heard.push(
            data.kind === 'sealed' ? (JSON.parse(String(data.body)) as Record<string, unknown>) : data
        );
    };
    foreignChannels.push(channel);
    return {
        post: (message: unknown) => channel.postMessage(message),
        heard,
        reply: (id: number) =>
            until(() => heard.find((message) => message.kind === 'reply' && message.id === id)) as Promise<{
                error?: { code: string };
            }>
    };
}

const foreignChannels: BroadcastChannel[] = [];
afterEach(() => {
    for (const channel of foreignChannels.splice(0)) channel.close();
});

async function until<T>(check: () => T | undefined | false, timeoutMs = 5000): Promise<T> {
    const started = Date.now();
    for (;;) {
        const value = check();
        if (value) return value;
        if (Date.now() - started > timeoutMs) throw new Error('condition not met in time');
        await new Promise((resolve) => setTimeout(resolve, 5));
    }
}

/** The requests the simulator answered since the given time. */
const simulatorLog = async (since: number) =>
    (
        (await (await fetch(`${fixture.simulator.controlUrl}/_sim/log`)).json()) as {
            at: number;
            path: string;
        }[]
    ).filter((entry) => entry.at >= since);

describe('the phone window', () => {
    it('holds the connection, asks Open CTI nothing, and leaves pops and Tasks to the Lightning tab; closing it hands the connection back', async () => {
        const emulator = new OpenCtiEmulator();
        const storage = new MemoryStore();
        const locks = new MemoryLockManager();
        let told: PhoneWindowIdentity | undefined;
        // The Lightning tab is visible but not in front; the phone window is: pops must still not go there.
        const lightning = await fixture.controller({
            emulator,
            storage,
            locks,
            tabs: true,
            focused: false,
            phoneWindowOpener: {
                open(identity) {
                    told = identity;
                    return true;
                }
            }
        });
        await lightning.until(() => lightning.state().status.phase === 'ready');
        expect(lightning.state().canOpenPhoneWindow).toBe(true);
        lightning.intent({ type: 'phonewindow' });
        const identity = await lightning.until(() => told);
        expect(identity.email).toBe('alice@example.com');

        const phoneWindow = await fixture.controller({
            emulator,
            storage,
            locks,
            tabs: true,
            focused: true,
            phoneWindow: { identity: () => Promise.resolve(identity) }
        });
        await phoneWindow.until(() => phoneWindow.state().status.phase === 'ready');
        expect(phoneWindow.state().canOpenPhoneWindow).toBe(false);
        await lightning.until(() => fixture.simulator.openChannels() === 1);
        const openCtiBefore = emulator.requests.length;

        const callId = ring();
        await lightning.until(() => callState(lightning, callId) === 'ringing');
        lightning.intent({ type: 'answer', callId });
        await phoneWindow.until(() => callState(phoneWindow, callId) === 'connected');
        await lightning.until(() => lightning.state().calls[0]?.match.kind === 'single');
        expect(phoneWindow.state().calls[0]?.canPop).toBe(false);
        phoneWindow.intent({ type: 'hold', callId });
        await lightning.until(() => callState(lightning, callId) === 'held');
        phoneWindow.intent({ type: 'retrieve', callId });
        await lightning.until(() => callState(lightning, callId) === 'connected');
        phoneWindow.intent({ type: 'hangup', callId });
        await lightning.until(() => emulator.tasks.size === 1);
        await new Promise((resolve) => setTimeout(resolve, 300));
        expect([...emulator.tasks.values()]).toEqual([
            expect.objectContaining({ CallObject: callId, WhoId: '0035g00000AdaLov' })
        ]);
        // The phone window's Open CTI client reaches the same Open CTI, and it never used it.
        expect(phoneWindow.openCti.total).toBe(0);
        // What the call cost, all in the Lightning tab (click-to-dial may toggle while the connection moved).
        const perCall = new Set(['setSoftphonePanelVisibility', 'searchAndScreenPop', 'saveLog']);
        expect(
            emulator.requests
                .slice(openCtiBefore)
                .map((request) => request.method)
                .filter((method) => perCall.has(method))
        ).toEqual(['setSoftphonePanelVisibility', 'searchAndScreenPop', 'saveLog']);

        // The Salesforce tab reloads: the new one saves the Tasks, the phone window still asks Open CTI nothing.
        lightning.stop();
        const reloaded = await fixture.controller({ emulator, storage, locks, tabs: true, focused: false });
        await reloaded.until(() => reloaded.state().status.phase === 'ready');
        const afterReload = ring();
        await phoneWindow.until(() => callState(phoneWindow, afterReload) === 'ringing');
        phoneWindow.intent({ type: 'answer', callId: afterReload });
        await reloaded.until(() => callState(reloaded, afterReload) === 'connected');
        phoneWindow.intent({ type: 'hangup', callId: afterReload });
        await reloaded.until(() => emulator.tasks.size === 2);
        expect(phoneWindow.openCti.total).toBe(0);

        const second = ring();
        await reloaded.until(() => callState(reloaded, second) === 'ringing');
        reloaded.intent({ type: 'answer', callId: second });
        await reloaded.until(() => callState(reloaded, second) === 'connected');
        const sessionsBefore = new Set(fixture.simulator.sessions.all().map((session) => session.token));
        const closedAt = Date.now();
        phoneWindow.stop();
        await reloaded.until(
            () =>
                fixture.simulator.sessions
                    .all()
                    .map((session) => session.token)
                    .some((token) => !sessionsBefore.has(token)) &&
                fixture.simulator.openChannels() === 1 &&
                reloaded.state().status.phase === 'ready'
        );
        expect(Date.now() - closedAt).toBeLessThan(1000);
        expect(callState(reloaded, second)).toBe('connected');
        fixture.simulator.model.remote(second, 'hangup');
        await reloaded.until(() => emulator.tasks.size === 3);
    });
});

describe('a script of the same origin that is not the softphone', () => {
    it('cannot dial, or transfer the live call, to a string the softphone would never dial', async () => {
        const [leader, follower] = await browserWithTabs(2);
        await follower.until(() => follower.state().status.phase === 'ready');
        const foreign = foreignScript();
        // 24 digits: more than any number the softphone dials, though the PBX would take it.
        foreign.post({ kind: 'command', id: 1, from: 'foreign', name: 'makeCall', args: ['1'.repeat(24)] });
        expect((await foreign.reply(1)).error?.code).toBe('invalidNumber');

        const callId = ring();
        await leader.until(() => callState(leader, callId) === 'ringing');
        leader.intent({ type: 'answer', callId });
        await follower.until(() => callState(follower, callId) === 'connected');
        foreign.post({
            kind: 'command',
            id: 2,
            from: 'foreign',
            name: 'blindTransfer',
            args: [callId, '+44*#1234']
        });
        expect((await foreign.reply(2)).error?.code).toBe('invalidNumber');
        expect(callState(leader, callId)).toBe('connected');
        expect(fixture.simulator.model.legs.size).toBe(1);
    });

    it('cannot send the leader commands for calls it does not hold live, nor malformed ones', async () => {
        const [, follower] = await browserWithTabs(2);
        await follower.until(() => follower.state().status.phase === 'ready');
        const since = Date.now();
        const foreign = foreignScript();
        foreign.post({ kind: 'command', id: 1, from: 'foreign', name: 'hold', args: ['c_not_live'] });
        expect((await foreign.reply(1)).error?.code).toBe('callNotFound');
        // A command with an argument of the wrong kind is not a command at all: no reply.
        foreign.post({ kind: 'command', id: 2, from: 'foreign', name: 'setDnd', args: ['yes please'] });
        foreign.post({ kind: 'command', id: 3, from: 'foreign', name: 'hold', args: ['c_after'] });
        await foreign.reply(3);
        expect(foreign.heard.some((message) => message.kind === 'reply' && message.id === 2)).toBe(false);
        expect(
            (await simulatorLog(since)).filter((entry) => /c_not_live|c_after|dnd/.test(entry.path))
        ).toEqual([]);
        expect(follower.state().dnd.enabled).toBe(false);
    });

    it('cannot end a live call in a follower tab, nor make one log a call that never was', async () => {
        const [leader, follower] = await browserWithTabs(2);
        await follower.until(() => follower.state().status.phase === 'ready');
        const callId = ring();
        await follower.until(() => callState(follower, callId) === 'ringing');
        leader.intent({ type: 'answer', callId });
        await follower.until(() => callState(follower, callId) === 'connected');

        const foreign = foreignScript();
        const call = (id: string, state: string) => ({
            callId: id,
            state,
            direction: 'inbound',
            remote: { number: '0800 000 000', name: 'Forged' },
            startTime: Date.now() - 60_000,
            answerTime: Date.now() - 50_000,
            endTime: Date.now(),
            cause: 'normalClear',
            capabilities: []
        });
        foreign.post({ kind: 'call', call: call('c_forged', 'cleared') });
        foreign.post({ kind: 'state', connection: { state: 'open' }, calls: [], dnd: true, pbx: true });
        foreign.post({ kind: 'snapshot', calls: [call(callId, 'held')] });
        // What the leader says next reaches the follower after the forgeries.
        follower.intent({ type: 'hold', callId });
        await follower.until(() => callState(follower, callId) === 'held');
        expect(follower.state().dnd.enabled).toBe(false);
        follower.intent({ type: 'retrieve', callId });
        await follower.until(() => callState(follower, callId) === 'connected');
        fixture.simulator.model.remote(callId, 'hangup');
        await leader.until(() => leader.emulator.tasks.size > 0);
        await leader.until(() => follower.state().calls.every((shown) => shown.wrapUp));
        // Only the genuine call is in wrap-up; the forged one never had a card.
        expect(follower.state().calls.map((shown) => shown.callId)).toEqual([callId]);
        expect([...leader.emulator.tasks.values()]).toEqual([
            expect.objectContaining({ CallObject: callId, CallDisposition: 'answered' })
        ]);
    });

    it('cannot set the name shown, the record a Task is linked to, or unbounded notes through storage', async () => {
        const emulator = new OpenCtiEmulator();
        const storage = new MemoryStore();
        const locks = new MemoryLockManager();
        const first = await fixture.controller({ emulator, storage, locks, tabs: true });
        await first.until(() => first.state().status.phase === 'ready');
        const callId = ring();
        await first.until(() => callState(first, callId) === 'ringing');
        // A link to something that is not a Salesforce record.
        storage.setItem(
            `mivoice.callLink.alice@example.com.${callId}`,
            JSON.stringify({
                at: Date.now(),
                match: { kind: 'single', recordId: 'x', recordName: 'Forged Name', recordType: 'Account' },
                candidates: [],
                linked: { recordId: 'x', name: 'Forged Name', objectType: 'Account' }
            })
        );
        storage.setItem(`mivoice.callNotes.alice@example.com.${callId}`, 'n'.repeat(40_000));
        const second = await fixture.controller({ emulator, storage, locks, tabs: true });
        await second.until(() => callState(second, callId) === 'ringing');
        expect(second.state().calls[0].notes.length).toBeLessThanOrEqual(32_000);

        first.intent({ type: 'answer', callId });
        await first.until(
            () =>
                first.state().calls.find((call) => call.callId === callId)?.match.recordName ===
                'Ada Lovelace'
        );
        first.intent({ type: 'hangup', callId });
        const [task] = await first.until(() => emulator.tasks.size > 0 && [...emulator.tasks.values()]);
        expect(task).toMatchObject({ CallObject: callId, WhoId: '0035g00000AdaLov' });
        expect(task).not.toHaveProperty('WhatId');
    });
});
