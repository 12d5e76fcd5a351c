// Apex semantics (types, methods, SObject fields): the apex-ls CheckForIssues command, the nearest
// thing to a compile without an org. Runs on Java from the jars shipped in the PMD engine package.
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { rel, result } from './files.mjs';

const toolRoot = join(dirname(fileURLToPath(import.meta.url)), '../..');
const classpath = join(toolRoot, 'node_modules/@salesforce/code-analyzer-pmd-engine/dist/java-lib/*');

export const apexSemantics = {
    id: 'apexSemantics',
    name: 'Apex semantics (apex-ls)',
    needsBuild: false,
    async run(projectDir) {
        const run = spawnSync(
            'java',
            [
                '-cp',
                classpath,
                'io.github.apexdevtools.apexls.CheckForIssues',
                '-n',
                '-w',
                projectDir,
                '-f',
                'json'
            ],
            { cwd: projectDir, encoding: 'utf8', maxBuffer: 32 * 1024 * 1024 }
        );
        if (run.error) {
            return result([
                { file: 'java', message: `cannot run Java (${run.error.message}): install a Java 17 runtime` }
            ]);
        }
        const problems = [];
        const start = run.stdout.indexOf('{');
        if (start >= 0) {
            const report = JSON.parse(run.stdout.slice(start));
            for (const file of report.files ?? []) {
                for (const message of file.messages ?? []) {
                    problems.push({
                        file: rel(projectDir, file.path),
                        line: message.start?.line,
                        message: `${message.category}: ${message.message}`
                    });
                }
            }
        }
        if (run.status !== 0 && problems.length === 0) {
            problems.push({
                file: 'apex-ls',
                message: (run.stderr || run.stdout || `exit code ${run.status}`).trim()
            });
        }
        return result(problems);
    }
};
