// Every Salesforce CLI call of the org scripts goes through here: the project's pinned CLI, JSON
// output, quiet and offline-friendly settings. SF_BIN points the scripts at another executable.
import { spawnSync } from 'node:child_process';
import { realpathSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '../..');

export class SfError extends Error {}

/** Runs `sf <args> --json` and returns its result, or throws SfError with the CLI's message. */
export function sf(args) {
    const run = spawnSync(process.env.SF_BIN || join(ROOT, 'node_modules/.bin/sf'), [...args, '--json'], {
        cwd: ROOT,
        encoding: 'utf8',
        maxBuffer: 64 * 1024 * 1024,
        env: {
            ...process.env,
            SF_DISABLE_TELEMETRY: 'true',
            SF_AUTOUPDATE_DISABLE: 'true',
            // The CLI's update hook reads this name; without it a background `sf update` is spawned.
            SF_DISABLE_AUTOUPDATE: 'true',
            SF_SKIP_NEW_VERSION_CHECK: 'true'
        }
    });
    if (run.error)
        throw new SfError(`Cannot run the Salesforce CLI (${run.error.message}). Run npm ci first.`);
    let output;
    try {
        output = JSON.parse(run.stdout);
    } catch {
        throw new SfError(`sf ${args.join(' ')} failed: ${(run.stderr || run.stdout).trim()}`);
    }
    if (run.status !== 0 || output.status !== 0)
        throw new SfError(output.message ?? `sf ${args.join(' ')} failed`);
    return output.result;
}

export const LOGIN_DEV_HUB = 'npx sf org login web --set-default-dev-hub --alias devhub';

/** Stops at once, saying what to run, when no Dev Hub is authorised. */
export function requireDevHub() {
    let hub;
    try {
        hub = sf(['config', 'get', 'target-dev-hub']).find((entry) => entry.name === 'target-dev-hub')?.value;
    } catch {
        hub = undefined;
    }
    if (!hub) throw new SfError(`No Dev Hub is authorised for this project. Run first:\n  ${LOGIN_DEV_HUB}`);
    try {
        sf(['org', 'display', '--target-org', hub]);
    } catch (error) {
        throw new SfError(
            `The Dev Hub "${hub}" cannot be reached (${error.message}). Log in again:\n  ${LOGIN_DEV_HUB}`
        );
    }
    return hub;
}

/** True when the module at `moduleUrl` is the script Node was started with, not one it imported. */
export function isMain(moduleUrl) {
    const started = process.argv[1];
    if (!started) return false;
    try {
        return realpathSync(started) === realpathSync(fileURLToPath(moduleUrl));
    } catch {
        return false;
    }
}

/** Runs a script's body (which may be async); an SfError ends it with its message, anything else with its stack. */
export function main(run) {
    Promise.resolve()
        .then(run)
        .catch((error) => {
            console.error(error instanceof SfError ? error.message : error);
            process.exit(1);
        });
}
