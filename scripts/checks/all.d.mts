export const apexParse: PlatformCheck;
export const apexSemantics: PlatformCheck;
export const lwcCompile: PlatformCheck;
export const metadataFiles: PlatformCheck;
export const metadataXml: PlatformCheck;
export const packageMembers: PlatformCheck;
export const pmd: PlatformCheck;
/** The packageMembers check, expecting these members (by metadata type) instead of the project's own. */
export function packageMembersCheck(expectedMembers: Record<string, string[]>): PlatformCheck;
export const CHECKS: PlatformCheck[];
