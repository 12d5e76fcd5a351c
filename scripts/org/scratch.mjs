// npm run org:scratch [-- --alias NAME --days N --app APP --suite-host HOST ...]: a scratch org in one
// command, once a Dev Hub is authorised: build, create it, deploy, assign the permission set, deploy the
// call center with this org's adapter URL, add you to the call center, put the Phone utility in the app,
// optionally point the call center at a Suite, then list what only a person can do and open the org.
import { spawnSync } from 'node:child_process';
import {
    existsSync,
    mkdirSync,
    mkdtempSync,
    readdirSync,
    readFileSync,
    rmSync,
    writeFileSync
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { buildForDeploy } from './buildOutputs.mjs';
import { hasSoftphone, newUtilityBar, utilityBarOf, withSoftphone, withUtilityBar } from './utilityBar.mjs';
import { adapterUrl } from './visualforce.mjs';
import { isMain, main, requireDevHub, ROOT, sf, SfError } from './sf.mjs';
import { deployVoiceMetadata, VOICE_PERMISSION_SET, VOICE_SCRATCH_DEFINITION, voiceTodo } from './voice.mjs';

function step(text) {
    console.log(`• ${text}`);
}

function node(args) {
    const run = spawnSync(process.execPath, args, { cwd: ROOT, stdio: 'inherit' });
    if (run.status !== 0) throw new SfError(`node ${args.join(' ')} failed`);
}

const USAGE = `Usage: npm run org:scratch [-- options]
  Builds, creates a scratch org from the authorised Dev Hub, deploys the package source and the call center,
  assigns the permission set, adds you to the call center and puts the Phone utility in a Lightning app.
  --alias NAME         the scratch org's alias (default mivoice-softphone)
  --days N             how long it lives (default 7)
  --app APP            the Lightning app that gets the Phone utility (default standard__LightningSales)
  --suite-host HOST    also point the call center at this Suite (npm run callcenter:deploy), with
  --port N, --api-key KEY (asked for without echo when left out)
  --voice              a Salesforce Voice (partner telephony) org instead: the Voice scratch feature, the
                       connector's permission set, the ConversationVendorInfo and the SCRT Named Credential
  --help`;

const TSX = join(ROOT, 'node_modules/tsx/dist/cli.mjs');

function retrieve(alias, member, dir) {
    sf(['project', 'retrieve', 'start', '--metadata', member, '--output-dir', dir, '--target-org', alias]);
}

function findFile(dir, name) {
    if (!existsSync(dir)) return undefined;
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
        const path = join(dir, entry.name);
        const found = entry.isDirectory() ? findFile(path, name) : entry.name === name ? path : undefined;
        if (found) return found;
    }
    return undefined;
}

function deploySource(alias, root) {
    const mdapi = `${root}-mdapi`;
    sf(['project', 'convert', 'source', '--root-dir', root, '--output-dir', mdapi]);
    sf(['project', 'deploy', 'start', '--metadata-dir', mdapi, '--target-org', alias, '--wait', '15']);
}

/** Puts the Open CTI softphone in the app's utility bar, creating the bar if the app has none. */
export function addPhoneUtility(alias, app) {
    const work = mkdtempSync(join(tmpdir(), 'mivoice-utility-'));
    try {
        retrieve(alias, `CustomApplication:${app}`, join(work, 'app'));
        const appFile = findFile(join(work, 'app'), `${app}.app-meta.xml`);
        if (!appFile) throw new SfError(`the org has no Lightning app ${app}`);
        const appXml = readFileSync(appFile, 'utf8');
        const bar = utilityBarOf(appXml);
        const out = join(work, 'deploy');
        mkdirSync(join(out, 'flexipages'), { recursive: true });
        if (bar) {
            retrieve(alias, `FlexiPage:${bar}`, join(work, 'bar'));
            const barFile = findFile(join(work, 'bar'), `${bar}.flexipage-meta.xml`);
            if (!barFile) throw new SfError(`the utility bar ${bar} of ${app} could not be retrieved`);
            const barXml = readFileSync(barFile, 'utf8');
            if (hasSoftphone(barXml)) {
                console.log(`  already in ${bar}`);
                return;
            }
            writeFileSync(join(out, 'flexipages', `${bar}.flexipage-meta.xml`), withSoftphone(barXml));
        } else {
            const name = `MiVoice_${app.replace(/^standard__/, '')}_UtilityBar`;
            writeFileSync(
                join(out, 'flexipages', `${name}.flexipage-meta.xml`),
                newUtilityBar(`${app} utility bar`)
            );
            mkdirSync(join(out, 'applications'), { recursive: true });
            writeFileSync(join(out, 'applications', `${app}.app-meta.xml`), withUtilityBar(appXml, name));
        }
        deploySource(alias, out);
    } finally {
        rmSync(work, { recursive: true, force: true });
    }
}

function parse(args) {
    try {
        return parseArgs({
            args,
            options: {
                alias: { type: 'string', default: 'mivoice-softphone' },
                days: { type: 'string', default: '7' },
                app: { type: 'string', default: 'standard__LightningSales' },
                'suite-host': { type: 'string' },
                port: { type: 'string' },
                'api-key': { type: 'string' },
                voice: { type: 'boolean', default: false },
                help: { type: 'boolean', short: 'h', default: false }
            }
        });
    } catch (error) {
        throw new SfError(`${error.message}\n${USAGE}`);
    }
}

/**
 * The whole run for the command-line arguments `args`. `build` makes the build outputs the deploy
 * ships (buildForDeploy by default).
 */
export async function scratchOrg(args, { build = buildForDeploy } = {}) {
    const { values } = parse(args);
    if (values.help) {
        console.log(USAGE);
        return;
    }
    const alias = values.alias;
    const hub = requireDevHub();
    // Before the org exists, so a broken build costs no scratch org.
    step('Building');
    build(ROOT);
    step(`Creating scratch org "${alias}" from Dev Hub "${hub}"`);
    sf([
        'org',
        'create',
        'scratch',
        '--definition-file',
        values.voice ? VOICE_SCRATCH_DEFINITION : 'config/project-scratch-def.json',
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
    // From here on the org exists: a failing step says so, and what to run to carry on by hand.
    let current;
    const stage = (text, byHand) => {
        step(text);
        current = { text, byHand };
    };
    try {
        stage(
            'Deploying the package source',
            `npx sf project deploy start --source-dir force-app --target-org ${alias}`
        );
        sf([
            'project',
            'deploy',
            'start',
            '--source-dir',
            'force-app',
            '--target-org',
            alias,
            '--wait',
            '30'
        ]);
        stage(
            'Assigning the Phone Manager User permission set',
            `npx sf org assign permset --name Phone_Manager_User --target-org ${alias}`
        );
        sf(['org', 'assign', 'permset', '--name', 'Phone_Manager_User', '--target-org', alias]);
        const org = sf(['org', 'display', '--target-org', alias]);
        if (values.voice) {
            stage(
                `Assigning the ${VOICE_PERMISSION_SET} permission set`,
                `npx sf org assign permset --name ${VOICE_PERMISSION_SET} --target-org ${alias}`
            );
            sf(['org', 'assign', 'permset', '--name', VOICE_PERMISSION_SET, '--target-org', alias]);
            stage(
                'Deploying the ConversationVendorInfo and the SCRT Named Credential',
                `npm run generate:contactcenter -- --my-domain ${org.instanceUrl} --out-dir <dir>, then deploy <dir>/unpackaged with unpackaged/ConversationVendorInformation`
            );
            deployVoiceMetadata(alias, org.instanceUrl);
            stage(`Opening the org`, `npx sf org open --target-org ${alias}`);
            sf(['org', 'open', '--target-org', alias, '--path', 'lightning/setup/SetupOneHome/home']);
            const todo = voiceTodo();
            console.log(
                `Scratch org "${alias}" (Salesforce Voice) is ready. Still to do:\n${todo.map((line, n) => `  ${n + 1}. ${line}`).join('\n')}`
            );
            return;
        }
        const namespace = JSON.parse(readFileSync(join(ROOT, 'sfdx-project.json'), 'utf8')).namespace ?? '';
        const url = adapterUrl(org.instanceUrl, namespace);
        stage(
            `Deploying the call center with adapter URL ${url}`,
            `npm run callcenter:deploy -- --target-org ${alias} --suite-host <suite host>`
        );
        const work = mkdtempSync(join(tmpdir(), 'mivoice-callcenter-'));
        try {
            node([TSX, 'scripts/generate-call-center.ts', '--adapter-url', url, '--out-dir', work]);
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
        stage(
            'Adding you to the call center',
            'Setup → Call Centers → MiVoice Softphone → Manage Call Center Users → Add More Users → yourself'
        );
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
        const todo = [];
        stage(
            `Adding the Phone utility to the app ${values.app}`,
            `Setup → App Manager → ${values.app} → Edit → Utility Items (Desktop Only) → Add Utility Item → Open CTI Softphone`
        );
        try {
            addPhoneUtility(alias, values.app);
        } catch (error) {
            if (!(error instanceof SfError)) throw error;
            console.log(`  not done: ${error.message}`);
            todo.push(
                `Add the Phone utility by hand: Setup → App Manager → ${values.app} → Edit → Utility Items (Desktop Only) → Add Utility Item → Open CTI Softphone.`
            );
        }
        if (values['suite-host']) {
            stage(
                `Pointing the call center at the Suite ${values['suite-host']}`,
                `npm run callcenter:deploy -- --target-org ${alias} --suite-host ${values['suite-host']}`
            );
            const passed = ['suite-host', 'port', 'api-key'].flatMap((flag) =>
                values[flag] === undefined ? [] : [`--${flag}`, values[flag]]
            );
            node([TSX, 'scripts/callcenter-deploy.ts', '--target-org', alias, ...passed]);
        } else {
            todo.push(
                `Point the call center at your Suite (asks for the API key): npm run callcenter:deploy -- --target-org ${alias} --suite-host <suite host> [--port 8204]`
            );
        }
        const [me] =
            sf([
                'data',
                'query',
                '--query',
                `SELECT Email FROM User WHERE Id = '${user.id}'`,
                '--target-org',
                alias
            ]).records ?? [];
        todo.push(
            `On the Suite: a user with the email ${me?.Email ?? '<your scratch user’s email>'}, a Phone Manager API licence and a primary extension.`,
            `On the Suite: allow the origin ${new URL(url).origin} (CORS).`
        );
        stage(`Opening the org in ${values.app}`, `npx sf org open --target-org ${alias}`);
        sf(['org', 'open', '--target-org', alias, '--path', `lightning/app/${values.app}`]);
        console.log(
            `Scratch org "${alias}" is ready. Still to do:\n${todo.map((line, n) => `  ${n + 1}. ${line}`).join('\n')}`
        );
    } catch (error) {
        if (!(error instanceof SfError) || !current) throw error;
        throw new SfError(
            `${current.text} failed: ${error.message}\nThe scratch org "${alias}" exists. Next, by hand: ${current.byHand}; then the steps after it (docs/admin-guide.md, "Install").`
        );
    }
}

if (isMain(import.meta.url)) main(() => scratchOrg(process.argv.slice(2)));
