// A Task the org refuses, as the agent meets it in Chromium: the panel says why, keeps the call
// log, and saves it when the agent retries after the admin fixed the cause.
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
