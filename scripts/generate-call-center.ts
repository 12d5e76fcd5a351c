// Writes the call center files from the settings schema.
//   npm run generate:callcenter                      → the committed files (adapter URL with the MYDOMAIN placeholder)
//   npm run generate:callcenter -- --my-domain https://acme.my.salesforce.com --out-dir <dir>
//   npm run generate:callcenter -- --adapter-url https://acme--c.vf.force.com/apex/MiVoiceSoftphone --out-dir <dir>
//   npm run generate:callcenter -- --check           → fails if the committed files are out of date
import { mkdirSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import {
    CALL_CENTER_NAME,
    MY_DOMAIN_PLACEHOLDER,
    PLACEHOLDER_ADAPTER_URL,
    renderCallCenterDefinition,
    renderCallCenterMetadata
} from '../src/core/telephony/settings/callCenterFiles';
import { adapterUrl } from './org/visualforce.mjs';

const root = resolve(__dirname, '..');

const USAGE = `Usage: npm run generate:callcenter -- [options]
  --my-domain URL      the org's My Domain URL (https://<domain>.my.salesforce.com); gives the adapter URL
  --adapter-url URL    the adapter page's absolute Visualforce URL, if you know it instead
  --standby-url URL    a standby adapter URL (reqStandbyUrl), with --timeout MS (default 10000)
  --out-dir DIR        where to write unpackaged/ and config/ (default: this project)
  --check              fail if the committed files are out of date
  --help`;

function fail(message: string): never {
    console.error(`${message}\n${USAGE}`);
    process.exit(1);
}

function parse() {
    try {
        return parseArgs({
            options: {
                'my-domain': { type: 'string' },
                'adapter-url': { type: 'string' },
                'standby-url': { type: 'string' },
                timeout: { type: 'string' },
                'out-dir': { type: 'string' },
                check: { type: 'boolean', default: false },
                help: { type: 'boolean', short: 'h', default: false }
            }
        }).values;
    } catch (error) {
        return fail((error as Error).message);
    }
}

function namespace(): string {
    const project = JSON.parse(readFileSync(join(root, 'sfdx-project.json'), 'utf8')) as {
        namespace?: string;
    };
    return project.namespace ?? '';
}

const values = parse();
if (values.help) {
    console.log(USAGE);
    process.exit(0);
}
if (values['my-domain'] && values['adapter-url']) fail('Give --my-domain or --adapter-url, not both.');

let url = values['adapter-url'] ?? PLACEHOLDER_ADAPTER_URL;
if (values['my-domain']) {
    try {
        url = adapterUrl(values['my-domain'], namespace());
    } catch (error) {
        fail((error as Error).message);
    }
}
const timeoutMs = values.timeout === undefined ? undefined : Number(values.timeout);
if (timeoutMs !== undefined && !(Number.isInteger(timeoutMs) && timeoutMs > 0)) {
    fail(`--timeout must be a number of milliseconds, got "${values.timeout}"`);
}

const options = { adapterUrl: url, standbyUrl: values['standby-url'], timeoutMs };
const outDir = values['out-dir'] ? resolve(values['out-dir']) : root;
let files: { path: string; content: string }[];
try {
    files = [
        {
            path: join(outDir, 'unpackaged', 'callCenters', `${CALL_CENTER_NAME}.callCenter-meta.xml`),
            content: renderCallCenterMetadata(options)
        },
        {
            path: join(outDir, 'config', `${CALL_CENTER_NAME}-callcenter.xml`),
            content: renderCallCenterDefinition(options)
        }
    ];
} catch (error) {
    fail((error as Error).message);
}

if (values.check) {
    const stale = files.filter(
        (file) => !existsSync(file.path) || readFileSync(file.path, 'utf8') !== file.content
    );
    for (const file of stale) console.error(`${file.path} is out of date: run npm run generate:callcenter`);
    process.exit(stale.length > 0 ? 1 : 0);
}

for (const file of files) {
    mkdirSync(resolve(file.path, '..'), { recursive: true });
    writeFileSync(file.path, file.content);
    console.log(`wrote ${file.path}`);
}
if (url === PLACEHOLDER_ADAPTER_URL) {
    console.log(
        `The org's My Domain is not known, so the adapter URL is ${PLACEHOLDER_ADAPTER_URL}: replace ${MY_DOMAIN_PLACEHOLDER} with your My Domain name (Setup → My Domain) after importing, or run again with --my-domain https://<domain>.my.salesforce.com.`
    );
}
