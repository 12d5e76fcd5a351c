// npm test: every offline check of the project, then the Jest projects, and with --faults the fault
// soak. Ends with the line "N passed, N failed" counting each test and check.
//
// A machine has two cores to spare, so the run has two stages, each as parallel as that allows:
//   1. two lanes side by side, each step's output printed whole when it ends:
//      typecheck, lint, the platform checks that read sources only (Apex, PMD, metadata)
//      build, the workbench build (for the Chromium tests), Prettier, the checks of the built tree
//   2. Jest: unit, tools and integration in two workers; then e2e alone, in band (Chromium's timing
//      suffers when it shares the cores).
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { preflight } from './preflight.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

if (process.argv.includes('--help')) {
    console.log(`Usage: npm test [-- --faults]
  Runs typecheck, lint, format, build, the offline platform checks and every Jest project, and ends with
  "N passed, N failed". --faults adds the fault soak. Needs Chromium (CHROMIUM_PATH, default /usr/bin/chromium)
  and a Java 17 runtime on PATH.`);
    process.exit(0);
}
const missing = preflight(root);
if (missing) {
    console.error(missing);
    process.exit(1);
}
const bin = (name) => join(root, 'node_modules/.bin', name);
const results = [];
const seconds = (started) => `${((Date.now() - started) / 1000).toFixed(1)} s`;

/**
 * Runs a command. With `buffered`, its output is held and printed in one piece when it ends (steps
 * running side by side would interleave otherwise); without, it goes straight to the terminal.
 */
function execute(command, args, { buffered }) {
    return new Promise((resolve) => {
        const child = spawn(command, args, {
            cwd: root,
            env: process.env,
            stdio: buffered ? ['ignore', 'pipe', 'pipe'] : 'inherit'
        });
        const output = [];
        const stdout = [];
        child.stdout?.on('data', (chunk) => {
            output.push(chunk);
            stdout.push(chunk);
        });
        child.stderr?.on('data', (chunk) => output.push(chunk));
        child.on('error', (error) => resolve({ status: null, output: `${error.message}\n`, stdout: '' }));
        child.on('close', (status) =>
            resolve({
                status,
                output: Buffer.concat(output).toString(),
                stdout: Buffer.concat(stdout).toString()
            })
        );
    });
}

async function step(name, command, args, { buffered = true } = {}) {
    const started = Date.now();
    if (!buffered) console.log(`\n▶ ${name}`);
    const run = await execute(command, args, { buffered });
    const ok = run.status === 0;
    results.push({ name, ok });
    const output = buffered && run.output ? `${run.output.replace(/\n?$/, '\n')}` : '';
    process.stdout.write(`${buffered ? `\n▶ ${name}\n` : ''}${output}`);
    console.log(`${ok ? '✔' : '✘'} ${name} (${seconds(started)})`);
    return ok;
}

// Loaded after the preflight, which has made sure the file is there: never skipped in silence.
const { CHECKS } = await import('./checks/run.mjs');

/** Some platform checks, in their own process (npm run checks), each counted and printed as it reports. */
async function checks(group, { built = true } = {}) {
    if (group.length === 0) return;
    if (!built) {
        for (const check of group) {
            results.push({ name: check.name, ok: false });
            console.log(`\n▶ ${check.name}\n✘ ${check.name}: skipped because the build failed`);
        }
        return;
    }
    const started = Date.now();
    const ids = group.map((check) => check.id).join(',');
    const run = await execute(process.execPath, ['scripts/checks/run.mjs', '--json', '--only', ids], {
        buffered: true
    });
    // --json prints the outcomes as the last line; anything else the run printed is shown as it is.
    let outcomes = [];
    try {
        outcomes = JSON.parse(run.stdout.trim().split('\n').at(-1) ?? '');
    } catch {
        process.stdout.write(run.output);
    }
    for (const check of group) {
        const outcome = outcomes.find((candidate) => candidate.id === check.id) ?? {
            ok: false,
            problems: [{ file: 'scripts/checks/run.mjs', message: `reported nothing for ${check.id}` }]
        };
        const lines = outcome.problems.map(
            (problem) => `  ${problem.file}${problem.line ? `:${problem.line}` : ''}: ${problem.message}\n`
        );
        results.push({ name: check.name, ok: outcome.ok });
        process.stdout.write(`\n▶ ${check.name}\n${lines.join('')}`);
        console.log(`${outcome.ok ? '✔' : '✘'} ${check.name} (with ${ids}: ${seconds(started)})`);
    }
}

const fromSources = CHECKS.filter((check) => !check.needsBuild);
const ofTheBuild = CHECKS.filter((check) => check.needsBuild);
await Promise.all([
    (async () => {
        await step('typecheck', bin('tsc'), ['-p', 'tsconfig.check.json']);
        await step('lint', bin('eslint'), ['.', '--max-warnings', '0']);
        await checks(fromSources);
    })(),
    (async () => {
        const built = await step('build', process.execPath, ['scripts/build.mjs']);
        // What the Chromium tests serve, built here while the other lane runs rather than by the first
        // end-to-end file.
        if (built) await step('workbench build', process.execPath, ['scripts/workbench-build.mjs']);
        await step('format', bin('prettier'), ['--check', '.', '--log-level', 'warn']);
        await checks(ofTheBuild, { built });
    })()
]);

const reportDir = join(root, 'test-results');
mkdirSync(reportDir, { recursive: true });
const reports = [];
async function jest(name, file, args) {
    const report = join(reportDir, file);
    rmSync(report, { force: true });
    reports.push(report);
    const ci = process.env.CI ? ['--ci'] : [];
    await step(name, bin('jest'), [...args, '--json', `--outputFile=${report}`, ...ci], { buffered: false });
}
await jest('jest: unit, tools, integration', 'jest.json', [
    '--selectProjects',
    'unit',
    'tools',
    'integration',
    '--maxWorkers=2'
]);
await jest('jest: e2e (Chromium)', 'jest-e2e.json', ['--selectProjects', 'e2e', '--runInBand']);

// The soak (10,000 calls with random faults, several minutes) runs with `npm test -- --faults`.
if (process.argv.includes('--faults')) {
    await step(
        'soak: zero lost and zero duplicate Tasks under random faults',
        process.execPath,
        [join(root, 'node_modules/tsx/dist/cli.mjs'), 'scripts/soak.ts'],
        { buffered: false }
    );
}

let passed = results.filter((result) => result.ok).length;
let failed = results.length - passed;
for (const report of reports.filter((path) => existsSync(path))) {
    const jestRun = JSON.parse(readFileSync(report, 'utf8'));
    passed += jestRun.numPassedTests;
    failed += jestRun.numFailedTests;
}
const failures = results.filter((result) => !result.ok).map((result) => result.name);
if (failures.length > 0) console.log(`\nFailed: ${failures.join(', ')}`);
console.log(`\n${passed} passed, ${failed} failed`);
process.exit(failed > 0 || failures.length > 0 ? 1 : 0);
