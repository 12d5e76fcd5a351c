// Salesforce Voice in Chromium: the emulated container on a *.lightning.force.com name frames the real
// connector page (the connector bundled from src/voice with scv-connector-base 3.6.2) on the
// Visualforce name, against the Suite simulator; the SCRT endpoint is emulated.
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { buildVoiceWorkbench } from '../../scripts/workbench-build.mjs';
import { startVoiceStack, type VoiceStack } from '../../src/workbench/voice/voiceStack';
import { launchChromium } from './support/chromium';
import { eventually } from './support/workbench';

jest.setTimeout(60_000);

let stack: VoiceStack;
let browser: Browser;
let context: BrowserContext;

beforeAll(async () => {
    await buildVoiceWorkbench();
    stack = await startVoiceStack();
    browser = await launchChromium({ trustedSpki: stack.spkiSha256 });
});

beforeEach(async () => {
    context = await browser.newContext();
});

afterEach(async () => {
    await context.close();
    stack.scrt.reset();
    for (const key of Object.keys(stack.connectorOverrides)) delete stack.connectorOverrides[key];
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

// Proven only here: the bundled connector with scv-connector-base in a real frame, talking to the container by postMessage and to the Suite over TLS.
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

// Proven only here: a real reload of the connector page mid-call.
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

// Proven only here: two real tabs of one agent sharing one connection through Web Locks and BroadcastChannel: one VoiceCall.
it('two container tabs of one agent: one VoiceCall for an inbound call, both ring', async () => {
    const first = await openContainer();
    const second = await openContainer();
    const callId = ring();
    await first.getByText('+441632960123 · Ringing').waitFor();
    await second.getByText('+441632960123 · Ringing').waitFor();
    // The leader tab alone asks for the record; the other waits for its word.
    expect(stack.scrt.remoteActionCalls).toEqual([callId]);
    expect(stack.scrt.records).toHaveLength(1);
    expect(stack.scrt.requests).toHaveLength(1);
    for (const page of [first, second]) {
        const started = await events(page, 'CALL_STARTED');
        expect(started).toHaveLength(1);
        expect(started[0].payload?.telephonyEventPayload).toMatchObject({
            callId,
            callAttributes: { voiceCallId: stack.scrt.records[0].voiceCallId }
        });
    }
});

// Proven only here: the origin the browser itself stamps on a postMessage from a foreign page.
it('ignores SETUP_CONNECTOR from a page outside Salesforce: the connector does not start', async () => {
    const sessionsBefore = new Set(stack.simulator.sessions.all().map((session) => session.token));
    const page = await context.newPage();
    await page.goto(stack.foreignContainerUrl);
    await eventually(async () =>
        (await page.evaluate(() => window.voiceContainer.sent.map((message) => message.type))).includes(
            'SETUP_CONNECTOR'
        )
    );
    const connector = await eventually(() =>
        page.frames().find((frame) => frame.url().startsWith(stack.connectorUrl))
    );
    // A later message from the same page is delivered after the setup message has been judged.
    await connector.evaluate(() => {
        const probed = new Promise<void>((resolve) =>
            window.addEventListener('message', (event) => {
                if (event.data === 'probe') resolve();
            })
        );
        Object.assign(window, { probed });
    });
    await page.evaluate(() =>
        (document.getElementById('connector') as HTMLIFrameElement).contentWindow?.postMessage('probe', '*')
    );
    await connector.evaluate(() => (window as unknown as { probed: Promise<void> }).probed);
    // A started connector opens a Suite session; the Salesforce container, opened after, opens one.
    const salesforce = await openContainer();
    const opened = stack.simulator.sessions
        .all()
        .map((session) => session.token)
        .filter((id) => !sessionsBefore.has(id));
    expect(opened).toHaveLength(1);
    expect((await received(salesforce)).some((message) => message.type === 'CONNECTOR_READY')).toBe(true);
    expect(await page.evaluate(() => window.voiceContainer.received)).toEqual([]);
    await expect(page.getByRole('status').innerText()).resolves.toBe('Connecting…');
});
