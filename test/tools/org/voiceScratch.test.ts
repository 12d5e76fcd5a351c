// `npm run org:scratch -- --voice` runs for real up to the point where an org is needed: with no
// Dev Hub it stops at once saying what to run; with a stand-in CLI it creates a Voice org and
// deploys the connector's org-specific metadata for that org's My Domain. The script's entry runs in
// this process with the build recorded (test/tools/org/scriptRun.ts; orgScripts.test.ts runs a real
// build); the contact center generator it calls runs for real.
import {
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
import { scratchOrg } from '../../../scripts/org/scratch.mjs';
import { ROOT as root, sfCalls, withStandInCli } from './scriptRun';

jest.setTimeout(60_000);

const temp = mkdtempSync(join(tmpdir(), 'voice-scratch-'));
afterAll(() => rmSync(temp, { recursive: true, force: true }));

/** org:scratch in this process against the stand-in CLI, the build recorded. */
const scratch = (args: string[], log: string, env?: Record<string, string>) =>
    withStandInCli((options) => scratchOrg(args, options), log, env);

function filesUnder(dir: string, prefix = ''): Map<string, string> {
    const files = new Map<string, string>();
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
        const path = join(dir, entry.name);
        if (entry.isDirectory())
            for (const [name, text] of filesUnder(path, `${prefix}${entry.name}/`)) files.set(name, text);
        else files.set(`${prefix}${entry.name}`, readFileSync(path, 'utf8'));
    }
    return files;
}

it('stops at once without a Dev Hub and says what to run first', async () => {
    const log = join(temp, 'nohub.log');
    const outcome = await scratch(['--voice'], log, { FAKE_SF_NO_DEV_HUB: '1' });
    expect(outcome.code).toBe(1);
    expect(outcome.stderr).toContain('npx sf org login web --set-default-dev-hub --alias devhub');
    // Before any build: a missing Dev Hub costs nothing.
    expect(outcome.stdout).not.toContain('Building');
    expect(outcome.builds).toEqual([]);
    expect(sfCalls(log)).toEqual([['config', 'get', 'target-dev-hub']]);
});

it('creates a Voice org, assigns the connector permission set and deploys the vendor info and this org’s SCRT Named Credential', async () => {
    const log = join(temp, 'sf.log');
    const outcome = await scratch(['--voice', '--alias', 'voice'], log);
    expect(outcome.stderr).toBe('');
    expect(outcome.code).toBe(0);
    expect(outcome.builds).toEqual([{ root, afterCalls: 2 }]);
    const calls = sfCalls(log);
    expect(calls.map((args) => args.slice(0, 3).join(' '))).toEqual([
        'config get target-dev-hub',
        'org display --target-org',
        'org create scratch',
        'project deploy start',
        'org assign permset',
        'org display --target-org',
        'org assign permset',
        'project convert source',
        'project deploy start',
        'org open --target-org'
    ]);
    const definition = calls[2][calls[2].indexOf('--definition-file') + 1];
    expect(definition).toBe('config/project-scratch-def-voice.json');
    const features = (JSON.parse(readFileSync(join(root, definition), 'utf8')) as { features: string[] })
        .features;
    expect(features.some((feature) => feature.startsWith('ServiceCloudVoicePartnerTelephony'))).toBe(true);
    expect(calls[6]).toEqual(expect.arrayContaining(['--name', 'Voice_Connector_User']));

    expect(existsSync(`${log}.converted-1`)).toBe(true);
    const deployed = filesUnder(`${log}.converted-1`);
    const vendor = deployed.get(
        'ConversationVendorInformation/MiVoiceSuite.ConversationVendorInformation-meta.xml'
    );
    expect(vendor).toContain('<connectorUrl>/apex/MiVoiceVoiceConnector</connectorUrl>');
    const credential = deployed.get('namedCredentials/MiVoice_SCRT.namedCredential-meta.xml') ?? '';
    expect(credential).toContain(
        '<endpoint>https://site-dream-1234-dev-ed.scratch.my.salesforce-scrt.com</endpoint>'
    );
    expect(validateMetadataXml(credential, 'NamedCredential')).toEqual([]);
    // What only a person can do, with the contact center file to import.
    expect(outcome.stdout).toContain('Import config/MiVoiceVoice-contactcenter.xml');
    expect(outcome.stdout).toContain('MiVoice Voice Settings');
});

describe('the VoiceConnector static resource is a build output the deploy checks', () => {
    const voiceBundle = 'force-app/main/default/staticresources/VoiceConnector.js';
    const coreBundle = 'force-app/main/default/staticresources/SoftphoneCore.js';

    function tree(files: Record<string, number>): string {
        const dir = mkdtempSync(join(temp, 'tree-'));
        for (const [path, seconds] of Object.entries(files)) {
            mkdirSync(dirname(join(dir, path)), { recursive: true });
            writeFileSync(join(dir, path), '');
            utimesSync(join(dir, path), seconds, seconds);
        }
        return dir;
    }

    it('is missing', () => {
        const dir = tree({ 'src/core/main.ts': 100, 'src/voice/main.ts': 100, [coreBundle]: 200 });
        expect(buildOutputProblems(dir)).toEqual([`${voiceBundle} is missing (bundled from src/voice)`]);
    });

    it('is older than a core source it bundles', () => {
        const dir = tree({
            'src/core/main.ts': 100,
            'src/core/suite/client.ts': 300,
            'src/voice/main.ts': 100,
            [coreBundle]: 400,
            [voiceBundle]: 200
        });
        expect(buildOutputProblems(dir)).toEqual([`${voiceBundle} is older than src/core/suite/client.ts`]);
    });

    it('is fresh', () => {
        const dir = tree({
            'src/core/main.ts': 100,
            'src/voice/main.ts': 100,
            [coreBundle]: 200,
            [voiceBundle]: 200
        });
        expect(buildOutputProblems(dir)).toEqual([]);
    });
});
