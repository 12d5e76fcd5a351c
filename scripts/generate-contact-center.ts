// Writes the Salesforce Voice contact center files from the settings schema.
//   npm run generate:contactcenter                    → the committed files (SCRT URL with the MYDOMAIN placeholder)
//   npm run generate:contactcenter -- --my-domain https://acme.my.salesforce.com --out-dir <dir>
//   npm run generate:contactcenter -- --check         → fails if the committed files are out of date
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import {
    CONTACT_CENTER_NAME,
    NAMED_CREDENTIAL_NAME,
    SCRT_PLACEHOLDER_URL,
    renderContactCenterDefinition,
    renderNamedCredential,
    scrtUrl
} from '../src/voice/contactCenterFiles';

const root = resolve(__dirname, '..');

const USAGE = `Usage: npm run generate:contactcenter -- [options]
  Writes config/${CONTACT_CENTER_NAME}-contactcenter.xml (Setup → Contact Centers → Import) and the
  Named Credential unpackaged/namedCredentials/${NAMED_CREDENTIAL_NAME}.namedCredential-meta.xml.
  --my-domain URL      the org's My Domain URL (https://<domain>.my.salesforce.com); gives the SCRT URL
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
                'out-dir': { type: 'string' },
                check: { type: 'boolean', default: false },
                help: { type: 'boolean', short: 'h', default: false }
            }
        }).values;
    } catch (error) {
        return fail((error as Error).message);
    }
}

const values = parse();
if (values.help) {
    console.log(USAGE);
    process.exit(0);
}
const project = JSON.parse(readFileSync(join(root, 'sfdx-project.json'), 'utf8')) as { namespace?: string };
let endpoint = SCRT_PLACEHOLDER_URL;
if (values['my-domain']) {
    try {
        endpoint = scrtUrl(values['my-domain']);
    } catch (error) {
        fail((error as Error).message);
    }
}
const outDir = values['out-dir'] ? resolve(values['out-dir']) : root;
const files = [
    {
        path: join(outDir, 'config', `${CONTACT_CENTER_NAME}-contactcenter.xml`),
        content: renderContactCenterDefinition({ namespace: project.namespace ?? '' })
    },
    {
        path: join(
            outDir,
            'unpackaged',
            'namedCredentials',
            `${NAMED_CREDENTIAL_NAME}.namedCredential-meta.xml`
        ),
        content: renderNamedCredential(endpoint)
    }
];

if (values.check) {
    const stale = files.filter(
        (file) => !existsSync(file.path) || readFileSync(file.path, 'utf8') !== file.content
    );
    for (const file of stale)
        console.error(`${file.path} is out of date: run npm run generate:contactcenter`);
    process.exit(stale.length > 0 ? 1 : 0);
}
for (const file of files) {
    mkdirSync(resolve(file.path, '..'), { recursive: true });
    writeFileSync(file.path, file.content);
    console.log(`wrote ${file.path}`);
}
if (endpoint === SCRT_PLACEHOLDER_URL) {
    console.log(
        `The org's My Domain is not known, so the SCRT URL is ${SCRT_PLACEHOLDER_URL}: run again with --my-domain https://<domain>.my.salesforce.com before deploying the Named Credential.`
    );
}
