// npm test and .ci/run on machines that lack something: one clear line before anything runs, never
// a part of the run skipped in silence; and .ci/run's last line sums every run.
import { execFile } from 'node:child_process';
import { chmodSync, copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { summarise } from '../../scripts/ci-summary.mjs';
import { preflight } from '../../scripts/preflight.mjs';

jest.setTimeout(60_000);

const root = resolve(__dirname, '../..');
const temp = mkdtempSync(join(tmpdir(), 'test-runner-'));
const execute = promisify(execFile);

afterAll(() => rmSync(temp, { recursive: true, force: true }));

async function node(args: string[], env: Record<string, string>, cwd = root) {
    try {
        const result = await execute(process.execPath, args, { cwd, env });
        return { code: 0, ...result };
    } catch (error) {
        const failed = error as { code: number; stdout: string; stderr: string };
        return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
    }
}

/** A directory holding an executable `java`, and an executable file standing for Chromium. */
function fakeTools(name: string) {
    const bin = join(temp, name, 'bin');
    mkdirSync(bin, { recursive: true });
    for (const file of ['java', 'chromium']) {
        writeFileSync(join(bin, file), '#!/bin/sh\n');
        chmodSync(join(bin, file), 0o755);
    }
    return { PATH: bin, CHROMIUM_PATH: join(bin, 'chromium') };
}

describe('preflight', () => {
    const tools = fakeTools('tools');
    const hint = 'apt-get install chromium openjdk-17-jre-headless';

    it('passes when Chromium and Java are there', () => {
        expect(preflight(root, tools)).toBeUndefined();
    });

    it('names a missing Java with the install hint', () => {
        const message = preflight(root, { ...tools, PATH: join(temp, 'empty') });
        expect(message).toContain('a Java 17 runtime (java on PATH)');
        expect(message).not.toContain('Chromium (');
        expect(message).toContain(hint);
    });

    it.each([
        ['missing', join(temp, 'nowhere/chromium')],
        ['not executable', __filename]
    ])('names a Chromium that is %s, with CHROMIUM_PATH in the hint', (_case, chromium) => {
        const message = preflight(root, { ...tools, CHROMIUM_PATH: chromium });
        expect(message).toContain(`Chromium (${chromium})`);
        expect(message).toContain(hint);
        expect(message).toContain('CHROMIUM_PATH');
    });

    it('names both when both are missing, on one line', () => {
        const message = preflight(root, { PATH: join(temp, 'empty'), CHROMIUM_PATH: join(temp, 'nowhere') });
        expect(message?.split('\n')).toHaveLength(1);
        expect(message).toMatch(/Chromium .* and a Java 17 runtime/);
    });
});

describe('npm test (scripts/test.mjs)', () => {
    it('prints one line and stops before anything runs when Chromium and Java are missing', async () => {
        const outcome = await node([join(root, 'scripts/test.mjs')], {
            PATH: join(temp, 'empty'),
            CHROMIUM_PATH: join(temp, 'nowhere/chromium')
        });
        expect(outcome.code).toBe(1);
        expect(outcome.stdout).toBe('');
        expect(outcome.stderr.trim().split('\n')).toEqual([
            expect.stringContaining('apt-get install chromium openjdk-17-jre-headless')
        ]);
    });

    it('stops, naming it, when the platform checks are missing instead of skipping them', async () => {
        const project = join(temp, 'no-checks');
        mkdirSync(join(project, 'scripts'), { recursive: true });
        for (const file of [
            'scripts/test.mjs',
            'scripts/preflight.mjs',
            'scripts/build.mjs',
            'jest.config.js'
        ]) {
            copyFileSync(join(root, file), join(project, file));
        }
        const outcome = await node(
            [join(project, 'scripts/test.mjs')],
            fakeTools('no-checks-tools'),
            project
        );
        expect(outcome.code).toBe(1);
        expect(outcome.stdout).toBe('');
        expect(outcome.stderr.trim()).toBe(
            `npm test cannot run: scripts/checks/run.mjs missing from ${project}.`
        );
    });

    it('prints its usage for --help', async () => {
        const outcome = await node([join(root, 'scripts/test.mjs'), '--help'], {});
        expect(outcome.code).toBe(0);
        expect(outcome.stdout).toContain('Usage: npm test [-- --faults]');
    });
});

describe('jest.config.js', () => {
    const allRoots = ['force-app', 'src', 'test/integration', 'test/contract', 'test/e2e', 'test/tools'];

    function configIn(name: string, dirs: string[]) {
        const project = join(temp, name);
        for (const dir of dirs) mkdirSync(join(project, dir), { recursive: true });
        copyFileSync(join(root, 'jest.config.js'), join(project, 'jest.config.js'));
        return node(['-e', `require(${JSON.stringify(join(project, 'jest.config.js'))})`], {
            NODE_PATH: join(root, 'node_modules')
        });
    }

    it('loads when every test root is there', async () => {
        expect((await configIn('all-roots', allRoots)).code).toBe(0);
    });

    it('refuses to load, naming it, when a test root is missing', async () => {
        const outcome = await configIn(
            'no-e2e',
            allRoots.filter((dir) => dir !== 'test/e2e')
        );
        expect(outcome.code).not.toBe(0);
        expect(outcome.stderr).toContain('jest.config.js: test root test/e2e does not exist');
    });
});

describe('the last line of .ci/run', () => {
    const run = (name: string, status: number, output: string) => ({ name, status, output });

    it('sums npm test and the soak', () => {
        const summary = summarise([
            run('npm test', 0, 'Tests: 812 passed, 812 total\n\n812 passed, 0 failed\n'),
            run('soak', 0, 'lost 0\n3 passed, 0 failed\n')
        ]);
        expect(summary).toEqual({ line: '815 passed, 0 failed', notes: [], ok: true });
    });

    it('counts the soak’s failures and fails', () => {
        const summary = summarise([
            run('npm test', 0, '812 passed, 0 failed\n'),
            run('soak', 1, '1 passed, 2 failed\n')
        ]);
        expect(summary).toMatchObject({ line: '813 passed, 2 failed', ok: false });
    });

    it('counts a run that crashed before printing its counts as a failure, and names it', () => {
        const summary = summarise([
            run('npm test', 0, '812 passed, 0 failed\n'),
            run('soak', 134, 'FATAL ERROR: heap out of memory\n')
        ]);
        expect(summary).toEqual({
            line: '812 passed, 1 failed',
            notes: ['soak printed no counts (exit status 134)'],
            ok: false
        });
    });

    it('fails a run that exited non-zero with no failure counted', () => {
        const summary = summarise([
            run('npm test', 1, '812 passed, 0 failed\n'),
            run('soak', 0, '3 passed, 0 failed')
        ]);
        expect(summary).toMatchObject({ line: '815 passed, 1 failed', ok: false });
    });

    it('is what the script prints last, with a matching exit status', async () => {
        writeFileSync(join(temp, 'test.log'), '\n40 passed, 0 failed\n');
        writeFileSync(join(temp, 'soak.log'), '3 passed, 0 failed\n');
        const outcome = await node(
            [
                join(root, 'scripts/ci-summary.mjs'),
                'npm test',
                '0',
                join(temp, 'test.log'),
                'soak',
                '0',
                join(temp, 'soak.log')
            ],
            {}
        );
        expect(outcome.code).toBe(0);
        expect(outcome.stdout.trim().split('\n').at(-1)).toBe('43 passed, 0 failed');
    });
});
