// Salesforce Voice in Chromium: the emulated container on a *.lightning.force.com name frames the
// package's connector page (rendered as Visualforce would, the connector bundled from src/voice with
// scv-connector-base 3.6.2, its remote action through Visualforce remoting) on the Visualforce name,
// against the Suite simulator; the SCRT endpoint is emulated. Each scenario says at its top what only
// a browser proves; the rest of each is proven in src/voice/__tests__.
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { buildVoiceWorkbench } from '../../scripts/workbench-build.mjs';
import { startVoiceStack, type VoiceStack } from '../../src/workbench/voice/voiceStack';
import { launchChromium } from './support/chromium';
import { eventually } from './support/workbench';

jest.setTimeout(60_000);

let stack: VoiceStack;
let browser: Browser;
let context: BrowserContext;
/** Errors any frame of any page logged: an exception in the connector frame shows here. */
let frameErrors: string[];

beforeAll(async () => {
    await buildVoiceWorkbench();
    stack = await startVoiceStack();
    browser = await launchChromium({ trustedSpki: stack.spkiSha256 });
});

beforeEach(async () => {
    context = await browser.newContext();
    frameErrors = [];
    context.on('page', (page) => {
        page.on('console', (message) => {
            if (message.type() === 'error') frameErrors.push(`${message.location().url}: ${message.text()}`);
        });
        page.on('pageerror', (error) => frameErrors.push(error.message));
    });
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
const findings = (page: Page) => page.evaluate(() => window.voiceContainer.findings);
const sent = (page: Page, type: string) =>
    page.evaluate((wanted) => window.voiceContainer.sent.filter((message) => message.type === wanted), type);

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

// Proven only here: the buttons a real page draws from the callInfo of CALL_CONNECTED the moment it crosses the frame.
it('Hold and Transfer are available right after Accept, and Accept is gone', async () => {
    const page = await openContainer();
    ring();
    await page.getByRole('button', { name: 'Accept' }).click();
    await page.getByText('+441632960123 · Connected').waitFor();
    await expect(page.getByRole('button', { name: 'Hold' }).isEnabled()).resolves.toBe(true);
    await expect(page.getByRole('button', { name: 'Transfer…' }).isEnabled()).resolves.toBe(true);
    await expect(page.getByRole('button', { name: 'Accept' }).count()).resolves.toBe(0);
    await page.getByRole('button', { name: 'Transfer…' }).click();
    await expect(page.getByRole('button', { name: 'Consult' }).isEnabled()).resolves.toBe(true);
    await expect(page.getByRole('button', { name: 'Blind transfer' }).isEnabled()).resolves.toBe(true);
    expect(await sent(page, 'GET_PHONE_CONTACTS')).toHaveLength(1);
    await page.getByText('Phone book: 0 contacts').waitFor();
    expect(await findings(page)).toEqual([]);
    expect(frameErrors).toEqual([]);
});

// Proven only here: a click-to-dial from a record reaches the PBX through the real page and comes back as the number the agent clicked.
it('the number dialled is the one CALL_STARTED shows, while the PBX dials its own dial string', async () => {
    const page = await openContainer();
    await page.getByRole('button', { name: '+44 1632 960456' }).click();
    await page.getByText('+44 1632 960456 · Dialing').waitFor();
    const [started] = await events(page, 'CALL_STARTED');
    const callId = started.payload?.telephonyEventPayload?.callId as string;
    expect(started.payload?.telephonyEventPayload).toMatchObject({
        phoneNumber: '+44 1632 960456',
        contact: { phoneNumber: '+44 1632 960456', recordId: '0035e00000AbCdEAAV' }
    });
    expect(stack.simulator.model.legs.get(callId)?.remote.number).toBe('00441632960456');
    expect(await findings(page)).toEqual([]);
});

// Proven only here: WRAP_UP_CALL reaches the bundled connector in its frame, where an exception would surface in the browser's console.
it('wrap-up after a call: Done sends WRAP_UP_CALL and nothing fails in the connector frame', async () => {
    const page = await openContainer();
    const callId = ring();
    await page.getByRole('button', { name: 'Accept' }).click();
    await page.getByText('+441632960123 · Connected').waitFor();
    await page.getByRole('button', { name: 'End', exact: true }).click();
    await page.getByText('+441632960123 · Wrap-up').waitFor();
    await expect(page.getByRole('status').innerText()).resolves.toBe('Ready · desk phone 2001 · Wrap-up');
    await page.getByRole('button', { name: 'Done' }).click();
    await page.getByRole('status').getByText('Ready · desk phone 2001', { exact: true }).waitFor();
    expect(await sent(page, 'WRAP_UP_CALL')).toEqual([
        expect.objectContaining({ call: expect.objectContaining({ callId, state: 'ended' }) })
    ]);
    // A further call shows the connector still answers after the wrap-up.
    ring();
    await page.getByRole('button', { name: 'Accept' }).waitFor();
    expect(frameErrors).toEqual([]);
    expect(await findings(page)).toEqual([]);
});

// Proven only here: the end reason as the bundled connector posts it across the frame and the page shows it.
it('a call ends with the library’s reason: "ended" when the caller hangs up, "error" for a busy number', async () => {
    const page = await openContainer();
    ring();
    await page.getByRole('button', { name: 'Accept' }).click();
    await page.getByText('+441632960123 · Connected').waitFor();
    await page.getByRole('button', { name: 'Far end hangs up' }).click();
    await page.getByText('Last call: +441632960123 ended (ended)').waitFor();
    await page.getByRole('button', { name: 'Done' }).click();
    await page.getByRole('textbox', { name: 'Number', exact: true }).fill('01632 960456');
    await page.getByRole('button', { name: 'Dial', exact: true }).click();
    await page.getByText('01632 960456 · Dialing').waitFor();
    await page.getByRole('button', { name: 'Far end busy' }).click();
    await page.getByText('Last call: 01632 960456 ended (error)').waitFor();
    expect(await findings(page)).toEqual([]);
    expect(frameErrors).toEqual([]);
});
