// Scenarios 6-8: configuration errors, the Suite going away, two tabs and a reload mid-call.
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
    it.each<[string, () => void, RegExp]>([
        [
            'a missing Suite host',
            () => (harness.stack.emulator.settings['/mivoiceSuite/suiteHost'] = ''),
            /setting "Suite Host" is empty/
        ],
        [
            'a Suite host with a scheme',
            () => (harness.stack.emulator.settings['/mivoiceSuite/suiteHost'] = 'https://suite'),
            /"Suite Host" is not a host name/
        ],
        [
            'a wrong API key',
            () => (harness.stack.emulator.settings['/mivoiceSuite/apiKey'] = 'wrong-key'),
            /refused the API key/
        ],
        [
            'an email the Suite does not know',
            () => (harness.stack.emulator.agentEmail = 'stranger@example.com'),
            /no user with the email address stranger@example.com/
        ],
        [
            'no licence',
            () => (harness.stack.emulator.agentEmail = 'nolicence@example.com'),
            /nolicence@example.com has no Phone Manager API licence/
        ],
        [
            'no primary extension',
            () => (harness.stack.emulator.agentEmail = 'noext@example.com'),
            /noext@example.com has no primary extension/
        ],
        [
            'a Suite older than 5.2',
            () => (harness.stack.simulator.model.config.version = '5.1'),
            /runs release 5\.1/
        ]
    ])('%s', async (_case, misconfigure, message) => {
        misconfigure();
        const agent = await harness.open();
        await agent.waitForText(message);
        await agent.waitForText('Phone unavailable');
        expect(harness.stack.emulator.count('enableClickToDial')).toBe(0);
    });

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

describe('the self-check', () => {
    it('walks every link green on a healthy setup, and closes back to the dial pad', async () => {
        const agent = await readyAgent();
        await agent.click('Check setup');
        await agent.waitForText('Every link passed: the softphone is ready to take calls.');
        const links = agent.panel.locator('c-softphone-self-check li');
        expect(await links.count()).toBe(13);
        await agent.waitForText('Suite reachable over HTTPS with a trusted certificate');
        await agent.waitForText(harness.stack.simulator.model.config.version);
        await agent.click('Close setup check');
        await agent.panel.getByRole('button', { name: 'Call', exact: true }).waitFor();
        expect(await links.count()).toBe(0);
        expect(agent.errors).toEqual([]);
    });

    it('stops at the first red link with its remedy, and turns green once the admin fixes it', async () => {
        harness.stack.emulator.agentEmail = 'nolicence@example.com';
        const agent = await harness.open();
        await agent.waitForText(/has no Phone Manager API licence/);
        await agent.click('Check setup');
        await agent.waitForText('Fix this first: Phone Manager API licence');
        const failed = agent.panel.locator('c-softphone-self-check li', {
            hasText: 'Phone Manager API licence'
        });
        await failed.getByText(/Ask your admin to assign one/).waitFor();
        const notChecked = agent.panel.locator('c-softphone-self-check li', { hasText: 'Primary extension' });
        expect(await notChecked.innerText()).not.toMatch(/2004/);
        const user = harness.stack.simulator.model.userByEmail('nolicence@example.com');
        if (!user) throw new Error('the seed has no unlicensed user');
        user.licensed = true;
        await agent.click('Retry Now');
        await agent.waitForText('Ready · Nick No-Licence, extension 2004');
        const before = harness.stack.emulator.count();
        await agent.click('Check again');
        await agent.waitForText('Every link passed: the softphone is ready to take calls.');
        // A self-check costs one Open CTI request: the settings, asked again.
        expect(harness.stack.emulator.count()).toBe(before + 1);
        expect(harness.stack.emulator.requests.at(-1)?.method).toBe('getCallCenterSettings');
    });
});

describe('the Suite going away', () => {
    it('says so at start-up and recovers on its own', async () => {
        await harness.stack.simulator.stopProductApi();
        const agent = await harness.open();
        await agent.waitForText(/cannot be reached/);
        await harness.stack.simulator.startProductApi();
        await agent.waitForText('Ready · Alice Agent, extension 2001', 20_000);
        expect(harness.stack.emulator.count('enableClickToDial')).toBe(1);
    });

    it('mid-call: shows the loss, recovers, shows the true call state and logs the call once', async () => {
        const agent = await readyAgent();
        const callId = ring();
        await agent.click('Answer');
        await agent.waitForText('Connected');
        await harness.stack.simulator.stopProductApi();
        await agent.waitForText(/Connection lost/);
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

    it('retries a failing Task save until it lands, once', async () => {
        harness.stack.emulator.failNextSaveLogs = 3;
        const agent = await readyAgent();
        const callId = ring();
        await agent.click('Answer');
        await agent.waitForText('Connected');
        harness.stack.simulator.model.remote(callId, 'hangup');
        await eventually(() => tasks().length === 1, 20_000);
        expect(harness.stack.emulator.count('saveLog')).toBe(4);
    });
});

describe('tabs and reloads', () => {
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
