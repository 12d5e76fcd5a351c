// Driving the durable Task queue: each handled call becomes a Task (callTask.ts), is queued in
// storage shared by the agent's tabs, and is saved by the one Lightning tab that leads the logging
// (a Web Lock). Saves that stopped being retried stay listed (Retry / Dismiss) until dealt with.
import type { AgentStorage } from '../../telephony/storage/agentStorage';
import { electLeader, type Leadership, type LockManagerLike } from '../../telephony/tabs/leadership';
import type { QueueEntry } from './queueEntry';
import type { TaskFields } from './taskFields';
import { TaskLogQueue, TaskSaveRefused, TaskSaveTimeout } from './taskLogQueue';
import type { PlatformNames } from '../adapter/platformNames';
import { OpenCtiTimeout, type OpenCtiClient } from '../opencti/openCtiClient';
import type { describeSaveLogFailure } from './saveLogFailure';
import type { SoftphoneSettings } from '../../telephony/settings/schema';
import type { Diagnostics } from '../../telephony/diagnostics';
import { agentHandled, buildTask, type CallRecord } from './callTask';
import type { LogClaims } from './logClaims';

/** While a failed Task save is shown, how often the leader looks for a retry asked in another tab. */
const FAILED_LOG_RECHECK_MS = 5000;
/** Failed saves listed are read again from the shared storage at most this often. */
const FAILED_LOG_READ_MS = 1000;

export interface CallLoggingOptions {
    storage: AgentStorage;
    opencti: OpenCtiClient;
    names: PlatformNames;
    locks: LockManagerLike | undefined;
    now: () => number;
    diagnostics: Diagnostics;
    /** The phone window queues the Tasks of the calls it sees but leaves the saving to a Lightning tab. */
    saves: boolean;
    /** What a failed save means (part of the second part of the core, loaded at the first failure). */
    saveFailures(): Promise<typeof describeSaveLogFailure>;
    saveTimeoutMs?: number;
    lookupTimeoutMs?: number;
    /** Which of the agent's browsers logs each call; without it this browser saves every call it saw. */
    claims?: LogClaims;
    /** Something the agent should read: a save failed for good, or saves are being retried. */
    notify(code: 'callLogFailed' | 'callLogRetrying', params?: Record<string, string>): void;
    /** The failed saves listed changed. */
    changed(): void;
}

/** Whether the call leaves a Task under these settings, and which. */
export function taskFor(
    record: CallRecord,
    settings: SoftphoneSettings,
    now: number
): Record<string, string | number> | undefined {
    if (!settings.createTasks || !agentHandled(record)) return undefined;
    const missed = record.answeredAt === undefined && record.incoming;
    if (missed && !settings.logMissedCalls) return undefined;
    return buildTask(record, now, settings);
}

export function failedLogView(entry: QueueEntry): SoftphoneFailedLog {
    return {
        callObject: entry.callObject,
        subject: String(entry.fields.Subject ?? ''),
        message: { code: 'callLogFailed', params: { detail: entry.lastError ?? '' } }
    };
}

/** What the panel shows of the failed saves, to tell whether a new read changed it. */
function failedLogsKey(logs: readonly SoftphoneFailedLog[]): string {
    return logs.map((log) => `${log.callObject} ${log.message.params?.detail ?? ''}`).join('\n');
}

export class CallLogging {
    readonly #queue: TaskLogQueue;
    readonly #leadership: Leadership | undefined;
    readonly #options: CallLoggingOptions;
    #drainTimer: ReturnType<typeof setTimeout> | undefined;
    #draining: Promise<void> | undefined;
    #stopped = false;
    #failed: SoftphoneFailedLog[] = [];
    #failedReadAt = -Infinity;
    /** In a tab that does not save: how it learns of a save the saving tab gave up on. */
    #followerRecheck: ReturnType<typeof setTimeout> | undefined;

    constructor(options: CallLoggingOptions) {
        this.#options = options;
        const saveTimeoutMs = options.saveTimeoutMs ?? 15_000;
        const lookupTimeoutMs = options.lookupTimeoutMs ?? saveTimeoutMs;
        const { opencti, names } = options;
        this.#queue = new TaskLogQueue({
            store: options.storage.store,
            namespace: options.storage.namespace,
            now: options.now,
            saver: {
                save: async (fields) => {
                    try {
                        return { taskId: await opencti.saveLog(fields, saveTimeoutMs) };
                    } catch (error) {
                        if (error instanceof OpenCtiTimeout) throw new TaskSaveTimeout();
                        // Without the part that reads it (its loader recorded why and told the agent),
                        // a failure is not known to be for good: it is tried again, as any other.
                        const describe = await options.saveFailures().catch(() => undefined);
                        const failure = describe?.(error);
                        if (failure?.permanent) throw new TaskSaveRefused(failure.reason);
                        throw error;
                    }
                },
                findByCallObject: async (callObject) =>
                    (await opencti.runApex(
                        names.apexClass('SoftphoneCallLog'),
                        'findTaskId',
                        { callObject },
                        { timeoutMs: lookupTimeoutMs }
                    )) || null,
                claim: options.claims && ((callObject) => (options.claims as LogClaims).verdict(callObject))
            }
        });
        if (!options.saves) return;
        this.#leadership = electLeader(options.locks, options.storage.taskLogLock);
        this.#leadership.onChange((isLeader) => {
            if (isLeader) void this.drain();
        });
    }

    /**
     * Queues the Task of an ended call (a second report of the same call is a no-op) and saves it;
     * one never seen live here is looked up first (one runApex), in case another browser logged it.
     * The Task's fields, or undefined when the call leaves none.
     */
    log(
        record: CallRecord,
        settings: SoftphoneSettings | undefined,
        seenLive = true
    ): Record<string, string | number> | undefined {
        const task = settings && taskFor(record, settings, this.#options.now());
        if (!task) return undefined;
        this.#queue.enqueue(record.call.callId, task, { lookUpFirst: !seenLive });
        void this.drain();
        if (!this.#leadership?.isLeader) this.#watchAsFollower();
        return task;
    }

    /** The agent edited the call's Task in wrap-up: the changes go into that one Task, by its Id. */
    amend(callObject: string, changes: TaskFields): void {
        if (this.#queue.amend(callObject, changes)) void this.drain();
        else this.#options.diagnostics.record('taskLog.amend', new Error('the call has no Task to update'));
    }

    /** The Id of the call's Task once saved (by any tab). */
    savedTaskId(callObject: string): string | undefined {
        return this.#queue.savedTaskId(callObject);
    }

    /** Whether this tab is the one that saves the Tasks. */
    get leads(): boolean {
        return this.#leadership?.isLeader ?? false;
    }

    /** Saves what is due; a drain asked for while one runs shares it (its outcome is told once). */
    drain(): Promise<void> {
        this.#draining ??= this.#drainOnce().finally(() => {
            this.#draining = undefined;
        });
        return this.#draining;
    }

    async #drainOnce(): Promise<void> {
        const queue = this.#queue;
        if (!this.#leadership?.isLeader || this.#stopped) return;
        const { now } = this.#options;
        const isFailed = (entry: QueueEntry) => entry.state === 'failed';
        const beforeEntries = queue.entries();
        const failedBefore = new Set(beforeEntries.filter(isFailed).map((entry) => entry.callObject));
        const creating = beforeEntries.filter((entry) => entry.taskId === undefined);
        await queue.drain();
        const entries = queue.entries();
        const stillCreating = new Set(
            entries.filter((entry) => entry.taskId === undefined).map((entry) => entry.callObject)
        );
        const outstanding = entries.filter((entry) => !isFailed(entry));
        const failed = entries.filter(isFailed);
        this.#failed = failed.map(failedLogView);
        this.#failedReadAt = now();
        // A new Task shows on the record page after a refresh; an update by Id (wrap-up) costs one request only.
        if (creating.some((entry) => !stillCreating.has(entry.callObject)))
            void this.#options.diagnostics.settle(
                'opencti.refreshView',
                this.#options.opencti.call('refreshView')
            );
        const newlyFailed = failed.find((entry) => !failedBefore.has(entry.callObject));
        if (newlyFailed) this.#options.notify('callLogFailed', { detail: newlyFailed.lastError ?? '' });
        else if (outstanding.some((entry) => entry.attempts > 0)) this.#options.notify('callLogRetrying');
        else this.#options.changed();
        clearTimeout(this.#drainTimer);
        const due = outstanding[0]?.nextAttemptAt;
        const recheck = failed.length > 0 ? now() + FAILED_LOG_RECHECK_MS : undefined;
        const next = due === undefined ? recheck : Math.min(due, recheck ?? due);
        if (next !== undefined && !this.#stopped)
            this.#drainTimer = setTimeout(() => void this.drain(), Math.max(50, next - now()));
    }

    async retry(callObject: string): Promise<void> {
        this.#failedReadAt = -Infinity;
        if (this.#queue.retry(callObject)) await this.drain();
        this.refreshFailed();
    }

    dismiss(callObject: string): void {
        this.#queue.dismiss(callObject);
        this.#failedReadAt = -Infinity;
        this.refreshFailed();
    }

    /** Reads the failed saves again from the storage shared with the other tabs (at most once a second). */
    refreshFailed(force = false): void {
        if (!force && this.#options.now() - this.#failedReadAt < FAILED_LOG_READ_MS) return;
        this.#failed = this.#queue.failed().map(failedLogView);
        this.#failedReadAt = this.#options.now();
    }

    /**
     * The saving tab lists a failed save as soon as it fails; the agent's other tabs read the shared
     * queue again every few seconds (storage only, no request), so each lists it too, even when no
     * call event follows.
     */
    #recheckAsFollower(): void {
        this.#followerRecheck = undefined;
        if (this.#stopped || this.#leadership?.isLeader) return;
        const shown = failedLogsKey(this.#failed);
        this.refreshFailed(true);
        if (failedLogsKey(this.#failed) !== shown) this.#options.changed();
        // Until every queued save has landed or failed, in whichever tab saves them.
        if (this.#queue.outstanding().length > 0) this.#watchAsFollower();
    }

    #watchAsFollower(): void {
        if (this.#stopped || this.#followerRecheck !== undefined) return;
        this.#followerRecheck = setTimeout(() => this.#recheckAsFollower(), FAILED_LOG_RECHECK_MS);
        // Where the core runs in Node (tests, the soak), a tab left running must not keep the process alive.
        (this.#followerRecheck as { unref?: () => void }).unref?.();
    }

    /** The failed saves as last read: what the panel lists. */
    failedLogs(): SoftphoneFailedLog[] {
        return this.#failed;
    }

    /** Task saves are being retried, or failed and are listed: what a notice about them is tied to. */
    troubled(): boolean {
        return this.#failed.length > 0 || this.#queue.outstanding().some((entry) => entry.attempts > 0);
    }

    /** True when no Task save is waiting or running: a save for a queued call can no longer happen. */
    idle(): boolean {
        return this.#queue.idle();
    }

    stop(): void {
        this.#stopped = true;
        this.#leadership?.release();
        clearTimeout(this.#drainTimer);
        clearTimeout(this.#followerRecheck);
    }
}
