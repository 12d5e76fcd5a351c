// Through the OAI bridge, in Chromium: softphone → contract v1 → bridge → System OAI → the OAI PBX
// simulator, as `npm start -- --backend oai` runs it. What the agent sees, what the PBX is told and what
// Salesforce receives: an inbound call through a PBX link drop, do not disturb both ways, and the OAI
// workbench as a new user meets it: its Outside Prefix on a click-to-dial outside call, its caller panel
// naming the phone system and answering the consulted colleague, a recall and a conference from its
// buttons. Hold, transfers, a station in DND, a conference and a recall as calls, a ring group call
// answered elsewhere, link loss and bridge restarts mid-call are proven below the browser: the contract
// suite against the bridge (test/contract/*.oai.test.ts), src/bridge's tests and npm run test:faults:oai.
import type { Browser, BrowserContext } from 'playwright-core';
import { buildWorkbench } from '../../scripts/workbench-build.mjs';
import { startOaiStack, type OaiStack } from '../../src/workbench/oaiStack';
import { launchChromium } from './support/chromium';
import { CONSOLE_HOST, SOFTPHONE_HOST, eventually, openAgentView, type AgentView } from './support/workbench';

jest.setTimeout(60_000);

let stack: OaiStack;
let browser: Browser;
let context: BrowserContext;

beforeAll(async () => {
    await buildWorkbench();
    stack = await startOaiStack({ consoleHost: CONSOLE_HOST, softphoneHost: SOFTPHONE_HOST });
    browser = await launchChromium({ trustedSpki: stack.spkiSha256 });
    context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
});

beforeEach(async () => {
    // A fresh browser profile and an empty Task store per scenario; the PBX has no call left over, and
    // a restarted bridge has no recent calls (a fresh profile would log those it has not seen).
    await context.close();
    expect(stack.pbx.pbx.liveCalls()).toEqual([]);
    await stack.restartBridge();
    context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    stack.emulator.tasks.clear();
    stack.emulator.settings['/mivoiceSuite/screenPopMode'] = 'answered';
});

afterAll(async () => {
    await browser?.close();
    await stack?.stop();
});

const tasks = () => [...stack.emulator.tasks.values()];

describe('an inbound call through the OAI bridge', () => {
    // Proven only here: the production bridge and the OAI PBX simulator behind the real panel, over TLS from the browser, through a PBX link drop.
    it('rings in the panel, is answered from it, pops the caller and is logged once', async () => {
        stack.emulator.settings['/mivoiceSuite/screenPopMode'] = 'answered';
        const agent = await openAgentView(context, stack);
        await agent.waitForText('Ready · Alice Agent, extension 2001');
        const oaiCallId = stack.pbx.pbx.inbound('2001', { number: '01632960123', name: 'ACME LTD' });
        await agent.waitForText('ACME LTD');
        await agent.click('Answer');
        // The answer went to the PBX as an OAI command, and the PBX says the station is talking.
        await eventually(
            () =>
                stack.pbx.pbx.liveCalls().find((call) => call.callId === oaiCallId)?.stations['2001'] === 'C'
        );
        await agent.waitForText('Ada Lovelace');
        const callId = stack.bridge.phone.callIdOf('2001', oaiCallId);
        stack.pbx.pbx.remoteHangup(oaiCallId);
        await agent.waitForText('Wrap-up · Alice Agent, extension 2001');
        const [task] = await eventually(() => (tasks().length > 0 ? tasks() : undefined));
        expect(task).toMatchObject({
            CallType: 'Inbound',
            CallDisposition: 'answered',
            WhoId: '0035g00000AdaLov',
            CallObject: callId
        });
        // The PBX link drops and comes back: the bridge resyncs and sends a snapshot whose recent calls
        // include this one. The next call showing proves that snapshot was read; no second Task came of it.
        const saves = stack.emulator.count('saveLog');
        stack.pbx.dropConnections();
        await eventually(
            () => stack.bridge.phone.counters.oaiReconnects >= 1 && stack.bridge.phone.pbxConnected
        );
        const beta = stack.pbx.pbx.inbound('2001', { number: '01632960999', name: 'BETA LTD' });
        await agent.waitForText('BETA LTD');
        expect(tasks()).toHaveLength(1);
        expect(stack.emulator.count('saveLog')).toBe(saves);
        expect(agent.errors).toEqual([]);
        stack.pbx.pbx.remoteHangup(beta);
    });
});

const READY = 'Ready · Alice Agent, extension 2001';

async function readyAgent() {
    const agent = await openAgentView(context, stack);
    await agent.waitForText(READY);
    return agent;
}

describe('call control through the OAI bridge', () => {
    // Proven only here: the SLDS toggle drawn by its label: the agent's click on what they see reaches the PBX.
    it('sets do not disturb at the PBX from the panel, and shows it cleared at the phone', async () => {
        const agent = await readyAgent();
        const toggle = agent.panel.getByRole('switch', { name: /Do Not Disturb/ });
        expect(await toggle.isChecked()).toBe(false);
        // The toggle's input is drawn by its label (SLDS): the agent clicks what they see.
        await agent.panel.locator('[data-id="dnd"] label').click();
        await eventually(() => stack.pbx.pbx.isDnd('2001'));
        // Cleared at the phone: the panel follows.
        stack.pbx.pbx.setDnd('2001', false);
        await eventually(async () => !(await toggle.isChecked()));
        expect(stack.pbx.pbx.isDnd('2001')).toBe(false);
        expect(agent.errors).toEqual([]);
    });
});

/** A button of the workbench's caller panel (the far end, a colleague, the phone system). */
async function callerPanel(agent: AgentView, label: string, station?: string): Promise<void> {
    if (station) await agent.page.locator('#wb-station').selectOption(station);
    await agent.page.getByRole('button', { name: label, exact: true }).click();
}

/** The agent's live calls at the PBX, newest last. */
const pbxCalls = () => stack.pbx.pbx.liveCalls().filter((call) => '2001' in call.stations);

async function answeredInbound(agent: AgentView): Promise<string> {
    await agent.page.getByRole('button', { name: 'Ring the agent' }).click();
    await agent.waitForText('ACME LTD');
    await agent.click('Answer');
    await agent.waitForText('Connected');
    return pbxCalls()[0].callId;
}

async function consult(agent: AgentView, to: string): Promise<void> {
    await agent.click('Transfer');
    await agent.panel.locator('[data-id="transfer-target"] input').fill(to);
    await agent.click('Consult First');
    await agent.waitForText('Consult call');
}

describe('the OAI workbench as a new user meets it', () => {
    // Proven only here: the Outside Prefix the workbench's settings card shows is the one the console's click-to-dial goes out with to the PBX's trunk, and its "Far end answers" answers that outside call.
    it('dials a clicked outside number with the Outside Prefix shown, the far end answers, one Task', async () => {
        const agent = await readyAgent();
        expect(await agent.page.getByLabel(/Outside prefix/).inputValue()).toBe('9');
        const dialled: string[] = [];
        const stop = stack.pbx.onCommand((line) => line.startsWith('_MC') && dialled.push(line));
        await agent.page.locator('.wb-click-to-dial-number', { hasText: '01632 960123' }).click();
        await agent.waitForText('Dialing');
        stop();
        expect(dialled).toEqual([expect.stringMatching(/^_MC,\d+,2001,901632960123$/)]);
        await callerPanel(agent, 'Far end answers');
        await agent.waitForText('Connected');
        const [call] = pbxCalls();
        expect(call).toMatchObject({ answered: true, external: { number: '01632960123' } });
        await agent.click('End Call');
        const [task] = await eventually(() => (tasks().length > 0 ? tasks() : undefined));
        expect(task).toMatchObject({ CallType: 'Outbound', WhoId: '0035g00000AdaLov' });
        await agent.taskLogSettled();
        expect(tasks()).toHaveLength(1);
        expect(agent.errors).toEqual([]);
    });

    // Proven only here: the caller panel in OAI mode names the phone system, not a Suite, and its station picker answers the consulted colleague, so a consult started from the real panel completes.
    it('completes a consult transfer, the colleague answering at 2002 from the caller panel', async () => {
        const agent = await readyAgent();
        const caller = agent.page.locator('#wb-caller');
        await caller.getByRole('button', { name: 'Ring the agent' }).waitFor({ state: 'visible' });
        expect(await caller.innerText()).not.toMatch(/Suite/);
        expect(await caller.getByRole('button', { name: 'Stop phone system' }).count()).toBe(1);
        expect(await agent.page.getByLabel('Phone system host (the bridge)').inputValue()).toBe('localhost');
        const held = await answeredInbound(agent);
        await consult(agent, '2002');
        await callerPanel(agent, 'Answer at station', '2002');
        await agent.waitForText('Complete Transfer');
        await agent.click('Complete Transfer');
        await agent.waitForText(READY);
        // The outside caller now talks to 2002, on the call Alice held.
        await eventually(() => {
            const call = stack.pbx.pbx.liveCalls().find((candidate) => candidate.callId === held);
            return call && JSON.stringify(call.stations) === '{"2002":"C"}';
        });
        await agent.taskLogSettled();
        expect(
            tasks()
                .map((task) => task.CallType)
                .sort()
        ).toEqual(['Inbound', 'Internal']);
        stack.pbx.pbx.remoteHangup(held);
        expect(agent.errors).toEqual([]);
    });

    // Proven only here: the caller panel's recall and conference-key buttons act on the calls the agent sees in the panel, and the panel follows the PBX: a recall rings again, a conference is one call.
    it('brings a blind transfer nobody answered back as a recall, then conferences a colleague in', async () => {
        const agent = await readyAgent();
        const first = await answeredInbound(agent);
        await agent.click('Transfer');
        await agent.panel.locator('[data-id="transfer-target"] input').fill('2003');
        await agent.click('Transfer Now');
        await agent.waitForText(READY);
        await callerPanel(agent, 'Transfer not answered: recall');
        await agent.waitForText('ACME LTD');
        await agent.click('Answer');
        await agent.waitForText('Connected');
        await consult(agent, '2002');
        await callerPanel(agent, 'Answer at station', '2002');
        await agent.waitForText('Complete Transfer');
        await callerPanel(agent, 'Conference key at 2001');
        // One call left in the panel, connected, with no transfer to complete.
        await eventually(async () => (await agent.panel.getByText('Consult call').count()) === 0);
        await agent.waitForText('Connected');
        expect(await agent.panel.getByRole('button', { name: 'Complete Transfer' }).count()).toBe(0);
        expect(pbxCalls()).toHaveLength(1);
        expect(pbxCalls()[0].stations).toEqual({ '2001': 'C', '2002': 'C' });
        await callerPanel(agent, 'Far end hangs up');
        await callerPanel(agent, 'Hang up at station', '2002');
        await agent.waitForText('Wrap-up');
        await agent.taskLogSettled();
        // The transferred call, its recall and the consult: one Task each.
        expect(tasks()).toHaveLength(3);
        expect(pbxCalls().map((call) => call.callId)).not.toContain(first);
        expect(agent.errors).toEqual([]);
    });
});
