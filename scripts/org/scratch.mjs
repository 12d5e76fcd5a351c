// npm run org:scratch [-- --alias NAME --days N]: a ready-to-use scratch org in one command, once a
// Dev Hub is authorised: build, create it, deploy, assign the permission set, deploy the call center
// with this org's adapter URL, add you to the call center, open the org.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { buildForDeploy } from './buildOutputs.mjs';
import { adapterUrl } from './visualforce.mjs';
import { main, requireDevHub, ROOT, sf, SfError } from './sf.mjs';

function step(text) {
    console.log(`• ${text}`);
}

function node(args) {
    const run = spawnSync(process.execPath, args, { cwd: ROOT, stdio: 'inherit' });
    if (run.status !== 0) throw new SfError(`node ${args.join(' ')} failed`);
}

const USAGE = `Usage: npm run org:scratch [-- --alias NAME --days N]
  Builds, creates a scratch org from the authorised Dev Hub, deploys the package source and the call center,
  assigns the permission set and adds you to the call center. Defaults: --alias mivoice-softphone --days 7.`;

function parse() {
    try {
        return parseArgs({
            options: {
                alias: { type: 'string', default: 'mivoice-softphone' },
                days: { type: 'string', default: '7' },
                help: { type: 'boolean', short: 'h', default: false }
            }
        });
    } catch (error) {
        throw new SfError(`${error.message}\n${USAGE}`);
    }
}

main(() => {
    const { values } = parse();
    if (values.help) {
        console.log(USAGE);
        return;
    }
    const alias = values.alias;
    const hub = requireDevHub();
    // Before the org exists, so a broken build costs no scratch org.
    step('Building');
    buildForDeploy(ROOT);
    step(`Creating scratch org "${alias}" from Dev Hub "${hub}"`);
    sf([
        'org',
        'create',
        'scratch',
        '--definition-file',
        'config/project-scratch-def.json',
        '--alias',
        alias,
        '--set-default',
        '--duration-days',
        values.days,
        '--target-dev-hub',
        hub,
        '--wait',
        '15'
    ]);
    step('Deploying the package source');
    sf(['project', 'deploy', 'start', '--source-dir', 'force-app', '--target-org', alias, '--wait', '30']);
    step('Assigning the Phone Manager User permission set');
    sf(['org', 'assign', 'permset', '--name', 'Phone_Manager_User', '--target-org', alias]);
    const org = sf(['org', 'display', '--target-org', alias]);
    const namespace = JSON.parse(readFileSync(join(ROOT, 'sfdx-project.json'), 'utf8')).namespace ?? '';
    const url = adapterUrl(org.instanceUrl, namespace);
    step(`Deploying the call center with adapter URL ${url}`);
    const work = mkdtempSync(join(tmpdir(), 'mivoice-callcenter-'));
    try {
        node([
            join(ROOT, 'node_modules/tsx/dist/cli.mjs'),
            'scripts/generate-call-center.ts',
            '--adapter-url',
            url,
            '--out-dir',
            work
        ]);
        sf([
            'project',
            'convert',
            'source',
            '--root-dir',
            join(work, 'unpackaged'),
            '--output-dir',
            join(work, 'mdapi')
        ]);
        sf([
            'project',
            'deploy',
            'start',
            '--metadata-dir',
            join(work, 'mdapi'),
            '--target-org',
            alias,
            '--wait',
            '15'
        ]);
    } finally {
        rmSync(work, { recursive: true, force: true });
    }
    step('Adding you to the call center');
    const [callCenter] =
        sf([
            'data',
            'query',
            '--query',
            "SELECT Id FROM CallCenter WHERE InternalName = 'MiVoiceSoftphone'",
            '--target-org',
            alias
        ]).records ?? [];
    if (!callCenter)
        throw new SfError(
            'The call center MiVoiceSoftphone was not found after the deploy: import config/MiVoiceSoftphone-callcenter.xml in Setup → Call Centers.'
        );
    const user = sf(['org', 'display', 'user', '--target-org', alias]);
    sf([
        'data',
        'update',
        'record',
        '--sobject',
        'User',
        '--record-id',
        user.id,
        '--values',
        `CallCenterId=${callCenter.Id}`,
        '--target-org',
        alias
    ]);
    step(
        'Opening the org: add the Phone utility to a Lightning app (App Manager → Utility Items → Open CTI Softphone)'
    );
    sf(['org', 'open', '--target-org', alias, '--path', 'lightning/setup/NavigationMenus/home']);
    console.log(
        `Scratch org "${alias}" is ready. The Suite must allow the origin ${new URL(url).origin} (CORS).`
    );
});
