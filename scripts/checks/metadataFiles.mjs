// A source file without its -meta.xml is silently dropped by `sf project convert` and deploys
// incomplete, so every source file must have its companion.
import { existsSync } from 'node:fs';
import { basename, join } from 'node:path';
import { bundleDirs, findFiles, rel, result } from './files.mjs';

const COMPANIONS = ['.cls', '.trigger', '.page', '.component'];

export const metadataFiles = {
    id: 'metadataFiles',
    name: 'Every source file has its -meta.xml',
    needsBuild: false,
    async run(projectDir) {
        const problems = [];
        const missing = (file, message) => problems.push({ file: rel(projectDir, file), message });
        for (const file of findFiles(projectDir, (name) =>
            COMPANIONS.some((suffix) => name.endsWith(suffix))
        )) {
            if (!existsSync(`${file}-meta.xml`)) missing(file, `missing ${basename(file)}-meta.xml`);
        }
        for (const dir of bundleDirs(projectDir, 'lwc')) {
            const name = basename(dir);
            if (!existsSync(join(dir, `${name}.js-meta.xml`)))
                missing(dir, `LWC bundle has no ${name}.js-meta.xml`);
            if (!existsSync(join(dir, `${name}.ts`)) && !existsSync(join(dir, `${name}.js`))) {
                missing(dir, `LWC bundle has no ${name}.ts`);
            }
        }
        for (const dir of bundleDirs(projectDir, 'aura')) {
            const name = basename(dir);
            const definitions = ['.app', '.cmp', '.evt', '.intf'].filter((suffix) =>
                existsSync(join(dir, name + suffix))
            );
            if (definitions.length === 0) missing(dir, `Aura bundle has no ${name}.app or ${name}.cmp`);
            for (const suffix of definitions) {
                if (!existsSync(join(dir, `${name}${suffix}-meta.xml`)))
                    missing(dir, `missing ${name}${suffix}-meta.xml`);
            }
        }
        for (const file of findFiles(
            projectDir,
            (name, path) => path.includes('/staticresources/') && !name.endsWith('-meta.xml')
        )) {
            const resource = file.replace(/\.[^./]+$/, '');
            if (!existsSync(`${resource}.resource-meta.xml`))
                missing(file, 'static resource has no .resource-meta.xml');
        }
        return result(problems);
    }
};
