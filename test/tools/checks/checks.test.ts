// Each platform check passes on a small good project and fails, naming the file, on a broken one.
// The checks run in this process, as scripts/test.mjs runs them (their Java and Salesforce CLI runs
// are real); one run of scripts/checks/run.mjs shows `npm run checks` wires them: --only,
// --project, --expect-members, the JSON and the exit status. PMD and apex-ls start a Java VM per run,
// so each runs once, on the good project with broken files added: the broken files are named, the
// good ones are not.
import { execFile } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import {
    apexParse,
    apexSemantics,
    lwcCompile,
    metadataFiles,
    metadataXml,
    packageMembersCheck,
    pmd
} from '../../../scripts/checks/all.mjs';

const runner = join(__dirname, '../../../scripts/checks/run.mjs');
const run = promisify(execFile);

const fixtureMembers = {
    ApexClass: ['Greeter'],
    ApexPage: ['Hello'],
    LightningComponentBundle: ['greeting'],
    CustomLabels: ['CustomLabels']
};
const packageMembers = packageMembersCheck(fixtureMembers);

/** `npm run checks -- --only ID --project DIR --expect-members ... --json`, in its own Node process. */
async function checkInOwnProcess(
    id: string,
    projectDir: string
): Promise<{ code: number; outcome: CheckOutcome }> {
    const args = [
        runner,
        '--json',
        '--only',
        id,
        '--project',
        projectDir,
        '--expect-members',
        JSON.stringify(fixtureMembers)
    ];
    const output = await run(process.execPath, args, { maxBuffer: 16 * 1024 * 1024 }).then(
        (done) => ({ code: 0, stdout: done.stdout }),
        (error: { stdout?: string; code?: number }) => {
            if (error.code !== 1 || !error.stdout) throw error;
            return { code: 1, stdout: error.stdout };
        }
    );
    const [outcome] = JSON.parse(output.stdout) as (CheckOutcome & { id: string })[];
    expect(outcome.id).toBe(id);
    return { code: output.code, outcome };
}

jest.setTimeout(60_000);

const fixture = join(__dirname, 'fixtures/good');
const classes = 'force-app/main/default/classes';
const lwc = 'force-app/main/default/lwc/greeting';
const projects: string[] = [];

function project(): {
    dir: string;
    write: (path: string, content: string) => void;
    edit: (path: string, change: (text: string) => string) => void;
    remove: (path: string) => void;
} {
    const dir = mkdtempSync(join(tmpdir(), 'softphone-check-'));
    projects.push(dir);
    cpSync(fixture, dir, { recursive: true });
    return {
        dir,
        write: (path, content) => writeFileSync(join(dir, path), content),
        edit: (path, change) => writeFileSync(join(dir, path), change(readFileSync(join(dir, path), 'utf8'))),
        remove: (path) => rmSync(join(dir, path))
    };
}

/** Adds a class named `name` to the project: Greeter with its name and body changed by `change`, and its -meta.xml. */
function withCopyOfGreeter(
    target: ReturnType<typeof project>,
    name: string,
    change: (text: string) => string
) {
    const greeter = readFileSync(join(target.dir, classes, 'Greeter.cls'), 'utf8');
    target.write(`${classes}/${name}.cls`, change(greeter.replace('class Greeter', `class ${name}`)));
    target.write(
        `${classes}/${name}.cls-meta.xml`,
        readFileSync(join(target.dir, classes, 'Greeter.cls-meta.xml'), 'utf8')
    );
}

afterAll(() => {
    for (const dir of projects) rmSync(dir, { recursive: true, force: true });
});

describe('platform checks on a good project', () => {
    it.each<[string, PlatformCheck]>([
        ['apexParse', apexParse],
        ['metadataFiles', metadataFiles],
        ['metadataXml', metadataXml],
        ['lwcCompile', lwcCompile],
        ['packageMembers', packageMembers]
    ])('%s passes', async (_id, check) => {
        const outcome = await check.run(project().dir);
        expect(outcome.problems).toEqual([]);
        expect(outcome.ok).toBe(true);
    });
});

describe('platform checks catch broken input', () => {
    it('apexParse reports an Apex syntax error with its file and line', async () => {
        const broken = project();
        broken.edit(`${classes}/Greeter.cls`, (text) =>
            text.replace("return 'Hello ' + name;", "return 'Hello ' + ;")
        );
        const outcome = await apexParse.run(broken.dir);
        expect(outcome.ok).toBe(false);
        expect(outcome.problems[0]).toMatchObject({
            file: `${classes}/Greeter.cls`,
            line: expect.stringMatching(/^11:/)
        });
    });

    it('apexSemantics reports an unknown Apex type in the class that has it, and only there', async () => {
        const broken = project();
        withCopyOfGreeter(broken, 'Unknown', (text) =>
            text.replace("return 'Hello ' + name;", 'NoSuchType t; return name;')
        );
        const outcome = await apexSemantics.run(broken.dir);
        expect(outcome.ok).toBe(false);
        expect(outcome.problems).toContainEqual(
            expect.objectContaining({
                file: `${classes}/Unknown.cls`,
                message: expect.stringContaining("'NoSuchType'")
            })
        );
        expect(outcome.problems.map((problem) => problem.file)).not.toContain(`${classes}/Greeter.cls`);
    });

    it('pmd fails on severity 2 violations (SOQL injection in Apex, unescaped input in Visualforce), naming only those files', async () => {
        const broken = project();
        withCopyOfGreeter(broken, 'Lookup', (text) =>
            text.replace(
                "return 'Hello ' + name;",
                "return String.valueOf(Database.query('SELECT Id FROM Account WHERE Name = \\'' + name + '\\''));"
            )
        );
        broken.write(
            'force-app/main/default/pages/Echo.page',
            "<apex:page><script>var n = '{!$CurrentPage.parameters.n}';</script></apex:page>\n"
        );
        writeFileSync(
            join(broken.dir, 'force-app/main/default/pages/Echo.page-meta.xml'),
            readFileSync(
                join(broken.dir, 'force-app/main/default/pages/Hello.page-meta.xml'),
                'utf8'
            ).replace('<label>Hello</label>', '<label>Echo</label>')
        );
        const outcome = await pmd.run(broken.dir);
        expect(outcome.ok).toBe(false);
        expect(outcome.problems).toEqual(
            expect.arrayContaining([
                expect.objectContaining({
                    file: `${classes}/Lookup.cls`,
                    message: expect.stringContaining('ApexSOQLInjection')
                }),
                expect.objectContaining({
                    file: 'force-app/main/default/pages/Echo.page',
                    message: expect.stringContaining('VfUnescapeEl')
                })
            ])
        );
        // The good project's files, scanned in the same run, pass.
        expect(new Set(outcome.problems.map((problem) => problem.file))).toEqual(
            new Set([`${classes}/Lookup.cls`, 'force-app/main/default/pages/Echo.page'])
        );
    });

    it('metadataFiles reports a class without its -meta.xml', async () => {
        const broken = project();
        broken.remove(`${classes}/Greeter.cls-meta.xml`);
        const outcome = await metadataFiles.run(broken.dir);
        expect(outcome.problems).toEqual([
            { file: `${classes}/Greeter.cls`, message: 'missing Greeter.cls-meta.xml' }
        ]);
    });

    it('metadataFiles reports an LWC bundle without its js-meta.xml', async () => {
        const broken = project();
        broken.remove(`${lwc}/greeting.js-meta.xml`);
        const outcome = await metadataFiles.run(broken.dir);
        expect(outcome.problems).toEqual([{ file: lwc, message: 'LWC bundle has no greeting.js-meta.xml' }]);
    });

    it.each([
        [
            'an unknown element',
            (text: string) => text.replace('<status>', '<bogus>x</bogus><status>'),
            /unknown element <bogus>/
        ],
        [
            'an out-of-order element',
            (text: string) => text.replace(/(<apiVersion>.*<\/apiVersion>)\s*(<status>.*<\/status>)/, '$2$1'),
            /out of order/
        ],
        [
            'a repeated element',
            (text: string) => text.replace('<status>', '<apiVersion>65.0</apiVersion><status>'),
            /repeated|out of order/
        ],
        [
            'a missing required element',
            (text: string) => text.replace(/<status>.*<\/status>/, ''),
            /required element <status>/
        ],
        ['a number that is not one', (text: string) => text.replace('65.0', 'sixty-five'), /not a number/],
        [
            'XML that is not well formed',
            (text: string) => text.replace('</status>', '</statuss>'),
            /not well-formed/
        ],
        [
            'a missing namespace',
            (text: string) => text.replace(' xmlns="http://soap.sforce.com/2006/04/metadata"', ''),
            /xmlns/
        ]
    ])('metadataXml reports %s', async (_case, change, message) => {
        const broken = project();
        broken.edit(`${classes}/Greeter.cls-meta.xml`, change);
        const outcome = await metadataXml.run(broken.dir);
        expect(outcome.ok).toBe(false);
        expect(outcome.problems[0]).toMatchObject({
            file: `${classes}/Greeter.cls-meta.xml`,
            message: expect.stringMatching(message)
        });
    });

    it('metadataXml reports a bad boolean in a nested element', async () => {
        const broken = project();
        broken.edit('force-app/main/default/pages/Hello.page-meta.xml', (text) =>
            text.replace(
                '<availableInTouch>false</availableInTouch>',
                '<availableInTouch>nope</availableInTouch>'
            )
        );
        const outcome = await metadataXml.run(broken.dir);
        expect(outcome.problems[0].message).toMatch(/"nope" is not a boolean/);
    });

    it('lwcCompile reports a component the platform compiler refuses', async () => {
        const broken = project();
        broken.edit(`${lwc}/greeting.js`, (text) =>
            text
                .replace('@api name', '@track @api name')
                .replace('{ LightningElement, api }', '{ LightningElement, api, track }')
        );
        const outcome = await lwcCompile.run(broken.dir);
        expect(outcome.ok).toBe(false);
        expect(outcome.problems[0]).toMatchObject({
            file: `${lwc}/greeting.js`,
            message: expect.stringContaining('LWC1093')
        });
    });

    it('lwcCompile reports a bundle that was never built', async () => {
        const broken = project();
        broken.remove(`${lwc}/greeting.js`);
        const outcome = await lwcCompile.run(broken.dir);
        expect(outcome.problems).toEqual([
            { file: `${lwc}/greeting.ts`, message: 'not compiled: run npm run build first' }
        ]);
    });

    it('packageMembers, run as npm run checks runs it, reports a member the converted package lacks and TypeScript that would be deployed', async () => {
        const broken = project();
        broken.remove(`${classes}/Greeter.cls-meta.xml`);
        broken.remove('.forceignore');
        const { code, outcome } = await checkInOwnProcess('packageMembers', broken.dir);
        expect(code).toBe(1);
        expect(outcome.ok).toBe(false);
        expect(outcome.problems).toEqual(
            expect.arrayContaining([
                { file: 'package.xml', message: 'ApexClass Greeter is missing from the converted package' },
                expect.objectContaining({ message: 'TypeScript source would be deployed' })
            ])
        );
    });
});
