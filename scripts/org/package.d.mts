/**
 * One `npm run package:*` action; `build` makes the build outputs (buildForDeploy by default);
 * `tagRepo` is the git repository `release` tags (the project by default).
 */
export function packageCommand(
    args: string[],
    options?: { build?: (root: string) => void; tagRepo?: string }
): Promise<void>;
