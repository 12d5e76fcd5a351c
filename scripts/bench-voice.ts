// npm run bench:voice: the Salesforce Voice connector in Chromium, through the emulated container,
// against the Suite simulator. How long a Suite event takes from its WebSocket frame arriving in the
// connector page to the telephony event arriving in the container (answered at the handset, held
// and retrieved there, hung up by the caller); how long Accept takes from ACCEPT_CALL leaving the
// container to CALL_CONNECTED arriving (the Suite's answer and its report included); and how long the
// connector takes from SETUP_CONNECTOR to CONNECTOR_READY. Both ends of each are read on the browser's
// shared clock (timeOrigin + now).
import type { Frame, Page } from 'playwright-core';
import { launchChromium } from '../test/e2e/support/chromium';
import { startVoiceStack, type VoiceStack } from '../src/workbench/voice/voiceStack';
import { buildVoiceWorkbench } from './workbench-build.mjs';
import { usageOrExit } from './usage.mjs';

usageOrExit(
    'Usage: npm run bench:voice\n  The Salesforce Voice connector in Chromium: Suite event to telephony event in the container (p50/p95),\n  Accept to CALL_CONNECTED, connector ready time after SETUP_CONNECTOR; prints one JSON line.'
);

const STARTUPS = 10;
const CALLS = 20;
const HOLD_CYCLES = 2;
const TARGET_EVENT_MS = 5;

const percentile = (values: number[], p: number) => {
    const sorted = [...values].sort((a, b) => a - b);
    return Number(sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))].toFixed(2));
};

/** In the connector page only: the arrival time of every Suite frame that names a call. */
function recordSuiteFrames(): void {
    if (location.pathname !== '/apex/MiVoiceVoiceConnector') return;
    const Native = window.WebSocket;
    const arrivals: number[] = [];
    Object.assign(window, { suiteFrameArrivals: arrivals });
    window.WebSocket = class extends Native {
        constructor(url: string | URL, protocols?: string | string[]) {
            super(url, protocols);
            // Registered before the Suite client's own handler, so it runs first.
            this.addEventListener('message', (event: MessageEvent) => {
                if (typeof event.data === 'string' && event.data.includes('"callId"'))
                    arrivals.push(performance.timeOrigin + performance.now());
            });
        }
    };
}

async function until(check: () => Promise<boolean> | boolean, timeoutMs = 10_000): Promise<void> {
    const started = Date.now();
    while (!(await check())) {
        if (Date.now() - started > timeoutMs) throw new Error('condition not met in time');
        await new Promise((resolve) => setTimeout(resolve, 5));
    }
}

const containerTimes = (page: Page) =>
    page.evaluate(() => ({
        receivedAt: window.voiceContainer.receivedAt,
        types: window.voiceContainer.received.map(
            (message) => (message.payload?.telephonyEventType as string | undefined) ?? message.type
        ),
        setupAt: window.voiceContainer.setupAt,
        sentAt: window.voiceContainer.sentAt,
        sentTypes: window.voiceContainer.sent.map((message) => String(message.type))
    }));

const count = async (page: Page, type: string) =>
    (await containerTimes(page)).types.filter((seen) => seen === type).length;

const suiteArrivals = (frame: Frame) =>
    frame.evaluate(() => (window as unknown as { suiteFrameArrivals: number[] }).suiteFrameArrivals);

/** Rings the agent from the Suite's side; resolves with the call once the container has its CALL_STARTED. */
async function ringUntilStarted(page: Page, stack: VoiceStack): Promise<string> {
    const started = await count(page, 'CALL_STARTED');
    const { callId } = stack.simulator.model.ringInbound('2001', { number: '+441632960123', name: '' }, null);
    await until(async () => (await count(page, 'CALL_STARTED')) > started);
    return callId;
}

async function measureStartups(page: Page, stack: VoiceStack): Promise<number[]> {
    const readyMs: number[] = [];
    for (let run = 0; run < STARTUPS; run++) {
        if (run === 0) await page.goto(stack.containerUrl);
        else await page.reload();
        await until(async () => (await containerTimes(page)).types.includes('CONNECTOR_READY'), 20_000);
        const times = await containerTimes(page);
        readyMs.push(times.receivedAt[times.types.indexOf('CONNECTOR_READY')] - (times.setupAt as number));
    }
    return readyMs;
}

/** Suite-side actions, each timed from its Suite frame in the connector page to its event in the container. */
async function measureSuiteEvents(
    page: Page,
    stack: VoiceStack,
    connector: Frame
): Promise<Record<string, number[]>> {
    const extension = stack.simulator.sessions.all().at(-1)?.extension;
    if (!extension) throw new Error('The connector opened no Suite session');
    const latencies: Record<string, number[]> = { CALL_CONNECTED: [], HOLD_TOGGLE: [], HANGUP: [] };
    const timed = async (type: string, action: () => unknown) => {
        const before = await count(page, type);
        await action();
        await until(async () => (await count(page, type)) > before);
        const times = await containerTimes(page);
        const at = times.receivedAt[times.types.lastIndexOf(type)];
        const sent = (await suiteArrivals(connector)).filter((arrival) => arrival <= at).at(-1);
        if (sent === undefined) throw new Error(`No Suite frame before ${type}`);
        latencies[type].push(at - sent);
    };
    for (let call = 0; call < CALLS; call++) {
        const callId = await ringUntilStarted(page, stack);
        await timed('CALL_CONNECTED', () => stack.simulator.model.remote(callId, 'answer'));
        for (let cycle = 0; cycle < HOLD_CYCLES; cycle++) {
            await timed('HOLD_TOGGLE', () => stack.simulator.model.hold(extension, callId));
            await timed('HOLD_TOGGLE', () => stack.simulator.model.retrieve(extension, callId));
        }
        await timed('HANGUP', () => stack.simulator.model.remote(callId, 'hangup'));
    }
    return latencies;
}

/** Accept from Salesforce: ACCEPT_CALL leaving the container to CALL_CONNECTED arriving in it. */
async function measureAccepts(page: Page, stack: VoiceStack): Promise<number[]> {
    const acceptMs: number[] = [];
    for (let call = 0; call < CALLS; call++) {
        const connected = await count(page, 'CALL_CONNECTED');
        const callId = await ringUntilStarted(page, stack);
        await page.getByRole('button', { name: 'Accept', exact: true }).click();
        await until(async () => (await count(page, 'CALL_CONNECTED')) > connected);
        const times = await containerTimes(page);
        const accepted = times.sentAt[times.sentTypes.lastIndexOf('ACCEPT_CALL')];
        acceptMs.push(times.receivedAt[times.types.lastIndexOf('CALL_CONNECTED')] - accepted);
        stack.simulator.model.remote(callId, 'hangup');
        await until(async () => !(await page.getByText('· Connected').count()));
    }
    return acceptMs;
}

async function main(): Promise<void> {
    await buildVoiceWorkbench();
    const stack: VoiceStack = await startVoiceStack();
    const browser = await launchChromium({ trustedSpki: stack.spkiSha256 });
    try {
        const context = await browser.newContext();
        await context.addInitScript(recordSuiteFrames);
        const page = await context.newPage();
        const readyMs = await measureStartups(page, stack);
        const connector = page.frames().find((frame) => frame.url().startsWith(stack.connectorUrl));
        if (!connector) throw new Error('The connector page is not framed');
        const latencies = await measureSuiteEvents(page, stack, connector);
        const acceptMs = await measureAccepts(page, stack);
        const all = Object.values(latencies).flat();
        const byEvent = Object.fromEntries(
            Object.entries(latencies).map(([type, values]) => [
                type,
                { p50: percentile(values, 50), p95: percentile(values, 95) }
            ])
        );
        console.log(
            `Suite event to container: p95 ${percentile(all, 95)} ms over ${all.length} events (target < ${TARGET_EVENT_MS} ms)`
        );
        console.log(
            JSON.stringify({
                voiceSuiteEventToContainerMs: {
                    p50: percentile(all, 50),
                    p95: percentile(all, 95),
                    samples: all.length,
                    byEvent
                },
                voiceAcceptToConnectedMs: { p50: percentile(acceptMs, 50), p95: percentile(acceptMs, 95) },
                voiceConnectorReadyMs: { p50: percentile(readyMs, 50), p95: percentile(readyMs, 95) }
            })
        );
    } finally {
        await browser.close();
        await stack.stop();
    }
}

main().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
});
