import { MemoryStore } from '../keyValueStore';
import { TaskLogQueue, TaskSaveTimeout, type TaskFields, type TaskSaver } from '../taskLogQueue';

/** A Salesforce stand-in: keeps saved Tasks, and can fail or time out the next saves. */
class FakeSalesforce implements TaskSaver {
    readonly tasks = new Map<string, TaskFields>();
    failures: ('error' | 'timeoutAfterSaving' | 'timeoutBeforeSaving')[] = [];
    saveRequests = 0;
    lookups = 0;

    async save(fields: TaskFields): Promise<{ taskId: string }> {
        this.saveRequests++;
        const failure = this.failures.shift();
        if (failure === 'error') throw new Error('saveLog failed: FIELD_CUSTOM_VALIDATION_EXCEPTION');
        if (failure === 'timeoutBeforeSaving') throw new TaskSaveTimeout();
        const taskId = `00T${String(this.tasks.size + 1).padStart(15, '0')}`;
        this.tasks.set(taskId, fields);
        if (failure === 'timeoutAfterSaving') throw new TaskSaveTimeout();
        return { taskId };
    }

    async findByCallObject(callObject: string): Promise<string | null> {
        this.lookups++;
        for (const [taskId, fields] of this.tasks) if (fields.CallObject === callObject) return taskId;
        return null;
    }

    tasksFor(callObject: string): number {
        return [...this.tasks.values()].filter((fields) => fields.CallObject === callObject).length;
    }
}

function setup(store = new MemoryStore(), salesforce = new FakeSalesforce()) {
    let now = 1_000_000;
    const clock = {
        now: () => now,
        advance: (ms: number) => {
            now += ms;
        }
    };
    const queue = new TaskLogQueue({
        store,
        saver: salesforce,
        namespace: 'alice',
        now: clock.now,
        settleMs: 5000
    });
    return { store, salesforce, queue, clock };
}

const fields = { Subject: 'Inbound call 01632 960123', CallType: 'Inbound', CallDurationInSeconds: 42 };

describe('TaskLogQueue', () => {
    it('saves a queued Task once, with the Suite call id as CallObject', async () => {
        const { queue, salesforce } = setup();
        expect(queue.enqueue('c_1', fields)).toBe(true);
        await queue.drain();
        expect(salesforce.tasksFor('c_1')).toBe(1);
        expect([...salesforce.tasks.values()][0]).toMatchObject({ ...fields, CallObject: 'c_1' });
        expect(queue.outstanding()).toEqual([]);
    });

    it('refuses a second Task for a call that is already logged', async () => {
        const { queue, salesforce } = setup();
        queue.enqueue('c_1', fields);
        await queue.drain();
        expect(queue.enqueue('c_1', { ...fields, Subject: 'again' })).toBe(false);
        await queue.drain();
        expect(salesforce.tasksFor('c_1')).toBe(1);
        expect(salesforce.saveRequests).toBe(1);
    });

    it('retries a failing save with growing delays until it succeeds', async () => {
        const { queue, salesforce, clock } = setup();
        salesforce.failures = ['error', 'error', 'error'];
        queue.enqueue('c_1', fields);
        const delays: number[] = [];
        for (let round = 0; round < 10 && queue.outstanding().length > 0; round++) {
            await queue.drain();
            const due = queue.nextDueAt();
            if (due !== undefined) {
                delays.push(due - clock.now());
                clock.advance(due - clock.now());
            }
        }
        expect(salesforce.tasksFor('c_1')).toBe(1);
        expect(salesforce.saveRequests).toBe(4);
        expect(delays).toEqual([1000, 2000, 4000]);
    });

    it('does not retry before the backoff delay has passed', async () => {
        const { queue, salesforce, clock } = setup();
        salesforce.failures = ['error'];
        queue.enqueue('c_1', fields);
        await queue.drain();
        clock.advance(500);
        await queue.drain();
        expect(salesforce.saveRequests).toBe(1);
        expect(queue.outstanding()[0]).toMatchObject({ state: 'pending', attempts: 1 });
    });

    it('resolves a timed-out save that did land by looking it up, not by saving again', async () => {
        const { queue, salesforce, clock } = setup();
        salesforce.failures = ['timeoutAfterSaving'];
        queue.enqueue('c_1', fields);
        await queue.drain();
        expect(queue.outstanding()[0].state).toBe('unknown');
        clock.advance(60_000);
        await queue.drain();
        expect(salesforce.tasksFor('c_1')).toBe(1);
        expect(salesforce.saveRequests).toBe(1);
        expect(salesforce.lookups).toBe(1);
        expect(queue.entries()).toEqual([]);
        expect(queue.savedTaskId('c_1')).toBe('00T000000000000001');
    });

    it('saves again when a timed-out save turns out never to have landed', async () => {
        const { queue, salesforce, clock } = setup();
        salesforce.failures = ['timeoutBeforeSaving'];
        queue.enqueue('c_1', fields);
        await queue.drain();
        clock.advance(60_000);
        await queue.drain();
        expect(salesforce.tasksFor('c_1')).toBe(1);
        expect(salesforce.saveRequests).toBe(2);
    });

    it('survives a reload: queued Tasks are saved by the next page', async () => {
        const store = new MemoryStore();
        const first = setup(store);
        first.salesforce.failures = ['error'];
        first.queue.enqueue('c_1', fields);
        first.queue.enqueue('c_2', { ...fields, CallType: 'Outbound' });
        await first.queue.drain();

        const second = setup(store, first.salesforce);
        second.clock.advance(60_000);
        await second.queue.drain();
        expect(first.salesforce.tasksFor('c_1')).toBe(1);
        expect(first.salesforce.tasksFor('c_2')).toBe(1);
    });

    it('treats a save interrupted by a reload as unknown and resolves it after letting it settle', async () => {
        const store = new MemoryStore();
        const salesforce = new FakeSalesforce();
        const first = setup(store, salesforce);
        first.queue.enqueue('c_1', fields);
        // The page goes away while saveLog is in flight; Salesforce still saves the Task.
        const entry = first.queue.entries()[0];
        store.setItem(
            'mivoice.taskLog.alice.c_1',
            JSON.stringify({ ...entry, state: 'inFlight', attempts: 1 })
        );
        await salesforce.save({ ...fields, CallObject: 'c_1' });

        const second = setup(store, salesforce);
        await second.queue.drain();
        expect(salesforce.lookups).toBe(0);
        second.clock.advance(5000);
        await second.queue.drain();
        expect(salesforce.tasksFor('c_1')).toBe(1);
        expect(second.queue.outstanding()).toEqual([]);
    });

    it('shares one drain between concurrent callers', async () => {
        const { queue, salesforce } = setup();
        queue.enqueue('c_1', fields);
        await Promise.all([queue.drain(), queue.drain(), queue.drain()]);
        expect(salesforce.saveRequests).toBe(1);
    });

    it('keeps agents apart and ignores corrupt storage entries', async () => {
        const store = new MemoryStore();
        store.setItem('mivoice.taskLog.alice.c_9', '{not json');
        store.setItem('mivoice.taskLog.bob.c_1', JSON.stringify({ callObject: 'c_1', state: 'pending' }));
        const { queue } = setup(store);
        expect(queue.entries()).toEqual([]);
    });

    it('forgets saved entries after a day', async () => {
        const { queue, store, clock } = setup();
        queue.enqueue('c_1', fields);
        await queue.drain();
        clock.advance(25 * 60 * 60 * 1000);
        await queue.drain();
        expect(store.length).toBe(0);
    });
});
