// File helpers shared by the checks.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

export const SOURCE_DIRS = ['force-app', 'unpackaged'];

/** Every file under the package directories whose name passes the filter (node_modules excluded). */
export function findFiles(projectDir, filter, dirs = SOURCE_DIRS) {
    const found = [];
    const walk = (dir) => {
        for (const entry of readdirSync(dir, { withFileTypes: true })) {
            const path = join(dir, entry.name);
            if (entry.isDirectory()) {
                if (entry.name !== 'node_modules' && entry.name !== '__tests__') walk(path);
            } else if (filter(entry.name, path)) {
                found.push(path);
            }
        }
    };
    for (const dir of dirs) {
        const root = join(projectDir, dir);
        if (existsSync(root) && statSync(root).isDirectory()) walk(root);
    }
    return found.sort();
}

/** Bundle folders (lwc or aura) under force-app. */
export function bundleDirs(projectDir, kind) {
    const root = join(projectDir, 'force-app/main/default', kind);
    if (!existsSync(root)) return [];
    return readdirSync(root, { withFileTypes: true })
        .filter((entry) => entry.isDirectory() && !entry.name.startsWith('.') && !entry.name.startsWith('__'))
        .map((entry) => join(root, entry.name));
}

export function rel(projectDir, path) {
    return relative(projectDir, path);
}

export function result(problems) {
    return { ok: problems.length === 0, problems };
}
