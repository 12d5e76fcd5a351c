// The core's two layers as its imports draw them (docs/architecture.md): no file, and no folder, of
// src/core or src/voice imports itself through others, and the telephony core (suite, telephony)
// and the Voice connector import nothing of the Open CTI host. Type-only imports count: a cycle of
// types is still two modules that cannot be read one without the other.
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

const root = resolve(__dirname, '../../..');

function sources(dir: string): string[] {
    return readdirSync(join(root, dir), { withFileTypes: true }).flatMap((entry) => {
        const path = `${dir}/${entry.name}`;
        if (entry.isDirectory()) return entry.name === '__tests__' ? [] : sources(path);
        return entry.name.endsWith('.ts') ? [path] : [];
    });
}

const IMPORT = /^\s*(?:import|export)\b[^'"]*?\bfrom\s*'(\.[^']*)'|^\s*import\s*'(\.[^']*)'/gm;

/** The files of the tree each file imports (relative imports, types included). */
function importGraph(files: string[]): Map<string, string[]> {
    return new Map(
        files.map((file) => {
            const source = readFileSync(join(root, file), 'utf8');
            const targets = [...source.matchAll(IMPORT)].flatMap((match) => {
                const base = relative(root, resolve(root, dirname(file), match[1] ?? match[2]));
                const found = [`${base}.ts`, `${base}/index.ts`, base].find((path) =>
                    existsSync(join(root, path))
                );
                return found ? [found] : [];
            });
            return [file, targets];
        })
    );
}

/** The strongly connected groups of more than one node (Tarjan): each is a cycle. */
function cycles(graph: Map<string, Iterable<string>>): string[][] {
    const index = new Map<string, number>();
    const low = new Map<string, number>();
    const stack: string[] = [];
    const found: string[][] = [];
    const visit = (node: string) => {
        index.set(node, index.size);
        low.set(node, index.get(node) as number);
        stack.push(node);
        for (const next of graph.get(node) ?? []) {
            if (!index.has(next)) {
                visit(next);
                low.set(node, Math.min(low.get(node) as number, low.get(next) as number));
            } else if (stack.includes(next)) {
                low.set(node, Math.min(low.get(node) as number, index.get(next) as number));
            }
        }
        if (low.get(node) !== index.get(node)) return;
        const group: string[] = [];
        let member: string | undefined;
        do {
            member = stack.pop() as string;
            group.push(member);
        } while (member !== node);
        if (group.length > 1) found.push(group.sort());
    };
    for (const node of graph.keys()) if (!index.has(node)) visit(node);
    return found;
}

const files = [...sources('src/core'), ...sources('src/voice')];
const graph = importGraph(files);

describe('the imports of the core and the Voice connector', () => {
    it('read the sources (a test that found no import would prove nothing)', () => {
        expect(files).toContain('src/core/suite/client.ts');
        expect(graph.get('src/core/suite/client.ts')).toContain('src/core/suite/callBook.ts');
    });

    it('form no cycle between files', () => {
        expect(cycles(graph)).toEqual([]);
    });

    it('form no cycle between folders', () => {
        const folders = new Map<string, Set<string>>();
        for (const [file, targets] of graph) {
            const from = dirname(file);
            const edges = folders.get(from) ?? new Set<string>();
            for (const target of targets) if (dirname(target) !== from) edges.add(dirname(target));
            folders.set(from, edges);
        }
        expect(cycles(folders)).toEqual([]);
    });

    it('keep the telephony core and the Voice connector off the Open CTI host', () => {
        // The browser entries of the two static resources put the host together.
        const host = (file: string) =>
            file.startsWith('src/core/opencti-host/') ||
            file.startsWith('src/core/extras/') ||
            file === 'src/core/main.ts';
        const hostward = [...graph]
            .filter(([file]) => !host(file))
            .flatMap(([file, targets]) => targets.filter(host).map((target) => `${file} -> ${target}`));
        expect(hostward).toEqual([]);
    });

    it('keep the Suite folder to itself: the contract and its client need nothing else of the core', () => {
        const outward = [...graph]
            .filter(([file]) => file.startsWith('src/core/suite/'))
            .flatMap(([file, targets]) =>
                targets
                    .filter((target) => !target.startsWith('src/core/suite/'))
                    .map((target) => `${file} -> ${target}`)
            );
        expect(outward).toEqual([]);
    });
});
