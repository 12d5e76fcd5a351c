// Wrap-up edits of a call's Task: they end up in the one Task, by its Id, whatever the state of
// its first save when they are made.
import { MemoryStore } from '../../../telephony/storage/keyValueStore';
import { parseQueueEntry } from '../queueEntry';
import type { TaskFields } from '../taskFields';
import { TaskLogQueue, TaskSaveTimeout, type TaskSaver } from '../taskLogQueue';

/** Salesforce's saveLog: a record without Id is a new Task, one with an Id updates that Task. */
class Salesforce implements TaskSaver {
    readonly tasks = new Map<string, TaskFields>();
    readonly requests: TaskFields[] = [];
    /** The next save reaches Salesforce but its answer is lost. */
    loseNextAnswer = false;
    /** Called while a save is in flight (before it lands). */
    duringSave: (() => void) | undefined;

    async save(fields: TaskFields): Promise<{ taskId: string }> {
        this.requests.push(fields);
        const during = this.duringSave;
        this.duringSave = undefined;
        await Promise.resolve();
        during?.();
        const { Id, ...rest } = fields;
        const taskId = typeof Id === 'string' ? Id : `00T5g${String(this.tasks.size + 1).padStart(10, '0')}`;
        if (typeof Id === 'string' && !this.tasks.has(Id)) throw new Error(`No Task ${Id}`);
        this.tasks.set(taskId, { ...this.tasks.get(taskId), ...rest });
        if (this.loseNextAnswer) {
            this.loseNextAnswer = false;
            throw new TaskSaveTimeout();
        }
        return { taskId };
    }

    async findByCallObject(callObject: string): Promise<string | null> {
        for (const [taskId, fields] of this.tasks) if (fields.CallObject === callObject) return taskId;
        return null;
    }
}

function setup() {
    let now = 1_000_000;
    const store = new MemoryStore();
    const salesforce = new Salesforce();
    const queue = new TaskLogQueue({
        store,
        saver: salesforce,
        namespace: 'alice',
        now: () => now,
        settleMs: 0,
        backoffMs: () => 0
    });
    return { store, salesforce, queue, advance: (ms: number) => (now += ms) };
}

const task = { Subject: 'Inbound call from 01632 960123', CallType: 'Inbound', Description: 'during' };

describe('amending a call Task', () => {
    it('after the save: one update by the saved Id, no second Task', async () => {
        const { queue, salesforce } = setup();
        queue.enqueue('c_1', task);
        await queue.drain();
        expect(queue.amend('c_1', { Description: 'during and after', CallDisposition: 'Resolved' })).toBe(
            true
        );
        await queue.drain();
        expect(salesforce.tasks.size).toBe(1);
        expect(salesforce.requests).toHaveLength(2);
        expect(salesforce.requests[1]).toEqual({
            Id: '00T5g0000000001',
            Description: 'during and after',
            CallDisposition: 'Resolved'
        });
        expect([...salesforce.tasks.values()][0]).toMatchObject({
            CallObject: 'c_1',
            CallDisposition: 'Resolved'
        });
        expect(queue.idle()).toBe(true);
    });

    it('before the save: folded into the one save', async () => {
        const { queue, salesforce } = setup();
        queue.enqueue('c_1', task);
        queue.amend('c_1', { Subject: 'Billing question' });
        await queue.drain();
        expect(salesforce.requests).toHaveLength(1);
        expect(salesforce.requests[0]).toMatchObject({ Subject: 'Billing question', CallObject: 'c_1' });
    });

    it('while the save is in flight: sent by Id once the save answers', async () => {
        const { queue, salesforce } = setup();
        queue.enqueue('c_1', task);
        salesforce.duringSave = () => queue.amend('c_1', { Description: 'typed while saving' });
        await queue.drain();
        expect(salesforce.tasks.size).toBe(1);
        expect(salesforce.requests.map((request) => request.Id)).toEqual([undefined, '00T5g0000000001']);
        expect([...salesforce.tasks.values()][0].Description).toBe('typed while saving');
    });

    it('while the outcome is unknown: found by the lookup, then updated, never saved twice', async () => {
        const { queue, salesforce, advance } = setup();
        queue.enqueue('c_1', task);
        salesforce.loseNextAnswer = true;
        await queue.drain();
        queue.amend('c_1', { CallDisposition: 'Follow-up needed' });
        advance(10);
        await queue.drain();
        expect(salesforce.tasks.size).toBe(1);
        expect([...salesforce.tasks.values()][0].CallDisposition).toBe('Follow-up needed');
        expect(queue.idle()).toBe(true);
    });

    it('survives a reload of the tab (the update is in storage) and refuses fields it does not edit', async () => {
        const { queue, salesforce, store } = setup();
        queue.enqueue('c_1', task);
        await queue.drain();
        queue.amend('c_1', { Description: 'after', CallType: 'Outbound', Status: 'Open' });
        const reloaded = new TaskLogQueue({ store, saver: salesforce, namespace: 'alice', settleMs: 0 });
        await reloaded.drain();
        expect(salesforce.requests[1]).toEqual({ Id: '00T5g0000000001', Description: 'after' });
    });

    it('does nothing for a call without a Task or without any editable change', () => {
        const { queue } = setup();
        expect(queue.amend('c_9', { Description: 'x' })).toBe(false);
        queue.enqueue('c_1', task);
        expect(queue.amend('c_1', { Status: 'Open' })).toBe(false);
    });

    it('reads back a stored update only with a Task Id and editable fields', () => {
        const stored = (entry: Record<string, unknown>) =>
            parseQueueEntry(
                JSON.stringify({
                    callObject: 'c_1',
                    state: 'pending',
                    attempts: 0,
                    nextAttemptAt: 1,
                    ...entry
                })
            );
        expect(
            stored({ taskId: '00T5g0000000001', fields: { Description: 'x', OwnerId: '005x' } })
        ).toMatchObject({
            taskId: '00T5g0000000001',
            fields: { Description: 'x' }
        });
        expect(stored({ taskId: '0015g00000AcmeLt', fields: { Description: 'x' } })).toBeUndefined();
        expect(
            stored({ fields: { ...task, CallDisposition: 'Resolved\u0000' } })?.fields.CallDisposition
        ).toBeUndefined();
    });
});
