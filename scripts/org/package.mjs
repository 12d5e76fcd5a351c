// The unlocked package "MiVoice Softphone" (force-app); see docs/packaging.md for version numbering
// and for why a namespace matters.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { changelogSection, checkTaggable, createTag } from '../release-tag.mjs';
import { buildForDeploy } from './buildOutputs.mjs';
import { isMain, main, requireDevHub, ROOT, sf, SfError } from './sf.mjs';

const PACKAGE = 'MiVoice Softphone';
const PROJECT_FILE = join(ROOT, 'sfdx-project.json');
// A namespace prefix: a letter, then letters and digits, at most 15 characters.
const NAMESPACE = /^[A-Za-z][A-Za-z0-9]{0,14}$/;

const SECURITY_TYPES = ['AdminsOnly', 'AllUsers'];

const USAGE = `Usage:
  npm run package:create [-- --namespace PREFIX]   create the package once (with the Dev Hub's linked namespace PREFIX, or none)
  npm run package:version                          build, then create a version (runs the Apex tests)
  npm run package:install -- --package 04t... --target-org ALIAS [--security-type AdminsOnly|AllUsers]
  npm run package:promote -- --package 04t...
  npm run package:release -- --target-org TEST_ORG [--security-type AdminsOnly|AllUsers] [--promote] [--no-tag]
                                                   version, install in a test org, and (with --promote) promote;
                                                   tags the commit package-v<version> (a clean tree, once per version)
Options: --wait MINUTES (default 30), --help
  --security-type   who gets access to the package's components on install (default AdminsOnly: admins,
                    plus the users given the Phone Manager User permission set, which is all agents need;
                    AllUsers opens the Apex classes and the page to every profile)`;

function readProject() {
    return JSON.parse(readFileSync(PROJECT_FILE, 'utf8'));
}

/**
 * The version a release builds: major.minor.patch of the package's versionNumber, which must be the
 * project's version (package.json) and have its section in CHANGELOG.md.
 */
function releaseVersion() {
    const packaged = readProject().packageDirectories.find((entry) => entry.package === PACKAGE);
    const version = String(packaged?.versionNumber ?? '')
        .split('.')
        .slice(0, 3)
        .join('.');
    const { version: projectVersion } = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
    if (version !== projectVersion)
        throw new SfError(
            `sfdx-project.json's versionNumber is ${version}.*, package.json's version ${projectVersion}: make them one before a release.`
        );
    if (!changelogSection(readFileSync(join(ROOT, 'CHANGELOG.md'), 'utf8'), version))
        throw new SfError(`CHANGELOG.md has no "## [${version}]" section: write the release notes first.`);
    return version;
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

function parse(args) {
    try {
        return parseArgs({
            args,
            allowPositionals: true,
            options: {
                package: { type: 'string' },
                'target-org': { type: 'string' },
                namespace: { type: 'string' },
                'security-type': { type: 'string', default: 'AdminsOnly' },
                promote: { type: 'boolean', default: false },
                'no-tag': { type: 'boolean', default: false },
                wait: { type: 'string', default: '30' },
                help: { type: 'boolean', short: 'h', default: false }
            }
        });
    } catch (error) {
        throw new SfError(`${error.message}\n${USAGE}`);
    }
}

function checkSecurityType(type) {
    if (!SECURITY_TYPES.includes(type))
        throw new SfError(`--security-type must be AdminsOnly or AllUsers, got "${type}".`);
}

/** The package's id in the Dev Hub, or a stop saying to create it first. */
function requirePackage(hub) {
    let packages;
    try {
        packages = sf(['package', 'list', '--target-dev-hub', hub]) ?? [];
    } catch (error) {
        throw new SfError(
            `The Dev Hub "${hub}" cannot list packages (${error.message}). In it, turn on Setup → Dev Hub → Enable Dev Hub and Enable Unlocked Packages and Second-Generation Managed Packages.`
        );
    }
    const found = packages.find((pkg) => pkg.Name === PACKAGE);
    if (!found)
        throw new SfError(
            `The Dev Hub "${hub}" has no package "${PACKAGE}". Create it once first:\n  npm run package:create [-- --namespace PREFIX]`
        );
    return found.Id;
}

function createVersion(hub, wait, build) {
    build(ROOT);
    const result = sf([
        'package',
        'version',
        'create',
        '--package',
        PACKAGE,
        '--installation-key-bypass',
        '--code-coverage',
        '--wait',
        wait,
        '--target-dev-hub',
        hub
    ]);
    return result.SubscriberPackageVersionId;
}

function requireOrg(org) {
    try {
        sf(['org', 'display', '--target-org', org]);
    } catch (error) {
        throw new SfError(
            `The org "${org}" cannot be reached (${error.message}). Log in first:\n  npx sf org login web --alias ${org}`
        );
    }
}

function install(version, org, securityType, wait) {
    sf([
        'package',
        'install',
        '--package',
        version,
        '--target-org',
        org,
        '--wait',
        wait,
        '--security-type',
        securityType,
        '--no-prompt'
    ]);
}

function promote(version, hub) {
    sf(['package', 'version', 'promote', '--package', version, '--no-prompt', '--target-dev-hub', hub]);
}

/** A refusal to tag (changes in the tree, the tag exists) stops the release with its reason. */
function tagOrStop(step) {
    try {
        return step();
    } catch (error) {
        throw new SfError(error.message);
    }
}

const AFTER_INSTALL =
    'Assign the Phone Manager User permission set and deploy the call center: npm run callcenter:deploy -- --target-org';

/**
 * One action (create, version, install, promote, release) for the command-line arguments `args`.
 * `build` makes the build outputs a version ships (buildForDeploy by default).
 */
export async function packageCommand(args, { build = buildForDeploy, tagRepo = ROOT } = {}) {
    const { values, positionals } = parse(args);
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
            const version = createVersion(hub, values.wait, build);
            console.log(
                `Created version ${version}. Install it with: npm run package:install -- --package ${version} --target-org <alias>`
            );
            return;
        }
        case 'install': {
            checkSecurityType(values['security-type']);
            const org = needs('target-org');
            const version = needs('package');
            requireOrg(org);
            install(version, org, values['security-type'], values.wait);
            console.log(
                `Installed with security type ${values['security-type']}. ${AFTER_INSTALL} ${org} --suite-host <host> (docs/admin-guide.md).`
            );
            return;
        }
        case 'promote': {
            const hub = requireDevHub();
            promote(needs('package'), hub);
            console.log('Promoted: the version can now be installed in production orgs.');
            return;
        }
        case 'release': {
            checkSecurityType(values['security-type']);
            const org = needs('target-org');
            const tag = values['no-tag'] ? undefined : `package-v${releaseVersion()}`;
            if (tag) tagOrStop(() => checkTaggable(tagRepo, tag));
            const hub = requireDevHub();
            requirePackage(hub);
            // Before the build and the version, which take many minutes.
            requireOrg(org);
            console.log('• Building and creating a version (the Apex tests run in a build org)');
            const version = createVersion(hub, values.wait, build);
            console.log(
                `• Installing ${version} in the test org "${org}" (security type ${values['security-type']})`
            );
            install(version, org, values['security-type'], values.wait);
            if (tag)
                console.log(
                    `• Tagged ${tag} at ${tagOrStop(() => createTag(tagRepo, tag, `MiVoice Softphone ${tag.slice(9)} (${version})`))}`
                );
            if (!values.promote) {
                console.log(
                    `Stopped before promoting. Test ${version} in "${org}" (${AFTER_INSTALL} ${org}), then:\n  npm run package:promote -- --package ${version}`
                );
                return;
            }
            console.log(`• Promoting ${version}`);
            promote(version, hub);
            console.log(
                `Released ${version}: install it in production with npm run package:install -- --package ${version} --target-org <alias> --security-type ${values['security-type']}`
            );
            return;
        }
        default:
            throw new SfError(action ? `Unknown action "${action}".\n${USAGE}` : USAGE);
    }
}

if (isMain(import.meta.url)) main(() => packageCommand(process.argv.slice(2)));
