// Builds what the workbench serves into dist/workbench/: the panel LWCs compiled with LWC OSS and
// real Lightning base components, the Open CTI library stand-in, and the softphone core bundle.
// Custom labels resolve to their English values from the labels file, as in an org. The Voice
// workbench's connector goes to dist/workbench-voice/.
import { copyFileSync, existsSync, mkdirSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import lwc from '@lwc/rollup-plugin';
import replace from '@rollup/plugin-replace';
import { build as esbuild, transform } from 'esbuild';
import { XMLParser } from 'fast-xml-parser';
import { rollup } from 'rollup';
import { bundleCore, bundleExtras, bundleVoiceConnector, compileLwc } from './build.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
export const OUT_DIR = join(root, 'dist/workbench');
/** Where src/workbench/voice/voiceStack.ts reads the connector from. */
export const VOICE_OUT_DIR = join(root, 'dist/workbench-voice');
const LWC_DIR = join(root, 'force-app/main/default/lwc');
const LABELS_FILE = join(root, 'force-app/main/default/labels/CustomLabels.labels-meta.xml');
const LABEL_PREFIX = '@salesforce/label/c.';
const GATE_PREFIX = '@salesforce/gate/bc.260.enableComboboxElementInternals';

function readLabels() {
    const parsed = new XMLParser({ isArray: (name) => name === 'labels', parseTagValue: false }).parse(
        readFileSync(LABELS_FILE, 'utf8')
    );
    return new Map(parsed.CustomLabels.labels.map((label) => [String(label.fullName), String(label.value)]));
}

function salesforceModules() {
    const labels = readLabels();
    return {
        name: 'salesforce-modules',
        resolveId: (id) => (id.startsWith(LABEL_PREFIX) || id.startsWith(GATE_PREFIX) ? `\0${id}` : null),
        load(id) {
            // The base components' gate for the combobox's element internals: closed, as in an org running
            // them in synthetic shadow (open, the combobox asks for attachInternals, which throws there).
            if (id.startsWith(`\0${GATE_PREFIX}`)) return 'export default { isOpen: () => false };';
            if (!id.startsWith(`\0${LABEL_PREFIX}`)) return null;
            const name = id.slice(LABEL_PREFIX.length + 1);
            if (!labels.has(name)) this.error(`Unknown custom label ${name}: add it to ${LABELS_FILE}`);
            return `export default ${JSON.stringify(labels.get(name))};`;
        }
    };
}

function typescriptEntry() {
    return {
        name: 'typescript-entry',
        async transform(code, id) {
            if (!id.endsWith('.ts') || id.includes('/force-app/')) return null;
            const output = await transform(code, { loader: 'ts', format: 'esm', sourcefile: id });
            return { code: output.code, map: null };
        }
    };
}

export async function buildPanel() {
    const modules = readdirSync(LWC_DIR)
        .filter((name) => existsSync(join(LWC_DIR, name, `${name}.js`)))
        .map((name) => ({ name: `c/${name}`, path: join(LWC_DIR, name, `${name}.js`) }));
    const bundle = await rollup({
        input: join(root, 'src/workbench/frame/panelEntry.ts'),
        plugins: [
            salesforceModules(),
            typescriptEntry(),
            replace({
                preventAssignment: true,
                values: {
                    'process.env.NODE_ENV': JSON.stringify('production'),
                    'import.meta.env.SSR': 'false'
                }
            }),
            lwc({ modules: [...modules, { npm: 'lightning-base-components' }] })
        ],
        onwarn(warning, warn) {
            if (warning.code === 'CIRCULAR_DEPENDENCY' || /LWC1137|LWC1057/.test(warning.message)) return;
            warn(warning);
        }
    });
    const { output } = await bundle.write({
        file: join(OUT_DIR, 'panel.js'),
        format: 'iife',
        compact: true,
        inlineDynamicImports: true
    });
    await bundle.close();
    return output[0].code.length;
}

const PAGE_SCRIPTS = {
    'opencti_min.js': 'src/stand-ins/opencti-library/browserEntry.ts',
    'lightningOut.js': 'src/workbench/frame/lightningOut.ts',
    'console.js': 'src/workbench/console/consoleApp.ts'
};

/** The Open CTI library stand-in, the Lightning Out stand-in and the console page's script. */
export async function buildPageScripts() {
    for (const [file, entry] of Object.entries(PAGE_SCRIPTS)) {
        await esbuild({
            entryPoints: [join(root, entry)],
            outfile: join(OUT_DIR, file),
            bundle: true,
            format: 'iife',
            minify: true,
            logLevel: 'warning'
        });
    }
    copyFileSync(join(root, 'src/workbench/console/console.css'), join(OUT_DIR, 'console.css'));
}

/** The Voice connector bundled as its static resource is, unminified, for the emulated Voice org. */
export async function buildVoiceWorkbench() {
    mkdirSync(VOICE_OUT_DIR, { recursive: true });
    await bundleVoiceConnector({ outfile: join(VOICE_OUT_DIR, 'VoiceConnector.js'), minify: false });
}

/** Newest modification time of the files under the given paths. */
export function newest(paths) {
    let latest = 0;
    const visit = (path) => {
        if (!existsSync(path)) return;
        const stat = statSync(path);
        if (stat.isDirectory()) {
            for (const entry of readdirSync(path)) if (entry !== '__tests__') visit(join(path, entry));
        } else {
            latest = Math.max(latest, stat.mtimeMs);
        }
    };
    paths.forEach(visit);
    return latest;
}

/** Rebuilds only what changed since the last build. */
export async function buildWorkbench({ force = false } = {}) {
    mkdirSync(OUT_DIR, { recursive: true });
    const output = (file) => (existsSync(join(OUT_DIR, file)) ? statSync(join(OUT_DIR, file)).mtimeMs : 0);
    const sources = {
        core: [join(root, 'src/core'), join(root, 'types')],
        panel: [LWC_DIR, join(root, 'force-app/main/default/labels'), join(root, 'src/workbench/frame')],
        pages: [
            join(root, 'src/stand-ins/opencti-library'),
            join(root, 'src/workbench/console'),
            join(root, 'src/workbench/frame/lightningOut.ts'),
            join(root, 'src/workbench/server/workbenchState.ts'),
            join(root, 'src/core/opencti-host/adapter')
        ]
    };
    const built = [];
    if (force || newest(sources.core) > Math.min(output('core.js'), output('extras.js'))) {
        await bundleCore({ outfile: join(OUT_DIR, 'core.js'), diagnosticHandle: true });
        await bundleExtras({ outfile: join(OUT_DIR, 'extras.js') });
        built.push('core');
    }
    if (force || newest(sources.panel) > output('panel.js')) {
        compileLwc();
        await buildPanel();
        built.push('panel');
    }
    if (force || newest(sources.pages) > output('console.js')) {
        await buildPageScripts();
        built.push('page scripts');
    }
    return built;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
    const started = Date.now();
    buildWorkbench({ force: process.argv.includes('--force') }).then(
        (built) =>
            console.log(
                `workbench: built ${built.join(', ') || 'nothing (up to date)'} in ${Date.now() - started} ms → ${resolve(OUT_DIR)}`
            ),
        (error) => {
            console.error(error.message);
            process.exit(1);
        }
    );
}
