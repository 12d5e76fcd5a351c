export const ROOT: string;
export class SfError extends Error {}
/** The `result` of `sf <args> --json`. */
export function sf(args: string[]): unknown;
export const LOGIN_DEV_HUB: string;
export function requireDevHub(): string;
export function main(run: () => void | Promise<void>): void;
