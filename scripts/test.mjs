// npm test: every offline check of the project, then all Jest projects (LWC, core and contract,
// end-to-end in Chromium), and with --faults the fault soak. Ends with the line "N passed, N failed"
// counting each test and check.
import { spawnSync } from 'node:child_process';
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

function step(name, command, args, options = {}) {
    const started = Date.now();
    console.log(`\n▶ ${name}`);
    const run = spawnSync(command, args, { cwd: root, stdio: 'inherit', env: process.env, ...options });
    const ok = run.status === 0;
    results.push({ name, ok });
    console.log(`${ok ? '✔' : '✘'} ${name} (${((Date.now() - started) / 1000).toFixed(1)} s)`);
    return ok;
}

step('typecheck', bin('tsc'), ['-p', 'tsconfig.check.json']);
step('lint', bin('eslint'), ['.', '--max-warnings', '0']);
step('format', bin('prettier'), ['--check', '.', '--log-level', 'warn']);
const built = step('build', process.execPath, ['scripts/build.mjs']);

// Loaded after the preflight, which has made sure the file is there: never skipped in silence.
const { CHECKS } = await import('./checks/run.mjs');
for (const check of CHECKS) {
    const started = Date.now();
    console.log(`\n▶ ${check.name}`);
    if (check.needsBuild && !built) {
        results.push({ name: check.name, ok: false });
        console.log(`✘ ${check.name}: skipped because the build failed`);
        continue;
    }
    const outcome = await check.run(root);
    for (const problem of outcome.problems) {
        console.log(`  ${problem.file}${problem.line ? `:${problem.line}` : ''}: ${problem.message}`);
    }
    results.push({ name: check.name, ok: outcome.ok });
    console.log(`${outcome.ok ? '✔' : '✘'} ${check.name} (${((Date.now() - started) / 1000).toFixed(1)} s)`);
}

const reportDir = join(root, 'test-results');
const report = join(reportDir, 'jest.json');
mkdirSync(reportDir, { recursive: true });
rmSync(report, { force: true });
const jestArgs = ['--coverage', '--json', `--outputFile=${report}`];
if (process.env.CI) jestArgs.push('--ci');
step('jest (lwc, core, contract, e2e)', bin('jest'), jestArgs);

// The soak (10,000 calls with random faults, several minutes) runs with `npm test -- --faults`.
if (process.argv.includes('--faults')) {
    step('soak: zero lost and zero duplicate Tasks under random faults', process.execPath, [
        join(root, 'node_modules/tsx/dist/cli.mjs'),
        'scripts/soak.ts'
    ]);
}

let passed = results.filter((result) => result.ok).length;
let failed = results.length - passed;
if (existsSync(report)) {
    const jest = JSON.parse(readFileSync(report, 'utf8'));
    passed += jest.numPassedTests;
    failed += jest.numFailedTests;
}
const failures = results.filter((result) => !result.ok).map((result) => result.name);
if (failures.length > 0) console.log(`\nFailed: ${failures.join(', ')}`);
console.log(`\n${passed} passed, ${failed} failed`);
process.exit(failed > 0 || failures.length > 0 ? 1 : 0);
