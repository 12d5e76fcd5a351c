// Call logs when things go wrong, as the agent meets them in Chromium: a Task the org refuses (the
// panel says why, keeps it, saves it on Retry once the admin fixed the cause), and a localStorage
// the browser refuses to write because other pages of the origin filled its quota.
import { eventually, startHarness, type Harness } from './support/workbench';

jest.setTimeout(60_000);

let harness: Harness;

beforeAll(async () => {
    harness = await startHarness();
});

afterAll(() => harness?.close());

beforeEach(() => harness.reset());

const REASON = 'Every call must be related to an account or a case.';

it('shows a refused call log with the reason, keeps it across a reload, and saves it on Retry', async () => {
    const { emulator, simulator } = harness.stack;
    emulator.saveLogRules.push({ refuses: (task) => !task.WhatId, message: REASON });
    const agent = await harness.open();
    await agent.waitForText('Ready · Alice Agent, extension 2001');
    const { callId } = simulator.model.ringInbound('2001', {
        number: '01632 960777',
        name: 'Unknown caller'
    });
    await agent.click('Answer');
    await agent.waitForText('Connected');
    await agent.click('End Call');

    const failed = agent.panel.getByRole('region', { name: 'Call logs not saved' });
    await failed.getByText(REASON, { exact: false }).waitFor({ timeout: 10_000 });
    await expect(failed.innerText()).resolves.toContain('Inbound call from Unknown caller (01632 960777)');
    const saveLogs = () => emulator.requests.filter((request) => request.method === 'saveLog').length;
    expect(saveLogs()).toBe(1);

    await agent.page.reload();
    await agent.waitForText('Ready · Alice Agent, extension 2001');
    await failed.getByText(REASON, { exact: false }).waitFor({ timeout: 10_000 });
    expect(saveLogs()).toBe(1);

    emulator.saveLogRules.length = 0;
    await failed.getByRole('button', { name: 'Retry' }).click();
    await eventually(() => [...emulator.tasks.values()].some((task) => task.CallObject === callId));
    await failed.waitFor({ state: 'detached', timeout: 10_000 });
    await agent.taskLogSettled();
    expect([...emulator.tasks.values()].filter((task) => task.CallObject === callId)).toHaveLength(1);
    expect(agent.errors).toEqual([]);
});

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
