// The org scripts run for real up to the point where an org is needed: with no Dev Hub they stop
// at once saying what to run; with a stand-in CLI they issue the right commands in order. Most cases
// run a script's entry in this process with the build recorded (test/tools/org/scriptRun.ts); one
// run of org:scratch builds for real, in a copy of the project, and runs the scripts it calls; the
// real Salesforce CLI answers once, for the missing Dev Hub.
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
import { dirname, join } from 'node:path';
import { validateMetadataXml } from '../../../scripts/checks/metadataXml.mjs';
import { buildOutputProblems } from '../../../scripts/org/buildOutputs.mjs';
import { packageCommand } from '../../../scripts/org/package.mjs';
import { addPhoneUtility, scratchOrg } from '../../../scripts/org/scratch.mjs';
import { adapterUrl } from '../../../scripts/org/visualforce.mjs';
import {
    buildableCopy,
    FAKE_SF,
    ROOT as root,
    runInProcess,
    runScript,
    sfCalls,
    withStandInCli
} from './scriptRun';
import { tempGitRepo } from '../../support/gitRepo';

// The one real build (tsc and esbuild) runs on a busy machine.
jest.setTimeout(120_000);

const temp = mkdtempSync(join(tmpdir(), 'org-scripts-'));

afterAll(() => rmSync(temp, { recursive: true, force: true }));

/** What the stand-in CLI saw of FAKE_SF_WATCH at each call. */
function watchLog(log: string): { args: string[]; mtimeMs: number | null }[] {
    return readFileSync(`${log}.watch`, 'utf8')
        .trim()
        .split('\n')
        .map((line) => JSON.parse(line) as { args: string[]; mtimeMs: number | null });
}

/** org:scratch and package:* in this process against the stand-in CLI, the build recorded. */
const scratch = (args: string[], log: string, env?: Record<string, string>) =>
    withStandInCli((options) => scratchOrg(args, options), log, env);
/** A git repository of its own for the release's tag, so no test leaves a tag in the project. */
const tags = tempGitRepo();
const tagRepo = tags.dir;
const git = tags.git;
afterAll(() => tags.remove());

const packaging = (args: string[], log: string, env?: Record<string, string>) =>
    withStandInCli((options) => packageCommand(args, { ...options, tagRepo }), log, env);

describe('without a Dev Hub', () => {
    it('org:scratch, with the real Salesforce CLI and no org authorised, stops at once and says what to run first', async () => {
        const outcome = await runScript('scripts/org/scratch.mjs', [], { HOME: join(temp, 'home') });
        expect(outcome.code).toBe(1);
        expect(outcome.stderr).toContain('npx sf org login web --set-default-dev-hub --alias devhub');
        expect(outcome.stdout).not.toContain('Building');
    });

    it.each([['create'], ['version'], ['promote', '--package', '04t000000000009']])(
        'package:%s stops at once, before any build, and says what to run first',
        async (...args) => {
            const log = join(temp, `nohub-${args[0]}.log`);
            const outcome = await packaging(args, log, { FAKE_SF_NO_DEV_HUB: '1' });
            expect(outcome.code).toBe(1);
            expect(outcome.stderr).toContain('npx sf org login web --set-default-dev-hub --alias devhub');
            expect(outcome.builds).toEqual([]);
            expect(sfCalls(log)).toEqual([['config', 'get', 'target-dev-hub']]);
        }
    );
});

const SCRATCH_CALLS = [
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
    'project retrieve start'
];

describe('with a Dev Hub (a stand-in CLI)', () => {
    it('builds, creates, deploys, assigns, deploys the call center with this org’s adapter URL, adds the user, opens the org', async () => {
        const log = join(temp, 'sf.log');
        const outcome = await scratch(['--alias', 'demo'], log);
        expect(outcome.stderr).toBe('');
        expect(outcome.code).toBe(0);
        // Before the org exists, so a broken build costs no scratch org.
        expect(outcome.builds).toEqual([{ root, afterCalls: 2 }]);
        const calls = sfCalls(log);
        expect(calls.map((args) => args.slice(0, 3).join(' '))).toEqual([
            ...SCRATCH_CALLS,
            'data query --query',
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
        // What it could not do, each with the exact next step.
        expect(outcome.stdout).toContain(
            'Add the Phone utility by hand: Setup → App Manager → standard__LightningSales'
        );
        expect(outcome.stdout).toContain(
            'npm run callcenter:deploy -- --target-org demo --suite-host <suite host>'
        );
        expect(outcome.stdout).toContain('a user with the email agent@example.com');
        expect(outcome.stdout).toContain(
            'allow the origin https://site-dream-1234-dev-ed--c.scratch.vf.force.com (CORS)'
        );
    });

    it('run as npm runs it, builds the tree for real before the first deploy, and points the call center at the Suite given without printing its key', async () => {
        const project = buildableCopy(temp);
        const coreBundle = join(project, 'force-app/main/default/staticresources/SoftphoneCore.js');
        if (existsSync(coreBundle)) utimesSync(coreBundle, 0, 0);
        const log = join(temp, 'scratch-suite.log');
        const started = Date.now();
        const outcome = await runScript(
            'scripts/org/scratch.mjs',
            ['--alias', 'demo', '--suite-host', 'suite.example.com', '--api-key', 'scratch-key'],
            { SF_BIN: FAKE_SF, FAKE_SF_LOG: log, FAKE_SF_WATCH: coreBundle },
            project
        );
        expect(outcome.stderr).toBe('');
        expect(outcome.code).toBe(0);
        const firstDeploy = watchLog(log).find(
            (call) => call.args.slice(0, 3).join(' ') === 'project deploy start'
        );
        expect(firstDeploy?.mtimeMs).toBeGreaterThanOrEqual(started - 2000);
        expect(buildOutputProblems(project)).toEqual([]);
        // npm run callcenter:deploy, run by the script, reads the org's call center and deploys it.
        expect(sfCalls(log).map((args) => args.slice(0, 3).join(' '))).toEqual([
            ...SCRATCH_CALLS,
            'org display --target-org',
            'project retrieve start',
            'project convert source',
            'project deploy start',
            'data query --query',
            'org open --target-org'
        ]);
        const deployed = readFileSync(`${log}.converted.xml`, 'utf8');
        expect(deployed).toContain('<value>suite.example.com</value>');
        expect(deployed).toContain('<value>scratch-key</value>');
        expect(outcome.stdout).not.toContain('npm run callcenter:deploy');
        expect(outcome.stdout).not.toContain('scratch-key');
    });
});

describe('org:scratch and the Phone utility (a stand-in CLI whose org holds the app)', () => {
    const APP = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<CustomApplication xmlns="http://soap.sforce.com/2006/04/metadata">',
        '    <formFactors>Large</formFactors>',
        '    <label>Sales</label>',
        '    <navType>Standard</navType>',
        '    <tabs>standard-Account</tabs>',
        '    <uiType>Lightning</uiType>',
        '</CustomApplication>',
        ''
    ].join('\n');
    const BAR = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<FlexiPage xmlns="http://soap.sforce.com/2006/04/metadata">',
        '    <flexiPageRegions>',
        '        <itemInstances>',
        '            <componentInstance>',
        '                <componentName>console:history</componentName>',
        '                <identifier>console_history</identifier>',
        '            </componentInstance>',
        '        </itemInstances>',
        '        <name>utilityItems</name>',
        '        <type>Region</type>',
        '    </flexiPageRegions>',
        '    <masterLabel>Sales UtilityBar</masterLabel>',
        '    <template>',
        '        <name>one:utilityBarTemplateDesktop</name>',
        '    </template>',
        '    <type>UtilityBar</type>',
        '</FlexiPage>',
        ''
    ].join('\n');

    function orgHolding(name: string, files: Record<string, string>): string {
        const dir = join(temp, name);
        for (const [path, content] of Object.entries(files)) {
            mkdirSync(dirname(join(dir, path)), { recursive: true });
            writeFileSync(join(dir, path), content);
        }
        return dir;
    }

    /** The files a convert was given, by path, across every convert of the run. */
    function converted(log: string): Map<string, string> {
        const files = new Map<string, string>();
        for (let n = 1; existsSync(`${log}.converted-${n}`); n += 1) {
            const walk = (dir: string, prefix: string) => {
                for (const entry of readdirSync(dir, { withFileTypes: true })) {
                    const path = join(dir, entry.name);
                    if (entry.isDirectory()) walk(path, `${prefix}${entry.name}/`);
                    else files.set(`${prefix}${entry.name}`, readFileSync(path, 'utf8'));
                }
            };
            walk(`${log}.converted-${n}`, '');
        }
        return files;
    }

    const count = (text: string | undefined, part: string) => (text ?? '').split(part).length - 1;

    /**
     * org:scratch's Phone utility step, in this process, for an org holding `fixtures`. It ends without
     * an SfError (status 0) exactly when org:scratch lists no by-hand step for the utility.
     */
    const addPhone = (log: string, fixtures: string) =>
        runInProcess(() => addPhoneUtility('demo', 'standard__LightningSales'), {
            SF_BIN: FAKE_SF,
            FAKE_SF_LOG: log,
            FAKE_SF_FIXTURES: fixtures
        });

    it('adds the Phone item to the app’s utility bar, keeping the items it has', async () => {
        const log = join(temp, 'utility-existing.log');
        const fixtures = orgHolding('org-with-bar', {
            'applications/standard__LightningSales.app-meta.xml': APP.replace(
                '    <uiType>',
                '    <utilityBar>LightningSales_UtilityBar</utilityBar>\n    <uiType>'
            ),
            'flexipages/LightningSales_UtilityBar.flexipage-meta.xml': BAR
        });
        const outcome = await addPhone(log, fixtures);
        expect(outcome.code).toBe(0);
        const bar = converted(log).get('flexipages/LightningSales_UtilityBar.flexipage-meta.xml');
        expect(count(bar, '<componentName>opencti:softPhone</componentName>')).toBe(1);
        expect(bar).toContain('<componentName>console:history</componentName>');
        expect(count(bar, '<name>utilityItems</name>')).toBe(1);
        expect(converted(log).has('applications/standard__LightningSales.app-meta.xml')).toBe(false);
    });

    it('leaves a utility bar that already has the Phone item as it is', async () => {
        const log = join(temp, 'utility-present.log');
        const withPhone = BAR.replace('console:history', 'opencti:softPhone');
        const fixtures = orgHolding('org-with-phone', {
            'applications/standard__LightningSales.app-meta.xml': APP.replace(
                '    <uiType>',
                '    <utilityBar>LightningSales_UtilityBar</utilityBar>\n    <uiType>'
            ),
            'flexipages/LightningSales_UtilityBar.flexipage-meta.xml': withPhone
        });
        const outcome = await addPhone(log, fixtures);
        expect(outcome.code).toBe(0);
        expect(outcome.stdout).toContain('already in LightningSales_UtilityBar');
        expect([...converted(log).keys()].filter((path) => path.startsWith('flexipages/'))).toEqual([]);
    });

    it('gives an app without a utility bar a new one holding the Phone item', async () => {
        const log = join(temp, 'utility-new.log');
        const fixtures = orgHolding('org-without-bar', {
            'applications/standard__LightningSales.app-meta.xml': APP
        });
        const outcome = await addPhone(log, fixtures);
        expect(outcome.code).toBe(0);
        const files = converted(log);
        const app = files.get('applications/standard__LightningSales.app-meta.xml');
        expect(app).toContain('<utilityBar>MiVoice_LightningSales_UtilityBar</utilityBar>');
        expect(validateMetadataXml(app ?? '', 'CustomApplication')).toEqual([]);
        const bar = files.get('flexipages/MiVoice_LightningSales_UtilityBar.flexipage-meta.xml');
        expect(count(bar, '<componentName>opencti:softPhone</componentName>')).toBe(1);
        expect(bar).toContain('<type>UtilityBar</type>');
    });

    it('stops at a step that fails once the org exists, saying so and what to run by hand', async () => {
        const log = join(temp, 'scratch-fails.log');
        const outcome = await scratch(['--alias', 'demo'], log, { FAKE_SF_FAIL: 'org assign permset' });
        expect(outcome.code).toBe(1);
        expect(outcome.stderr).toContain(
            'Assigning the Phone Manager User permission set failed: The stand-in org refused this.'
        );
        expect(outcome.stderr).toContain(
            'The scratch org "demo" exists. Next, by hand: npx sf org assign permset --name Phone_Manager_User --target-org demo'
        );
        expect(sfCalls(log).map((args) => args.slice(0, 2).join(' '))).not.toContain('org open');
    });

    it('takes the days and the app it is given', async () => {
        const log = join(temp, 'scratch-app.log');
        const outcome = await scratch(
            ['--alias', 'demo', '--days', '3', '--app', 'standard__LightningService'],
            log
        );
        expect(outcome.code).toBe(0);
        const calls = sfCalls(log);
        const create = calls.find((args) => args.slice(0, 3).join(' ') === 'org create scratch');
        expect(create).toEqual(expect.arrayContaining(['--duration-days', '3']));
        expect(calls).toContainEqual(
            expect.arrayContaining(['--metadata', 'CustomApplication:standard__LightningService'])
        );
        expect(calls.at(-1)).toEqual(
            expect.arrayContaining(['--path', 'lightning/app/standard__LightningService'])
        );
    });
});

describe('package:version (a stand-in CLI)', () => {
    it('builds before it packages, so the version carries this tree’s core bundle', async () => {
        const log = join(temp, 'version.log');
        const outcome = await packaging(['version'], log);
        expect(outcome.code).toBe(0);
        expect(sfCalls(log).map((args) => args.slice(0, 3).join(' '))).toEqual([
            'config get target-dev-hub',
            'org display --target-org',
            'package version create'
        ]);
        expect(outcome.builds).toEqual([{ root, afterCalls: 2 }]);
        expect(outcome.stdout).toContain('Created version 04t000000000001');
    });
});

describe('package:install and package:release (a stand-in CLI)', () => {
    afterEach(() => {
        for (const tag of git('tag', '--list').split('\n').filter(Boolean)) git('tag', '-d', tag);
        rmSync(join(tagRepo, 'changed.txt'), { force: true });
    });

    const installCall = (log: string) =>
        sfCalls(log).find((args) => args.slice(0, 2).join(' ') === 'package install');

    it('installs with AdminsOnly unless told otherwise, and says which (run as npm runs it)', async () => {
        const log = join(temp, 'install-default.log');
        const outcome = await runScript(
            'scripts/org/package.mjs',
            ['install', '--package', '04t000000000001', '--target-org', 'uat'],
            { SF_BIN: FAKE_SF, FAKE_SF_LOG: log }
        );
        expect(outcome.code).toBe(0);
        expect(installCall(log)).toEqual(expect.arrayContaining(['--security-type', 'AdminsOnly']));
        expect(outcome.stdout).toContain('security type AdminsOnly');
    });

    it('installs with the security type given', async () => {
        const log = join(temp, 'install-all.log');
        const outcome = await packaging(
            ['install', '--package', '04t000000000001', '--target-org', 'uat', '--security-type', 'AllUsers'],
            log
        );
        expect(outcome.code).toBe(0);
        expect(installCall(log)).toEqual(expect.arrayContaining(['--security-type', 'AllUsers']));
    });

    it('refuses an unknown security type before it asks the CLI anything', async () => {
        const log = join(temp, 'install-bad.log');
        const outcome = await packaging(
            ['install', '--package', '04t000000000001', '--target-org', 'uat', '--security-type', 'Everyone'],
            log
        );
        expect(outcome.code).toBe(1);
        expect(outcome.stderr).toContain('--security-type must be AdminsOnly or AllUsers');
        expect(sfCalls(log)).toEqual([]);
    });

    it('promote promotes the version given, and asks for one when none is', async () => {
        const log = join(temp, 'promote.log');
        const outcome = await packaging(['promote', '--package', '04t000000000009'], log);
        expect(outcome.code).toBe(0);
        expect(sfCalls(log).at(-1)).toEqual(
            expect.arrayContaining(['package', 'version', 'promote', '--package', '04t000000000009'])
        );
        const missing = await packaging(['promote'], join(temp, 'promote-missing.log'));
        expect(missing.code).toBe(1);
        expect(missing.stderr).toContain('Give --package');
    });

    it('release stops before building when the Dev Hub has no package, saying to create it', async () => {
        const log = join(temp, 'release-nopackage.log');
        const outcome = await packaging(['release', '--target-org', 'uat'], log, { FAKE_SF_NO_PACKAGE: '1' });
        expect(outcome.code).toBe(1);
        expect(outcome.builds).toEqual([]);
        expect(outcome.stderr).toContain('npm run package:create');
        expect(sfCalls(log).map((args) => args.slice(0, 2).join(' '))).not.toContain('package version');
    });

    it('release stops when the Dev Hub cannot package, naming the Dev Hub settings', async () => {
        const log = join(temp, 'release-nohub.log');
        const outcome = await packaging(['release', '--target-org', 'uat'], log, {
            FAKE_SF_FAIL: 'package list'
        });
        expect(outcome.code).toBe(1);
        expect(outcome.stderr).toContain('Enable Unlocked Packages and Second-Generation Managed Packages');
        expect(sfCalls(log).map((args) => args.slice(0, 3).join(' '))).not.toContain(
            'package version create'
        );
    });

    it('release versions, installs in the test org and stops before promoting, naming the next command', async () => {
        const log = join(temp, 'release.log');
        const outcome = await packaging(['release', '--target-org', 'uat', '--wait', '5'], log);
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
        // The build and the version take many minutes: both come after every check of the orgs.
        expect(outcome.builds).toEqual([{ root, afterCalls: 4 }]);
        expect(installCall(log)).toEqual(
            expect.arrayContaining(['--target-org', 'uat', '--package', '04t000000000001'])
        );
        expect(outcome.stdout).toContain('npm run package:promote -- --package 04t000000000001');
        const versionCreate = sfCalls(log).find(
            (args) => args.slice(0, 3).join(' ') === 'package version create'
        );
        expect(versionCreate).toEqual(expect.arrayContaining(['--wait', '5']));
        expect(installCall(log)).toEqual(expect.arrayContaining(['--wait', '5']));
    });

    it('release tags package-v<version> once, and refuses to build the same version again', async () => {
        const first = await packaging(['release', '--target-org', 'uat'], join(temp, 'release-tag.log'));
        expect(first.code).toBe(0);
        expect(git('tag', '--list')).toBe('package-v0.1.0');
        expect(first.stdout).toContain('Tagged package-v0.1.0');
        const log = join(temp, 'release-again.log');
        const again = await packaging(['release', '--target-org', 'uat'], log);
        expect(again.code).toBe(1);
        expect(again.stderr).toContain('Refusing to tag package-v0.1.0: the tag exists');
        expect(again.builds).toEqual([]);
        expect(sfCalls(log)).toEqual([]);
    });

    it('release refuses a working tree with changes before it asks the CLI anything', async () => {
        writeFileSync(join(tagRepo, 'changed.txt'), 'not committed');
        const log = join(temp, 'release-dirty.log');
        const outcome = await packaging(['release', '--target-org', 'uat'], log);
        expect(outcome.code).toBe(1);
        expect(outcome.stderr).toContain('the working tree has changes');
        expect(outcome.stderr).toContain('changed.txt');
        expect(sfCalls(log)).toEqual([]);
        expect(git('tag', '--list')).toBe('');
    });

    it('release --promote promotes the version it installed', async () => {
        const log = join(temp, 'release-promote.log');
        const outcome = await packaging(
            ['release', '--target-org', 'uat', '--promote', '--security-type', 'AllUsers'],
            log
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
        // package.mjs tags releases with the shared release-tag script.
        copyFileSync(join(root, 'scripts/release-tag.mjs'), join(dir, 'scripts/release-tag.mjs'));
        return dir;
    }
    const projectNamespace = (dir: string) =>
        (JSON.parse(readFileSync(join(dir, 'sfdx-project.json'), 'utf8')) as { namespace: string }).namespace;

    it('creates the package under the namespace given, and records it where the CLI reads it', async () => {
        const dir = projectCopy('namespaced');
        const log = join(dir, 'sf.log');
        const outcome = await runScript(
            'scripts/org/package.mjs',
            ['create', '--namespace', 'mvsp'],
            { SF_BIN: FAKE_SF, FAKE_SF_LOG: log },
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
        const outcome = await runScript(
            'scripts/org/package.mjs',
            ['create'],
            { SF_BIN: FAKE_SF, FAKE_SF_LOG: log },
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
        const outcome = await runScript(
            'scripts/org/package.mjs',
            ['create', '--namespace', 'my_ns'],
            { SF_BIN: FAKE_SF, FAKE_SF_LOG: log },
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
        const outcome = await runScript(`scripts/org/${file}`, ['--help'], { HOME: join(temp, 'home') });
        expect(outcome.code).toBe(0);
        expect(outcome.stdout).toContain(usage);
    });

    it.each([['package.mjs'], ['scratch.mjs']])(
        '%s with an unknown option says so, without a stack trace',
        async (file) => {
            const outcome = await runScript(`scripts/org/${file}`, ['--bogus'], { HOME: join(temp, 'home') });
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
