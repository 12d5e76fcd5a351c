// The org scripts run for real up to the point where an org is needed: with no Dev Hub they stop
// at once saying what to run; with a stand-in CLI they issue the right commands in order.
import { execFile } from 'node:child_process';
import {
    copyFileSync,
    existsSync,
    mkdirSync,
    mkdtempSync,
    readdirSync,
    readFileSync,
    rmSync,
    utimesSync,
    writeFileSync
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { buildOutputProblems } from '../../../scripts/org/buildOutputs.mjs';
import { adapterUrl } from '../../../scripts/org/visualforce.mjs';

// The scratch and version runs build the project for real (tsc and esbuild) on a busy machine.
jest.setTimeout(180_000);

const root = resolve(__dirname, '../../..');
const run = promisify(execFile);
const temp = mkdtempSync(join(tmpdir(), 'org-scripts-'));

const coreBundle = join(root, 'force-app/main/default/staticresources/SoftphoneCore.js');

afterAll(() => rmSync(temp, { recursive: true, force: true }));

/** What the stand-in CLI saw of FAKE_SF_WATCH at each call. */
function watchLog(log: string): { args: string[]; mtimeMs: number | null }[] {
    return readFileSync(`${log}.watch`, 'utf8')
        .trim()
        .split('\n')
        .map((line) => JSON.parse(line) as { args: string[]; mtimeMs: number | null });
}

async function script(file: string, args: string[], env: Record<string, string>, project = root) {
    try {
        const result = await run(process.execPath, [join(project, 'scripts/org', file), ...args], {
            cwd: project,
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
        if (existsSync(coreBundle)) utimesSync(coreBundle, 0, 0);
        const started = Date.now();
        const outcome = await script('scratch.mjs', ['--alias', 'demo'], {
            SF_BIN: join(__dirname, 'fake-sf.cjs'),
            FAKE_SF_LOG: log,
            FAKE_SF_WATCH: coreBundle
        });
        expect(outcome.stderr).toBe('');
        expect(outcome.code).toBe(0);
        const firstDeploy = watchLog(log).find(
            (call) => call.args.slice(0, 3).join(' ') === 'project deploy start'
        );
        expect(firstDeploy?.mtimeMs).toBeGreaterThanOrEqual(started - 2000);
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

function sfCalls(log: string): string[][] {
    if (!existsSync(log)) return [];
    return readFileSync(log, 'utf8')
        .trim()
        .split('\n')
        .map((line) => JSON.parse(line) as string[]);
}

describe('package:version (a stand-in CLI)', () => {
    it('builds before it packages, so the version carries this tree’s core bundle', async () => {
        const bundle = coreBundle;
        if (existsSync(bundle)) utimesSync(bundle, 0, 0);
        const started = Date.now();
        const log = join(temp, 'version.log');
        const outcome = await script('package.mjs', ['version'], {
            SF_BIN: join(__dirname, 'fake-sf.cjs'),
            FAKE_SF_LOG: log,
            FAKE_SF_WATCH: bundle
        });
        expect(outcome.code).toBe(0);
        const packaging = watchLog(log).find(
            (call) => call.args.slice(0, 3).join(' ') === 'package version create'
        );
        expect(packaging?.mtimeMs).toBeGreaterThanOrEqual(started - 2000);
        expect(outcome.stdout).toContain('Created version 04t000000000001');
    });
});

describe('package:install and package:release (a stand-in CLI)', () => {
    const fake = (log: string, extra: Record<string, string> = {}) => ({
        SF_BIN: join(__dirname, 'fake-sf.cjs'),
        FAKE_SF_LOG: log,
        ...extra
    });
    const installCall = (log: string) =>
        sfCalls(log).find((args) => args.slice(0, 2).join(' ') === 'package install');

    it('installs with AdminsOnly unless told otherwise, and says which', async () => {
        const log = join(temp, 'install-default.log');
        const outcome = await script(
            'package.mjs',
            ['install', '--package', '04t000000000001', '--target-org', 'uat'],
            fake(log)
        );
        expect(outcome.code).toBe(0);
        expect(installCall(log)).toEqual(expect.arrayContaining(['--security-type', 'AdminsOnly']));
        expect(outcome.stdout).toContain('security type AdminsOnly');
    });

    it('installs with the security type given', async () => {
        const log = join(temp, 'install-all.log');
        const outcome = await script(
            'package.mjs',
            ['install', '--package', '04t000000000001', '--target-org', 'uat', '--security-type', 'AllUsers'],
            fake(log)
        );
        expect(outcome.code).toBe(0);
        expect(installCall(log)).toEqual(expect.arrayContaining(['--security-type', 'AllUsers']));
    });

    it('refuses an unknown security type before it asks the CLI anything', async () => {
        const log = join(temp, 'install-bad.log');
        const outcome = await script(
            'package.mjs',
            ['install', '--package', '04t000000000001', '--target-org', 'uat', '--security-type', 'Everyone'],
            fake(log)
        );
        expect(outcome.code).toBe(1);
        expect(outcome.stderr).toContain('--security-type must be AdminsOnly or AllUsers');
        expect(sfCalls(log)).toEqual([]);
    });

    it('release stops before building when the Dev Hub has no package, saying to create it', async () => {
        const log = join(temp, 'release-nopackage.log');
        const outcome = await script(
            'package.mjs',
            ['release', '--target-org', 'uat'],
            fake(log, { FAKE_SF_NO_PACKAGE: '1' })
        );
        expect(outcome.code).toBe(1);
        expect(outcome.stderr).toContain('npm run package:create');
        expect(sfCalls(log).map((args) => args.slice(0, 2).join(' '))).not.toContain('package version');
    });

    it('release versions, installs in the test org and stops before promoting, naming the next command', async () => {
        const log = join(temp, 'release.log');
        const outcome = await script('package.mjs', ['release', '--target-org', 'uat'], fake(log));
        expect(outcome.stderr).toBe('');
        expect(outcome.code).toBe(0);
        expect(sfCalls(log).map((args) => args.slice(0, 3).join(' '))).toEqual([
            'config get target-dev-hub',
            'org display --target-org',
            'package list --target-dev-hub',
            'org display --target-org',
            'package version create',
            'package install --package'
        ]);
        expect(installCall(log)).toEqual(
            expect.arrayContaining(['--target-org', 'uat', '--package', '04t000000000001'])
        );
        expect(outcome.stdout).toContain('npm run package:promote -- --package 04t000000000001');
    });

    it('release --promote promotes the version it installed', async () => {
        const log = join(temp, 'release-promote.log');
        const outcome = await script(
            'package.mjs',
            ['release', '--target-org', 'uat', '--promote', '--security-type', 'AllUsers'],
            fake(log)
        );
        expect(outcome.code).toBe(0);
        const calls = sfCalls(log);
        expect(calls.at(-1)).toEqual(
            expect.arrayContaining(['package', 'version', 'promote', '--package', '04t000000000001'])
        );
        expect(installCall(log)).toEqual(expect.arrayContaining(['--security-type', 'AllUsers']));
        expect(outcome.stdout).toContain('Released 04t000000000001');
    });
});

describe('package:create and the namespace (a stand-in CLI, a copy of the project)', () => {
    function projectCopy(name: string): string {
        const dir = join(temp, name);
        mkdirSync(join(dir, 'scripts/org'), { recursive: true });
        for (const file of readdirSync(join(root, 'scripts/org'))) {
            copyFileSync(join(root, 'scripts/org', file), join(dir, 'scripts/org', file));
        }
        copyFileSync(join(root, 'sfdx-project.json'), join(dir, 'sfdx-project.json'));
        return dir;
    }
    const projectNamespace = (dir: string) =>
        (JSON.parse(readFileSync(join(dir, 'sfdx-project.json'), 'utf8')) as { namespace: string }).namespace;

    it('creates the package under the namespace given, and records it where the CLI reads it', async () => {
        const dir = projectCopy('namespaced');
        const log = join(dir, 'sf.log');
        const outcome = await script(
            'package.mjs',
            ['create', '--namespace', 'mvsp'],
            { SF_BIN: join(__dirname, 'fake-sf.cjs'), FAKE_SF_LOG: log },
            dir
        );
        expect(outcome.code).toBe(0);
        const create = sfCalls(log).find((args) => args.slice(0, 2).join(' ') === 'package create');
        expect(create).toEqual(
            expect.arrayContaining(['--name', 'MiVoice Softphone', '--package-type', 'Unlocked'])
        );
        expect(create).not.toContain('--no-namespace');
        expect(projectNamespace(dir)).toBe('mvsp');
        expect(outcome.stdout).toContain('with namespace "mvsp"');
    });

    it('creates it without a namespace when none is given or set', async () => {
        const dir = projectCopy('plain');
        const log = join(dir, 'sf.log');
        const outcome = await script(
            'package.mjs',
            ['create'],
            { SF_BIN: join(__dirname, 'fake-sf.cjs'), FAKE_SF_LOG: log },
            dir
        );
        expect(outcome.code).toBe(0);
        const create = sfCalls(log).find((args) => args.slice(0, 2).join(' ') === 'package create');
        expect(create).toContain('--no-namespace');
        expect(projectNamespace(dir)).toBe('');
    });

    it('refuses a namespace that cannot be a prefix before it asks the CLI anything', async () => {
        const dir = projectCopy('bad-namespace');
        const log = join(dir, 'sf.log');
        const outcome = await script(
            'package.mjs',
            ['create', '--namespace', 'my_ns'],
            { SF_BIN: join(__dirname, 'fake-sf.cjs'), FAKE_SF_LOG: log },
            dir
        );
        expect(outcome.code).toBe(1);
        expect(outcome.stderr).toContain('"my_ns" is not a namespace prefix');
        expect(sfCalls(log)).toEqual([]);
        expect(projectNamespace(dir)).toBe('');
    });
});

describe('--help and wrong options', () => {
    it.each([
        ['package.mjs', 'npm run package:create'],
        ['scratch.mjs', 'npm run org:scratch']
    ])('%s --help prints the usage', async (file, usage) => {
        const outcome = await script(file, ['--help'], { HOME: join(temp, 'home') });
        expect(outcome.code).toBe(0);
        expect(outcome.stdout).toContain(usage);
    });

    it.each([['package.mjs'], ['scratch.mjs']])(
        '%s with an unknown option says so, without a stack trace',
        async (file) => {
            const outcome = await script(file, ['--bogus'], { HOME: join(temp, 'home') });
            expect(outcome.code).toBe(1);
            expect(outcome.stderr).toContain("Unknown option '--bogus'");
            expect(outcome.stderr).toContain('Usage:');
            expect(outcome.stderr).not.toMatch(/^\s+at /m);
        }
    );
});

describe('buildOutputProblems (a small project tree)', () => {
    const lwc = 'force-app/main/default/lwc/panel';
    const bundle = 'force-app/main/default/staticresources/SoftphoneCore.js';

    function tree(files: Record<string, number>): string {
        const dir = mkdtempSync(join(temp, 'tree-'));
        for (const [path, seconds] of Object.entries(files)) {
            mkdirSync(dirname(join(dir, path)), { recursive: true });
            writeFileSync(join(dir, path), '');
            utimesSync(join(dir, path), seconds, seconds);
        }
        return dir;
    }

    it('accepts outputs at least as new as their sources', () => {
        const dir = tree({
            [`${lwc}/panel.ts`]: 100,
            [`${lwc}/panel.js`]: 200,
            [`${lwc}/__tests__/panel.test.ts`]: 300,
            'src/core/main.ts': 100,
            'src/core/__tests__/main.test.ts': 300,
            [bundle]: 200
        });
        expect(buildOutputProblems(dir)).toEqual([]);
    });

    it('names a bundle without its compiled JavaScript', () => {
        const dir = tree({ [`${lwc}/panel.ts`]: 100, 'src/core/main.ts': 100, [bundle]: 200 });
        expect(buildOutputProblems(dir)).toEqual([
            `${lwc}/panel.js is missing (compiled from ${lwc}/panel.ts)`
        ]);
    });

    it('names compiled JavaScript older than its source', () => {
        const dir = tree({
            [`${lwc}/panel.ts`]: 300,
            [`${lwc}/panel.js`]: 200,
            'src/core/main.ts': 100,
            [bundle]: 200
        });
        expect(buildOutputProblems(dir)).toEqual([`${lwc}/panel.js is older than ${lwc}/panel.ts`]);
    });

    it('names a missing static resource', () => {
        const dir = tree({ [`${lwc}/panel.ts`]: 100, [`${lwc}/panel.js`]: 200, 'src/core/main.ts': 100 });
        expect(buildOutputProblems(dir)).toEqual([`${bundle} is missing (bundled from src/core)`]);
    });

    it('names a static resource older than a core source', () => {
        const dir = tree({
            [`${lwc}/panel.ts`]: 100,
            [`${lwc}/panel.js`]: 200,
            'src/core/main.ts': 100,
            'src/core/suite/client.ts': 300,
            [bundle]: 200
        });
        expect(buildOutputProblems(dir)).toEqual([`${bundle} is older than src/core/suite/client.ts`]);
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
