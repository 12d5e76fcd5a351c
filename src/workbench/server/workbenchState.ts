// What the workbench server reports to the console page (GET /api/state).
import type { EmulatedRecord } from '../../stand-ins/opencti-emulator/emulator';

export const LISTED_REQUESTS = 100;
export const LISTED_TASKS = 50;

export type WorkbenchRecord = EmulatedRecord;

export interface WorkbenchState {
    agentEmail: string;
    settings: Record<string, string>;
    records: WorkbenchRecord[];
    /** Every Open CTI request so far; only the newest are listed, so a long session stays small. */
    requestCount: number;
    requests: { method: string; at: number }[];
    taskCount: number;
    tasks: Record<string, unknown>[];
}
