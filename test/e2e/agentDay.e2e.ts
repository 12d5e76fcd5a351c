// The agent's day in Chromium: wrap-up after the call, edited with the real base components. Matching
// records, Person Accounts, the Recent list and closing a tab in wrap-up are proven through the
// controller (test/integration/agentDay.test.ts) and the components' tests.
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
    // Proven only here: the wrap-up form's real lightning-combobox (a stub in the LWC tests) picked with the mouse, and the edit saved with one more request.
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
});
