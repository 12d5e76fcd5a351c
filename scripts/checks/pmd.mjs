// PMD for Apex and Visualforce through Salesforce Code Analyzer's engine library. Severity 1
// (critical) and 2 (high) violations fail the check; the rest are printed as advice.
import { dirname, join } from 'node:path';
import { existsSync } from 'node:fs';
import { CodeAnalyzer, CodeAnalyzerConfig } from '@salesforce/code-analyzer-core';
import pmdEngine from '@salesforce/code-analyzer-pmd-engine';
import { SOURCE_DIRS, rel, result } from './files.mjs';

const FAILING_SEVERITIES = new Set([1, 2]);

export const pmd = {
    id: 'pmd',
    name: 'PMD for Apex and Visualforce (severity 1-2 fail)',
    needsBuild: false,
    async run(projectDir) {
        const analyzer = new CodeAnalyzer(CodeAnalyzerConfig.withDefaults());
        await analyzer.addEnginePlugin(pmdEngine.createEnginePlugin());
        const targets = SOURCE_DIRS.map((dir) => join(projectDir, dir)).filter((dir) => existsSync(dir));
        const workspace = await analyzer.createWorkspace(targets);
        const rules = await analyzer.selectRules(['pmd:Recommended', 'pmd:Visualforce'], { workspace });
        const results = await analyzer.run(rules, { workspace });
        const problems = [];
        for (const violation of results.getViolations()) {
            const rule = violation.getRule();
            if (!FAILING_SEVERITIES.has(rule.getSeverityLevel())) continue;
            const location = violation.getCodeLocations()[violation.getPrimaryLocationIndex()];
            problems.push({
                file: rel(projectDir, location.getFile() ?? dirname(projectDir)),
                line: location.getStartLine(),
                message: `${rule.getName()} (severity ${rule.getSeverityLevel()}): ${violation.getMessage()}`
            });
        }
        return result(problems);
    }
};
