import '../../../../../../test/support/englishLabels';
import { createElement } from '@lwc/engine-dom';
import RecentCalls from 'c/softphoneHistory';

type HistoryElement = HTMLElement & { history?: SoftphoneHistory };
type Stub = HTMLElement & { label?: string; alternativeText?: string; value?: number; iconName?: string };

const NOW = 1_795_532_400_000;
const ANSWERED: SoftphoneHistoryEntry = {
    callId: 'c_3',
    direction: 'inbound',
    number: '01632960123',
    name: 'Ada Lovelace',
    startedAt: NOW - 600_000,
    durationSeconds: 245,
    result: 'Resolved',
    record: { recordId: '0035g00000AdaLov', name: 'Ada Lovelace', objectType: 'Contact' },
    taskId: '00T5g00000Task03',
    missed: false
};
const MISSED: SoftphoneHistoryEntry = {
    callId: 'c_2',
    direction: 'inbound',
    number: '01632960999',
    startedAt: NOW - 3_600_000,
    durationSeconds: 0,
    taskId: '00T5g00000Task02',
    missed: true
};
const OUTBOUND: SoftphoneHistoryEntry = {
    callId: 'c_1',
    direction: 'outbound',
    number: '+14155550134',
    name: 'Grace Hopper',
    startedAt: NOW - 7_200_000,
    durationSeconds: 3725,
    missed: false
};

function render(history: SoftphoneHistory): HistoryElement {
    const element = createElement('c-softphone-history', { is: RecentCalls }) as HistoryElement;
    element.history = history;
    document.body.appendChild(element);
    return element;
}

async function flush(): Promise<void> {
    await Promise.resolve();
    await Promise.resolve();
}

const $ = (root: Element | null | undefined, id: string) =>
    (root instanceof HTMLElement && root.shadowRoot ? root.shadowRoot : root)?.querySelector<Stub>(
        `[data-id="${id}"]`
    ) ?? null;
const rows = (element: HistoryElement) =>
    Array.from(element.shadowRoot?.querySelectorAll<HTMLElement>('[data-id="history-entry"]') ?? []);
const toggle = (element: HistoryElement) => $(element, 'history-toggle') as Stub;

async function open(element: HistoryElement): Promise<void> {
    toggle(element).click();
    await flush();
}

const INTENTS = ['callback', 'openrecord', 'opentask', 'historyseen'];
function recordIntents(): [string, unknown][] {
    const seen: [string, unknown][] = [];
    for (const type of INTENTS)
        document.body.addEventListener(type, (event) => seen.push([type, (event as CustomEvent).detail]));
    return seen;
}

describe('c-softphone-history', () => {
    afterEach(() => {
        while (document.body.firstChild) document.body.removeChild(document.body.firstChild);
    });

    it('starts folded, under a toggle named Recent Calls, with the missed calls the agent has not seen', async () => {
        const element = render({ entries: [ANSWERED, MISSED, OUTBOUND], unseenMissed: 1 });
        await flush();
        expect(toggle(element).textContent?.trim()).toBe('Recent Calls');
        expect(toggle(element).getAttribute('aria-expanded')).toBe('false');
        expect($(element, 'missed-count')?.label).toBe('1 missed');
        expect(rows(element)).toEqual([]);
        await expect(element).toBeAccessible();
    });

    it('shows no missed count when every missed call was seen', async () => {
        const element = render({ entries: [MISSED], unseenMissed: 0 });
        await flush();
        expect($(element, 'missed-count')).toBeNull();
    });

    it('opened: lists each call with its direction, name or number, time, duration and result, missed ones marked', async () => {
        const element = render({ entries: [ANSWERED, MISSED, OUTBOUND], unseenMissed: 0 });
        await flush();
        await open(element);
        expect(toggle(element).getAttribute('aria-expanded')).toBe('true');
        const [first, second, third] = rows(element);
        expect(rows(element)).toHaveLength(3);
        expect(rows(element).map((row) => $(row, 'call-back')?.label)).toEqual([
            'Ada Lovelace',
            '01632960999',
            'Grace Hopper'
        ]);
        expect(rows(element).map((row) => $(row, 'call-back')?.title)).toEqual([
            'Call back Ada Lovelace',
            'Call back 01632960999',
            'Call back Grace Hopper'
        ]);
        expect(
            rows(element).map((row) => (row.querySelector('lightning-icon') as Stub).alternativeText)
        ).toEqual(['Inbound', 'Inbound', 'Outbound']);
        expect(rows(element).map((row) => $(row, 'time')?.value)).toEqual([
            ANSWERED.startedAt,
            MISSED.startedAt,
            OUTBOUND.startedAt
        ]);
        expect(rows(element).map((row) => $(row, 'duration')?.textContent)).toEqual([
            '4:05',
            '0:00',
            '1:02:05'
        ]);
        expect(rows(element).map((row) => $(row, 'result')?.textContent)).toEqual([
            'Resolved',
            undefined,
            undefined
        ]);
        expect(rows(element).map((row) => $(row, 'missed')?.label)).toEqual([undefined, 'Missed', undefined]);
        expect(second.classList.contains('missed')).toBe(true);
        expect(first.classList.contains('missed')).toBe(false);
        expect($(first, 'open-record')?.alternativeText).toBe('Open Ada Lovelace');
        expect($(first, 'open-task')?.alternativeText).toBe('Open the call log');
        expect($(second, 'open-record')).toBeNull();
        expect($(third, 'open-task')).toBeNull();
        await expect(element).toBeAccessible();
    });

    it('opening the list marks the missed calls seen, once per opening and only when some are unseen', async () => {
        const element = render({ entries: [MISSED], unseenMissed: 1 });
        await flush();
        const intents = recordIntents();
        await open(element);
        expect(intents).toEqual([['historyseen', {}]]);
        await open(element); // folds it again
        expect(intents).toHaveLength(1);
        element.history = { entries: [MISSED], unseenMissed: 0 };
        await flush();
        await open(element);
        expect(intents).toHaveLength(1);
    });

    it('calls back, opens the record and opens the Task of the row the agent chose', async () => {
        const element = render({ entries: [ANSWERED, MISSED], unseenMissed: 0 });
        await flush();
        await open(element);
        const intents = recordIntents();
        const [first, second] = rows(element);
        $(second, 'call-back')?.click();
        $(first, 'open-record')?.click();
        $(first, 'open-task')?.click();
        $(second, 'open-task')?.click();
        expect(intents).toEqual([
            ['callback', { callId: 'c_2' }],
            ['openrecord', { recordId: '0035g00000AdaLov' }],
            ['opentask', { taskId: '00T5g00000Task03' }],
            ['opentask', { taskId: '00T5g00000Task02' }]
        ]);
    });

    it('says so when there are no calls yet', async () => {
        const element = render({ entries: [], unseenMissed: 0 });
        await flush();
        await open(element);
        expect($(element, 'history-empty')?.textContent?.trim()).toBe('No calls yet.');
        await expect(element).toBeAccessible();
    });
});
