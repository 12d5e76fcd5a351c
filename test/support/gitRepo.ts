// A throw-away git repository with one commit, for the release scripts' tags: no test tags the project.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface TempGitRepo {
    dir: string;
    git(...args: string[]): string;
    remove(): void;
}

export function tempGitRepo(prefix = 'release-tags-'): TempGitRepo {
    const dir = mkdtempSync(join(tmpdir(), prefix));
    const git = (...args: string[]) => execFileSync('git', args, { cwd: dir, encoding: 'utf8' }).trim();
    git('init', '-q');
    git(
        '-c',
        'user.name=Test',
        '-c',
        'user.email=test@example.com',
        'commit',
        '-q',
        '--allow-empty',
        '-m',
        'release'
    );
    return { dir, git, remove: () => rmSync(dir, { recursive: true, force: true }) };
}
