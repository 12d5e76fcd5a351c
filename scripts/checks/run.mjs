// The offline platform checks: `npm run checks` runs them all on the project; scripts/test.mjs
// runs them as part of `npm test`. Each check reports problems as file:line: message.
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { apexParse } from './apexParse.mjs';
import { apexSemantics } from './apexSemantics.mjs';
import { lwcCompile } from './lwcCompile.mjs';
import { metadataFiles } from './metadataFiles.mjs';
import { metadataXml } from './metadataXml.mjs';
import { packageMembers } from './packageMembers.mjs';
import { pmd } from './pmd.mjs';

export const CHECKS = [apexParse, apexSemantics, pmd, metadataFiles, metadataXml, lwcCompile, packageMembers];

if (process.argv[1] === fileURLToPath(import.meta.url)) {
    const root = join(dirname(fileURLToPath(import.meta.url)), '../..');
    let failed = 0;
    for (const check of CHECKS) {
        const started = Date.now();
        const outcome = await check.run(root);
        for (const problem of outcome.problems) {
            console.log(`${problem.file}${problem.line ? `:${problem.line}` : ''}: ${problem.message}`);
        }
        console.log(`${outcome.ok ? '✔' : '✘'} ${check.name} (${Date.now() - started} ms)`);
        if (!outcome.ok) failed++;
    }
    process.exit(failed > 0 ? 1 : 0);
}
