// Every LWC bundle compiles with the platform's own LWC compiler (the one SFDX deploys use), from
// exactly what is deployed: the JavaScript compiled from TypeScript, the template and the CSS.
// (Fed TypeScript directly, this compiler skips some decorator checks and cannot resolve
// template-less modules, so the deployed JavaScript is the faithful input.)
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { compile } from '@lwc/sfdc-lwc-compiler';
import { bundleDirs, rel, result } from './files.mjs';

const DEPLOYED = /\.(js|html|css)$/;

export const lwcCompile = {
    id: 'lwcCompile',
    name: 'LWC platform compiler (@lwc/sfdc-lwc-compiler)',
    needsBuild: true,
    async run(projectDir) {
        const problems = [];
        for (const dir of bundleDirs(projectDir, 'lwc')) {
            const name = basename(dir);
            if (existsSync(join(dir, `${name}.ts`)) && !existsSync(join(dir, `${name}.js`))) {
                problems.push({
                    file: rel(projectDir, join(dir, `${name}.ts`)),
                    message: 'not compiled: run npm run build first'
                });
                continue;
            }
            const files = {};
            for (const file of readdirSync(dir)) {
                if (DEPLOYED.test(file)) files[file] = readFileSync(join(dir, file), 'utf8');
            }
            const output = await compile({ bundle: { namespace: 'c', name, type: 'platform', files } });
            const errors = (output.diagnostics ?? []).filter((diagnostic) => diagnostic.level <= 1);
            for (const diagnostic of errors) {
                const file = diagnostic.filename ? join(dir, basename(diagnostic.filename)) : dir;
                problems.push({
                    file: rel(projectDir, file),
                    line: diagnostic.location?.line,
                    message: diagnostic.message.split('\n')[0]
                });
            }
            if (!output.success && errors.length === 0) {
                problems.push({ file: rel(projectDir, dir), message: 'the bundle did not compile' });
            }
        }
        return result(problems);
    }
};
