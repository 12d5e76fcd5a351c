export const CHECKS: PlatformCheck[];
