export const DEFAULT_CHROMIUM: string;
export const INSTALL_HINT: string;
export const REQUIRED_FILES: string[];
export function missingTools(env?: Record<string, string | undefined>): string[];
export function preflight(root: string, env?: Record<string, string | undefined>): string | undefined;
