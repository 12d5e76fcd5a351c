// The offline platform checks. `npm run checks` runs them all on the project; scripts/test.mjs
// runs them as part of `npm test`. Each check reports problems as file:line: message.
//   node scripts/checks/run.mjs [--project DIR] [--only ID[,ID...]] [--expect-members JSON] [--json]
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { CHECKS, packageMembersCheck } from './all.mjs';

export { CHECKS };

if (process.argv[1] === fileURLToPath(import.meta.url)) {
    const usage = `Usage: npm run checks [-- --only ID[,ID...]] [--project DIR] [--expect-members JSON] [--json]
  The offline platform checks: ${CHECKS.map((check) => check.id).join(', ')}.`;
    let values;
    try {
        values = parseArgs({
            options: {
                project: { type: 'string', default: join(dirname(fileURLToPath(import.meta.url)), '../..') },
                only: { type: 'string' },
                'expect-members': { type: 'string' },
                json: { type: 'boolean', default: false },
                help: { type: 'boolean', short: 'h', default: false }
            }
        }).values;
    } catch (error) {
        console.error(`${error.message}\n${usage}`);
        process.exit(1);
    }
    if (values.help) {
        console.log(usage);
        process.exit(0);
    }
    const only = values.only?.split(',');
    let checks = only ? CHECKS.filter((check) => only.includes(check.id)) : CHECKS;
    if (values['expect-members']) {
        const custom = packageMembersCheck(JSON.parse(values['expect-members']));
        checks = checks.map((check) => (check.id === custom.id ? custom : check));
    }
    const unknown = only?.filter((id) => !CHECKS.some((check) => check.id === id)) ?? [];
    if (checks.length === 0 || unknown.length > 0) {
        console.error(`No check named ${unknown.join(', ') || values.only}.\n${usage}`);
        process.exit(1);
    }
    const outcomes = [];
    for (const check of checks) {
        const started = Date.now();
        const outcome = await check.run(resolve(values.project));
        outcomes.push({ id: check.id, ...outcome });
        if (values.json) continue;
        for (const problem of outcome.problems) {
            console.log(`${problem.file}${problem.line ? `:${problem.line}` : ''}: ${problem.message}`);
        }
        console.log(`${outcome.ok ? '✔' : '✘'} ${check.name} (${Date.now() - started} ms)`);
    }
    if (values.json) console.log(JSON.stringify(outcomes));
    process.exit(outcomes.every((outcome) => outcome.ok) ? 0 : 1);
}
