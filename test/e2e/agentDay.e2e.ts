// The agent's day in Chromium: wrap-up after the call (edited, or left by closing the tab),
// choosing among matching records during and after the call, a Person Account's call, and the
// Recent list (missed calls, call back, across a reload and in a second tab).
import { eventually, startHarness, type AgentView, type Harness } from './support/workbench';

jest.setTimeout(60_000);

let harness: Harness;

beforeAll(async () => {
    harness = await startHarness();
});

afterAll(() => harness?.close());

beforeEach(() => harness.reset());

const tasks = () => [...harness.stack.emulator.tasks.values()];
const saveLogs = () =>
    harness.stack.emulator.requests
        .filter((request) => request.method === 'saveLog')
        .map((request) => (request.args as { object: Record<string, unknown> }).object);

async function readyAgent(): Promise<AgentView> {
    const agent = await harness.open();
    await agent.waitForText('Ready · Alice Agent, extension 2001');
    return agent;
}

function ring(number = '01632 960123', name = 'ACME LTD'): string {
    return harness.stack.simulator.model.ringInbound('2001', { number, name }).callId;
}

async function talk(agent: AgentView, notes = ''): Promise<void> {
    await agent.click('Answer');
    await agent.waitForText('On a call · Alice Agent, extension 2001');
    if (notes) {
        const field = agent.panel.getByLabel('Call notes');
        await field.fill(notes);
        await field.blur();
    }
}

/** Ends the call and waits for the wrap-up form with the Task saved already. */
async function hangUpIntoWrapUp(agent: AgentView) {
    await agent.click('End Call');
    const wrapUp = agent.panel.getByRole('region', { name: 'After-call work' });
    await wrapUp.waitFor({ timeout: 10_000 });
    await agent.waitForText('Wrap-up · Alice Agent, extension 2001');
    await eventually(() => tasks().length === 1);
    await agent.taskLogSettled();
    return wrapUp;
}

describe('wrap-up', () => {
    it('saves the Task when the call ends, then the edit into the same Task with one more request', async () => {
        const agent = await readyAgent();
        const callId = ring();
        await talk(agent, 'Asked about the invoice');
        const wrapUp = await hangUpIntoWrapUp(agent);
        expect(tasks()[0]).toMatchObject({ CallObject: callId, Description: 'Asked about the invoice' });
        const before = harness.stack.emulator.count();

        await wrapUp.getByRole('combobox', { name: 'Call Result' }).click();
        await wrapUp.getByRole('option', { name: 'Follow-up needed' }).click();
        const notes = wrapUp.getByLabel('Call notes');
        await notes.fill('Asked about the invoice; sending a copy');
        await notes.blur();
        await wrapUp.getByRole('button', { name: 'Done' }).click();
        await wrapUp.waitFor({ state: 'detached', timeout: 10_000 });
        await agent.waitForText('Ready · Alice Agent, extension 2001');
        await eventually(() => tasks()[0]?.CallDisposition === 'Follow-up needed');
        await agent.taskLogSettled();
        expect(tasks()).toEqual([
            expect.objectContaining({
                CallObject: callId,
                CallDisposition: 'Follow-up needed',
                Description: 'Asked about the invoice; sending a copy'
            })
        ]);
        expect(saveLogs()).toHaveLength(2);
        expect(saveLogs()[1].Id).toBe([...harness.stack.emulator.tasks.keys()][0]);
        expect(harness.stack.emulator.count() - before).toBe(1);
        expect(agent.errors).toEqual([]);
    });

    it('loses nothing when the agent closes the tab in wrap-up', async () => {
        const agent = await readyAgent();
        const callId = ring();
        await talk(agent, 'Wants a callback on Friday');
        await hangUpIntoWrapUp(agent);
        await agent.page.close();
        const again = await readyAgent();
        await again.taskLogSettled();
        expect(tasks()).toEqual([
            expect.objectContaining({ CallObject: callId, Description: 'Wants a callback on Friday' })
        ]);
        expect(saveLogs()).toHaveLength(1);
    });
});

describe('choosing among the matching records', () => {
    it('links the call to the record picked during the call, and moves the Task to another after it', async () => {
        const agent = await readyAgent();
        ring('01632 960555', 'Switchboard');
        await talk(agent);
        const matches = agent.panel.getByRole('region', { name: 'Matching records' });
        await matches.waitFor({ timeout: 10_000 });
        await expect(matches.innerText()).resolves.toContain('Katherine Johnson');
        expect(harness.stack.emulator.count('searchAndScreenPop')).toBe(1);
        await matches.getByRole('button', { name: /Katherine Johnson/ }).click();
        await eventually(() =>
            harness.stack.emulator.requests.some(
                (request) =>
                    request.method === 'screenPop' &&
                    (request.args as { params?: { recordId?: string } }).params?.recordId ===
                        '00Q5g00000KathJo'
            )
        );
        const wrapUp = await hangUpIntoWrapUp(agent);
        expect(tasks()[0].WhoId).toBe('00Q5g00000KathJo');

        await agent.panel
            .getByRole('region', { name: 'Matching records' })
            .getByRole('button', { name: /Mary Jackson/ })
            .click();
        await wrapUp.getByText('Mary Jackson').first().waitFor({ timeout: 10_000 });
        await wrapUp.getByRole('button', { name: 'Done' }).click();
        await eventually(() => tasks()[0]?.WhoId === '0035g00000MaryJa');
        expect(saveLogs()).toHaveLength(2);
        expect(saveLogs()[1]).toEqual({ Id: expect.stringMatching(/^00T/), WhoId: '0035g00000MaryJa' });
        expect(harness.stack.emulator.count('searchAndScreenPop')).toBe(1);
    });
});

describe('Person Accounts', () => {
    it('logs the call of a Person Account with its person contact and the account', async () => {
        const agent = await readyAgent();
        ring('01632 960321', 'FRANKLIN R');
        await talk(agent);
        await agent.waitForText('Rosalind Franklin');
        const wrapUp = await hangUpIntoWrapUp(agent);
        expect(tasks()[0]).toMatchObject({ WhoId: '0035g00000RosFrAAA', WhatId: '0015g00000RosFrAAA' });
        await wrapUp.getByRole('button', { name: 'Done' }).click();
        await wrapUp.waitFor({ state: 'detached', timeout: 10_000 });
        expect(saveLogs()).toHaveLength(1);
    });
});

describe('the Recent list', () => {
    it('marks a missed call, keeps it across a reload and in a second tab, and calls it back', async () => {
        const agent = await readyAgent();
        const missed = ring('01632 960777', 'TURING A');
        await agent.waitForText('Answer');
        harness.stack.simulator.model.remote(missed, 'hangup');
        await agent.waitForText('1 missed');
        await agent.page.reload();
        await agent.waitForText('Ready · Alice Agent, extension 2001');
        await agent.waitForText('1 missed');

        const second = await readyAgent();
        await second.waitForText('1 missed');
        await second.panel.getByRole('button', { name: 'Recent Calls' }).click();
        await second.panel.getByTitle('Call back TURING A').click();
        const leg = await eventually(() =>
            [...harness.stack.simulator.model.legs.values()].find(
                (candidate) => candidate.extension === '2001' && candidate.direction === 'outbound'
            )
        );
        expect(leg.remote.number).toBe('01632960777');
        expect(agent.errors).toEqual([]);
        expect(second.errors).toEqual([]);
    });
});
