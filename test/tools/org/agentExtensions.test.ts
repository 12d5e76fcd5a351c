// npm run callcenter:extensions against a stand-in CLI whose org holds a few users (FAKE_SF_USERS):
// every row of the roll-out CSV is checked and reported, nothing is written while one is wrong or in
// a dry run, an extension already set is replaced only with --yes, and what the org refuses is named.
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { fillExtensions } from '../../../scripts/agent-extensions';
import { FAKE_SF, ROOT as root, runInProcess, sfCalls, type ScriptOutcome } from './scriptRun';

jest.setTimeout(60_000);

const run = promisify(execFile);
const temp = mkdtempSync(join(tmpdir(), 'agent-extensions-'));
afterAll(() => rmSync(temp, { recursive: true, force: true }));

const ORG_USERS = [
    {
        Id: '005A',
        Username: 'alice@acme.example',
        Email: 'alice@example.com',
        IsActive: true,
        MiVoice_Extension__c: null
    },
    {
        Id: '005B',
        Username: 'bob@acme.example',
        Email: 'Bob@Example.com',
        IsActive: true,
        MiVoice_Extension__c: '2009'
    },
    {
        Id: '005C',
        Username: 'carol@acme.example',
        Email: 'carol@example.com',
        IsActive: true,
        MiVoice_Extension__c: '2003'
    },
    {
        Id: '005D',
        Username: 'dan@acme.example',
        Email: 'dan@example.com',
        IsActive: false,
        MiVoice_Extension__c: null
    },
    {
        Id: '005E',
        Username: 'eve.1@acme.example',
        Email: 'eve@example.com',
        IsActive: true,
        MiVoice_Extension__c: null
    },
    {
        Id: '005F',
        Username: 'eve.2@acme.example',
        Email: 'eve@example.com',
        IsActive: true,
        MiVoice_Extension__c: null
    },
    {
        Id: '005G',
        Username: 'old.desk@acme.example',
        Email: 'old@example.com',
        IsActive: false,
        MiVoice_Extension__c: '2005'
    }
];

let runs = 0;

async function fill(csv: string, args: string[], options: { own?: boolean; fail?: string } = {}) {
    runs += 1;
    const log = join(temp, `sf-${runs}.log`);
    const users = join(temp, `users-${runs}.json`);
    const file = join(temp, `agents-${runs}.csv`);
    writeFileSync(users, JSON.stringify(ORG_USERS));
    writeFileSync(file, csv);
    const env: Record<string, string> = { SF_BIN: FAKE_SF, FAKE_SF_LOG: log, FAKE_SF_USERS: users };
    if (options.fail) env.FAKE_SF_FAIL = options.fail;
    const argv = ['--target-org', 'demo', '--csv', file, ...args];
    const outcome: ScriptOutcome = options.own
        ? await ownProcess(argv, env)
        : await runInProcess(() => fillExtensions(argv), env);
    const extensions = Object.fromEntries(
        (JSON.parse(readFileSync(users, 'utf8')) as typeof ORG_USERS).map((user) => [
            user.Id,
            user.MiVoice_Extension__c
        ])
    );
    const updates = sfCalls(log).filter((call) => call.slice(0, 3).join(' ') === 'data update record');
    return { ...outcome, extensions, updates };
}

async function ownProcess(args: string[], env: Record<string, string>): Promise<ScriptOutcome> {
    try {
        const result = await run(
            process.execPath,
            [join(root, 'node_modules/tsx/dist/cli.mjs'), 'scripts/agent-extensions.ts', ...args],
            { cwd: root, env: { ...process.env, ...env } }
        );
        return { code: 0, ...result };
    } catch (error) {
        const failed = error as { code: number; stdout: string; stderr: string };
        return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
    }
}

describe('npm run callcenter:extensions (a stand-in CLI)', () => {
    it('sets each agent extension from the CSV, matching the email without regard to case (run as npm runs it)', async () => {
        const outcome = await fill('email,extension\nalice@example.com,2001\nbob@example.com,2009\n', [], {
            own: true
        });
        expect(outcome.stderr).toBe('');
        expect(outcome.code).toBe(0);
        expect(outcome.stdout).toContain('  set        line 2  alice@example.com  2001');
        expect(outcome.stdout).toContain('  unchanged  line 3  bob@example.com  2009');
        expect(outcome.stdout).toContain('2 agent(s): 1 to set, 0 to replace, 1 unchanged, 0 with errors');
        expect(outcome.updates).toEqual([
            expect.arrayContaining([
                '--sobject',
                'User',
                '--record-id',
                '005A',
                '--values',
                'MiVoice_Extension__c=2001'
            ])
        ]);
        expect(outcome.extensions).toMatchObject({ '005A': '2001', '005B': '2009' });
    });

    it('in a dry run checks every row against the org, reports, and changes nothing', async () => {
        const outcome = await fill(
            'email,extension\r\nalice@example.com,2001\r\ncarol@example.com,2002\r\n',
            ['--dry-run']
        );
        expect(outcome.code).toBe(0);
        expect(outcome.stdout).toContain('  set        line 2  alice@example.com  2001');
        expect(outcome.stdout).toContain('  REPLACE    line 3  carol@example.com  2002 (was 2003)');
        expect(outcome.stdout).toContain('Dry run: nothing was changed.');
        expect(outcome.updates).toEqual([]);
    });

    it('names every row the org cannot take, and writes nothing at all', async () => {
        const csv = [
            'email,extension',
            'alice@example.com,2001',
            'nobody@example.com,2010',
            'dan@example.com,2011',
            'eve@example.com,2012',
            'bob@example.com,2003',
            'carol@example.com,2005'
        ].join('\n');
        const outcome = await fill(csv, ['--yes']);
        expect(outcome.code).toBe(1);
        expect(outcome.stdout).toContain(
            'line 3  nobody@example.com  2010: no user in the org has this email'
        );
        expect(outcome.stdout).toContain(
            'line 4  dan@example.com  2011: the user dan@acme.example is inactive'
        );
        expect(outcome.stdout).toContain(
            'line 5  eve@example.com  2012: 2 users have this email (eve.1@acme.example, eve.2@acme.example)'
        );
        expect(outcome.stdout).toContain(
            'line 6  bob@example.com  2003: extension 2003 is already the MiVoice Extension of carol@acme.example'
        );
        // An inactive user keeps the extension until an admin clears it.
        expect(outcome.stdout).toContain(
            'line 7  carol@example.com  2005: extension 2005 is already the MiVoice Extension of old.desk@acme.example'
        );
        expect(outcome.stderr).toContain('Nothing was changed: fix the rows marked ERROR');
        expect(outcome.updates).toEqual([]);
    });

    it('refuses a file whose rows are not email,extension, naming each line, before asking the org', async () => {
        const csv =
            'email,extension\nalice@example.com,20 01\nnot-an-email,2002\nbob@example.com\nalice@example.com,2004\ncarol@example.com,2004\n';
        const outcome = await fill(csv, []);
        expect(outcome.code).toBe(1);
        expect(outcome.stderr).toContain('line 2: "20 01" is not an extension (1 to 8 digits)');
        expect(outcome.stderr).toContain('line 3: "not-an-email" is not an email address');
        expect(outcome.stderr).toContain('line 4: needs exactly two fields: email,extension');
        expect(outcome.stderr).toContain('line 5: alice@example.com is listed on line 2 too');
        expect(outcome.stderr).toContain('line 6: extension 2004 is given on line 5 too');
        expect(outcome.stdout).not.toContain('Checking');
        expect(outcome.updates).toEqual([]);
    });

    it('refuses a file without the header', async () => {
        const outcome = await fill('alice@example.com,2001\n', []);
        expect(outcome.code).toBe(1);
        expect(outcome.stderr).toContain('line 1: the first line must be the header email,extension');
    });

    it('replaces an extension already set only with --yes', async () => {
        const csv = 'extension,email\n2002,carol@example.com\n';
        const refused = await fill(csv, []);
        expect(refused.code).toBe(1);
        expect(refused.stderr).toContain('Run again with --yes');
        expect(refused.updates).toEqual([]);
        const replaced = await fill(csv, ['--yes']);
        expect(replaced.code).toBe(0);
        expect(replaced.extensions['005C']).toBe('2002');
    });

    it('names an update the org refuses and makes the others', async () => {
        const outcome = await fill(
            'email,extension\nalice@example.com,2001\nbob@example.com,2002\n',
            ['--yes'],
            {
                fail: 'data update record --sobject User --record-id 005A'
            }
        );
        expect(outcome.code).toBe(1);
        expect(outcome.stderr).toContain('line 2 alice@example.com: The stand-in org refused this.');
        expect(outcome.extensions).toMatchObject({ '005A': null, '005B': '2002' });
        expect(outcome.stdout).toContain('Updated 1 user(s).');
    });

    it('asks for what it needs', async () => {
        const outcome = await runInProcess(() => fillExtensions(['--target-org', 'demo']), {});
        expect(outcome.code).toBe(1);
        expect(outcome.stderr).toContain('Give --target-org and --csv');
    });
});
