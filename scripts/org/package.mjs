// npm run package:create | package:version | package:install -- --package 04t... --target-org ALIAS | package:promote -- --package 04t...
// The unlocked package "MiVoice Softphone" (force-app); see docs/packaging.md for version numbering.
import { parseArgs } from 'node:util';
import { main, requireDevHub, sf, SfError } from './sf.mjs';

const PACKAGE = 'MiVoice Softphone';

main(() => {
    const { values, positionals } = parseArgs({
        allowPositionals: true,
        options: {
            package: { type: 'string' },
            'target-org': { type: 'string' },
            wait: { type: 'string', default: '30' }
        }
    });
    const [action] = positionals;
    const needs = (name) => {
        if (!values[name]) throw new SfError(`Give --${name}`);
        return values[name];
    };
    switch (action) {
        case 'create': {
            const hub = requireDevHub();
            const result = sf([
                'package',
                'create',
                '--name',
                PACKAGE,
                '--package-type',
                'Unlocked',
                '--path',
                'force-app',
                '--no-namespace',
                '--target-dev-hub',
                hub
            ]);
            console.log(`Created package ${result.Id}; sfdx-project.json now has its alias.`);
            return;
        }
        case 'version': {
            const hub = requireDevHub();
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
            throw new SfError(
                'Use: package.mjs create | version | install --package 04t... --target-org ALIAS | promote --package 04t...'
            );
    }
});
