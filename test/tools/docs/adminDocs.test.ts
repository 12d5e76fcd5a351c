// What an admin reads first must be true: the README's first screen and the admin guide's checklist say
// what the softphone speaks, no document sends an admin to a path only the simulator serves, the agent
// is identified by one word everywhere, and every npm command a document shows exists, with every flag
// it shows, and prints its usage on --help.
import { execFile } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { delimiter, join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { XMLParser } from 'fast-xml-parser';

jest.setTimeout(120_000);

const root = resolve(__dirname, '../..', '..');
const read = (path: string) => readFileSync(join(root, path), 'utf8');
const docs = [
    'README.md',
    ...readdirSync(join(root, 'docs'))
        .filter((name) => name.endsWith('.md'))
        .map((name) => `docs/${name}`)
];
/** The documents written for admins and agents (suite-api.md is the contract itself, paths and all). */
const forAdmins = ['README.md', 'docs/admin-guide.md', 'docs/agent-guide.md', 'docs/packaging.md'];

/** A document's text between a heading and the next heading of the same level (or its first screen). */
function section(text: string, heading: string | undefined): string {
    const start = heading === undefined ? 0 : text.indexOf(`\n${heading}\n`);
    if (start < 0) throw new Error(`no heading ${heading}`);
    const next = text.indexOf('\n## ', start + 1);
    return (next < 0 ? text.slice(start) : text.slice(start, next)).replace(/\*\*/g, '').replace(/\s+/g, ' ');
}

/** The bridge's status, word for word, wherever a document states it. */
const BRIDGE_STATUS = 'ready for a pilot; not yet proven with a real PBX';

const readmeFirstScreen = section(read('README.md'), undefined).split('## Quick start')[0];
const checklist = section(read('docs/admin-guide.md'), '## Requirements checklist');

describe.each([
    ['the README’s first screen', readmeFirstScreen],
    ['the admin guide’s checklist', checklist]
])('%s tells the truth first', (_where, text) => {
    it('says the softphone speaks our contract v1, which no real Suite is known to speak', () => {
        expect(text).toContain('our contract v1');
        expect(text).toMatch(/suite-api\.md/);
        expect(text).toContain('no real Suite is known to speak contract v1');
    });

    it('says what works today and what does not', () => {
        expect(text).toMatch(/works today/i);
        expect(text).toContain('any server that implements contract v1');
        expect(text).toMatch(/does not( work today)?:? an? (real )?Application Suite on its own/i);
    });

    it('names the OAI bridge and its status: ready for a pilot, not yet proven with a real PBX', () => {
        expect(text).toMatch(/OAI protocol/);
        expect(text).toContain(BRIDGE_STATUS);
    });

    it('says it controls a phone, carries no audio, and what Answer does', () => {
        expect(text).toContain('primary extension');
        expect(text).toMatch(/carries no (audio|voice)/);
        expect(text).toMatch(
            /Answer (asks the phone system to answer at the phone|makes the phone go off-hook)/
        );
    });

    it('says Open CTI retires and links the Voice path', () => {
        expect(text).toContain('28 February 2028');
        expect(text).toContain('Agentforce Service orgs');
        expect(text).toMatch(/\]\((docs\/)?salesforce-voice\.md\)/);
    });
});

describe('one statement of the OAI bridge’s status', () => {
    it.each([
        'README.md',
        'docs/admin-guide.md',
        'docs/oai-bridge.md',
        'docs/architecture.md',
        'CHANGELOG.md'
    ])('%s says it, and nothing that contradicts it', (path) => {
        const text = read(path).replace(/\*\*/g, '').replace(/\s+/g, ' ');
        expect(text).toContain(BRIDGE_STATUS);
        expect(text).not.toMatch(
            /does not work yet|being built|not tested against a real PBX|planned way to real phones/i
        );
    });
});

describe('the agent is identified by the Salesforce email, in one word everywhere', () => {
    const label = (
        new XMLParser({ isArray: (name) => name === 'labels' }).parse(
            read('force-app/main/default/labels/CustomLabels.labels-meta.xml')
        ).CustomLabels.labels as { fullName: string; value: string }[]
    ).find((entry) => entry.fullName === 'Softphone_Msg_userNotFound');

    it('the userNotFound message says Salesforce email', () => {
        expect(label?.value).toContain('your Salesforce email');
    });

    it.each([...docs, 'force-app/main/default/labels/CustomLabels.labels-meta.xml'])(
        '%s never says Salesforce login or username for it',
        (path) => {
            expect(read(path).replace(/\s+/g, ' ')).not.toMatch(/Salesforce (login|username)/i);
        }
    );
});

describe('no path the real Suite is not known to serve', () => {
    it.each(forAdmins)('%s sends no one to a path on the Suite', (path) => {
        const text = read(path);
        expect(text).not.toMatch(/:(8204|<port>|\{port\})\/[^\s`)]/);
        expect(text).not.toContain('/api/v1');
    });
});

/** The code a document shows: each line of its fenced blocks and each inline code span. */
function codeIn(path: string): string[] {
    const fenced = /^[ \t]*```.*\n([\s\S]*?)^[ \t]*```$/gm;
    const text = read(path);
    const blockLines = [...text.matchAll(fenced)].flatMap((block) => block[1].split('\n'));
    const inline = [...text.replace(fenced, '').matchAll(/`([^`]+)`/g)].map((match) => match[1]);
    return [...blockLines, ...inline].map((code) => code.replace(/\s+/g, ' '));
}

/** Every `npm run name ...` / `npm start` / `npm test` a document shows, with the flags it shows. */
function commandsInDocs(): Map<string, Set<string>> {
    const commands = new Map<string, Set<string>>();
    for (const span of docs.flatMap(codeIn)) {
        for (const use of span.matchAll(/npm (?:run (\S+)|(start|test))([^;&|]*)/g)) {
            const name = use[1] ?? use[2];
            if (!commands.has(name)) commands.set(name, new Set());
            for (const flag of use[3].matchAll(/(?<=\s|\[)--([a-z][a-z-]*)/g))
                commands.get(name)?.add(`--${flag[1]}`);
        }
    }
    return commands;
}

describe('the Salesforce CLI is a dev dependency, not on the PATH of a fresh clone', () => {
    it.each(docs)('%s runs it as npx sf', (path) => {
        const bare = codeIn(path).filter((code) =>
            /(^|[^\w./-])(?<!npx )sf (org|project|data|package|apex|config|alias)\b/.test(code)
        );
        expect(bare).toEqual([]);
    });
});

const scripts = (JSON.parse(read('package.json')) as { scripts: Record<string, string> }).scripts;
const documented = commandsInDocs();
// These hand --help to a tool (jest, tsc, eslint, prettier), which prints its own usage.
const TOOL_COMMANDS = /^(jest|tsc|eslint|prettier) /;

const run = promisify(execFile);

/** What `npm run <name> -- --help` runs: the script's command through sh, node_modules/.bin first on the PATH. */
async function helpOf(name: string): Promise<string> {
    const { stdout } = await run('sh', ['-c', `${scripts[name]} "$@"`, name, '--help'], {
        cwd: root,
        env: {
            ...process.env,
            PATH: `${join(root, 'node_modules/.bin')}${delimiter}${process.env.PATH ?? ''}`
        }
    });
    return stdout;
}

describe('every npm command in the documents', () => {
    it('finds the commands the admin guide and packaging doc show', () => {
        expect([...documented.keys()]).toEqual(
            expect.arrayContaining(['callcenter:deploy', 'org:scratch', 'package:release', 'package:install'])
        );
    });

    it.each([...documented.keys()])('npm %s exists', (name) => {
        expect(Object.keys(scripts)).toContain(name);
    });

    const ours = [...documented.entries()].filter(
        ([name]) => scripts[name] && !TOOL_COMMANDS.test(scripts[name])
    );
    // Most start tsx and load a server or a benchmark before they read --help: three at a time.
    const usages = new Map<string, Promise<string>>();
    beforeAll(async () => {
        const queue = ours.map(([name]) => name);
        const worker = async () => {
            for (let name = queue.shift(); name !== undefined; name = queue.shift()) {
                const usage = helpOf(name);
                usages.set(name, usage);
                await usage.catch(() => undefined);
            }
        };
        await Promise.all([worker(), worker(), worker()]);
    });

    it.each(ours)(
        'npm %s -- --help prints its usage, naming every flag the documents give it',
        async (name, flags) => {
            const stdout = await usages.get(name);
            expect(stdout).toMatch(/^Usage/m);
            for (const flag of flags) expect(stdout).toContain(flag);
        }
    );
});
