export const OUT_DIR: string;
export const VOICE_OUT_DIR: string;
export function buildWorkbench(options?: { force?: boolean }): Promise<string[]>;
export function buildVoiceWorkbench(): Promise<void>;
export function buildPanel(): Promise<number>;
export function buildPageScripts(): Promise<void>;
