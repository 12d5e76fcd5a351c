// npm run build: compiles the LWC TypeScript to JavaScript in place (the platform deploys the .js)
// and bundles the framework-free core into the SoftphoneCore static resource (what start-up needs)
// and the SoftphoneExtras static resource (loaded after start-up: the setup check, wrap-up, Recent),
// and the Salesforce Voice connector into the VoiceConnector static resource.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { minify as terserMinify } from 'terser';
import { usageOrExit } from './usage.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
export const CORE_ENTRY = join(root, 'src/core/main.ts');
export const CORE_BUNDLE = join(root, 'force-app/main/default/staticresources/SoftphoneCore.js');
export const EXTRAS_ENTRY = join(root, 'src/core/extras/main.ts');
export const EXTRAS_BUNDLE = join(root, 'force-app/main/default/staticresources/SoftphoneExtras.js');
/** The most the SoftphoneCore static resource may weigh gzipped (what every agent downloads before Ready). */
export const CORE_GZIP_BUDGET = 30_000;
export const VOICE_ENTRY = join(root, 'src/voice/main.ts');
export const VOICE_BUNDLE = join(root, 'force-app/main/default/staticresources/VoiceConnector.js');

const TARGETS = ['chrome110', 'edge110', 'firefox115', 'safari16'];

export function compileLwc() {
    const tsc = spawnSync(
        process.execPath,
        [join(root, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.json'],
        {
            cwd: root,
            stdio: 'inherit'
        }
    );
    if (tsc.status !== 0) throw new Error('LWC TypeScript did not compile (see the errors above)');
}

/** One browser script: bundled as an IIFE for the platform's browsers, written to `outfile`; its bytes. */
async function bundleScript(entry, outfile, { minify, define = {}, compress = false }) {
    const result = await build({
        entryPoints: [entry],
        bundle: true,
        format: 'iife',
        platform: 'browser',
        target: TARGETS,
        minify,
        legalComments: 'none',
        write: false,
        logLevel: 'warning',
        define
    });
    const built = result.outputFiles[0].text;
    const code = minify && compress ? await compact(built) : built;
    mkdirSync(dirname(outfile), { recursive: true });
    writeFileSync(outfile, code);
    return Buffer.byteLength(code);
}

/**
 * esbuild's minified core through terser's further compression passes: what every agent downloads
 * before Ready is held to CORE_GZIP_BUDGET, and these passes take about another kilobyte off it.
 */
async function compact(code) {
    const result = await terserMinify(code, {
        ecma: 2020,
        compress: { ecma: 2020, passes: 3 },
        mangle: true,
        format: { comments: false }
    });
    return result.code;
}

/**
 * `diagnosticHandle` exposes the running controller as window.MiVoiceSoftphone.current: for the
 * workbench only, never in the static resource (any script of the page could reach the API key).
 */
export async function bundleCore({ outfile = CORE_BUNDLE, minify = true, diagnosticHandle = false } = {}) {
    if (!existsSync(CORE_ENTRY)) throw new Error(`The core entry ${relative(root, CORE_ENTRY)} is missing`);
    return bundleScript(CORE_ENTRY, outfile, {
        minify,
        compress: true,
        define: { MIVOICE_DIAGNOSTIC_HANDLE: String(diagnosticHandle) }
    });
}

/** The second part of the core: its own copy of what it shares with the first (no class crosses). */
export async function bundleExtras({ outfile = EXTRAS_BUNDLE, minify = true } = {}) {
    return bundleScript(EXTRAS_ENTRY, outfile, { minify });
}

/** A bundle's size as served: minified bytes, and gzipped as the browser downloads it. */
export function bundleSizes(file) {
    const bytes = readFileSync(file);
    return { minified: bytes.length, gzipped: gzipSync(bytes).length };
}

/** The Salesforce Voice connector with scv-connector-base, one copy of the library in the bundle. */
export async function bundleVoiceConnector({ outfile = VOICE_BUNDLE, minify = true } = {}) {
    return bundleScript(VOICE_ENTRY, outfile, { minify });
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
    usageOrExit(
        'Usage: npm run build\n  Compiles the LWC TypeScript to JavaScript in place, bundles src/core into the SoftphoneCore and SoftphoneExtras static resources and src/voice into the VoiceConnector static resource.'
    );
    const started = Date.now();
    compileLwc();
    Promise.all([bundleCore(), bundleExtras(), bundleVoiceConnector()]).then(
        () => {
            const size = (file) => {
                const { minified, gzipped } = bundleSizes(file);
                return `${relative(root, file)} (${minified} bytes minified, ${gzipped} gzipped)`;
            };
            console.log(
                `built LWC JavaScript, ${size(CORE_BUNDLE)}, ${size(EXTRAS_BUNDLE)} and ${size(VOICE_BUNDLE)} in ${Date.now() - started} ms`
            );
            const core = bundleSizes(CORE_BUNDLE).gzipped;
            if (core > CORE_GZIP_BUDGET) {
                console.error(
                    `${relative(root, CORE_BUNDLE)} is ${core} bytes gzipped, over its budget of ${CORE_GZIP_BUDGET}: move what start-up does not need to SoftphoneExtras`
                );
                process.exit(1);
            }
        },
        (error) => {
            console.error(error.message);
            process.exit(1);
        }
    );
}
