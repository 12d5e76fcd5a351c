// Scenarios 1-5: what the agent sees in the panel and what Salesforce receives, in Chromium.
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

function ring(number = '01632 960123', name = 'ACME LTD', huntGroup: string | null = null): string {
    return harness.stack.simulator.model.ringInbound('2001', { number, name }, huntGroup).callId;
}

describe('outbound calls', () => {
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

    it('ends an unanswered outbound call and logs it as not answered, 0 seconds', async () => {
        const agent = await readyAgent();
        await agent.panel.getByLabel('Phone number').fill('01632 960555');
        await agent.panel.getByLabel('Phone number').press('Enter');
        await agent.waitForText('Dialing');
        await agent.click('End Call');
        const [task] = await eventually(() => (tasks().length > 0 ? tasks() : undefined));
        expect(task).toMatchObject({
            CallType: 'Outbound',
            CallDisposition: 'no answer',
            CallDurationInSeconds: 0
        });
    });
});

describe('inbound calls and screen pops', () => {
    it('pops the single match on answer, shows its name, and links the Task', async () => {
        const agent = await readyAgent();
        const callId = ring('01632 960123', 'ACME LTD');
        await agent.waitForText('ACME LTD');
        expect(harness.stack.emulator.count('searchAndScreenPop')).toBe(0);
        await agent.click('Answer');
        await agent.waitForText('Ada Lovelace');
        await agent.page.locator('#wb-record-view', { hasText: 'Ada Lovelace' }).waitFor();
        harness.stack.simulator.model.remote(callId, 'hangup');
        const [task] = await eventually(() => (tasks().length > 0 ? tasks() : undefined));
        expect(task).toMatchObject({
            CallType: 'Inbound',
            CallDisposition: 'answered',
            WhoId: '0035g00000AdaLov',
            CallObject: callId
        });
    });

    it('shows Multiple Matches, and links the call to the record the agent opens', async () => {
        const agent = await readyAgent();
        const callId = ring('01632 960555', 'Switchboard');
        await agent.click('Answer');
        await agent.waitForText('Multiple Matches');
        await agent.page.locator('#wb-record-view .wb-result', { hasText: 'Katherine Johnson' }).click();
        await agent.waitForText('Katherine Johnson');
        harness.stack.simulator.model.remote(callId, 'hangup');
        const [task] = await eventually(() => (tasks().length > 0 ? tasks() : undefined));
        expect(task).toMatchObject({ WhoId: '00Q5g00000KathJo' });
    });

    it('keeps the PBX name when nothing matches, and logs the Task without a link', async () => {
        const agent = await readyAgent();
        const callId = ring('0207 946 0000', 'Unknown Ltd');
        await agent.click('Answer');
        await agent.waitForText('Unknown Ltd');
        await eventually(() => harness.stack.emulator.count('searchAndScreenPop') === 1);
        harness.stack.simulator.model.remote(callId, 'hangup');
        const [task] = await eventually(() => (tasks().length > 0 ? tasks() : undefined));
        expect(task.WhoId).toBeUndefined();
        expect(task.WhatId).toBeUndefined();
    });

    it('pops while ringing when the call center says so', async () => {
        harness.stack.emulator.settings['/mivoiceSuite/screenPopMode'] = 'ringing';
        const agent = await readyAgent();
        ring('01632 960777', 'Turing Lead');
        await agent.waitForText('Alan Turing');
        expect(liveLegs()[0].state).toBe('ringing');
    });

    it('pops only when the agent asks, in manual mode', async () => {
        harness.stack.emulator.settings['/mivoiceSuite/screenPopMode'] = 'manual';
        const agent = await readyAgent();
        ring('01632 960123', 'ACME LTD');
        await agent.click('Answer');
        await agent.waitForText('Connected');
        expect(harness.stack.emulator.count('searchAndScreenPop')).toBe(0);
        await agent.click('Find Caller');
        await agent.waitForText('Ada Lovelace');
    });

    it('logs a missed inbound call', async () => {
        const agent = await readyAgent();
        const callId = ring('01632 960100', 'ACME Ltd');
        await agent.waitForText('Ringing');
        harness.stack.simulator.model.remote(callId, 'hangup');
        const [task] = await eventually(() => (tasks().length > 0 ? tasks() : undefined));
        expect(task).toMatchObject({
            CallType: 'Inbound',
            CallDisposition: 'missed',
            CallDurationInSeconds: 0
        });
        expect(String(task.Subject)).toContain('Missed call');
    });

    it('leaves no Task for a hunt group call a colleague answered', async () => {
        const agent = await readyAgent();
        const callId = ring('01632 960123', 'ACME LTD', '2100');
        await agent.waitForText('2100');
        harness.stack.simulator.model.remote(callId, 'answered-elsewhere');
        await eventually(async () => !(await agent.text()).includes('Ringing'));
        // The next call the agent answers is logged; once its Task is saved, the queue has passed
        // the hunt group call, so a Task for that one would be there by now.
        const answered = ring();
        await agent.click('Answer');
        await agent.waitForText('Connected');
        await agent.click('End Call');
        await eventually(() => tasks().length > 0);
        await agent.taskLogSettled();
        expect(tasks().map((task) => task.CallObject)).toEqual([answered]);
    });
});

describe('transfers', () => {
    it('transfers blind and logs the call as transferred', async () => {
        const agent = await readyAgent();
        const callId = ring();
        await agent.click('Answer');
        await agent.waitForText('Connected');
        await agent.click('Transfer');
        await agent.panel.getByLabel('Transfer to').fill('2003');
        await agent.click('Transfer Now');
        const [task] = await eventually(() => (tasks().length > 0 ? tasks() : undefined));
        expect(task).toMatchObject({ CallObject: callId, CallDisposition: 'transferred' });
    });

    it('consults a colleague, completes the transfer, and logs one Task per leg', async () => {
        const agent = await readyAgent();
        const callId = ring();
        await agent.click('Answer');
        await agent.waitForText('Connected');
        await agent.click('Transfer');
        await agent.panel.getByLabel('Transfer to').fill('2002');
        await agent.click('Consult First');
        const bobLeg = await eventually(() => liveLegs('2002')[0]);
        harness.stack.simulator.model.remote(bobLeg.peerCallId as string, 'answer');
        await agent.click('Complete Transfer');
        const logged = await eventually(() => (tasks().length >= 2 ? tasks() : undefined));
        await agent.taskLogSettled();
        expect(tasks()).toHaveLength(2);
        expect(logged.map((task) => task.CallObject)).toContain(callId);
        expect(logged.every((task) => task.CallDisposition === 'transferred')).toBe(true);
    });
});
