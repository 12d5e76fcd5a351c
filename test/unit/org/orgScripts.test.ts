// The org scripts run for real up to the point where an org is needed: with no Dev Hub they stop
// at once saying what to run; with a stand-in CLI they issue the right commands in order.
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { adapterUrl } from '../../../scripts/org/visualforce.mjs';

jest.setTimeout(60_000);

const root = resolve(__dirname, '../../..');
const run = promisify(execFile);
const temp = mkdtempSync(join(tmpdir(), 'org-scripts-'));

afterAll(() => rmSync(temp, { recursive: true, force: true }));

async function script(file: string, args: string[], env: Record<string, string>) {
    try {
        const result = await run(process.execPath, [join(root, 'scripts/org', file), ...args], {
            cwd: root,
            env: { ...process.env, ...env }
        });
        return { code: 0, ...result };
    } catch (error) {
        const failed = error as { code: number; stdout: string; stderr: string };
        return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
    }
}

describe('without a Dev Hub (the real Salesforce CLI, no org authorised)', () => {
    it.each([
        ['scratch.mjs', []],
        ['package.mjs', ['create']],
        ['package.mjs', ['version']]
    ])('%s %s stops at once and says what to run first', async (file, args) => {
        const outcome = await script(file, args, { HOME: join(temp, 'home') });
        expect(outcome.code).toBe(1);
        expect(outcome.stderr).toContain('sf org login web --set-default-dev-hub --alias devhub');
    });
});

describe('with a Dev Hub (a stand-in CLI)', () => {
    it('creates, builds, deploys, assigns, deploys the call center with this org’s adapter URL, adds the user, opens the org', async () => {
        const log = join(temp, 'sf.log');
        const outcome = await script('scratch.mjs', ['--alias', 'demo'], {
            SF_BIN: join(__dirname, 'fake-sf.cjs'),
            FAKE_SF_LOG: log
        });
        expect(outcome.stderr).toBe('');
        expect(outcome.code).toBe(0);
        const calls = readFileSync(log, 'utf8')
            .trim()
            .split('\n')
            .map((line) => JSON.parse(line) as string[]);
        expect(calls.map((args) => args.slice(0, 3).join(' '))).toEqual([
            'config get target-dev-hub',
            'org display --target-org',
            'org create scratch',
            'project deploy start',
            'org assign permset',
            'org display --target-org',
            'project convert source',
            'project deploy start',
            'data query --query',
            'org display user',
            'data update record',
            'org open --target-org'
        ]);
        expect(calls[4]).toEqual(expect.arrayContaining(['--name', 'Phone_Manager_User']));
        expect(calls[10]).toEqual(
            expect.arrayContaining([
                '--record-id',
                '005000000000001',
                '--values',
                'CallCenterId=04v000000000001'
            ])
        );
        expect(outcome.stdout).toContain(
            'https://site-dream-1234-dev-ed--c.scratch.vf.force.com/apex/MiVoiceSoftphone'
        );
    });
});

describe('adapterUrl', () => {
    it.each([
        ['https://acme.my.salesforce.com', '', 'https://acme--c.vf.force.com/apex/MiVoiceSoftphone'],
        [
            'https://acme--uat.sandbox.my.salesforce.com',
            '',
            'https://acme--uat--c.sandbox.vf.force.com/apex/MiVoiceSoftphone'
        ],
        [
            'https://site-dream-1234-dev-ed.scratch.my.salesforce.com',
            '',
            'https://site-dream-1234-dev-ed--c.scratch.vf.force.com/apex/MiVoiceSoftphone'
        ],
        [
            'https://acme.my.salesforce.com',
            'mvsp',
            'https://acme--mvsp.vf.force.com/apex/mvsp__MiVoiceSoftphone'
        ]
    ])('%s (namespace %p) → %s', (instanceUrl, namespace, expected) => {
        expect(adapterUrl(instanceUrl, namespace)).toBe(expected);
    });

    it('refuses a URL that is not a My Domain', () => {
        expect(() => adapterUrl('https://login.salesforce.com')).toThrow(/My Domain/);
    });
});
