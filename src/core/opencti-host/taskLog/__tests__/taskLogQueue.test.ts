import { agentNamespace } from '../../../telephony/storage/agentStorage';
import { MemoryStore } from '../../../telephony/storage/keyValueStore';
import type { TaskFields } from '../taskFields';
import { TaskLogQueue, TaskSaveRefused, TaskSaveTimeout, type TaskSaver } from '../taskLogQueue';

/** A Salesforce stand-in: keeps saved Tasks, and can fail or time out the next saves. */
class FakeSalesforce implements TaskSaver {
    readonly tasks = new Map<string, TaskFields>();
    failures: ('error' | 'refused' | 'timeoutAfterSaving' | 'timeoutBeforeSaving')[] = [];
    saveRequests = 0;
    lookups = 0;
    /** How long a save takes to reach Salesforce (a real request is not answered in the same tick). */
    latencyMs = 0;
    readonly saved: TaskFields[] = [];

    async save(fields: TaskFields): Promise<{ taskId: string }> {
        this.saveRequests++;
        const failure = this.failures.shift();
        if (this.latencyMs) await new Promise((resolve) => setTimeout(resolve, this.latencyMs));
        if (failure === 'error') throw new Error('saveLog failed: SOFTPHONE_CONTAINER_ERROR');
        if (failure === 'refused') throw new TaskSaveRefused('Call notes are required');
        if (failure === 'timeoutBeforeSaving') throw new TaskSaveTimeout();
        this.saved.push(fields);
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

function setup(store = new MemoryStore(), salesforce = new FakeSalesforce(), maxAttempts?: number) {
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
        settleMs: 5000,
        maxAttempts
    });
    return { store, salesforce, queue, clock };
}

const fields = { Subject: 'Inbound call 01632 960123', CallType: 'Inbound', CallDurationInSeconds: 42 };

describe('TaskLogQueue', () => {
    it('saves a Task an earlier release queued, under the key that release wrote', async () => {
        const store = new MemoryStore();
        store.setItem(
            'mivoice.taskLog.alice@example.com.c_1',
            JSON.stringify({ callObject: 'c_1', state: 'pending', attempts: 0, nextAttemptAt: 0, fields })
        );
        const salesforce = new FakeSalesforce();
        const queue = new TaskLogQueue({
            store,
            saver: salesforce,
            namespace: agentNamespace(' Alice@Example.com '),
            now: () => 1_000_000
        });
        await queue.drain();
        expect(salesforce.tasksFor('c_1')).toBe(1);
        expect(store.getItem('mivoice.taskLog.alice@example.com.c_1')).toBeNull();
        expect(store.getItem('mivoice.taskSaved.alice@example.com.c_1')).toContain('00T');
    });

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

    it('looks up first the Task of a call never seen live, which another browser may have logged', async () => {
        const { queue, salesforce } = setup();
        // The agent's other browser saved c_1; this one learns of the call only from a snapshot.
        salesforce.tasks.set('00T000000000000009', { ...fields, CallObject: 'c_1' });
        queue.enqueue('c_1', fields, { lookUpFirst: true });
        queue.enqueue('c_2', fields, { lookUpFirst: true });
        await queue.drain();
        expect(salesforce.lookups).toBe(2);
        expect(salesforce.tasksFor('c_1')).toBe(1);
        expect(queue.savedTaskId('c_1')).toBe('00T000000000000009');
        // Nobody logged c_2: it is saved once, after its lookup.
        expect(salesforce.tasksFor('c_2')).toBe(1);
        expect(salesforce.saveRequests).toBe(1);
        expect(queue.entries()).toEqual([]);
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
        salesforce.latencyMs = 20;
        queue.enqueue('c_1', fields);
        await Promise.all([queue.drain(), queue.drain(), queue.drain()]);
        // Separate drains would find the save in flight and look it up (and, unanswered yet, save again).
        expect(salesforce.lookups).toBe(0);
        expect(salesforce.saveRequests).toBe(1);
        expect(salesforce.tasksFor('c_1')).toBe(1);
    });

    it('two tabs draining one queue without a leader save a call once', async () => {
        const store = new MemoryStore();
        const salesforce = new FakeSalesforce();
        salesforce.latencyMs = 20;
        const first = setup(store, salesforce);
        const second = setup(store, salesforce);
        first.queue.enqueue('c_1', fields);
        await Promise.all([first.queue.drain(), second.queue.drain()]);
        expect(salesforce.saveRequests).toBe(1);
        expect(salesforce.lookups).toBe(0);
        expect(second.queue.idle()).toBe(true);
    });

    it('stops at once on a save Salesforce refuses, and keeps the entry visible until retried', async () => {
        const { queue, salesforce, clock } = setup();
        salesforce.failures = ['refused'];
        queue.enqueue('c_1', fields);
        await queue.drain();
        expect(queue.failed()).toEqual([
            expect.objectContaining({ callObject: 'c_1', lastError: 'Call notes are required', attempts: 1 })
        ]);
        expect(queue.outstanding()).toEqual([]);
        expect(queue.nextDueAt()).toBeUndefined();
        clock.advance(24 * 60 * 60 * 1000);
        await queue.drain();
        expect(salesforce.saveRequests).toBe(1);

        expect(queue.retry('c_1')).toBe(true);
        await queue.drain();
        expect(salesforce.tasksFor('c_1')).toBe(1);
        expect(queue.entries()).toEqual([]);
    });

    it('gives up on a retryable failure after the bounded number of attempts', async () => {
        const { queue, salesforce, clock } = setup(undefined, undefined, 4);
        salesforce.failures = Array(10).fill('error');
        queue.enqueue('c_1', fields);
        for (let round = 0; round < 10; round++) {
            await queue.drain();
            clock.advance(60_000);
        }
        expect(salesforce.saveRequests).toBe(4);
        expect(queue.failed()).toEqual([
            expect.objectContaining({ callObject: 'c_1', attempts: 4, state: 'failed' })
        ]);
        expect(queue.failed()[0].lastError).toContain('SOFTPHONE_CONTAINER_ERROR');
    });

    it('a failed save whose outcome was unknown is looked up before it is saved again', async () => {
        const { queue, salesforce, clock } = setup(undefined, undefined, 1);
        salesforce.failures = ['timeoutAfterSaving'];
        queue.enqueue('c_1', fields);
        await queue.drain();
        expect(queue.failed()).toHaveLength(1);
        queue.retry('c_1');
        clock.advance(1);
        await queue.drain();
        expect(salesforce.lookups).toBe(1);
        expect(salesforce.tasksFor('c_1')).toBe(1);
        expect(queue.savedTaskId('c_1')).toBe('00T000000000000001');
    });

    it('forgets a dismissed entry and never logs that call again', async () => {
        const { queue, salesforce } = setup();
        salesforce.failures = ['refused'];
        queue.enqueue('c_1', fields);
        await queue.drain();
        expect(queue.dismiss('c_1')).toBe(true);
        expect(queue.entries()).toEqual([]);
        expect(queue.enqueue('c_1', fields)).toBe(false);
        await queue.drain();
        expect(salesforce.saveRequests).toBe(1);
        expect(queue.dismiss('c_1')).toBe(false);
    });

    it('rebuilds a stored entry as a Task from allowed fields, never sending it as stored', async () => {
        const { queue, salesforce, store } = setup();
        const forged = (callObject: string, forgedFields: Record<string, unknown>) =>
            store.setItem(
                `mivoice.taskLog.alice.${callObject}`,
                JSON.stringify({
                    callObject,
                    state: 'pending',
                    attempts: 0,
                    nextAttemptAt: 0,
                    fields: forgedFields
                })
            );
        forged('c_7', { entityApiName: 'Account', Id: '001000000000001AAA', Name: 'Owned' });
        forged('c_8', {
            ...fields,
            entityApiName: 'Account',
            Id: '00T000000000009AAA',
            OwnerId: '005000000000001AAA',
            CallObject: 'c_other',
            WhoId: 'javascript:alert(1)',
            WhatId: '001000000000002AAA'
        });
        forged('c_9', { ...fields, Description: 'x'.repeat(70_000) });
        await queue.drain();
        expect(salesforce.saved).toEqual([
            {
                entityApiName: 'Task',
                ...fields,
                WhatId: '001000000000002AAA',
                CallObject: 'c_8'
            }
        ]);
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
