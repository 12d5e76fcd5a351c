// npm run callcenter:extensions -- --target-org ALIAS --csv agents.csv [--dry-run] [--yes]
// Fills each agent's MiVoice Extension (the User field the softphone's signed assertion carries, which
// the bridge trusts) from a CSV of email,extension, for the first roll-out. Every row is checked
// against the org first and listed with what it would do; nothing is written while any row is wrong,
// a value already set is replaced only with --yes, and --dry-run writes nothing at all.
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import {
    describeRow,
    EXTENSION_FIELD,
    planExtensions,
    readAgentCsv,
    usersQuery,
    type CsvRow,
    type OrgUser,
    type PlannedRow
} from './callcenter/agentExtensions';
import { isMain, main, sf, SfError } from './org/sf.mjs';

const USAGE = `Usage: npm run callcenter:extensions -- --target-org ALIAS --csv FILE [--dry-run] [--yes]
  Sets each agent's MiVoice Extension (a User field only admins can edit) from a CSV file whose first
  line is the header email,extension and each other line one agent: alice@example.com,2001.
  --target-org ALIAS   the org (authorise it first: npx sf org login web --alias ALIAS)
  --csv FILE           the agents; each email must be one active user's Email, each extension 1 to 8 digits
  --dry-run            check every row against the org and print the report; change nothing
  --yes                replace an extension a user already has (listed as REPLACE)
  --help
  Nothing is written while any row is marked ERROR.`;

/** Rows per query: the SOQL stays far below its length limit. */
const QUERY_BATCH = 100;

function parse(args: string[]) {
    try {
        return parseArgs({
            args,
            options: {
                'target-org': { type: 'string' },
                csv: { type: 'string' },
                'dry-run': { type: 'boolean', default: false },
                yes: { type: 'boolean', default: false },
                help: { type: 'boolean', short: 'h', default: false }
            }
        }).values;
    } catch (error) {
        throw new SfError(`${(error as Error).message}\n${USAGE}`);
    }
}

function readRows(file: string): CsvRow[] {
    let text: string;
    try {
        text = readFileSync(file, 'utf8');
    } catch (error) {
        throw new SfError(`Cannot read ${file} (${(error as NodeJS.ErrnoException).code ?? 'unreadable'}).`);
    }
    const { rows, problems } = readAgentCsv(text);
    if (problems.length > 0)
        throw new SfError(
            `${file}: ${problems.length} row(s) cannot be used; nothing was changed:\n${problems
                .map((problem) => `  line ${problem.line}: ${problem.message}`)
                .join('\n')}`
        );
    return rows;
}

/** The users the rows concern, asked in batches. */
function orgUsers(org: string, rows: CsvRow[]): OrgUser[] {
    const users = new Map<string, OrgUser>();
    for (let start = 0; start < rows.length; start += QUERY_BATCH) {
        const query = usersQuery(rows.slice(start, start + QUERY_BATCH));
        const result = sf(['data', 'query', '--query', query, '--target-org', org]) as {
            records?: OrgUser[];
        };
        for (const user of result.records ?? []) users.set(user.Id, user);
    }
    return [...users.values()];
}

function report(plan: PlannedRow[]): Record<PlannedRow['outcome']['kind'], number> {
    const counts = { set: 0, replace: 0, unchanged: 0, error: 0 };
    for (const row of plan) {
        console.log(describeRow(row));
        counts[row.outcome.kind] += 1;
    }
    console.log(
        `${plan.length} agent(s): ${counts.set} to set, ${counts.replace} to replace, ${counts.unchanged} unchanged, ${counts.error} with errors`
    );
    return counts;
}

/** Writes each change; a row the org refuses is listed and the others go on. */
function write(org: string, plan: PlannedRow[]): void {
    const failed: string[] = [];
    let written = 0;
    for (const row of plan) {
        if (row.outcome.kind !== 'set' && row.outcome.kind !== 'replace') continue;
        try {
            sf([
                'data',
                'update',
                'record',
                '--sobject',
                'User',
                '--record-id',
                row.outcome.user.Id,
                '--values',
                `${EXTENSION_FIELD}=${row.extension}`,
                '--target-org',
                org
            ]);
            written += 1;
        } catch (error) {
            failed.push(`  line ${row.line} ${row.email}: ${(error as Error).message}`);
        }
    }
    console.log(`Updated ${written} user(s).`);
    if (failed.length > 0)
        throw new SfError(
            `The org refused ${failed.length} update(s); the others were made:\n${failed.join('\n')}`
        );
}

/** The whole fill for the command-line arguments `args`. */
export async function fillExtensions(args: string[]): Promise<void> {
    const values = parse(args);
    if (values.help) {
        console.log(USAGE);
        return;
    }
    const org = values['target-org'];
    if (!org || !values.csv) throw new SfError(`Give --target-org and --csv\n${USAGE}`);
    const rows = readRows(values.csv);
    console.log(`• Checking ${rows.length} agent(s) against the users of ${org}`);
    const plan = planExtensions(rows, orgUsers(org, rows));
    const counts = report(plan);
    if (counts.error > 0) throw new SfError('Nothing was changed: fix the rows marked ERROR and run again.');
    if (values['dry-run']) {
        console.log('Dry run: nothing was changed.');
        return;
    }
    if (counts.replace > 0 && !values.yes)
        throw new SfError(
            'Nothing was changed: the users marked REPLACE have another extension. Run again with --yes to replace it.'
        );
    if (counts.set + counts.replace === 0) {
        console.log('Every agent already has this extension: nothing to change.');
        return;
    }
    console.log(`• Setting ${EXTENSION_FIELD} in ${org}`);
    write(org, plan);
}

if (isMain(import.meta.url)) main(() => fillExtensions(process.argv.slice(2)));
