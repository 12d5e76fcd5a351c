// The unlocked package "MiVoice Softphone" (force-app); see docs/packaging.md for version numbering
// and for why a namespace matters.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { buildForDeploy } from './buildOutputs.mjs';
import { main, requireDevHub, ROOT, sf, SfError } from './sf.mjs';

const PACKAGE = 'MiVoice Softphone';
const PROJECT_FILE = join(ROOT, 'sfdx-project.json');
// A namespace prefix: a letter, then letters and digits, at most 15 characters.
const NAMESPACE = /^[A-Za-z][A-Za-z0-9]{0,14}$/;

const USAGE = `Usage:
  npm run package:create [-- --namespace PREFIX]   create the package once (with the Dev Hub's linked namespace PREFIX, or none)
  npm run package:version                          build, then create a version (runs the Apex tests)
  npm run package:install -- --package 04t... --target-org ALIAS
  npm run package:promote -- --package 04t...
Options: --wait MINUTES (default 30), --help`;

function readProject() {
    return JSON.parse(readFileSync(PROJECT_FILE, 'utf8'));
}

function checkNamespace(flag) {
    if (flag !== undefined && !NAMESPACE.test(flag)) {
        throw new SfError(
            `"${flag}" is not a namespace prefix: a letter, then letters and digits, at most 15 characters.`
        );
    }
}

/** The namespace to create the package under: the flag (recorded in sfdx-project.json, where the CLI reads it) or the project's own. */
function chooseNamespace(flag) {
    const project = readProject();
    if (flag === undefined) return project.namespace ?? '';
    if (project.namespace !== flag) {
        writeFileSync(PROJECT_FILE, `${JSON.stringify({ ...project, namespace: flag }, null, 4)}\n`);
        console.log(`sfdx-project.json: namespace set to "${flag}".`);
    }
    return flag;
}

function parse() {
    try {
        return parseArgs({
            allowPositionals: true,
            options: {
                package: { type: 'string' },
                'target-org': { type: 'string' },
                namespace: { type: 'string' },
                wait: { type: 'string', default: '30' },
                help: { type: 'boolean', short: 'h', default: false }
            }
        });
    } catch (error) {
        throw new SfError(`${error.message}\n${USAGE}`);
    }
}

main(() => {
    const { values, positionals } = parse();
    if (values.help) {
        console.log(USAGE);
        return;
    }
    const [action] = positionals;
    const needs = (name) => {
        if (!values[name]) throw new SfError(`Give --${name}\n${USAGE}`);
        return values[name];
    };
    switch (action) {
        case 'create': {
            checkNamespace(values.namespace);
            const hub = requireDevHub();
            const namespace = chooseNamespace(values.namespace);
            const result = sf([
                'package',
                'create',
                '--name',
                PACKAGE,
                '--package-type',
                'Unlocked',
                '--path',
                'force-app',
                ...(namespace ? [] : ['--no-namespace']),
                '--target-dev-hub',
                hub
            ]);
            console.log(
                `Created package ${result.Id} ${namespace ? `with namespace "${namespace}"` : 'without a namespace (see docs/packaging.md: a namespace gives the adapter page its own Visualforce origin)'}; sfdx-project.json now has its alias.`
            );
            return;
        }
        case 'version': {
            const hub = requireDevHub();
            buildForDeploy(ROOT);
            const result = sf([
                'package',
                'version',
                'create',
                '--package',
                PACKAGE,
                '--installation-key-bypass',
                '--code-coverage',
                '--wait',
                values.wait,
                '--target-dev-hub',
                hub
            ]);
            console.log(
                `Created version ${result.SubscriberPackageVersionId}. Install it with: npm run package:install -- --package ${result.SubscriberPackageVersionId} --target-org <alias>`
            );
            return;
        }
        case 'install': {
            const org = needs('target-org');
            sf(['org', 'display', '--target-org', org]);
            sf([
                'package',
                'install',
                '--package',
                needs('package'),
                '--target-org',
                org,
                '--wait',
                values.wait,
                '--security-type',
                'AdminsOnly',
                '--no-prompt'
            ]);
            console.log(
                'Installed. Assign the Phone Manager User permission set and deploy or import the call center (docs/admin-guide.md).'
            );
            return;
        }
        case 'promote': {
            const hub = requireDevHub();
            sf([
                'package',
                'version',
                'promote',
                '--package',
                needs('package'),
                '--no-prompt',
                '--target-dev-hub',
                hub
            ]);
            console.log('Promoted: the version can now be installed in production orgs.');
            return;
        }
        default:
            throw new SfError(action ? `Unknown action "${action}".\n${USAGE}` : USAGE);
    }
});
