// Call logs when things go wrong, as the agent meets them in Chromium: a localStorage the browser
// refuses to write because other pages of the origin filled its quota. (A Task the org refuses, kept
// across a reload and saved on Retry: test/integration/durability.test.ts and the softphoneFailedLogs
// component's tests.)
import { eventually, startHarness, type Harness } from './support/workbench';

jest.setTimeout(60_000);

let harness: Harness;

beforeAll(async () => {
    harness = await startHarness();
});

afterAll(() => harness?.close());

beforeEach(() => harness.reset());

// Proven only here: Chromium's real localStorage quota, filled by another page of the origin, and the error it throws.
it('places the call and logs it when the origin’s storage is full, and tells the agent', async () => {
    const { emulator, simulator } = harness.stack;
    const agent = await harness.open();
    await agent.waitForText('Ready · Alice Agent, extension 2001');
    const softphoneOrigin = new URL(harness.stack.workbench.softphoneUrl).origin;
    const frame = agent.page.frames().find((candidate) => candidate.url().startsWith(softphoneOrigin));
    // Another page of the Visualforce origin fills the quota (Chromium: about 5 MB per origin).
    const filled = await frame?.evaluate(() => {
        let chunk = 'x'.repeat(512 * 1024);
        let index = 0;
        while (chunk.length > 16) {
            try {
                localStorage.setItem(`other.page.${index++}`, chunk);
            } catch {
                chunk = chunk.slice(0, chunk.length / 2);
            }
        }
        return index;
    });
    expect(filled).toBeGreaterThan(0);
    await agent.page.reload();
    await agent.waitForText('Ready · Alice Agent, extension 2001');

    await agent.page.locator('.wb-click-to-dial-number', { hasText: '01632 960123' }).click();
    const leg = await eventually(() =>
        [...simulator.model.legs.values()].find((candidate) => candidate.extension === '2001')
    );
    await agent.waitForText(/storage for Salesforce is full or blocked/);
    simulator.model.remote(leg.callId, 'answer');
    await agent.waitForText('Connected');
    await agent.click('End Call');
    await eventually(() => [...emulator.tasks.values()].some((task) => task.CallObject === leg.callId));
    expect(agent.errors).toEqual([]);
});
