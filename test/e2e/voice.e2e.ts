// Salesforce Voice in Chromium: the emulated container on a *.lightning.force.com name frames the real
// connector page (the connector bundled from src/voice with scv-connector-base 3.6.2) on the
// Visualforce name, against the Suite simulator; the SCRT endpoint is emulated.
import { createServer, type AddressInfo } from 'node:net';
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

/** A loopback port nothing listens on: bound, noted, closed. */
function closedPort(): Promise<number> {
    return new Promise((resolve, reject) => {
        const server = createServer();
        server.once('error', reject);
        server.listen(0, '127.0.0.1', () => {
            const { port } = server.address() as AddressInfo;
            server.close(() => resolve(port));
        });
    });
}

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

it('answered at the handset: CALL_CONNECTED reaches Salesforce once', async () => {
    const page = await openContainer();
    const callId = ring();
    await page.getByText('+441632960123 · Ringing').waitFor();
    stack.simulator.model.remote(callId, 'answer');
    await page.getByText('+441632960123 · Connected').waitFor();
    expect(legState(callId)).toBe('connected');
    const connected = await events(page, 'CALL_CONNECTED');
    expect(connected).toHaveLength(1);
    expect(connected[0].payload?.telephonyEventPayload).toMatchObject({ callId, state: 'connected' });
    expect((await received(page)).filter((message) => message.type === 'CALL_CONNECTED')).toHaveLength(0);
});

it('the caller hangs up: HANGUP reaches Salesforce once and the call leaves the softphone', async () => {
    const page = await openContainer();
    const callId = ring();
    await page.getByRole('button', { name: 'Accept' }).click();
    await page.getByText('· Connected').waitFor();
    stack.simulator.model.remote(callId, 'hangup');
    await eventually(async () => (await page.locator('.call').count()) === 0);
    const hangups = await events(page, 'HANGUP');
    expect(hangups).toHaveLength(1);
    expect(hangups[0].payload?.telephonyEventPayload).toEqual([
        expect.objectContaining({ callId, state: 'ended' })
    ]);
});

it('dials from Salesforce: the Suite places the normalised dial string and no VoiceCall is made', async () => {
    Object.assign(stack.connectorOverrides, {
        '/reqDialingOptions/reqOutsidePrefix': '9',
        '/mivoiceDialing/siteCountryCode': '44',
        '/mivoiceDialing/siteNationalPrefix': '0'
    });
    const page = await openContainer();
    await page.getByLabel('Number', { exact: true }).fill('+44 (0)1632 960-456');
    await page.getByRole('button', { name: 'Dial' }).click();
    await page.getByText('· Dialing').waitFor();
    const placed = [...stack.simulator.model.legs.values()];
    expect(placed).toEqual([
        expect.objectContaining({
            direction: 'outbound',
            state: 'dialing',
            remote: { number: '901632960456', name: '' }
        })
    ]);
    const [started] = await events(page, 'CALL_STARTED');
    expect(started.payload?.telephonyEventPayload).toMatchObject({
        callId: placed[0].callId,
        callType: 'Outbound'
    });
    expect(await events(page, 'CALL_STARTED')).toHaveLength(1);
    stack.simulator.model.remote(placed[0].callId, 'answer');
    await page.getByText('· Connected').waitFor();
    expect(await events(page, 'CALL_CONNECTED')).toHaveLength(1);
    expect(stack.scrt.requests).toHaveLength(0);
});

it('blind transfer: the Suite transfers to the typed number and Salesforce hangs the call up once', async () => {
    const page = await openContainer();
    const callId = ring();
    await page.getByRole('button', { name: 'Accept' }).click();
    await page.getByText('· Connected').waitFor();
    await page.getByLabel('Transfer to').fill('2003');
    await page.getByRole('button', { name: 'Blind transfer' }).click();
    await eventually(async () => (await page.locator('.call').count()) === 0);
    const leg = stack.simulator.model.legs.get(callId);
    expect(leg).toMatchObject({ state: 'cleared', cause: 'transfer', transferredTo: '2003' });
    const [added] = await events(page, 'PARTICIPANT_ADDED');
    expect(added.payload?.telephonyEventPayload).toMatchObject({ initialCallHasEnded: true, callId });
    expect(await events(page, 'HANGUP')).toHaveLength(1);
});

it('consult transfer: consult, the consulted party answers, End hands the caller over', async () => {
    const page = await openContainer();
    const callId = ring();
    await page.getByRole('button', { name: 'Accept' }).click();
    await page.getByText('· Connected').waitFor();
    await page.getByLabel('Transfer to').fill('+441632960999');
    await page.getByRole('button', { name: 'Consult' }).click();
    await page.getByText('Participant 00441632960999 · Dialing').waitFor();
    const consult = [...stack.simulator.model.legs.values()].find((leg) => leg.relatedCallId === callId);
    expect(consult).toMatchObject({ state: 'dialing', remote: { number: '00441632960999' } });
    expect(legState(callId)).toBe('held');
    stack.simulator.model.remote(consult!.callId, 'answer');
    await page.getByText('Participant 00441632960999 · Connected').waitFor();
    expect(await events(page, 'PARTICIPANT_CONNECTED')).toHaveLength(1);
    await page.getByRole('button', { name: 'End' }).click();
    await eventually(() => legState(callId) === 'cleared');
    expect(stack.simulator.model.legs.get(callId)).toMatchObject({
        cause: 'transfer',
        transferredTo: '00441632960999'
    });
    expect(legState(consult!.callId)).toBe('cleared');
    await eventually(async () => (await events(page, 'HANGUP')).length === 1);
});

it('presence Offline turns the phone’s DND on, Online turns it off again', async () => {
    const page = await openContainer();
    expect(stack.simulator.model.dnd('2001')).toBe(false);
    await page.getByLabel('Presence').selectOption('Offline');
    await eventually(() => stack.simulator.model.dnd('2001') === true);
    await eventually(async () =>
        (await received(page)).some(
            (m) =>
                m.type === 'TELEPHONY_EVENT_DISPATCHED' &&
                m.payload?.telephonyEventType === 'SET_AGENT_STATUS_RESULT'
        )
    );
    await page.getByLabel('Presence').selectOption('Online');
    await eventually(() => stack.simulator.model.dnd('2001') === false);
    await eventually(async () => (await events(page, 'SET_AGENT_STATUS_RESULT')).length === 2);
    for (const result of await events(page, 'SET_AGENT_STATUS_RESULT'))
        expect(result.payload?.telephonyEventPayload).toEqual({ success: true });
});

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

it('the Suite down at start: Salesforce receives the error the Open CTI panel names (suiteUnreachable)', async () => {
    stack.connectorOverrides['/mivoiceSuite/suitePort'] = String(await closedPort());
    const page = await context.newPage();
    await page.goto(stack.containerUrl);
    await page.getByText('Error: Softphone_Msg_suiteUnreachable').waitFor({ timeout: 30_000 });
    const errors = (await received(page)).filter(
        (message) =>
            message.type === 'TELEPHONY_EVENT_DISPATCHED' && message.payload?.telephonyEventType === 'ERROR'
    );
    expect(errors).toHaveLength(1);
    expect(errors[0].payload?.telephonyEventPayload).toMatchObject({
        customError: { labelName: 'Softphone_Msg_suiteUnreachable', namespace: 'c' }
    });
    expect((await received(page)).some((message) => message.type === 'CONNECTOR_READY')).toBe(false);
});
