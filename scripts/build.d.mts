export const CORE_ENTRY: string;
export const CORE_BUNDLE: string;
export function compileLwc(): void;
export function bundleCore(options?: {
    outfile?: string;
    minify?: boolean;
    diagnosticHandle?: boolean;
}): Promise<number>;
export const VOICE_ENTRY: string;
export const VOICE_BUNDLE: string;
export function bundleVoiceConnector(options?: { outfile?: string; minify?: boolean }): Promise<number>;
/** A bundle's size as served: minified bytes, and gzipped as the browser downloads it. */
export function bundleSizes(file: string): { minified: number; gzipped: number };
export const EXTRAS_ENTRY: string;
export const EXTRAS_BUNDLE: string;
export const CORE_GZIP_BUDGET: number;
export function bundleExtras(options?: { outfile?: string; minify?: boolean }): Promise<number>;
