// Another Visualforce page of the org, framed in the same Lightning tab as the softphone: without a
// namespace it has the adapter page's origin, so it hears the tab channel and can post on it. Its
// forgeries must not end the agent's call on screen nor leave a Task for a call that never was.
import type { Frame } from 'playwright-core';
import { eventually, startHarness, type AgentView, type Harness } from './support/workbench';

jest.setTimeout(90_000);

let harness: Harness;

beforeAll(async () => {
    harness = await startHarness();
});

afterAll(() => harness?.close());

async function readyAgent(): Promise<AgentView> {
    const agent = await harness.open();
    await agent.waitForText('Ready · Alice Agent, extension 2001');
    return agent;
}

/** A page of the softphone's origin framed next to the softphone, listening on the agent's tab channel. */
async function foreignPage(agent: AgentView): Promise<Frame> {
    const src = new URL('/apex/SomeOtherPage', harness.stack.workbench.softphoneUrl).href;
    await agent.page.evaluate((url) => {
        const frame = document.createElement('iframe');
        frame.id = 'foreign-page';
        frame.src = url;
        document.body.append(frame);
    }, src);
    const frame = await (await agent.page.locator('#foreign-page').elementHandle())?.contentFrame();
    if (!frame) throw new Error('the foreign page did not open');
    await frame.waitForLoadState();
    await frame.evaluate(() => {
        const channel = new BroadcastChannel('mivoice-suite-alice@example.com');
        const page = window as unknown as { heard: unknown[]; channel: BroadcastChannel };
        page.heard = [];
        page.channel = channel;
        channel.onmessage = (event) => page.heard.push(event.data);
    });
    return frame;
}

describe('a page of the same origin in the same Lightning tab', () => {
    // Proven only here: the browser scopes BroadcastChannel by origin, so a same-origin page of the org really hears the tabs; its forgeries change nothing.
    it('hears the tab channel, but its forged calls and state change nothing and log nothing', async () => {
        await readyAgent();
        const follower = await readyAgent();
        const foreign = await foreignPage(follower);
        const callId = harness.stack.simulator.model.ringInbound('2001', {
            number: '01632 960123',
            name: 'ACME LTD'
        }).callId;
        await follower.waitForText('ACME LTD');
        // It is on the channel: it hears the leader (which is why the namespace is the real boundary).
        await eventually(() =>
            foreign.evaluate(() => (window as unknown as { heard: unknown[] }).heard.length > 0)
        );
        await follower.click('Answer');
        await follower.waitForText('Connected');

        await foreign.evaluate(() => {
            const { channel } = window as unknown as { channel: BroadcastChannel };
            const now = Date.now();
            channel.postMessage({
                kind: 'call',
                call: {
                    callId: 'c_forged',
                    state: 'cleared',
                    direction: 'inbound',
                    remote: { number: '0800 000 000', name: 'Forged' },
                    startTime: now - 60_000,
                    answerTime: now - 50_000,
                    endTime: now,
                    cause: 'normalClear',
                    capabilities: []
                }
            });
            channel.postMessage({
                kind: 'state',
                connection: { state: 'open' },
                calls: [],
                dnd: true,
                pbx: true
            });
        });
        // What the leader says next reaches the follower after the forgeries.
        await follower.click('Hold');
        await follower.waitForText('On Hold');
        await follower.click('Retrieve');
        await follower.waitForText('Connected');
        await follower.click('End Call');
        // The leader saves queued Tasks in the order they were queued: a forged one would come first.
        const tasks = await eventually(() => {
            const saved = [...harness.stack.emulator.tasks.values()];
            return saved.some((task) => task.CallObject === callId) && saved;
        });
        expect(tasks).toEqual([expect.objectContaining({ CallObject: callId, CallDisposition: 'answered' })]);
        expect(follower.errors).toEqual([]);
    });
});
