// Salesforce Voice in Chromium: the emulated container on a *.lightning.force.com name frames the real
// connector page (the connector bundled from src/voice with scv-connector-base 3.6.2) on the
// Visualforce name, against the Suite simulator; the SCRT endpoint is emulated.
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { startVoiceStack, type VoiceStack } from '../../src/workbench/voice/voiceStack';
import { launchChromium } from './support/chromium';
import { eventually } from './support/workbench';

jest.setTimeout(60_000);

let stack: VoiceStack;
let browser: Browser;
let context: BrowserContext;

beforeAll(async () => {
    stack = await startVoiceStack();
    browser = await launchChromium({ trustedSpki: stack.spkiSha256 });
});

beforeEach(async () => {
    context = await browser.newContext();
});

afterEach(async () => {
    await context.close();
    stack.scrt.reset();
    for (const leg of stack.simulator.model.legs.values()) {
        if (leg.state !== 'cleared') stack.simulator.model.remote(leg.callId, 'hangup');
    }
    stack.simulator.model.legs.clear();
});

afterAll(async () => {
    await browser?.close();
    await stack?.stop();
});

interface Received {
    type: string;
    payload?: { telephonyEventType?: string; telephonyEventPayload?: Record<string, unknown> } & Record<
        string,
        unknown
    >;
}

async function openContainer(): Promise<Page> {
    const page = await context.newPage();
    await page.goto(stack.containerUrl);
    await page.getByText(/^Ready/).waitFor({ timeout: 15_000 });
    return page;
}

const received = (page: Page) => page.evaluate(() => window.voiceContainer.received) as Promise<Received[]>;
const events = async (page: Page, type: string) =>
    (await received(page)).filter(
        (message) =>
            message.type === 'TELEPHONY_EVENT_DISPATCHED' && message.payload?.telephonyEventType === type
    );

const legState = (callId: string) => stack.simulator.model.legs.get(callId)?.state;

function ring(): string {
    return stack.simulator.model.ringInbound('2001', { number: '+441632960123', name: 'Pat Caller' }, null)
        .callId;
}

it('is ready with the desk phone on the agent’s extension declared', async () => {
    const page = await openContainer();
    await page.getByText('Ready · desk phone 2001').waitFor();
    const ready = (await received(page)).find((message) => message.type === 'CONNECTOR_READY');
    expect(ready?.payload).toMatchObject({
        agentConfig: { PHONES: ['DESK_PHONE'], SELECTED_PHONE: { type: 'DESK_PHONE', number: '2001' } },
        capabilities: { MUTE: false, RECORD: false, MERGE: false, MOS: false, BLIND_TRANSFER: true }
    });
});

it('inbound ring → one VoiceCall → CALL_STARTED → Accept → the Suite answers → CALL_CONNECTED', async () => {
    const page = await openContainer();
    const callId = ring();
    await page.getByText('+441632960123 · Ringing').waitFor();
    expect(stack.scrt.records).toEqual([
        expect.objectContaining({
            vendorCallKey: callId,
            from: '+441632960123',
            to: '2001',
            initiationMethod: 'Inbound'
        })
    ]);
    const [started] = await events(page, 'CALL_STARTED');
    expect(started.payload?.telephonyEventPayload).toMatchObject({
        callId,
        callAttributes: { voiceCallId: stack.scrt.records[0].voiceCallId }
    });
    await page.getByRole('button', { name: 'Accept' }).click();
    await page.getByText('+441632960123 · Connected').waitFor();
    await eventually(() => legState(callId) === 'connected');
    expect(await events(page, 'CALL_CONNECTED')).toHaveLength(1);
    expect(stack.scrt.requests).toHaveLength(1);
});

it('holds and resumes twice, then ends', async () => {
    const page = await openContainer();
    const callId = ring();
    await page.getByRole('button', { name: 'Accept' }).click();
    await page.getByText('· Connected').waitFor();
    for (let round = 0; round < 2; round++) {
        await page.getByRole('button', { name: 'Hold' }).click();
        await page.getByText('· On hold').waitFor();
        await eventually(() => legState(callId) === 'held');
        await page.getByRole('button', { name: 'Resume' }).click();
        await page.getByText('· Connected').waitFor();
        await eventually(() => legState(callId) === 'connected');
    }
    expect(await events(page, 'HOLD_TOGGLE')).toHaveLength(4);
    await page.getByRole('button', { name: 'End' }).click();
    await eventually(() => legState(callId) === 'cleared');
    await eventually(async () => (await events(page, 'HANGUP')).length === 1);
    await eventually(async () => (await page.locator('.call').count()) === 0);
});

it('a page reload mid-call replays the call, with no second VoiceCall', async () => {
    const page = await openContainer();
    const callId = ring();
    await page.getByRole('button', { name: 'Accept' }).click();
    await page.getByText('· Connected').waitFor();
    await page.reload();
    await page.getByText(/^Ready/).waitFor({ timeout: 15_000 });
    await page.getByText('+441632960123 · Connected').waitFor();
    const [replayed] = await events(page, 'CALL_CONNECTED');
    expect(replayed.payload?.telephonyEventPayload).toMatchObject({ callId, isReplayedCall: true });
    expect(stack.scrt.requests).toHaveLength(1);
});
