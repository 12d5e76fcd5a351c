export function usageOrExit(usage: string, args?: string[]): void;
