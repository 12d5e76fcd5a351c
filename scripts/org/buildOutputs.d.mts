export function buildOutputProblems(root: string): string[];
export function requireFreshBuildOutputs(root: string): void;
export function buildForDeploy(root: string): void;
