// npm run bridge:pack: the OAI bridge as a package an admin installs with npm: compiled JavaScript (one
// ES module bundling src/bridge, src/server and the contract types it uses), a manifest whose
// dependencies are exactly the packages that bundle imports, at the versions this project locks, the
// deploy examples and the changelog; `npm pack` makes mivoice-oai-bridge-<version>.tgz. The version is
// the project's (package.json), tagged bridge-v<version> unless --no-tag. An npm-shrinkwrap.json pins
// the dependencies' own dependencies as resolved when packed (this needs the npm registry).
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { build } from 'esbuild';
import { changelogSection, checkTaggable, createTag, TagError } from './release-tag.mjs';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const TEMPLATE = join(ROOT, 'packages/oai-bridge');
/** Inside the working copy, so the staged bin resolves its packages from the project's node_modules. */
export const STAGE = join(ROOT, '.build/oai-bridge');

const USAGE = `Usage: npm run bridge:pack [-- --out-dir DIR] [--no-tag]
  Builds mivoice-oai-bridge-<version>.tgz (compiled bridge, run-time dependencies only) into DIR
  (default dist/), then tags the commit bridge-v<version>.
  --out-dir DIR   where the tarball goes
  --no-tag        build without tagging (a development build, or CI's smoke test); the tree may have changes`;

const readJson = (path) => JSON.parse(readFileSync(path, 'utf8'));

/** The project's version, the same in package.json, the bridge's release.ts and the changelog. */
export function projectVersion(root = ROOT) {
    const { version } = readJson(join(root, 'package.json'));
    const release = readFileSync(join(root, 'src/bridge/release.ts'), 'utf8');
    const bridgeVersion = /BRIDGE_VERSION = '([^']+)'/.exec(release)?.[1];
    if (bridgeVersion !== version)
        throw new Error(
            `src/bridge/release.ts says BRIDGE_VERSION ${bridgeVersion}, package.json says ${version}: make them one`
        );
    if (!changelogSection(readFileSync(join(root, 'CHANGELOG.md'), 'utf8'), version))
        throw new Error(`CHANGELOG.md has no "## [${version}]" section: write the release notes first`);
    return version;
}

/** The packages a bundle imports (not node: built-ins), by package name. */
export function importedPackages(metafile) {
    const names = new Set();
    for (const output of Object.values(metafile.outputs))
        for (const { path, external } of output.imports)
            if (external && !path.startsWith('node:'))
                names.add(path.startsWith('@') ? path.split('/').slice(0, 2).join('/') : path.split('/')[0]);
    return [...names].sort();
}

/** Each imported package at the version the project depends on at run time; a dev-only one is an error. */
export function runtimeDependencies(packages, rootManifest) {
    const missing = packages.filter((name) => !rootManifest.dependencies?.[name]);
    if (missing.length > 0)
        throw new Error(
            `The bridge imports ${missing.join(', ')}, which package.json does not list under dependencies${missing.some((name) => rootManifest.devDependencies?.[name]) ? ' (only under devDependencies)' : ''}`
        );
    return Object.fromEntries(packages.map((name) => [name, rootManifest.dependencies[name]]));
}

async function bundle(stage) {
    const result = await build({
        entryPoints: [join(ROOT, 'src/bridge/cli.ts')],
        outfile: join(stage, 'dist/cli.mjs'),
        bundle: true,
        platform: 'node',
        format: 'esm',
        target: 'node22',
        packages: 'external',
        banner: { js: '#!/usr/bin/env node' },
        sourcemap: 'linked',
        metafile: true,
        logLevel: 'warning'
    });
    const sources = Object.keys(result.metafile.inputs).filter((input) => !input.startsWith('node_modules/'));
    const foreign = sources.filter((input) => !/^src\/(bridge|server|core\/suite)\//.test(input));
    if (foreign.length > 0) throw new Error(`The bridge bundle takes in ${foreign.join(', ')}`);
    return result.metafile;
}

/** Stages the package in .build/oai-bridge: bundle, manifest, deploy examples, README, changelog. */
export async function stageBridgePackage({ version = projectVersion() } = {}) {
    rmSync(STAGE, { recursive: true, force: true });
    mkdirSync(join(STAGE, 'deploy'), { recursive: true });
    const metafile = await bundle(STAGE);
    const manifest = {
        ...readJson(join(TEMPLATE, 'package.json')),
        version,
        dependencies: runtimeDependencies(importedPackages(metafile), readJson(join(ROOT, 'package.json')))
    };
    writeFileSync(join(STAGE, 'package.json'), `${JSON.stringify(manifest, null, 4)}\n`);
    copyFileSync(join(TEMPLATE, 'README.md'), join(STAGE, 'README.md'));
    copyFileSync(join(ROOT, 'CHANGELOG.md'), join(STAGE, 'CHANGELOG.md'));
    for (const name of readdirSync(join(ROOT, 'src/bridge/deploy')))
        copyFileSync(join(ROOT, 'src/bridge/deploy', name), join(STAGE, 'deploy', name));
    return { stage: STAGE, manifest };
}

/** Stages and packs; returns the tarball's path. */
export async function packBridge({ outDir = join(ROOT, 'dist'), tag = true } = {}) {
    const version = projectVersion();
    const tagName = `bridge-v${version}`;
    if (tag) checkTaggable(ROOT, tagName);
    const { stage, manifest } = await stageBridgePackage({ version });
    // The whole dependency tree, pinned as resolved now: an install gets the tree CI's smoke test ran.
    execFileSync('npm', ['install', '--package-lock-only', '--ignore-scripts', '--no-audit', '--no-fund'], {
        cwd: stage,
        stdio: 'ignore'
    });
    execFileSync('npm', ['shrinkwrap'], { cwd: stage, stdio: 'ignore' });
    mkdirSync(outDir, { recursive: true });
    const [packed] = JSON.parse(
        execFileSync('npm', ['pack', '--json', '--pack-destination', outDir], {
            cwd: stage,
            encoding: 'utf8'
        })
    );
    const tarball = join(outDir, packed.filename);
    console.log(
        `${relative(process.cwd(), tarball) || tarball}: ${packed.entryCount} files, ${Math.round(packed.size / 1024)} kB; dependencies: ${Object.keys(manifest.dependencies).join(', ')}`
    );
    if (tag) console.log(`Tagged ${tagName} at ${createTag(ROOT, tagName, `mivoice-oai-bridge ${version}`)}`);
    return tarball;
}

async function main(args) {
    let values;
    try {
        ({ values } = parseArgs({
            args,
            options: {
                'out-dir': { type: 'string' },
                'no-tag': { type: 'boolean' },
                help: { type: 'boolean' }
            }
        }));
    } catch (error) {
        console.error(`${error.message}\n${USAGE}`);
        return 2;
    }
    if (values.help) {
        console.log(USAGE);
        return 0;
    }
    try {
        await packBridge({ outDir: values['out-dir'], tag: !values['no-tag'] });
        return 0;
    } catch (error) {
        console.error(error instanceof TagError ? error.message : `bridge:pack: ${error.message}`);
        return 1;
    }
}

if (process.argv[1] === fileURLToPath(import.meta.url))
    main(process.argv.slice(2)).then((status) => {
        process.exitCode = status;
    });
