// npm run callcenter:deploy -- --target-org ALIAS --suite-host HOST [--port N] [--api-key KEY] [--yes]
// Deploys the MiVoice Softphone call center to one org with this org's adapter URL and the given Suite.
// It reads the org's call center first: values not given are kept, and a value already set in the org
// is replaced only after the change is shown and confirmed (a prompt, or --yes).
import { mkdtempSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { CALL_CENTER_NAME } from '../src/core/telephony/settings/callCenterFiles';
import { SETTINGS } from '../src/core/telephony/settings/schema';
import { findCallCenterFile, readCallCenterItems, type CallCenterItem } from './callcenter/callCenterXml';
import { describeChange, planCallCenter } from './callcenter/plan';
import { ask, askSecret, interactive } from './callcenter/prompt';
import { isMain, main, ROOT, sf, SfError } from './org/sf.mjs';
import { adapterUrl } from './org/visualforce.mjs';

const USAGE = `Usage: npm run callcenter:deploy -- --target-org ALIAS [options]
  Deploys the MiVoice Softphone call center to the org, with the org's own adapter URL.
  --target-org ALIAS   the org (authorise it first: npx sf org login web --alias ALIAS)
  --suite-host HOST    the Suite's DNS name as on its certificate (asked for when missing and not in the org)
  --port N             the Suite's port (default: the org's value, else 8204)
  --api-key KEY        the Suite's API key (asked for without echo when missing and not in the org;
                       a key on the command line stays in your shell history)
  --ask-api-key        ask for the API key without echo even though the org has one (to rotate it)
  --yes                replace values already set in the org without asking (they are still listed)
  --wait MINUTES       how long to wait for the deploy (default 15)
  --help
  Values not given are kept from the org's call center; nothing is read from a file in this project.`;

const FLAG_ITEMS = { 'suite-host': 'suiteHost', port: 'suitePort', 'api-key': 'apiKey' } as const;
type ValueFlag = keyof typeof FLAG_ITEMS;

function parse(args: string[]) {
    try {
        return parseArgs({
            args,
            options: {
                'target-org': { type: 'string' },
                'suite-host': { type: 'string' },
                port: { type: 'string' },
                'api-key': { type: 'string' },
                'ask-api-key': { type: 'boolean', default: false },
                yes: { type: 'boolean', default: false },
                wait: { type: 'string', default: '15' },
                help: { type: 'boolean', short: 'h', default: false }
            }
        }).values;
    } catch (error) {
        throw new SfError(`${(error as Error).message}\n${USAGE}`);
    }
}

/** The value as the softphone will read it, or a sentence saying what is wrong with it. */
function checked(flag: string, item: string, raw: string): string {
    const setting = SETTINGS.find((candidate) => candidate.name === item);
    if (!setting) throw new Error(`no setting ${item}`);
    const outcome = setting.parse(raw);
    if ('problem' in outcome) {
        const reasons: Record<string, string> = {
            settingMissing: 'is empty',
            settingNotHost:
                'is not a host name (the DNS name on the certificate, without https:// or a port)',
            settingNotPort: 'is not a port number from 1 to 65535',
            settingHasSpaces: 'contains spaces',
            settingTooLong: 'is too long'
        };
        throw new SfError(
            `--${flag} "${raw}" ${reasons[outcome.problem.code] ?? `is invalid (${outcome.problem.code})`}.`
        );
    }
    return raw.trim();
}

function projectNamespace(): string {
    const project = JSON.parse(readFileSync(join(ROOT, 'sfdx-project.json'), 'utf8')) as {
        namespace?: string;
    };
    return project.namespace ?? '';
}

const NOT_IN_ORG = /cannot be found|not found|No source-backed components|nothing to retrieve/i;

/** The org's call center items, or undefined when it has none. */
function retrieveExisting(org: string, work: string): Map<string, CallCenterItem> | undefined {
    const dir = join(work, 'retrieved');
    mkdirSync(dir, { recursive: true });
    try {
        sf([
            'project',
            'retrieve',
            'start',
            '--metadata',
            `CallCenter:${CALL_CENTER_NAME}`,
            '--output-dir',
            dir,
            '--target-org',
            org
        ]);
    } catch (error) {
        if (error instanceof SfError && NOT_IN_ORG.test(error.message)) return undefined;
        throw error;
    }
    const file = findCallCenterFile(dir, CALL_CENTER_NAME);
    return file ? readCallCenterItems(file) : undefined;
}

async function missingValue(flag: ValueFlag, question: string, secret: boolean): Promise<string> {
    if (!interactive()) {
        throw new SfError(
            `No ${flag === 'api-key' ? 'API key' : 'Suite host'} to deploy: give --${flag}, or run this in a terminal to be asked. Nothing was deployed.`
        );
    }
    const answer = secret ? await askSecret(question) : await ask(question);
    return checked(flag, FLAG_ITEMS[flag], answer);
}

/** The whole deploy for the command-line arguments `args`. */
export async function deployCallCenter(args: string[]): Promise<void> {
    const values = parse(args);
    if (values.help) {
        console.log(USAGE);
        return;
    }
    const org = values['target-org'];
    if (!org) throw new SfError(`Give --target-org\n${USAGE}`);
    const requested: Record<string, string> = {};
    for (const flag of Object.keys(FLAG_ITEMS) as ValueFlag[]) {
        const raw = values[flag];
        if (raw !== undefined) requested[FLAG_ITEMS[flag]] = checked(flag, FLAG_ITEMS[flag], raw);
    }
    const display = sf(['org', 'display', '--target-org', org]) as { instanceUrl: string };
    const url = adapterUrl(display.instanceUrl, projectNamespace());
    const work = mkdtempSync(join(tmpdir(), 'mivoice-callcenter-'));
    try {
        console.log(`• Reading the call center ${CALL_CENTER_NAME} of ${org}`);
        const existing = retrieveExisting(org, work);
        console.log(
            existing ? '  found: its values are kept unless given' : '  not in the org yet: creating it'
        );
        const inOrg = (item: string) => existing?.get(item)?.value ?? '';
        if (!requested.suiteHost && !inOrg('suiteHost'))
            requested.suiteHost = await missingValue(
                'suite-host',
                'Suite host (DNS name on its certificate): ',
                false
            );
        if (values['ask-api-key'] && values['api-key'] !== undefined)
            throw new SfError('Give --api-key or --ask-api-key, not both.');
        if (!requested.apiKey && (values['ask-api-key'] || !inOrg('apiKey')))
            requested.apiKey = await missingValue('api-key', 'Suite API key (not shown): ', true);
        const plan = planCallCenter({ existing, adapterUrl: url, requested });
        for (const change of plan.additions) console.log(`  set      ${describeChange(change)}`);
        for (const change of plan.overwrites) console.log(`  REPLACE  ${describeChange(change)}`);
        if (plan.overwrites.length > 0 && !values.yes) {
            const confirmed =
                interactive() &&
                /^y(es)?$/i.test(await ask('Replace the values marked REPLACE in the org? [y/N] '));
            if (!confirmed) {
                throw new SfError(
                    'Nothing was deployed: the values marked REPLACE are set in the org. Run again with --yes to replace them, or leave out the flags that change them.'
                );
            }
        }
        if (plan.additions.length === 0 && plan.overwrites.length === 0) {
            console.log('The org already has exactly this call center: nothing to deploy.');
            return;
        }
        const source = join(work, 'unpackaged', 'callCenters');
        mkdirSync(source, { recursive: true });
        writeFileSync(join(source, `${CALL_CENTER_NAME}.callCenter-meta.xml`), plan.metadata);
        const mdapi = join(work, 'mdapi');
        sf(['project', 'convert', 'source', '--root-dir', join(work, 'unpackaged'), '--output-dir', mdapi]);
        console.log(`• Deploying the call center to ${org}`);
        sf([
            'project',
            'deploy',
            'start',
            '--metadata-dir',
            mdapi,
            '--target-org',
            org,
            '--wait',
            values.wait
        ]);
        console.log(
            `Deployed. Adapter URL ${url}; the Suite must allow the origin ${new URL(url).origin} (CORS). Next: add the agents to the call center (docs/admin-guide.md, "Agents and their rights").`
        );
    } finally {
        rmSync(work, { recursive: true, force: true });
    }
}

if (isMain(import.meta.url)) main(() => deployCallCenter(process.argv.slice(2)));
