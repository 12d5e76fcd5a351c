// What the workbench server reports to the console page (GET /api/state).
export interface WorkbenchRecord {
    Id: string;
    Name: string;
    objectType: 'Contact' | 'Account' | 'Lead';
    Phone: string;
}

export interface WorkbenchState {
    agentEmail: string;
    settings: Record<string, string>;
    records: WorkbenchRecord[];
    requests: { method: string; at: number }[];
    tasks: Record<string, unknown>[];
}
