// What the workbench server reports to the console page (GET /api/state).
import type { EmulatedRecord } from '../../stand-ins/opencti-emulator/emulator';

export const LISTED_REQUESTS = 100;
export const LISTED_TASKS = 50;

export type WorkbenchRecord = EmulatedRecord;

/** One button of the caller panel: something the far end, a colleague or the phone system does. */
export interface PhoneSystemAction {
    /** What the console posts to /api/phone-system/remote/{id}. */
    id: string;
    label: string;
    /** It acts at the station chosen in the panel's station picker. */
    atStation?: boolean;
}

/** The phone system behind the workbench as the console shows it. */
export interface PhoneSystemPanel {
    /** How labels name it: "Suite", or "phone system" for the OAI bridge in front of a PBX. */
    name: string;
    /** One line under the caller panel's title: what it is, its stations, how it dials out. */
    summary: string;
    /** The label of the call center's Suite Host setting in the settings card. */
    hostLabel: string;
    /** Stations besides the agent's that the `atStation` actions can act at (none: no picker). */
    stations: string[];
    actions: PhoneSystemAction[];
}

/** What the Open CTI emulator holds: the agent, the call center settings, records, requests and Tasks. */
export interface OpenCtiState {
    agentEmail: string;
    settings: Record<string, string>;
    records: WorkbenchRecord[];
    /** Every Open CTI request so far; only the newest are listed, so a long session stays small. */
    requestCount: number;
    requests: { method: string; at: number }[];
    taskCount: number;
    tasks: Record<string, unknown>[];
}

export interface WorkbenchState extends OpenCtiState {
    phoneSystem: PhoneSystemPanel;
}
