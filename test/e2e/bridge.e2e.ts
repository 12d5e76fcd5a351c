// Through the OAI bridge, in Chromium: softphone → contract v1 → bridge → System OAI → the OAI PBX
// simulator. What the agent sees and what Salesforce receives for an inbound call.
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
        await agent.waitForText('Ready · Alice Agent, extension 2001');
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
        stack.pbx.pbx.inbound('2001', { number: '01632960999', name: 'BETA LTD' });
        await agent.waitForText('BETA LTD');
        expect(tasks()).toHaveLength(1);
        expect(stack.emulator.count('saveLog')).toBe(saves);
        expect(agent.errors).toEqual([]);
    });
});
