export const ROOT: string;
export const STAGE: string;
export interface BridgeManifest {
    name: string;
    version: string;
    bin: Record<string, string>;
    engines: Record<string, string>;
    dependencies: Record<string, string>;
    [field: string]: unknown;
}
export interface Metafile {
    outputs: Record<string, { imports: { path: string; external?: boolean }[] }>;
}
export function projectVersion(root?: string): string;
export function importedPackages(metafile: Metafile): string[];
export function runtimeDependencies(
    packages: string[],
    rootManifest: { dependencies?: Record<string, string>; devDependencies?: Record<string, string> }
): Record<string, string>;
export function stageBridgePackage(options?: {
    version?: string;
}): Promise<{ stage: string; manifest: BridgeManifest }>;
export function packBridge(options?: { outDir?: string; tag?: boolean }): Promise<string>;
