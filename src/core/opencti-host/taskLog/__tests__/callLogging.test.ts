// Which calls leave a Task, and what the leading tab does with the queue: save, refresh the view,
// and record a refreshView Salesforce did not acknowledge instead of losing it.
import { derivePlatformNames } from '../../adapter/platformNames';
import { AgentStorage } from '../../../telephony/storage/agentStorage';
import { MemoryStore } from '../../../telephony/storage/keyValueStore';
import type { OpenCtiClient } from '../../opencti/openCtiClient';
import { parseCallCenterSettings } from '../../../telephony/settings/parse';
import type { SoftphoneSettings } from '../../../telephony/settings/schema';
import type { SuiteCall } from '../../../suite/types';
import { Diagnostics } from '../../../telephony/diagnostics';
import { DEFAULT_SETTINGS } from '../../../../stand-ins/opencti-emulator/emulator';
import type { CallRecord } from '../callTask';
import { describeSaveLogFailure } from '../saveLogFailure';
import { CallLogging, taskFor } from '../callLogging';

const NOW = 1_800_000_000_000;

function settings(overrides: Record<string, string> = {}): SoftphoneSettings {
    const parsed = parseCallCenterSettings({ ...DEFAULT_SETTINGS, ...overrides });
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
    return parsed.settings;
}

function record(extra: Partial<CallRecord> = {}, call: Partial<SuiteCall> = {}): CallRecord {
    return {
        call: {
            callId: 'c_1',
            state: 'cleared',
            direction: 'inbound',
            remote: { number: '01632 960123', name: 'ACME LTD' },
            startTime: NOW - 60_000,
            endTime: NOW,
            cause: 'normalClear',
            capabilities: [],
            ...call
        },
        incoming: true,
        notes: '',
        ...extra
    };
}

describe('taskFor', () => {
    it('logs answered calls, and missed ones only when the call center asks for them', () => {
        expect(taskFor(record({ answeredAt: NOW - 30_000 }), settings(), NOW)).toMatchObject({
            CallObject: 'c_1',
            CallDisposition: 'answered',
            CallDurationInSeconds: 30
        });
        expect(taskFor(record(), settings({ '/mivoiceSuite/logMissedCalls': 'false' }), NOW)).toBeUndefined();
        expect(taskFor(record(), settings({ '/mivoiceSuite/logMissedCalls': 'true' }), NOW)).toMatchObject({
            CallDisposition: 'missed'
        });
    });

    it('logs nothing when Tasks are off, or for a call a colleague of the hunt group answered', () => {
        const answered = record({ answeredAt: NOW - 1000 });
        expect(taskFor(answered, settings({ '/mivoiceSuite/createTasks': 'false' }), NOW)).toBeUndefined();
        expect(taskFor(record({}, { cause: 'answeredElsewhere' }), settings(), NOW)).toBeUndefined();
    });
});

describe('CallLogging', () => {
    it('saves a queued Task in the leading tab and records a refreshView that failed', async () => {
        const saved: Record<string, unknown>[] = [];
        const opencti = {
            saveLog: (fields: Record<string, unknown>) => (
                saved.push(fields),
                Promise.resolve('00T000000000001')
            ),
            runApex: () => Promise.resolve(''),
            call: (method: string) =>
                Promise.reject(Object.assign(new Error(method), { code: 'NOT_AVAILABLE' }))
        } as unknown as OpenCtiClient;
        const diagnostics = new Diagnostics(() => NOW);
        let changed = 0;
        const logging = new CallLogging({
            storage: new AgentStorage(new MemoryStore(), 'alice@example.com', () => NOW),
            opencti,
            names: derivePlatformNames('/resource/1/SoftphoneCore'),
            locks: undefined,
            now: () => NOW,
            diagnostics,
            saves: true,
            saveFailures: async () => describeSaveLogFailure,
            notify: () => undefined,
            changed: () => changed++
        });
        // Without Web Locks this tab leads at once (on the next microtask).
        await Promise.resolve();
        logging.log(record({ answeredAt: NOW - 1000 }), settings());
        await new Promise((resolve) => setTimeout(resolve, 0));
        await logging.drain();
        expect(saved).toEqual([expect.objectContaining({ CallObject: 'c_1' })]);
        expect(logging.idle()).toBe(true);
        expect(diagnostics.entries()).toEqual([
            { at: NOW, operation: 'opencti.refreshView', detail: 'NOT_AVAILABLE' }
        ]);
        expect(changed).toBeGreaterThan(0);
        logging.stop();
    });

    it('in the phone window, queues the Task for a Lightning tab to save and saves nothing itself', async () => {
        const store = new MemoryStore();
        const saveLog = jest.fn();
        const logging = new CallLogging({
            storage: new AgentStorage(store, 'alice@example.com', () => NOW),
            opencti: { saveLog } as unknown as OpenCtiClient,
            names: derivePlatformNames('/resource/1/SoftphoneCore'),
            locks: undefined,
            now: () => NOW,
            diagnostics: new Diagnostics(),
            saves: false,
            saveFailures: async () => describeSaveLogFailure,
            notify: () => undefined,
            changed: () => undefined
        });
        logging.log(record({ answeredAt: NOW - 1000 }), settings());
        await logging.drain();
        expect(saveLog).not.toHaveBeenCalled();
        expect(store.getItem('mivoice.taskLog.alice@example.com.c_1')).not.toBeNull();
    });
});
