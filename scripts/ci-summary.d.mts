export function lastCounts(output: string): { passed: number; failed: number } | undefined;
export function summarise(runs: { name: string; status: number; output: string }[]): {
    line: string;
    notes: string[];
    ok: boolean;
};
