// The bridge's artifact (npm run bridge:pack, scripts/bridge-pack.mjs): its manifest lists exactly the
// packages the compiled bridge imports, each a run-time dependency of this project at its version and
// none a development one; the staged bin starts and answers; and the tag goes only on a clean tree,
// once per version. The packed tarball is installed and run under Node 22 and 24 by
// npm run bridge:smoke in .ci/run, which needs the registry.
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
    importedPackages,
    projectVersion,
    ROOT,
    runtimeDependencies,
    stageBridgePackage
} from '../../scripts/bridge-pack.mjs';
import { changelogSection, checkTaggable, createTag } from '../../scripts/release-tag.mjs';
import { tempGitRepo, type TempGitRepo } from '../support/gitRepo';

jest.setTimeout(60_000);

const rootManifest = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
    version: string;
    engines: Record<string, string>;
    dependencies: Record<string, string>;
    devDependencies: Record<string, string>;
};

describe('the staged package', () => {
    let staged: Awaited<ReturnType<typeof stageBridgePackage>>;
    beforeAll(async () => {
        staged = await stageBridgePackage();
    });

    it('lists only run-time dependencies: what the bundle imports, at the project’s versions', () => {
        const { manifest } = staged;
        const names = Object.keys(manifest.dependencies);
        expect(names).toEqual(
            expect.arrayContaining(['fastify', '@fastify/websocket', 'ajv', 'jose', 'prom-client'])
        );
        for (const name of names) {
            expect(manifest.dependencies[name]).toBe(rootManifest.dependencies[name]);
            expect(rootManifest.devDependencies[name]).toBeUndefined();
        }
        expect(manifest).not.toHaveProperty('devDependencies');
        expect(manifest.version).toBe(rootManifest.version);
        expect(manifest.engines).toEqual({ node: '^22 || ^24' });
        expect(manifest.bin).toEqual({ 'mivoice-oai-bridge': 'dist/cli.mjs' });
    });

    it('the bin starts: --version and --help, with no tsx', () => {
        const bin = join(staged.stage, 'dist/cli.mjs');
        expect(readFileSync(bin, 'utf8')).toMatch(/^#!\/usr\/bin\/env node\n/);
        expect(readFileSync(bin, 'utf8')).not.toContain('tsx');
        expect(execFileSync(process.execPath, [bin, '--version'], { encoding: 'utf8' })).toBe(
            `${rootManifest.version}\n`
        );
        expect(execFileSync(process.execPath, [bin, '--help'], { encoding: 'utf8' })).toContain(
            'metrics.allowFrom'
        );
    });
});

describe('what goes into the manifest', () => {
    it('takes package names from bare and deep imports, never node: built-ins', () => {
        const metafile = {
            outputs: {
                'dist/cli.mjs': {
                    imports: [
                        { path: 'node:fs', external: true },
                        { path: '@fastify/websocket', external: true },
                        { path: 'ajv/dist/compile', external: true },
                        { path: 'src/bridge/cli.ts', external: false }
                    ]
                }
            }
        };
        expect(importedPackages(metafile)).toEqual(['@fastify/websocket', 'ajv']);
    });

    it('refuses a package the project has only as a development dependency', () => {
        expect(() => runtimeDependencies(['fastify', 'tsx'], rootManifest)).toThrow(
            'The bridge imports tsx, which package.json does not list under dependencies (only under devDependencies)'
        );
    });

    it('one version: package.json, the bridge and CHANGELOG.md agree', () => {
        expect(projectVersion()).toBe(rootManifest.version);
        expect(
            changelogSection(readFileSync(join(ROOT, 'CHANGELOG.md'), 'utf8'), rootManifest.version)
        ).toContain('MiVoice OAI bridge');
    });
});

describe('the release tag', () => {
    let repo: TempGitRepo;
    beforeEach(() => {
        repo = tempGitRepo('bridge-tag-');
    });
    afterEach(() => repo.remove());

    it('tags a clean tree once, and refuses the same tag again', () => {
        createTag(repo.dir, 'bridge-v0.1.0', 'mivoice-oai-bridge 0.1.0');
        expect(repo.git('tag', '--list')).toBe('bridge-v0.1.0');
        expect(() => checkTaggable(repo.dir, 'bridge-v0.1.0')).toThrow('the tag exists');
    });

    it('refuses a tree with changes, naming them', () => {
        writeFileSync(join(repo.dir, 'uncommitted.txt'), 'x');
        expect(() => createTag(repo.dir, 'bridge-v0.1.0', 'x')).toThrow(
            /working tree has changes[\s\S]*uncommitted\.txt/
        );
        expect(repo.git('tag', '--list')).toBe('');
    });
});
