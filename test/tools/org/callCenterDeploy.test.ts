// npm run callcenter:deploy against a stand-in CLI: what the org already holds is read first, kept
// unless a flag changes it, and replaced only when the admin confirms; nothing comes from a project file.
// The script's entry runs in this process (test/tools/org/scriptRun.ts), no terminal attached; the
// first case runs it through tsx as npm does.
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { deployCallCenter } from '../../../scripts/callcenter-deploy';
import { callCenterItems } from '../../../scripts/callcenter/callCenterXml';
import { renderCallCenterMetadata } from '../../../src/core/telephony/settings/callCenterFiles';
import { FAKE_SF, ROOT as root, runInProcess, sfCalls, type ScriptOutcome } from './scriptRun';

jest.setTimeout(60_000);

const run = promisify(execFile);
const temp = mkdtempSync(join(tmpdir(), 'callcenter-deploy-'));
// The adapter URL the stand-in CLI's org (a scratch org) gets.
const ORG_ADAPTER_URL = 'https://site-dream-1234-dev-ed--c.scratch.vf.force.com/apex/MiVoiceSoftphone';

afterAll(() => rmSync(temp, { recursive: true, force: true }));

let runs = 0;

/** `npm run callcenter:deploy -- <args>` in its own process, through tsx. */
async function ownProcess(args: string[], env: Record<string, string>): Promise<ScriptOutcome> {
    try {
        const result = await run(
            process.execPath,
            [join(root, 'node_modules/tsx/dist/cli.mjs'), 'scripts/callcenter-deploy.ts', ...args],
            { cwd: root, env: { ...process.env, ...env } }
        );
        return { code: 0, ...result };
    } catch (error) {
        const failed = error as { code: number; stdout: string; stderr: string };
        return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
    }
}

/**
 * Runs the script with the stand-in CLI (in this process unless `how` says otherwise); `orgHolds`
 * is the org's call center, if it has one.
 */
async function deploy(
    args: string[],
    orgHolds?: Record<string, string>,
    how: 'in-process' | 'own process' = 'in-process'
) {
    runs += 1;
    const log = join(temp, `sf-${runs}.log`);
    const env: Record<string, string> = { SF_BIN: FAKE_SF, FAKE_SF_LOG: log };
    if (orgHolds) {
        const file = join(temp, `org-${runs}.xml`);
        writeFileSync(file, renderCallCenterMetadata({ adapterUrl: ORG_ADAPTER_URL, values: orgHolds }));
        env.FAKE_SF_CALLCENTER = file;
    }
    const outcome =
        how === 'own process'
            ? await ownProcess(args, env)
            : await runInProcess(() => deployCallCenter(args), env);
    const fullCalls = sfCalls(log);
    const calls = fullCalls.map((args) => args.slice(0, 3).join(' '));
    const converted = `${log}.converted.xml`;
    const deployed = existsSync(converted) ? callCenterItems(readFileSync(converted, 'utf8')) : undefined;
    const value = (name: string) => deployed?.get(name)?.value;
    return { ...outcome, calls, fullCalls, deployed, value };
}

const SET_IN_SETUP = {
    suiteHost: 'pbx.acme.example',
    suitePort: '8205',
    apiKey: 'key-from-setup',
    reqOutsidePrefix: '9',
    screenPopMode: 'ringing'
};

describe('npm run callcenter:deploy (a stand-in CLI)', () => {
    it('creates the call center of an org that has none, with the org’s adapter URL and the Suite given (run as npm runs it)', async () => {
        const outcome = await deploy(
            [
                '--target-org',
                'demo',
                '--suite-host',
                'suite.example.com',
                '--api-key',
                'secret-key-1',
                '--wait',
                '7'
            ],
            undefined,
            'own process'
        );
        expect(outcome.stderr).toBe('');
        expect(outcome.code).toBe(0);
        expect(outcome.calls).toEqual([
            'org display --target-org',
            'project retrieve start',
            'project convert source',
            'project deploy start'
        ]);
        expect(outcome.fullCalls.at(-1)).toEqual(
            expect.arrayContaining(['--target-org', 'demo', '--wait', '7'])
        );
        expect(outcome.value('reqAdapterUrl')).toBe(ORG_ADAPTER_URL);
        expect(outcome.value('suiteHost')).toBe('suite.example.com');
        expect(outcome.value('suitePort')).toBe('8204');
        expect(outcome.value('apiKey')).toBe('secret-key-1');
        expect(outcome.stdout).not.toContain('secret-key-1');
    });

    it('keeps what the org holds when no flag changes it', async () => {
        const outcome = await deploy(['--target-org', 'demo', '--port', '8205'], SET_IN_SETUP);
        expect(outcome.code).toBe(0);
        expect(outcome.stdout).toContain('nothing to deploy');
        expect(outcome.calls).not.toContain('project deploy start');
    });

    it('keeps the org’s other values when one is added', async () => {
        const { apiKey: _unset, ...withoutKey } = SET_IN_SETUP;
        const outcome = await deploy(['--target-org', 'demo', '--api-key', 'new-key'], withoutKey);
        expect(outcome.code).toBe(0);
        expect(outcome.stdout).not.toContain('REPLACE');
        expect(outcome.value('apiKey')).toBe('new-key');
        expect(outcome.value('suiteHost')).toBe('pbx.acme.example');
        expect(outcome.value('suitePort')).toBe('8205');
        expect(outcome.value('reqOutsidePrefix')).toBe('9');
        expect(outcome.value('screenPopMode')).toBe('ringing');
    });

    it('refuses to replace a value set in the org without --yes, naming it, and deploys nothing', async () => {
        const outcome = await deploy(
            ['--target-org', 'demo', '--suite-host', 'suite.example.com'],
            SET_IN_SETUP
        );
        expect(outcome.code).toBe(1);
        expect(outcome.stdout).toContain('REPLACE  Suite Host: "pbx.acme.example" → "suite.example.com"');
        expect(outcome.stderr).toContain('Nothing was deployed');
        expect(outcome.stderr).toContain('--yes');
        expect(outcome.calls).not.toContain('project deploy start');
    });

    it('replaces it with --yes, still saying so, and hides both keys', async () => {
        const outcome = await deploy(
            [
                '--target-org',
                'demo',
                '--suite-host',
                'suite.example.com',
                '--api-key',
                'rotated-key',
                '--yes'
            ],
            SET_IN_SETUP
        );
        expect(outcome.code).toBe(0);
        expect(outcome.stdout).toContain('REPLACE  Suite Host: "pbx.acme.example" → "suite.example.com"');
        expect(outcome.stdout).toContain('REPLACE  API Key');
        expect(outcome.stdout).not.toMatch(/key-from-setup|rotated-key/);
        expect(outcome.value('suiteHost')).toBe('suite.example.com');
        expect(outcome.value('apiKey')).toBe('rotated-key');
        expect(outcome.value('reqOutsidePrefix')).toBe('9');
    });

    it('stops, deploying nothing, when no API key is given, none is in the org and there is no terminal to ask', async () => {
        const outcome = await deploy(['--target-org', 'demo', '--suite-host', 'suite.example.com']);
        expect(outcome.code).toBe(1);
        expect(outcome.stderr).toContain('No API key to deploy: give --api-key');
        expect(outcome.calls).not.toContain('project deploy start');
    });

    it('asks for a new key with --ask-api-key even when the org has one, and stops without a terminal', async () => {
        const outcome = await deploy(['--target-org', 'demo', '--ask-api-key'], SET_IN_SETUP);
        expect(outcome.code).toBe(1);
        expect(outcome.stderr).toContain('No API key to deploy');
        expect(outcome.calls).not.toContain('project deploy start');
    });

    it.each([
        [
            ['--suite-host', 'https://suite.example.com'],
            '--suite-host "https://suite.example.com" is not a host name'
        ],
        [['--port', '82044'], '--port "82044" is not a port number'],
        [['--api-key', 'two words'], '--api-key "two words" contains spaces']
    ])('refuses %p before it asks the org anything', async (flags, message) => {
        const outcome = await deploy(['--target-org', 'demo', ...flags]);
        expect(outcome.code).toBe(1);
        expect(outcome.stderr).toContain(message);
        expect(outcome.calls).toEqual([]);
    });

    it('asks for --target-org, and prints its usage with --help', async () => {
        const missing = await deploy(['--suite-host', 'suite.example.com']);
        expect(missing.code).toBe(1);
        expect(missing.stderr).toContain('Give --target-org');
        const help = await deploy(['--help']);
        expect(help.code).toBe(0);
        expect(help.stdout).toContain('Usage: npm run callcenter:deploy');
        expect(help.calls).toEqual([]);
    });
});
