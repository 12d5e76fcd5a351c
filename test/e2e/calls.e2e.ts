// A call in Chromium: what the agent sees in the panel and what Salesforce receives. Screen pops,
// missed and hunt group calls and transfers are proven by the controller's tests
// (test/integration/controller.test.ts), the call logging rules (src/core/opencti-host/taskLog) and the
// components' tests; the same call inbound, through the OAI bridge, by bridge.e2e.ts.
import { eventually, startHarness, type AgentView, type Harness } from './support/workbench';

jest.setTimeout(60_000);

let harness: Harness;

beforeAll(async () => {
    harness = await startHarness();
});

afterAll(() => harness?.close());

beforeEach(async () => {
    await harness.reset();
    harness.stack.emulator.settings['/mivoiceSuite/screenPopMode'] = 'answered';
});

const tasks = () => [...harness.stack.emulator.tasks.values()];
const liveLegs = (extension = '2001') =>
    [...harness.stack.simulator.model.legs.values()].filter(
        (leg) => leg.extension === extension && leg.state !== 'cleared'
    );

async function readyAgent(): Promise<AgentView> {
    const agent = await harness.open();
    await agent.waitForText('Ready · Alice Agent, extension 2001');
    return agent;
}

describe('outbound calls', () => {
    // Proven only here: the console's click-to-dial reaching the real panel through Open CTI postMessage, the call controls rendered with the real base components, and no Open CTI request per hold.
    it('dials a clicked number, holds and retrieves three times, hangs up, and logs one Task', async () => {
        const agent = await readyAgent();
        await agent.page.locator('.wb-click-to-dial-number', { hasText: '01632 960123' }).click();
        const leg = await eventually(() => liveLegs()[0]);
        // The record shows "01632 960123"; the workbench's call center has no outside prefix.
        expect(leg.remote.number).toBe('01632960123');
        harness.stack.simulator.model.remote(leg.callId, 'answer');
        await agent.waitForText('Ada Lovelace');
        const before = harness.stack.emulator.count();
        for (let cycle = 0; cycle < 3; cycle++) {
            await agent.click('Hold');
            await agent.waitForText('On Hold');
            await agent.click('Retrieve');
            await agent.waitForText('Connected');
        }
        expect(harness.stack.emulator.count()).toBe(before);
        await agent.click('End Call');
        const [task] = await eventually(() => (tasks().length > 0 ? tasks() : undefined));
        await agent.taskLogSettled();
        expect(tasks()).toHaveLength(1);
        expect(task).toMatchObject({
            CallType: 'Outbound',
            CallObject: leg.callId,
            CallDisposition: 'answered',
            Status: 'Completed',
            TaskSubtype: 'Call',
            WhoId: '0035g00000AdaLov'
        });
        expect(String(task.Subject)).toContain('Outbound call to');
        expect(agent.errors).toEqual([]);
    });
});
