// Through the OAI bridge, in Chromium: softphone → contract v1 → bridge → System OAI → the OAI PBX
// simulator. What the agent sees, what the PBX is told and what Salesforce receives: an inbound call,
// hold three times, blind and consult transfers, do not disturb both ways, a ring group call answered
// at another phone, the PBX link lost mid-call and a bridge restart mid-call.
import type { Browser, BrowserContext } from 'playwright-core';
import { buildWorkbench } from '../../scripts/workbench-build.mjs';
import { startOaiStack, type OaiStack } from '../../src/workbench/oaiStack';
import { launchChromium } from './support/chromium';
import { CONSOLE_HOST, SOFTPHONE_HOST, eventually, openAgentView } from './support/workbench';

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

const ACME = { number: '01632960123', name: 'ACME LTD' };
const READY = 'Ready · Alice Agent, extension 2001';

async function readyAgent() {
    const agent = await openAgentView(context, stack);
    await agent.waitForText(READY);
    return agent;
}

/** The state of an OAI call at a station, as the PBX has it. */
const pbxState = (oaiCallId: string, extension: string) =>
    stack.pbx.pbx.liveCalls().find((call) => call.callId === oaiCallId)?.stations[extension];

/** An inbound call to 2001, answered from the panel; the PBX has the station talking. */
async function answeredCall(agent: Awaited<ReturnType<typeof readyAgent>>) {
    const oaiCallId = stack.pbx.pbx.inbound('2001', ACME);
    await agent.waitForText('ACME LTD');
    await agent.click('Answer');
    await eventually(() => pbxState(oaiCallId, '2001') === 'C');
    await agent.waitForText('Connected');
    const callId = stack.bridge.phone.callIdOf('2001', oaiCallId);
    return { oaiCallId, callId };
}

const commandsSent = (code: string) =>
    stack.pbx.received.filter((line) => line.startsWith(`${code},`)).length;

describe('call control through the OAI bridge', () => {
    it('holds and retrieves three times at the PBX, hangs up, and logs one Task', async () => {
        const agent = await readyAgent();
        const { oaiCallId, callId } = await answeredCall(agent);
        const [holds, retrieves] = [commandsSent('_HC'), commandsSent('_RV')];
        for (let cycle = 0; cycle < 3; cycle++) {
            await agent.click('Hold');
            await agent.waitForText('On Hold');
            expect(pbxState(oaiCallId, '2001')).toBe('H');
            await agent.click('Retrieve');
            await agent.waitForText('Connected');
            expect(pbxState(oaiCallId, '2001')).toBe('C');
        }
        expect([commandsSent('_HC') - holds, commandsSent('_RV') - retrieves]).toEqual([3, 3]);
        await agent.click('End Call');
        await eventually(() => stack.pbx.pbx.liveCalls().length === 0);
        await eventually(() => tasks().length > 0);
        await agent.taskLogSettled();
        expect(tasks()).toEqual([
            expect.objectContaining({ CallObject: callId, CallDisposition: 'answered' })
        ]);
        expect(agent.errors).toEqual([]);
    });

    it('transfers blind: the call rings at the destination and is logged as transferred', async () => {
        const agent = await readyAgent();
        const { oaiCallId, callId } = await answeredCall(agent);
        await agent.click('Transfer');
        await agent.panel.getByLabel('Transfer to').fill('2003');
        await agent.click('Transfer Now');
        await eventually(() => pbxState(oaiCallId, '2003') === 'A');
        expect(pbxState(oaiCallId, '2001')).toBeUndefined();
        await agent.waitForText(READY);
        await eventually(() => tasks().length > 0);
        await agent.taskLogSettled();
        expect(tasks()).toEqual([
            expect.objectContaining({ CallObject: callId, CallDisposition: 'transferred' })
        ]);
        stack.pbx.pbx.remoteHangup(oaiCallId);
    });

    it('consults a colleague, completes the transfer, and logs one Task per leg', async () => {
        const agent = await readyAgent();
        const { oaiCallId, callId } = await answeredCall(agent);
        await agent.click('Transfer');
        await agent.panel.getByLabel('Transfer to').fill('2002');
        await agent.click('Consult First');
        const consult = await eventually(() =>
            stack.pbx.pbx
                .liveCalls()
                .find((call) => call.callId !== oaiCallId && call.stations['2002'] === 'A')
        );
        expect(pbxState(oaiCallId, '2001')).toBe('H');
        stack.pbx.pbx.answer('2002', consult.callId);
        await agent.click('Complete Transfer');
        // The caller now talks to 2002; 2001 is on no call.
        await eventually(
            () => pbxState(oaiCallId, '2002') === 'C' && pbxState(oaiCallId, '2001') === undefined
        );
        await agent.waitForText(READY);
        await eventually(() => tasks().length >= 2);
        await agent.taskLogSettled();
        expect(tasks()).toHaveLength(2);
        expect(tasks().map((task) => task.CallObject)).toContain(callId);
        expect(tasks().every((task) => task.CallDisposition === 'transferred')).toBe(true);
        stack.pbx.pbx.remoteHangup(oaiCallId);
    });

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

    it('a ring group call answered at another phone leaves the panel ready and logs no Task', async () => {
        const agent = await readyAgent();
        const oaiCallId = stack.pbx.pbx.inbound('2100', ACME);
        await agent.waitForText('ACME LTD');
        await eventually(() => pbxState(oaiCallId, '2002') === 'A');
        stack.pbx.pbx.answer('2002', oaiCallId);
        await agent.waitForText(READY);
        await agent.taskLogSettled();
        expect(tasks()).toEqual([]);
        stack.pbx.pbx.remoteHangup(oaiCallId);
    });
});

describe('faults mid-call through the OAI bridge', () => {
    it('the PBX link is lost and resynced: the call carries on, is held after it, and is logged once', async () => {
        const agent = await readyAgent();
        const { oaiCallId, callId } = await answeredCall(agent);
        const reconnects = stack.bridge.phone.counters.oaiReconnects;
        stack.pbx.dropConnections();
        await eventually(
            () => stack.bridge.phone.counters.oaiReconnects > reconnects && stack.bridge.phone.pbxConnected
        );
        await agent.click('Hold');
        await agent.waitForText('On Hold');
        expect(pbxState(oaiCallId, '2001')).toBe('H');
        stack.pbx.pbx.remoteHangup(oaiCallId);
        await agent.waitForText('Wrap-up · Alice Agent, extension 2001');
        await eventually(() => tasks().length > 0);
        await agent.taskLogSettled();
        expect(tasks()).toEqual([expect.objectContaining({ CallObject: callId })]);
    });

    it('the bridge restarts: the call keeps its id, can be held after it, and is logged once', async () => {
        const agent = await readyAgent();
        const { oaiCallId, callId } = await answeredCall(agent);
        await stack.restartBridge();
        await eventually(() => stack.bridge.server.openChannels() > 0);
        expect(stack.bridge.phone.callIdOf('2001', oaiCallId)).toBe(callId);
        await agent.click('Hold');
        await agent.waitForText('On Hold');
        expect(pbxState(oaiCallId, '2001')).toBe('H');
        await agent.click('Retrieve');
        await agent.waitForText('Connected');
        await agent.click('End Call');
        await agent.waitForText('Wrap-up · Alice Agent, extension 2001');
        await eventually(() => tasks().length > 0);
        await agent.taskLogSettled();
        expect(tasks()).toEqual([
            expect.objectContaining({ CallObject: callId, CallDisposition: 'answered' })
        ]);
        expect(agent.errors).toEqual([]);
    });
});
