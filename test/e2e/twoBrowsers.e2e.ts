// One agent signed in from two browsers (two browser contexts: two profiles, no storage, Web Locks or
// BroadcastChannel shared), both showing every call of the extension: each call leaves one Task, saved by
// the browser that claimed it first from the server (docs/suite-api.md, "Log claims"), and the other
// browser shows nothing alarming. The claim's rules: src/core/opencti-host/taskLog/__tests__/logClaims.test.ts.
import type { BrowserContext } from 'playwright-core';
import { eventually, openAgentView, startHarness, type AgentView, type Harness } from './support/workbench';

jest.setTimeout(90_000);

let harness: Harness;
let secondBrowser: BrowserContext | undefined;

beforeAll(async () => {
    harness = await startHarness();
});

afterAll(() => harness?.close());

beforeEach(() => harness.reset());

afterEach(async () => {
    await secondBrowser?.close();
    secondBrowser = undefined;
});

const READY = 'Ready · Alice Agent, extension 2001';
const tasksOf = (callId: string) =>
    [...harness.stack.emulator.tasks.values()].filter((task) => task.CallObject === callId);
/** The Task saves Salesforce received (new Tasks, not updates by Id). */
const newTaskSaves = () =>
    harness.stack.emulator.requests.filter(
        (request) =>
            request.method === 'saveLog' && !(request.args as { object: Record<string, unknown> }).object.Id
    ).length;

/** The agent's laptop (the harness's browser) and desk PC (a second browser context), both ready. */
async function twoBrowsers(): Promise<{ laptop: AgentView; desk: AgentView }> {
    secondBrowser = await harness.browser.newContext({ viewport: { width: 1280, height: 900 } });
    const [laptop, desk] = await Promise.all([
        openAgentView(harness.context, harness.stack),
        openAgentView(secondBrowser, harness.stack)
    ]);
    await Promise.all([laptop.waitForText(READY), desk.waitForText(READY)]);
    return { laptop, desk };
}

/** The Id of the Task this browser saved for the call ('' when another browser logs it), from its storage. */
async function savedHere(agent: AgentView, callId: string): Promise<string | undefined> {
    const softphoneOrigin = new URL(harness.stack.workbench.softphoneUrl).origin;
    const frame = agent.page.frames().find((candidate) => candidate.url().startsWith(softphoneOrigin));
    const mark = await frame?.evaluate(
        (key) => localStorage.getItem(key),
        `mivoice.taskSaved.alice@example.com.${callId}`
    );
    return mark ? (JSON.parse(mark) as { taskId: string }).taskId : undefined;
}

/** Both browsers have saved or let go of every Task they queued, and none is listed as not saved. */
async function settled(...agents: AgentView[]): Promise<void> {
    for (const agent of agents) await agent.taskLogSettled();
    for (const agent of agents) {
        expect(await agent.text()).not.toMatch(/could not be saved|not saved/i);
        expect(agent.errors).toEqual([]);
    }
}

describe('one agent, two browsers', () => {
    // Proven only here: two real browser profiles, each with its own connection and Task queue, against one server and one org.
    it('logs an inbound call answered on the desk PC once, with the notes typed there', async () => {
        const { laptop, desk } = await twoBrowsers();
        const { callId } = harness.stack.simulator.model.ringInbound('2001', {
            number: '01632 960123',
            name: 'ACME LTD'
        });
        await Promise.all([laptop.waitForText('ACME LTD'), desk.waitForText('ACME LTD')]);
        await desk.click('Answer');
        await desk.waitForText('On a call · Alice Agent, extension 2001');
        const notes = desk.panel.getByLabel('Call notes');
        await notes.fill('Typed on the desk PC');
        await notes.blur();
        await desk.click('End Call');

        await eventually(() => tasksOf(callId).length > 0);
        await settled(laptop, desk);
        expect(tasksOf(callId)).toEqual([
            expect.objectContaining({ CallType: 'Inbound', Description: 'Typed on the desk PC' })
        ]);
        expect(newTaskSaves()).toBe(1);
        expect(await savedHere(desk, callId)).toMatch(/^00T/);
        expect(await savedHere(laptop, callId)).toBe('');
    });

    it('logs an outbound call dialled on the laptop once, by the laptop, even when the desk PC hangs it up', async () => {
        const { laptop, desk } = await twoBrowsers();
        await laptop.page.locator('.wb-click-to-dial-number', { hasText: '01632 960123' }).click();
        const leg = await eventually(() =>
            [...harness.stack.simulator.model.legs.values()].find(
                (candidate) => candidate.extension === '2001'
            )
        );
        harness.stack.simulator.model.remote(leg.callId, 'answer');
        await Promise.all([laptop.waitForText('Connected'), desk.waitForText('Connected')]);
        await desk.click('End Call');

        await eventually(() => tasksOf(leg.callId).length > 0);
        await settled(laptop, desk);
        expect(tasksOf(leg.callId)).toEqual([
            expect.objectContaining({ CallType: 'Outbound', WhoId: '0035g00000AdaLov' })
        ]);
        expect(newTaskSaves()).toBe(1);
        // The browser the call was dialled from claimed it as it began: the Task is the laptop's.
        expect(await savedHere(laptop, leg.callId)).toMatch(/^00T/);
        expect(await savedHere(desk, leg.callId)).toBe('');
    });
});
