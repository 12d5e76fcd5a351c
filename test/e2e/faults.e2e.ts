// Faults only a browser shows: an untrusted Suite certificate, the Suite going away mid-call, two tabs
// and a reload mid-call. The other configuration errors, the self-check and Task save retries are
// proven by the contract suite, test/integration (controller, selfCheck, durability) and the
// components' tests.
import { eventually, startHarness, type AgentView, type Harness } from './support/workbench';

jest.setTimeout(90_000);

let harness: Harness;
const DEFAULT_SETTINGS = { suiteHost: 'localhost', apiKey: 'dev-key-123' };

beforeAll(async () => {
    harness = await startHarness();
});

afterAll(() => harness?.close());

beforeEach(async () => {
    await harness.reset();
    const { emulator, simulator } = harness.stack;
    emulator.agentEmail = 'alice@example.com';
    emulator.settings['/mivoiceSuite/suiteHost'] = DEFAULT_SETTINGS.suiteHost;
    emulator.settings['/mivoiceSuite/apiKey'] = DEFAULT_SETTINGS.apiKey;
    emulator.settings['/mivoiceSuite/screenPopMode'] = 'answered';
    await simulator.startProductApi();
});

const tasks = () => [...harness.stack.emulator.tasks.values()];
const liveLegs = () =>
    [...harness.stack.simulator.model.legs.values()].filter(
        (leg) => leg.extension === '2001' && leg.state !== 'cleared'
    );
const ring = () =>
    harness.stack.simulator.model.ringInbound('2001', { number: '01632 960123', name: 'ACME LTD' }).callId;

async function readyAgent(): Promise<AgentView> {
    const agent = await harness.open();
    await agent.waitForText('Ready · Alice Agent, extension 2001');
    return agent;
}

describe('configuration errors show what is wrong and what to do', () => {
    // Proven only here: Chromium's own refusal of a self-signed Suite certificate, which the panel can only report as an unreachable Suite.
    it('an untrusted (self-signed) Suite certificate', async () => {
        const untrusted = await startHarness({ suiteSelfSigned: true });
        try {
            const agent = await untrusted.open();
            await agent.waitForText(/cannot be reached/);
            const shown = await agent.text();
            expect(shown).toContain('Phone unavailable');
            expect(shown).toContain('a certificate signed by a trusted certificate authority for localhost');
            expect(untrusted.stack.emulator.count('enableClickToDial')).toBe(0);
            expect(await agent.panel.getByRole('button', { name: 'Call', exact: true }).isDisabled()).toBe(
                true
            );
        } finally {
            await untrusted.close();
        }
    });
});

describe('the Suite going away', () => {
    // Proven only here: the browser's WebSocket and fetch failing against a stopped Suite mid-call, and the real panel coming back with the true call state.
    it('mid-call: shows the loss, recovers, shows the true call state and logs the call once', async () => {
        const agent = await readyAgent();
        const callId = ring();
        await agent.click('Answer');
        await agent.waitForText('Connected');
        await harness.stack.simulator.stopProductApi();
        // The status line says since when and why; what cannot work while disconnected is off.
        await agent.waitForText(/^Reconnecting since \d/);
        // The first try again finds the Suite away, and the cause says so.
        await agent.waitForText(/phone system at localhost:\d+ does not answer/);
        for (const name of ['Hold', 'End Call'])
            expect(await agent.panel.getByRole('button', { name, exact: true }).isDisabled()).toBe(true);
        expect(harness.stack.emulator.count('disableClickToDial')).toBe(1);
        harness.stack.simulator.model.remote(callId, 'hangup');
        await harness.stack.simulator.startProductApi();
        await agent.waitForText('Wrap-up · Alice Agent, extension 2001', 20_000);
        const [task] = await eventually(() => (tasks().length > 0 ? tasks() : undefined));
        await agent.taskLogSettled();
        expect(tasks()).toHaveLength(1);
        expect(task).toMatchObject({ CallObject: callId, CallDisposition: 'answered' });
        expect(await agent.text()).not.toContain('End Call');
    });
});

describe('tabs and reloads', () => {
    // Proven only here: the browser's real focus and visibility deciding which of two tabs pops.
    it('pops in the focused tab only and logs one Task with two tabs open', async () => {
        harness.stack.emulator.settings['/mivoiceSuite/screenPopMode'] = 'ringing';
        const first = await readyAgent();
        const second = await readyAgent();
        // The agent works in the first tab.
        await first.page.bringToFront();
        await first.panel.getByLabel('Phone number').click();
        const callId = ring();
        await first.waitForText('Ada Lovelace');
        await second.waitForText('ACME LTD');
        // The second tab, visible but not focused, defers to the first and then decides.
        await second.automaticPopsDecided();
        expect(harness.stack.emulator.count('searchAndScreenPop')).toBe(1);
        expect(await second.text()).not.toContain('Ada Lovelace');
        await second.click('Answer');
        await first.waitForText('Connected');
        harness.stack.simulator.model.remote(callId, 'hangup');
        await eventually(() => tasks().length === 1);
        await first.taskLogSettled();
        expect(tasks()).toHaveLength(1);
    });

    // Proven only here: real Web Locks and BroadcastChannel handing the connection over within a second when the leading tab closes.
    it('shares one Suite connection between tabs, and hands it over when the leading tab closes mid-call', async () => {
        const leader = await readyAgent();
        const follower = await readyAgent();
        const { simulator } = harness.stack;
        const sessions = () => simulator.sessions.all().map((session) => session.token);
        expect(simulator.openChannels()).toBe(1);
        const callId = ring();
        await follower.waitForText('ACME LTD');
        await follower.click('Answer');
        await leader.waitForText('Connected');
        await follower.waitForText('Connected');

        const sessionsBefore = new Set(sessions());
        const closedAt = Date.now();
        await leader.page.close();
        // The follower opens the connection itself: a new session, and again exactly one channel.
        await eventually(
            () => sessions().some((token) => !sessionsBefore.has(token)) && simulator.openChannels() === 1,
            5000
        );
        // The closed tab ended its own session rather than leaving it to expire.
        await eventually(() => sessions().length === 1, 5000);
        await follower.waitForText('On a call · Alice Agent, extension 2001');
        const handoverMs = Date.now() - closedAt;
        expect(handoverMs).toBeLessThan(1000);
        await follower.click('Hold');
        await follower.waitForText('On Hold');
        await follower.click('Retrieve');
        await follower.waitForText('Connected');
        await follower.click('End Call');
        const [task] = await eventually(() => (tasks().length > 0 ? tasks() : undefined));
        await follower.taskLogSettled();
        expect(tasks()).toHaveLength(1);
        expect(task).toMatchObject({ CallObject: callId, CallDisposition: 'answered' });
        expect(follower.errors).toEqual([]);
    });

    // Proven only here: localStorage across a real reload: the call and its notes come back, and one Task is logged.
    it('shows the call again after a reload mid-call, keeps the notes, and logs once', async () => {
        const agent = await readyAgent();
        const callId = ring();
        await agent.click('Answer');
        await agent.waitForText('Connected');
        const notes = agent.panel.getByLabel('Call notes');
        await notes.fill('Wants a callback on Friday');
        await notes.blur();
        // Leaving the field stores the notes at once, well before the 600 ms typing pause would.
        const frame = await (await agent.page.$('#wb-softphone'))?.contentFrame();
        await eventually(
            () =>
                frame?.evaluate(
                    (key) => localStorage.getItem(key) === 'Wants a callback on Friday',
                    `mivoice.callNotes.alice@example.com.${callId}`
                ),
            400
        );
        await agent.page.reload();
        await agent.waitForText('Connected');
        await expect(agent.panel.getByLabel('Call notes').inputValue()).resolves.toBe(
            'Wants a callback on Friday'
        );
        expect(liveLegs().map((leg) => leg.callId)).toEqual([callId]);
        harness.stack.simulator.model.remote(callId, 'hangup');
        const [task] = await eventually(() => (tasks().length > 0 ? tasks() : undefined));
        await agent.taskLogSettled();
        expect(tasks()).toHaveLength(1);
        expect(task).toMatchObject({ CallObject: callId, Description: 'Wants a callback on Friday' });
    });
});
