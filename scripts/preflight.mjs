// What npm test needs besides Node, checked before anything runs: Chromium for the end-to-end
// tests and a Java runtime for the Apex checks, and the project files the run is made of. A missing
// piece gives one line naming it and how to install it, instead of dozens of failing suites.
import { accessSync, constants, existsSync } from 'node:fs';
import { delimiter, join } from 'node:path';

export const DEFAULT_CHROMIUM = '/usr/bin/chromium';
export const INSTALL_HINT =
    'install them with `apt-get install chromium openjdk-17-jre-headless`, or point CHROMIUM_PATH at a Chromium binary';

/** Files without which part of npm test would be skipped or could not start. */
export const REQUIRED_FILES = ['scripts/build.mjs', 'scripts/checks/run.mjs', 'jest.config.js'];

function isExecutable(path) {
    try {
        accessSync(path, constants.X_OK);
        return true;
    } catch {
        return false;
    }
}

function onPath(command, path = '') {
    return path
        .split(delimiter)
        .filter(Boolean)
        .some((dir) => isExecutable(join(dir, command)));
}

/** The tools that are missing, each named with where it was looked for. */
export function missingTools(env = process.env) {
    const missing = [];
    const chromium = env.CHROMIUM_PATH || DEFAULT_CHROMIUM;
    if (!isExecutable(chromium)) missing.push(`Chromium (${chromium})`);
    if (!onPath('java', env.PATH)) missing.push('a Java 17 runtime (java on PATH)');
    return missing;
}

/** One line saying what is missing and how to get it, or undefined when nothing is. */
export function preflight(root, env = process.env) {
    const files = REQUIRED_FILES.filter((file) => !existsSync(join(root, file)));
    if (files.length > 0) return `npm test cannot run: ${files.join(', ')} missing from ${root}.`;
    const tools = missingTools(env);
    if (tools.length > 0) return `npm test needs ${tools.join(' and ')}: ${INSTALL_HINT}.`;
    return undefined;
}
