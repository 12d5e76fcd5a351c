/** The whole `npm run org:scratch` run; `build` makes the build outputs (buildForDeploy by default). */
export function scratchOrg(args: string[], options?: { build?: (root: string) => void }): Promise<void>;
/** Puts the Open CTI softphone in the app's utility bar, creating the bar if the app has none. */
export function addPhoneUtility(alias: string, app: string): void;
