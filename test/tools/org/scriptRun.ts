// Running the org scripts in tests. Most cases call a script's exported entry in this process, as its
// command line would (the environment given, no terminal, the console captured, an SfError ending it
// with status 1 and its message on stderr, as scripts/org/sf.mjs main() does); the Salesforce CLI
// each call makes is still a process (the stand-in test/tools/org/fake-sf.cjs). A few cases per
// script run it as its own Node process, which proves the command line around the entry.
import { execFile } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, symlinkSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { format } from 'node:util';
import { SfError } from '../../../scripts/org/sf.mjs';

export const ROOT = resolve(__dirname, '../../..');
export const FAKE_SF = join(__dirname, 'fake-sf.cjs');

export interface ScriptOutcome {
    code: number;
    stdout: string;
    stderr: string;
}

const run = promisify(execFile);

/** `node <script> <args>` in `project`, with `env` added to this process's environment. */
export async function runScript(
    script: string,
    args: string[],
    env: Record<string, string>,
    project = ROOT
): Promise<ScriptOutcome> {
    try {
        const result = await run(process.execPath, [join(project, script), ...args], {
            cwd: project,
            env: { ...process.env, ...env }
        });
        return { code: 0, ...result };
    } catch (error) {
        const failed = error as { code: number; stdout: string; stderr: string };
        return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
    }
}

/** Runs a script's exported entry here, as its command line would run it with `env` added. */
export async function runInProcess(
    entry: () => unknown,
    env: Record<string, string>
): Promise<ScriptOutcome> {
    const saved = Object.fromEntries(Object.keys(env).map((name) => [name, process.env[name]]));
    Object.assign(process.env, env);
    const stdin = process.stdin as { isTTY?: boolean };
    const wasTerminal = stdin.isTTY;
    // As under execFile: no terminal, so nothing waits for an answer at a prompt.
    stdin.isTTY = false;
    const stdout: string[] = [];
    const stderr: string[] = [];
    const log = jest
        .spyOn(console, 'log')
        .mockImplementation((...args) => stdout.push(`${format(...args)}\n`));
    const error = jest
        .spyOn(console, 'error')
        .mockImplementation((...args) => stderr.push(`${format(...args)}\n`));
    let code = 0;
    try {
        await entry();
    } catch (thrown) {
        if (!(thrown instanceof SfError)) throw thrown;
        stderr.push(`${thrown.message}\n`);
        code = 1;
    } finally {
        log.mockRestore();
        error.mockRestore();
        stdin.isTTY = wasTerminal;
        for (const [name, value] of Object.entries(saved)) {
            if (value === undefined) delete process.env[name];
            else process.env[name] = value;
        }
    }
    return { code, stdout: stdout.join(''), stderr: stderr.join('') };
}

/** The stand-in CLI's calls, each its arguments (without --json). */
export function sfCalls(log: string): string[][] {
    if (!existsSync(log)) return [];
    return readFileSync(log, 'utf8')
        .trim()
        .split('\n')
        .map((line) => JSON.parse(line) as string[]);
}

/**
 * An org script's entry run here (as runInProcess runs it) against the stand-in CLI, which logs its
 * calls to `log`; each build the entry asks for is recorded, with the number of CLI calls before it.
 */
export async function withStandInCli(
    entry: (options: { build: (root: string) => void }) => Promise<void>,
    log: string,
    env: Record<string, string> = {}
) {
    const builds: { root: string; afterCalls: number }[] = [];
    const build = (root: string) => void builds.push({ root, afterCalls: sfCalls(log).length });
    const outcome = await runInProcess(() => entry({ build }), { SF_BIN: FAKE_SF, FAKE_SF_LOG: log, ...env });
    return { ...outcome, builds };
}

/**
 * A copy of what `npm run build` and the org scripts read (sources, scripts, configuration), sharing
 * this project's node_modules: a real build there leaves this working tree alone.
 */
export function buildableCopy(parent: string): string {
    const dir = mkdtempSync(join(parent, 'project-'));
    for (const path of ['config', 'force-app', 'scripts', 'src', 'types', 'unpackaged']) {
        cpSync(join(ROOT, path), join(dir, path), { recursive: true });
    }
    for (const file of ['package.json', 'sfdx-project.json', 'tsconfig.base.json', 'tsconfig.json']) {
        cpSync(join(ROOT, file), join(dir, file));
    }
    mkdirSync(dir, { recursive: true });
    symlinkSync(join(ROOT, 'node_modules'), join(dir, 'node_modules'), 'dir');
    return dir;
}
