// The last line of .ci/run: the counts of every run summed into one "N passed, N failed".
//   node scripts/ci-summary.mjs NAME STATUS LOG [NAME STATUS LOG ...]
// Each LOG is a run's output, which ends with its own "N passed, N failed"; STATUS is its exit
// status. A run that failed without printing its counts counts as one failure, and is named.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const COUNTS = /^(\d+) passed, (\d+) failed$/gm;

/** The counts a run printed last, or undefined when it printed none. */
export function lastCounts(output) {
    const all = [...output.matchAll(COUNTS)];
    const last = all.at(-1);
    return last ? { passed: Number(last[1]), failed: Number(last[2]) } : undefined;
}

/** Sums the runs; `ok` is false when any run failed, exited non-zero or printed no counts. */
export function summarise(runs) {
    let passed = 0;
    let failed = 0;
    const notes = [];
    for (const run of runs) {
        const counts = lastCounts(run.output);
        if (!counts) {
            failed += 1;
            notes.push(`${run.name} printed no counts (exit status ${run.status})`);
            continue;
        }
        passed += counts.passed;
        failed += counts.failed;
        if (run.status !== 0 && counts.failed === 0) {
            failed += 1;
            notes.push(`${run.name} exited with status ${run.status}`);
        }
    }
    return { line: `${passed} passed, ${failed} failed`, notes, ok: failed === 0 };
}

const USAGE = 'Usage: node scripts/ci-summary.mjs NAME STATUS LOG [NAME STATUS LOG ...]';

if (process.argv[1] === fileURLToPath(import.meta.url)) {
    const args = process.argv.slice(2);
    if (args.includes('--help') || args.length === 0 || args.length % 3 !== 0) {
        console.log(USAGE);
        process.exit(args.includes('--help') ? 0 : 2);
    }
    const runs = [];
    for (let index = 0; index < args.length; index += 3) {
        const [name, status, log] = args.slice(index, index + 3);
        let output = '';
        try {
            output = readFileSync(log, 'utf8');
        } catch (error) {
            console.log(`${name}: cannot read ${log} (${error.message})`);
        }
        runs.push({ name, status: Number(status), output });
    }
    const summary = summarise(runs);
    for (const note of summary.notes) console.log(note);
    console.log(`\n${summary.line}`);
    process.exit(summary.ok ? 0 : 1);
}
