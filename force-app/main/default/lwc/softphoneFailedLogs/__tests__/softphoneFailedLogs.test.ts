// Loads the English labels from the labels file, so what these tests read is what an agent reads.
import fs from 'node:fs';
import path from 'node:path';

const LABELS_FILE = path.resolve(__dirname, '../../../labels/CustomLabels.labels-meta.xml');

function englishLabels(): Map<string, string> {
    const labels = new Map<string, string>();
    for (const block of fs.readFileSync(LABELS_FILE, 'utf8').split('<labels>').slice(1)) {
        const name = /<fullName>([^<]+)<\/fullName>/.exec(block)?.[1];
        const value = /<value\s*>([\s\S]*?)<\/value>/.exec(block)?.[1];
        if (name && value !== undefined)
            labels.set(name, value.replace(/&apos;/g, "'").replace(/&amp;/g, '&'));
    }
    return labels;
}

type FailedLogsElement = HTMLElement & { failedLogs?: SoftphoneFailedLog[] };

/** The component and the engine from one module registry in which every label is its English text. */
function loadWithEnglishLabels(): {
    createElement: typeof import('@lwc/engine-dom').createElement;
    component: unknown;
} {
    let loaded:
        { createElement: typeof import('@lwc/engine-dom').createElement; component: unknown } | undefined;
    jest.isolateModules(() => {
        for (const [name, value] of englishLabels())
            jest.doMock(`@salesforce/label/c.${name}`, () => ({ default: value }), { virtual: true });
        loaded = {
            createElement: require('@lwc/engine-dom').createElement,
            component: require('c/softphoneFailedLogs').default
        };
    });
    return loaded!;
}

const ENGLISH = loadWithEnglishLabels();

const REASON = 'Every call must be related to an account or a case.';
const failed = (callObject: string, subject: string): SoftphoneFailedLog => ({
    callObject,
    subject,
    message: { code: 'callLogFailed', params: { detail: REASON } }
});

function render(failedLogs: SoftphoneFailedLog[]): FailedLogsElement {
    const { createElement, component } = ENGLISH;
    const element = createElement('c-softphone-failed-logs', { is: component as never }) as FailedLogsElement;
    element.failedLogs = failedLogs;
    document.body.appendChild(element);
    return element;
}

const rows = (element: Element) =>
    Array.from(element.shadowRoot?.querySelectorAll<HTMLElement>('[data-id="failed-log"]') ?? []);

describe('c-softphone-failed-logs', () => {
    afterEach(() => {
        while (document.body.firstChild) document.body.removeChild(document.body.firstChild);
    });

    it("lists each call log that was not saved with Salesforce's reason, in a labelled region", async () => {
        const element = render([
            failed('c_1', 'Inbound call from ACME LTD (01632 960123)'),
            failed('c_2', 'Outbound call to 01632 960999')
        ]);
        await Promise.resolve();
        const region = element.shadowRoot?.querySelector('[data-id="failed-logs"]');
        expect(region?.getAttribute('aria-label')).toBe('Call logs not saved');
        expect(rows(element).map((row) => row.textContent)).toEqual([
            expect.stringContaining('Inbound call from ACME LTD (01632 960123)'),
            expect.stringContaining('Outbound call to 01632 960999')
        ]);
        expect(rows(element)[0].querySelector('[data-id="failed-log-text"]')?.textContent).toBe(
            `A call log could not be saved (${REASON}). Log the call by hand, and ask your admin to check your access to Tasks.`
        );
        await expect(element).toBeAccessible();
    });

    it('asks the core to retry or to dismiss the log the agent chose', async () => {
        const element = render([failed('c_1', 'first'), failed('c_2', 'second')]);
        await Promise.resolve();
        const intents: [string, unknown][] = [];
        for (const type of ['retrylog', 'dismisslog'])
            document.body.addEventListener(type, (event) =>
                intents.push([type, (event as CustomEvent).detail])
            );
        const [, second] = rows(element);
        const button = (row: HTMLElement, id: string) =>
            row.querySelector<HTMLElement & { label?: string }>(`[data-id="${id}"]`) as HTMLElement & {
                label?: string;
            };
        expect(button(second, 'retry-log').label).toBe('Retry');
        expect(button(second, 'dismiss-log').label).toBe('Dismiss');
        button(second, 'retry-log').click();
        button(rows(element)[0], 'dismiss-log').click();
        expect(intents).toEqual([
            ['retrylog', { callObject: 'c_2' }],
            ['dismisslog', { callObject: 'c_1' }]
        ]);
    });
});
