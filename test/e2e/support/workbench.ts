// One workbench per test file: the stack (simulator, Open CTI emulator, web server) and Chromium,
// with the console served from a *.force.com name so Salesforce's own Open CTI library would
// accept it. Helpers read what the agent sees and what Salesforce received.
import type { Browser, BrowserContext, FrameLocator, Page } from 'playwright-core';
import { buildWorkbench } from '../../../scripts/workbench-build.mjs';
import { callControl } from '../../../src/stand-ins/suite-simulator/controlClient';
import { startStack, type Stack, type StackOptions } from '../../../src/workbench/stack';
import { launchChromium, type LaunchOptions } from './chromium';

export const CONSOLE_HOST = 'acme.lightning.force.com';
/** The Visualforce domain the adapter page is served from in an org (same site as the console). */
export const SOFTPHONE_HOST = 'acme--c.vf.force.com';

export interface Harness {
    stack: Stack;
    browser: Browser;
    readonly context: BrowserContext;
    open(): Promise<AgentView>;
    /** Resets the phone system and Salesforce's stores between scenarios. */
    reset(): Promise<void>;
    close(): Promise<void>;
}

export interface AgentView {
    page: Page;
    panel: FrameLocator;
    text(): Promise<string>;
    waitForText(text: string | RegExp, timeoutMs?: number): Promise<void>;
    click(button: string | RegExp): Promise<void>;
    /**
     * Resolves once the Task log queue in this browser profile is empty: every queued save has
     * landed and been marked (an entry leaves storage only then, and a save interrupted by a reload
     * stays until its settle window has passed and it is resolved). The moment to count Tasks.
     */
    taskLogSettled(timeoutMs?: number): Promise<void>;
    /** Resolves once this tab has decided every automatic pop it considered (workbench build's handle). */
    automaticPopsDecided(timeoutMs?: number): Promise<void>;
    errors: string[];
}

export interface HarnessOptions extends StackOptions {
    /** How Chromium is launched beyond the defaults, once the stack's ports are known. */
    chromium?(stack: Stack): Omit<LaunchOptions, 'trustedSpki'>;
}

export async function startHarness(options: HarnessOptions = {}): Promise<Harness> {
    await buildWorkbench();
    const stack = await startStack({ consoleHost: CONSOLE_HOST, softphoneHost: SOFTPHONE_HOST, ...options });
    const browser = await launchChromium({ ...options.chromium?.(stack), trustedSpki: stack.spkiSha256 });
    const newContext = () => browser.newContext({ viewport: { width: 1280, height: 900 } });
    let context = await newContext();
    return {
        stack,
        browser,
        get context() {
            return context;
        },
        open: () => openAgentView(context, stack),
        async reset() {
            // A fresh browser profile per scenario: no storage, Web Locks or queued Task saves carried over.
            await context.close();
            context = await newContext();
            await callControl(stack.simulator.controlUrl, 'POST', '/_sim/reset');
            stack.simulator.settings.allowedOrigins = [new URL(stack.workbench.softphoneUrl).origin];
            stack.emulator.tasks.clear();
            stack.emulator.requests.length = 0;
            stack.emulator.failNextSaveLogs = 0;
            stack.emulator.unansweredRunApex = 0;
            stack.emulator.saveLogRules.length = 0;
        },
        async close() {
            await browser.close();
            await stack.stop();
        }
    };
}

export async function openAgentView(
    context: BrowserContext,
    stack: Pick<Stack, 'workbench' | 'emulator'>
): Promise<AgentView> {
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await page.goto(stack.workbench.consoleUrl);
    const panel = page.frameLocator('#wb-softphone');
    const root = panel.locator(`${stack.emulator.namespace || 'c'}-softphone`);
    return {
        page,
        panel,
        errors,
        text: () => root.innerText(),
        async waitForText(text, timeoutMs = 10_000) {
            await root.getByText(text).first().waitFor({ state: 'visible', timeout: timeoutMs });
        },
        async click(name) {
            await panel
                .getByRole('button', { name, exact: typeof name === 'string' })
                .first()
                .click({ timeout: 10_000 });
        },
        async taskLogSettled(timeoutMs = 15_000) {
            const softphoneOrigin = new URL(stack.workbench.softphoneUrl).origin;
            await eventually(async () => {
                const frame = page.frames().find((candidate) => candidate.url().startsWith(softphoneOrigin));
                if (!frame) return false;
                const queued = await frame.evaluate(() =>
                    Object.keys(localStorage).filter((key) => key.startsWith('mivoice.taskLog.'))
                );
                return queued.length === 0;
            }, timeoutMs);
        },
        async automaticPopsDecided(timeoutMs = 5_000) {
            const softphoneOrigin = new URL(stack.workbench.softphoneUrl).origin;
            await eventually(async () => {
                const frame = page.frames().find((candidate) => candidate.url().startsWith(softphoneOrigin));
                return (
                    frame !== undefined &&
                    (await frame.evaluate(
                        () => window.MiVoiceSoftphone.current?.controller.automaticPopsDecided() === true
                    ))
                );
            }, timeoutMs);
        }
    };
}

/** Waits until a condition on the test's side holds (a Task saved, a call state reached). */
export async function eventually<T>(
    check: () => T | undefined | false | Promise<T | undefined | false>,
    timeoutMs = 10_000
): Promise<T> {
    const started = Date.now();
    for (;;) {
        const value = await check();
        if (value) return value;
        if (Date.now() - started > timeoutMs) throw new Error('condition not met in time');
        await new Promise((resolve) => setTimeout(resolve, 25));
    }
}
