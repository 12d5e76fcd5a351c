// The first roll-out's list of agents (email, extension) as changes to each agent's MiVoice Extension
// (the User field SoftphoneAssertion signs into the agent's assertion): every row read and checked
// against what the org holds, and a plan that says, row by row, what would be set, kept or replaced,
// or why the row cannot be used. Nothing here talks to the org; scripts/agent-extensions.ts does.

/** The User field the bridge trusts, and the station form the bridge and the signer accept. */
export const EXTENSION_FIELD = 'MiVoice_Extension__c';
const EXTENSION = /^[0-9]{1,8}$/;
const EMAIL = /^[^\s@,;"]{1,64}@[^\s@,;"]{1,253}$/;
const MAX_ROWS = 10_000;

export interface CsvRow {
    /** The line in the file, for the report. */
    line: number;
    email: string;
    extension: string;
}

export interface CsvProblem {
    line: number;
    message: string;
}

/** A User as the org's query returns it. */
export interface OrgUser {
    Id: string;
    Username: string;
    Email: string;
    IsActive: boolean;
    MiVoice_Extension__c: string | null;
}

export type RowOutcome =
    | { kind: 'set'; user: OrgUser }
    | { kind: 'replace'; user: OrgUser; from: string }
    | { kind: 'unchanged'; user: OrgUser }
    | { kind: 'error'; message: string };

export interface PlannedRow extends CsvRow {
    outcome: RowOutcome;
}

const unquote = (field: string) =>
    field
        .trim()
        .replace(/^"(.*)"$/, '$1')
        .trim();

/**
 * Reads `email,extension` lines after a header naming those two columns (in either order); blank
 * lines are skipped. Every row is checked, so the report names every problem at once.
 */
export function readAgentCsv(text: string): { rows: CsvRow[]; problems: CsvProblem[] } {
    const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
    const header = lines[0]?.split(',').map((field) => unquote(field).toLowerCase()) ?? [];
    const emailAt = header.indexOf('email');
    const extensionAt = header.indexOf('extension');
    if (header.length !== 2 || emailAt === -1 || extensionAt === -1)
        return {
            rows: [],
            problems: [{ line: 1, message: 'the first line must be the header email,extension' }]
        };
    const rows: CsvRow[] = [];
    const problems: CsvProblem[] = [];
    const seenEmails = new Map<string, number>();
    const seenExtensions = new Map<string, number>();
    lines.slice(1).forEach((text, index) => {
        const line = index + 2;
        if (!text.trim()) return;
        const fields = text.split(',').map(unquote);
        if (fields.length !== 2)
            return problems.push({ line, message: 'needs exactly two fields: email,extension' });
        const [email, extension] = [fields[emailAt], fields[extensionAt]];
        const wrong = [
            EMAIL.test(email) ? '' : `"${email}" is not an email address`,
            EXTENSION.test(extension) ? '' : `"${extension}" is not an extension (1 to 8 digits)`,
            seenEmails.has(email.toLowerCase())
                ? `${email} is listed on line ${seenEmails.get(email.toLowerCase())} too`
                : '',
            seenExtensions.has(extension)
                ? `extension ${extension} is given on line ${seenExtensions.get(extension)} too`
                : ''
        ].filter(Boolean);
        seenEmails.set(email.toLowerCase(), seenEmails.get(email.toLowerCase()) ?? line);
        seenExtensions.set(extension, seenExtensions.get(extension) ?? line);
        if (wrong.length > 0) problems.push({ line, message: wrong.join('; ') });
        else rows.push({ line, email, extension });
    });
    if (rows.length + problems.length > MAX_ROWS)
        problems.push({ line: MAX_ROWS + 2, message: `more than ${MAX_ROWS} agents: split the file` });
    if (rows.length + problems.length === 0) problems.push({ line: 2, message: 'the file lists no agent' });
    return { rows, problems };
}

/** What each row would do to the org, given the users with those emails or holding those extensions. */
export function planExtensions(rows: readonly CsvRow[], users: readonly OrgUser[]): PlannedRow[] {
    return rows.map((row) => ({ ...row, outcome: outcomeOf(row, users) }));
}

function outcomeOf(row: CsvRow, users: readonly OrgUser[]): RowOutcome {
    const matching = users.filter((user) => user.Email.toLowerCase() === row.email.toLowerCase());
    if (matching.length === 0) return { kind: 'error', message: 'no user in the org has this email' };
    if (matching.length > 1)
        return {
            kind: 'error',
            message: `${matching.length} users have this email (${matching.map((user) => user.Username).join(', ')}): set it on the right one in Setup`
        };
    const [user] = matching;
    if (!user.IsActive) return { kind: 'error', message: `the user ${user.Username} is inactive` };
    const holder = users.find((other) => other.Id !== user.Id && other[EXTENSION_FIELD] === row.extension);
    if (holder)
        return {
            kind: 'error',
            message: `extension ${row.extension} is already the MiVoice Extension of ${holder.Username}: clear it there first`
        };
    const current = user[EXTENSION_FIELD] ?? '';
    if (current === row.extension) return { kind: 'unchanged', user };
    return current ? { kind: 'replace', user, from: current } : { kind: 'set', user };
}

/** One line per row for the report. */
export function describeRow(row: PlannedRow): string {
    const who = `line ${row.line}  ${row.email}  ${row.extension}`;
    switch (row.outcome.kind) {
        case 'set':
            return `  set        ${who}`;
        case 'replace':
            return `  REPLACE    ${who} (was ${row.outcome.from})`;
        case 'unchanged':
            return `  unchanged  ${who}`;
        case 'error':
            return `  ERROR      ${who}: ${row.outcome.message}`;
    }
}

/** A SOQL string literal: quotes and backslashes escaped, as SOQL wants them. */
export function soqlString(value: string): string {
    return `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
}

/** The query of every user a batch of rows concerns: by email, and holding one of the extensions. */
export function usersQuery(rows: readonly CsvRow[]): string {
    const emails = rows.map((row) => soqlString(row.email)).join(', ');
    const extensions = rows.map((row) => soqlString(row.extension)).join(', ');
    return `SELECT Id, Username, Email, IsActive, ${EXTENSION_FIELD} FROM User WHERE Email IN (${emails}) OR ${EXTENSION_FIELD} IN (${extensions})`;
}
