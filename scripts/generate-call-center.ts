// Writes the call center files from the settings schema.
//   npm run generate:callcenter                      → the committed defaults (adapter URL /apex/MiVoiceSoftphone)
//   npm run generate:callcenter -- --adapter-url https://acme--c.vf.force.com/apex/MiVoiceSoftphone --out-dir <dir>
//   npm run generate:callcenter -- --check           → fails if the committed files are out of date
import { mkdirSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import {
    CALL_CENTER_NAME,
    DEFAULT_ADAPTER_PAGE,
    renderCallCenterDefinition,
    renderCallCenterMetadata
} from '../src/core/settings/callCenterFiles';

const root = resolve(__dirname, '..');

const { values } = parseArgs({
    options: {
        'adapter-url': { type: 'string', default: `/apex/${DEFAULT_ADAPTER_PAGE}` },
        'out-dir': { type: 'string' },
        check: { type: 'boolean', default: false }
    }
});

const options = { adapterUrl: values['adapter-url'] as string };
const outDir = values['out-dir'] ? resolve(values['out-dir']) : root;
const files = [
    {
        path: join(outDir, 'unpackaged', 'callCenters', `${CALL_CENTER_NAME}.callCenter-meta.xml`),
        content: renderCallCenterMetadata(options)
    },
    {
        path: join(outDir, 'config', `${CALL_CENTER_NAME}-callcenter.xml`),
        content: renderCallCenterDefinition(options)
    }
];

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
