// What the Task log queue asks of Salesforce (and of the claim): create a Task, find one by its call,
// and the two failures that decide what happens next.
import type { ClaimVerdict } from './logClaims';
import type { TaskFields } from './taskFields';

export interface TaskSaver {
    /**
     * Creates the Task (saveLog). Rejects with TaskSaveTimeout when the outcome is unknown, with
     * TaskSaveRefused when no retry can help, with any other error when a retry may.
     */
    save(fields: TaskFields): Promise<{ taskId: string }>;
    /** Finds a Task already saved for this call (CallObject), or null. */
    findByCallObject(callObject: string): Promise<string | null>;
    /**
     * Which of the agent's browsers logs the call (./logClaims.ts), asked before its Task's first save;
     * without it every browser saves what it saw.
     */
    claim?(callObject: string): Promise<ClaimVerdict>;
}

/** The save may or may not have reached Salesforce. */
export class TaskSaveTimeout extends Error {
    constructor() {
        super('The Task save did not answer in time');
        this.name = 'TaskSaveTimeout';
    }
}

/** Salesforce refused the Task itself (validation rule, required field, access): no retry helps. */
export class TaskSaveRefused extends Error {
    readonly reason: string;

    constructor(reason: string) {
        super(reason);
        this.name = 'TaskSaveRefused';
        this.reason = reason;
    }
}
