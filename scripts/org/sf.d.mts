export const ROOT: string;
export class SfError extends Error {}
/** The `result` of `sf <args> --json`. */
export function sf(args: string[]): unknown;
export const LOGIN_DEV_HUB: string;
export function requireDevHub(): string;
export function main(run: () => void | Promise<void>): void;
/** True when the module at `moduleUrl` is the script Node was started with, not one it imported. */
export function isMain(moduleUrl: string): boolean;
