// The bridge's deploy examples (src/bridge/deploy) are built from the packed artifact and agree with
// it: the Node versions of its manifest, its bin, the exit status of a configuration error, the health
// check. No container engine runs here or in CI (`docker build` cannot reach a daemon), so the
// Dockerfile is read, not built; the systemd unit is checked by systemd-analyze verify where it exists.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { EXIT } from '../../../src/bridge/cli/exitStatus';
import { configKeys } from '../../../src/bridge/configSchema';

const root = join(__dirname, '../../..');
const read = (path: string) => readFileSync(join(root, path), 'utf8');
const template = JSON.parse(read('packages/oai-bridge/package.json')) as {
    name: string;
    engines: { node: string };
    bin: Record<string, string>;
};
/** The Node major versions the artifact supports, from its engines: `^22 || ^24` → ['22', '24']. */
const supported = [...template.engines.node.matchAll(/\^(\d+)/g)].map((match) => match[1]);

/** The Dockerfile's instructions, continuation lines joined, comments dropped. */
function instructions(text: string): { op: string; args: string }[] {
    return text
        .replace(/\\\n/g, ' ')
        .split('\n')
        .map((line) => line.trim())
        .filter((line) => line && !line.startsWith('#'))
        .map((line) => {
            const [op, ...rest] = line.split(/\s+/);
            return { op: op.toUpperCase(), args: rest.join(' ') };
        });
}

describe('the Dockerfile', () => {
    const dockerfile = instructions(read('src/bridge/deploy/Dockerfile'));
    const args = (op: string) => dockerfile.filter((step) => step.op === op).map((step) => step.args);

    it('uses only Dockerfile instructions', () => {
        const known = [
            'ARG',
            'FROM',
            'COPY',
            'RUN',
            'ENV',
            'USER',
            'EXPOSE',
            'HEALTHCHECK',
            'STOPSIGNAL',
            'ENTRYPOINT',
            'CMD',
            'WORKDIR',
            'LABEL'
        ];
        expect(dockerfile.map((step) => step.op).filter((op) => !known.includes(op))).toEqual([]);
    });

    it('starts from an LTS Node image the artifact supports', () => {
        expect(supported).toEqual(['22', '24']);
        const major = /^NODE_MAJOR=(\d+)$/.exec(args('ARG')[0] ?? '')?.[1];
        expect(supported).toContain(major);
        expect(args('FROM')).toEqual(['node:${NODE_MAJOR}-alpine']);
    });

    it('installs the packed artifact, run-time dependencies only, and nothing of the repository', () => {
        expect(args('COPY')).toEqual(['mivoice-oai-bridge-${VERSION}.tgz /tmp/mivoice-oai-bridge.tgz']);
        const install = args('RUN').join(' ');
        expect(install).toContain('npm install --global --omit=dev --ignore-scripts');
        expect(install).toContain('/tmp/mivoice-oai-bridge.tgz');
        expect(dockerfile.map((step) => step.args).join('\n')).not.toMatch(/tsx|npm ci|src\//);
    });

    it('runs as a user other than root, checks its health with --health, and starts the bin', () => {
        expect(args('USER')).toEqual(['node']);
        expect(args('HEALTHCHECK')[0]).toMatch(
            /CMD \["mivoice-oai-bridge", "--health", "--config", "\/etc\/mivoice-oai-bridge\/bridge.json"\]$/
        );
        expect(args('ENTRYPOINT')).toEqual([`["${Object.keys(template.bin)[0]}"]`]);
        expect(args('STOPSIGNAL')).toEqual(['SIGTERM']);
    });

    it('says how to run it without restarting in a loop on a configuration error', () => {
        expect(read('src/bridge/deploy/Dockerfile')).toMatch(/--restart on-failure:\d+/);
    });
});

describe('the systemd unit', () => {
    const unitPath = join(root, 'src/bridge/deploy/mivoice-oai-bridge.service');
    const unit = readFileSync(unitPath, 'utf8');
    const setting = (name: string) => new RegExp(`^${name}=(.*)$`, 'm').exec(unit)?.[1];

    it('starts the installed artifact’s bin with Node, not tsx or a working copy', () => {
        const bin = Object.values(template.bin)[0];
        expect(setting('ExecStart')).toBe(
            `/usr/bin/node /opt/mivoice-oai-bridge/node_modules/${template.name}/${bin} --config /etc/mivoice-oai-bridge/bridge.json`
        );
        expect(unit).toContain(`Node.js ${supported.join(' or ')} (LTS)`);
    });

    it('does not restart on a configuration error, reloads on SIGHUP and runs as its own user', () => {
        expect(setting('Restart')).toBe('on-failure');
        expect(setting('RestartPreventExitStatus')).toBe(String(EXIT.config));
        expect(setting('ExecReload')).toBe('/bin/kill -HUP $MAINPID');
        expect(setting('User')).toBe('mivoice-bridge');
    });

    const analyze = spawnSync('systemd-analyze', ['--version']);
    const verify = analyze.status === 0 ? it : it.skip;
    verify('passes systemd-analyze verify, without a warning', () => {
        const result = spawnSync('systemd-analyze', ['verify', unitPath], { encoding: 'utf8' });
        expect(`${result.stdout}${result.stderr}`).toBe('');
        expect(result.status).toBe(0);
    });
});

describe('one statement of the Node versions', () => {
    it.each([
        'README.md',
        'docs/oai-bridge.md',
        'packages/oai-bridge/README.md',
        'src/bridge/deploy/Dockerfile'
    ])('%s names Node.js 22 and 24 (LTS) for the bridge', (path) => {
        expect(read(path).replace(/\s+/g, ' ')).toMatch(/Node\.js (22 or 24|24 \(LTS; 22)/);
    });
});

describe('docs/oai-bridge.md’s configuration table', () => {
    /** The settings the table names: each backticked name of a row's first cell, `a.b`, `c` read as a.b, a.c. */
    function documentedKeys(): string[] {
        const text = read('docs/oai-bridge.md');
        const table = text.slice(text.indexOf('| Setting'), text.indexOf('### The directory'));
        return table
            .split('\n')
            .filter((line) => line.startsWith('| `'))
            .flatMap((line) => {
                const names = [...line.split('|')[1].matchAll(/`([^`]+)`/g)].map((match) => match[1]);
                const prefix = names[0].split('.').slice(0, -1).join('.');
                return names.map((name) => (name.includes('.') || !prefix ? name : `${prefix}.${name}`));
            });
    }

    it('names every setting the schema has, and no other', () => {
        const keys = configKeys()
            .map((entry) => entry.key)
            .filter((key) => key !== 'auth.assertion');
        expect(documentedKeys().sort()).toEqual(keys.sort());
    });
});
