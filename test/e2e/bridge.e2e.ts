// Through the OAI bridge, in Chromium: softphone → contract v1 → bridge → System OAI → the OAI PBX
// simulator. What the agent sees, what the PBX is told and what Salesforce receives: an inbound call
// through a PBX link drop, and do not disturb both ways. Hold, transfers, a ring group call answered
// elsewhere, link loss and bridge restarts mid-call are proven below the browser: the contract suite
// against the bridge (test/contract/*.oai.test.ts), src/bridge's tests and npm run test:faults:oai.
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
