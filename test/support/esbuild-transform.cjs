// Jest transformer for the framework-free TypeScript (core, simulator, workbench, tests):
// strips types with esbuild and keeps a source map so coverage points at the .ts lines.
const { transformSync } = require('esbuild');

module.exports = {
    process(source, filename) {
        const result = transformSync(source, {
            loader: filename.endsWith('.ts') ? 'ts' : 'js',
            format: 'cjs',
            target: 'node20',
            sourcemap: 'inline',
            sourcefile: filename,
            // Jest runs CommonJS; ES modules that locate files through import.meta.url keep working.
            define: { 'import.meta.url': '__importMetaUrl' },
            banner: "const __importMetaUrl = require('node:url').pathToFileURL(__filename).href;"
        });
        return { code: result.code };
    }
};
