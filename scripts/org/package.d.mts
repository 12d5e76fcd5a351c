/** One `npm run package:*` action; `build` makes the build outputs (buildForDeploy by default). */
export function packageCommand(args: string[], options?: { build?: (root: string) => void }): Promise<void>;
