// One agent, two browsers (two storages, two Task queues), one Salesforce and one Suite server that takes
// log claims: each call leaves one Task whichever browser claims first, and a claim that gets no answer
// never costs the Task.
import { AgentStorage } from '../../../telephony/storage/agentStorage';
import { MemoryStore } from '../../../telephony/storage/keyValueStore';
import type { LogClaimOutcome } from '../../../suite/types';
import { CLAIM_PATIENCE_MS, CLAIM_RETRY_MS, LogClaims } from '../logClaims';
import type { TaskFields } from '../taskFields';
import { TaskLogQueue } from '../taskLogQueue';

/** Salesforce's Tasks, as saveLog and the CallObject lookup see them. */
class Salesforce {
    readonly tasks = new Map<string, TaskFields>();
    saves = 0;
    updates = 0;
    lookups = 0;

    async save(fields: TaskFields): Promise<{ taskId: string }> {
        if (typeof fields.Id === 'string') {
            this.updates++;
            this.tasks.set(fields.Id, { ...this.tasks.get(fields.Id), ...fields });
            return { taskId: fields.Id };
        }
        this.saves++;
        const taskId = `00T${String(this.tasks.size + 1).padStart(15, '0')}`;
        this.tasks.set(taskId, fields);
        return { taskId };
    }

    async findByCallObject(callObject: string): Promise<string | null> {
        this.lookups++;
        for (const [taskId, fields] of this.tasks) if (fields.CallObject === callObject) return taskId;
        return null;
    }

    tasksFor(callObject: string): TaskFields[] {
        return [...this.tasks.values()].filter((fields) => fields.CallObject === callObject);
    }
}

/** The Suite server's side of the claim: the first claimant of a call wins; it can be down, or old. */
class ClaimServer {
    readonly holders = new Map<string, string>();
    down = false;
    takesClaims = true;
    requests = 0;
    /** Told of a claim won, as the server's `log.claimed` event tells the user's other sessions. */
    readonly listeners: ((callId: string, claimant: string) => void)[] = [];

    async claim(callId: string, claimant: string): Promise<LogClaimOutcome> {
        this.requests++;
        if (!this.takesClaims) return 'unsupported';
        if (this.down) return 'failed';
        const holder = this.holders.get(callId);
        if (holder) return holder === claimant ? 'won' : 'lost';
        this.holders.set(callId, claimant);
        for (const listener of this.listeners) listener(callId, claimant);
        return 'won';
    }
}

let now = 1_000_000;
const clock = () => now;

function browser(name: string, server: ClaimServer, salesforce: Salesforce, hearsEvents = true) {
    const storage = new AgentStorage(new MemoryStore(), 'alice@example.com', clock);
    const claims = new LogClaims({ storage, now: clock, claim: (callId) => server.claim(callId, name) });
    if (hearsEvents) server.listeners.push((callId, claimant) => claims.heard(callId, claimant === name));
    const queue = new TaskLogQueue({
        store: storage.store,
        namespace: storage.namespace,
        now: clock,
        saver: {
            save: (fields) => salesforce.save(fields),
            findByCallObject: (callObject) => salesforce.findByCallObject(callObject),
            claim: (callObject) => claims.verdict(callObject)
        }
    });
    return { storage, claims, queue };
}

const task = (notes: string) => ({
    Subject: 'Inbound call 01632 960123',
    CallType: 'Inbound',
    Description: notes
});

describe('log claims: one Task per call, whatever the number of browsers', () => {
    it('saves one Task for a call both browsers saw, the first to claim it saving', async () => {
        const salesforce = new Salesforce();
        const server = new ClaimServer();
        const laptop = browser('laptop-00000001', server, salesforce);
        const desk = browser('desk-pc-00000001', server, salesforce);
        laptop.queue.enqueue('c_1', task('from the laptop'));
        desk.queue.enqueue('c_1', task('from the desk'));

        await Promise.all([laptop.queue.drain(), desk.queue.drain()]);

        expect(salesforce.tasksFor('c_1')).toEqual([
            expect.objectContaining({ Description: 'from the laptop' })
        ]);
        expect(laptop.queue.idle() && desk.queue.idle()).toBe(true);
        // The browser that lost shows nothing: no failed save, no Task of its own.
        expect(desk.queue.failed()).toEqual([]);
        expect(desk.queue.savedTaskId('c_1')).toBeUndefined();
        expect(salesforce.lookups).toBe(0);
    });

    it('gives the call to the browser where the agent answered it, claimed at once', async () => {
        const salesforce = new Salesforce();
        const server = new ClaimServer();
        const laptop = browser('laptop-00000001', server, salesforce);
        const desk = browser('desk-pc-00000001', server, salesforce);
        desk.claims.early('c_1');
        await new Promise((resolve) => setImmediate(resolve));
        laptop.queue.enqueue('c_1', task('laptop'));
        desk.queue.enqueue('c_1', task('desk, where the agent answered'));

        await laptop.queue.drain();
        await desk.queue.drain();

        expect(salesforce.tasksFor('c_1')).toEqual([
            expect.objectContaining({ Description: 'desk, where the agent answered' })
        ]);
        // The laptop heard of the desk's claim: it saved nothing and did not even ask.
        expect(server.requests).toBe(1);
    });

    it("sends the wrap-up done in the browser that lost into the other browser's Task, by its Id", async () => {
        const salesforce = new Salesforce();
        const server = new ClaimServer();
        const laptop = browser('laptop-00000001', server, salesforce);
        const desk = browser('desk-pc-00000001', server, salesforce);
        laptop.queue.enqueue('c_1', task('laptop'));
        desk.queue.enqueue('c_1', task('desk'));
        await laptop.queue.drain();
        await desk.queue.drain();

        expect(
            desk.queue.amend('c_1', { CallDisposition: 'Sale', Description: 'wrapped up at the desk' })
        ).toBe(true);
        await desk.queue.drain();

        expect(salesforce.tasksFor('c_1')).toEqual([
            expect.objectContaining({ CallDisposition: 'Sale', Description: 'wrapped up at the desk' })
        ]);
        expect(salesforce.updates).toBe(1);
        expect(desk.queue.idle()).toBe(true);
    });

    it('keeps the edits of a call another browser logs across a reload, and sends them once that Task is there', async () => {
        const salesforce = new Salesforce();
        const server = new ClaimServer();
        const laptop = browser('laptop-00000001', server, salesforce);
        const desk = browser('desk-pc-00000001', server, salesforce);
        server.holders.set('c_1', 'laptop-00000001');
        laptop.queue.enqueue('c_1', task('laptop'));
        desk.queue.enqueue('c_1', task('desk'));
        await desk.queue.drain();
        desk.queue.amend('c_1', { CallDisposition: 'Sale' });
        await desk.queue.drain();
        // The laptop has not saved yet: the desk's edits wait, listed as nothing the agent must act on.
        expect(salesforce.tasks.size).toBe(0);
        expect(desk.queue.failed()).toEqual([]);

        const reloaded = new TaskLogQueue({
            store: desk.storage.store,
            namespace: desk.storage.namespace,
            now: clock,
            saver: {
                save: (fields) => salesforce.save(fields),
                findByCallObject: (callObject) => salesforce.findByCallObject(callObject),
                claim: (callObject) => desk.claims.verdict(callObject)
            }
        });
        await laptop.queue.drain();
        now += 60_000;
        await reloaded.drain();

        expect(salesforce.tasksFor('c_1')).toEqual([
            expect.objectContaining({ Description: 'laptop', CallDisposition: 'Sale' })
        ]);
        expect(salesforce.saves).toBe(1);
        expect(reloaded.idle()).toBe(true);
    });

    it('saves as before against a server without claims', async () => {
        const salesforce = new Salesforce();
        const server = new ClaimServer();
        server.takesClaims = false;
        const laptop = browser('laptop-00000001', server, salesforce);
        laptop.queue.enqueue('c_1', task('laptop'));
        await laptop.queue.drain();
        expect(salesforce.tasksFor('c_1')).toHaveLength(1);
        expect(salesforce.lookups).toBe(0);
    });

    it('asks again while the server does not answer, then looks the Task up and saves it: never lost', async () => {
        const salesforce = new Salesforce();
        const server = new ClaimServer();
        server.down = true;
        const laptop = browser('laptop-00000001', server, salesforce, false);
        laptop.queue.enqueue('c_1', task('laptop'));
        await laptop.queue.drain();
        expect(salesforce.tasksFor('c_1')).toHaveLength(0);
        expect(laptop.queue.outstanding()[0]?.nextAttemptAt).toBe(now + CLAIM_RETRY_MS);

        for (let waited = 0; waited <= CLAIM_PATIENCE_MS; waited += CLAIM_RETRY_MS) {
            now += CLAIM_RETRY_MS;
            await laptop.queue.drain();
        }

        expect(salesforce.tasksFor('c_1')).toHaveLength(1);
        expect(salesforce.lookups).toBe(1);
        expect(laptop.queue.failed()).toEqual([]);
    });

    it('looks the Task up first when the server cannot be sure of an earlier claim (it restarted)', async () => {
        const salesforce = new Salesforce();
        const storage = new AgentStorage(new MemoryStore(), 'alice@example.com', clock);
        const claims = new LogClaims({ storage, now: clock, claim: async () => 'wonUncertain' });
        await salesforce.save({ Subject: 'Inbound call', CallObject: 'c_1' });
        const queue = new TaskLogQueue({
            store: storage.store,
            namespace: storage.namespace,
            now: clock,
            saver: {
                save: (fields) => salesforce.save(fields),
                findByCallObject: (callObject) => salesforce.findByCallObject(callObject),
                claim: (callObject) => claims.verdict(callObject)
            }
        });
        queue.enqueue('c_1', task('laptop'));
        await queue.drain();
        expect(salesforce.tasksFor('c_1')).toHaveLength(1);
        expect(queue.savedTaskId('c_1')).toMatch(/^00T/);
    });

    it("shares a claim's outcome between the tabs of one browser: it is asked once", async () => {
        const server = new ClaimServer();
        const storage = new AgentStorage(new MemoryStore(), 'alice@example.com', clock);
        const claim = (callId: string) => server.claim(callId, 'laptop-00000001');
        const firstTab = new LogClaims({ storage, now: clock, claim });
        const secondTab = new LogClaims({ storage, now: clock, claim });
        expect(await firstTab.verdict('c_1')).toBe('save');
        expect(await secondTab.verdict('c_1')).toBe('save');
        expect(server.requests).toBe(1);
    });
});
