// The deploy and package scripts ship build outputs (the compiled LWC .js and the SoftphoneCore and
// SoftphoneExtras static resources), which git does not hold: they build first, then refuse a tree in which any of
// those outputs is missing or older than the sources it is made from.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { SfError } from './sf.mjs';

const LWC_DIR = 'force-app/main/default/lwc';
const CORE_SOURCES = 'src/core';
const CORE_BUNDLE = 'force-app/main/default/staticresources/SoftphoneCore.js';
const EXTRAS_ENTRY = 'src/core/extras/main.ts';
const EXTRAS_BUNDLE = 'force-app/main/default/staticresources/SoftphoneExtras.js';
const VOICE_SOURCES = 'src/voice';
const VOICE_BUNDLE = 'force-app/main/default/staticresources/VoiceConnector.js';

const isSource = (name) => name.endsWith('.ts') && !name.endsWith('.d.ts');

function sourcesUnder(dir) {
    if (!existsSync(dir)) return [];
    return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
        if (entry.name === '__tests__') return [];
        const path = join(dir, entry.name);
        if (entry.isDirectory()) return sourcesUnder(path);
        return isSource(entry.name) ? [path] : [];
    });
}

const modified = (path) => statSync(path).mtimeMs;

/** What is missing or stale in the build outputs of the project at `root`, one sentence each. */
export function buildOutputProblems(root) {
    const problems = [];
    const show = (path) => relative(root, path);
    for (const source of sourcesUnder(join(root, LWC_DIR))) {
        const compiled = source.replace(/\.ts$/, '.js');
        if (!existsSync(compiled))
            problems.push(`${show(compiled)} is missing (compiled from ${show(source)})`);
        else if (modified(compiled) < modified(source))
            problems.push(`${show(compiled)} is older than ${show(source)}`);
    }
    // The second part of the core and the Voice connector's bundle are owed by a tree that has their entry.
    const bundles = [[CORE_BUNDLE, [CORE_SOURCES]]];
    if (existsSync(join(root, EXTRAS_ENTRY))) bundles.push([EXTRAS_BUNDLE, [CORE_SOURCES]]);
    if (existsSync(join(root, VOICE_SOURCES, 'main.ts')))
        bundles.push([VOICE_BUNDLE, [VOICE_SOURCES, CORE_SOURCES]]);
    for (const [bundlePath, sources] of bundles) {
        const bundle = join(root, bundlePath);
        if (!existsSync(bundle)) {
            problems.push(`${bundlePath} is missing (bundled from ${sources[0]})`);
            continue;
        }
        const newer = sources
            .flatMap((dir) => sourcesUnder(join(root, dir)))
            .filter((source) => modified(source) > modified(bundle));
        if (newer.length > 0) problems.push(`${bundlePath} is older than ${newer.map(show).join(', ')}`);
    }
    return problems;
}

/** Throws SfError naming every problem, so nothing stale or incomplete is deployed or packaged. */
export function requireFreshBuildOutputs(root) {
    const problems = buildOutputProblems(root);
    if (problems.length > 0) {
        throw new SfError(
            `Refusing to deploy or package an incomplete build:\n  ${problems.join('\n  ')}\nRun npm run build and look for errors.`
        );
    }
}

/** Runs `npm run build` in `root`, then checks its outputs. */
export function buildForDeploy(root) {
    const run = spawnSync(process.execPath, [join(root, 'scripts/build.mjs')], {
        cwd: root,
        stdio: 'inherit'
    });
    if (run.status !== 0)
        throw new SfError('The build failed (see the errors above): nothing was deployed or packaged.');
    requireFreshBuildOutputs(root);
}
