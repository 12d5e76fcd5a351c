// Apex syntax: every class and trigger parses with the ANTLR Apex grammar.
import { readFileSync } from 'node:fs';
import { ApexErrorListener, ApexParserFactory } from '@apexdevtools/apex-parser';
import { findFiles, rel, result } from './files.mjs';

class CollectingListener extends ApexErrorListener {
    errors = [];
    apexSyntaxError(line, column, message) {
        this.errors.push({ line, column, message });
    }
}

export const apexParse = {
    id: 'apexParse',
    name: 'Apex syntax (apex-parser)',
    needsBuild: false,
    async run(projectDir) {
        const problems = [];
        for (const file of findFiles(
            projectDir,
            (name) => name.endsWith('.cls') || name.endsWith('.trigger')
        )) {
            const listener = new CollectingListener();
            const { parser } = ApexParserFactory.createLexerAndParser(readFileSync(file, 'utf8'), listener);
            if (file.endsWith('.trigger')) parser.triggerUnit();
            else parser.compilationUnit();
            for (const error of listener.errors) {
                problems.push({
                    file: rel(projectDir, file),
                    line: `${error.line}:${error.column}`,
                    message: error.message
                });
            }
        }
        return result(problems);
    }
};
