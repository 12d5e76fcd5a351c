// `sf project convert source` on the built tree must yield every member we ship, and no TypeScript.
// Convert validates nothing and silently drops incomplete components, so the package.xml it
// writes is the real proof of what a deploy would contain.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { XMLParser } from 'fast-xml-parser';
import { bundleDirs, rel, result } from './files.mjs';

const toolRoot = join(dirname(fileURLToPath(import.meta.url)), '../..');

/** What the package must contain (LWC bundles are added from the tree). */
export const EXPECTED_MEMBERS = {
    ApexClass: [
        'SoftphoneAssertion',
        'SoftphoneAssertionTest',
        'SoftphoneCallLog',
        'SoftphoneCallLogTest',
        'SoftphoneIdentity',
        'SoftphoneIdentityTest',
        'ScrtToken',
        'ScrtTokenTest',
        'VoiceCallCreator',
        'VoiceCallCreatorTest',
        'VoiceConnectorController',
        'VoiceConnectorControllerTest'
    ],
    ApexPage: ['MiVoiceSoftphone', 'MiVoiceVoiceConnector'],
    CustomObject: [
        'MiVoice_Assertion_Setting__mdt',
        'MiVoice_Voice_Call_Claim__c',
        'MiVoice_Voice_Settings__c'
    ],
    CustomField: [
        'MiVoice_Assertion_Setting__mdt.Audience__c',
        'MiVoice_Assertion_Setting__mdt.Certificate_Name__c',
        'MiVoice_Voice_Call_Claim__c.Vendor_Call_Key__c',
        'MiVoice_Voice_Call_Claim__c.Voice_Call_Id__c',
        'MiVoice_Voice_Settings__c.Certificate__c',
        'MiVoice_Voice_Settings__c.Contact_Center__c',
        'MiVoice_Voice_Settings__c.Create_Voice_Calls__c',
        'MiVoice_Voice_Settings__c.Max_Voice_Calls_Per_Hour__c',
        'User.MiVoice_Extension__c'
    ],
    AuraDefinitionBundle: ['SoftphoneOutApp'],
    LightningComponentBundle: ['softphone'],
    StaticResource: ['SoftphoneCore', 'VoiceConnector'],
    PermissionSet: ['Phone_Manager_User', 'Voice_Connector_User'],
    CustomLabels: ['CustomLabels']
};

function listFiles(dir) {
    return readdirSync(dir, { withFileTypes: true, recursive: true })
        .filter((entry) => entry.isFile())
        .map((entry) => join(entry.parentPath ?? entry.path, entry.name));
}

export function packageMembersCheck(expectedMembers) {
    return {
        id: 'packageMembers',
        name: 'sf project convert source lists every package member',
        needsBuild: true,
        run: (projectDir) => convertAndCompare(projectDir, expectedMembers)
    };
}

export const packageMembers = packageMembersCheck(EXPECTED_MEMBERS);

async function convertAndCompare(projectDir, expectedMembers) {
    const problems = [];
    const lwcDirs = bundleDirs(projectDir, 'lwc');
    const unbuilt = lwcDirs.filter((dir) => !existsSync(join(dir, `${basename(dir)}.js`)));
    if (unbuilt.length > 0) {
        return result([{ file: 'force-app', message: 'the tree is not built: run npm run build first' }]);
    }
    const outputDir = mkdtempSync(join(tmpdir(), 'softphone-convert-'));
    try {
        const convert = spawnSync(
            join(toolRoot, 'node_modules/.bin/sf'),
            [
                'project',
                'convert',
                'source',
                '--root-dir',
                'force-app',
                '--output-dir',
                join(outputDir, 'mdapi'),
                '--json'
            ],
            {
                cwd: projectDir,
                encoding: 'utf8',
                env: {
                    ...process.env,
                    SF_DISABLE_TELEMETRY: 'true',
                    SF_AUTOUPDATE_DISABLE: 'true',
                    // The CLI's update hook reads this name; without it a background `sf update` is spawned.
                    SF_DISABLE_AUTOUPDATE: 'true',
                    SF_SKIP_NEW_VERSION_CHECK: 'true'
                }
            }
        );
        const manifest = join(outputDir, 'mdapi/package.xml');
        if (convert.status !== 0 || !existsSync(manifest)) {
            return result([
                {
                    file: 'force-app',
                    message: `sf project convert source failed: ${(convert.stdout || convert.stderr).trim()}`
                }
            ]);
        }
        const types = new XMLParser({ isArray: (name) => name === 'types' || name === 'members' }).parse(
            readFileSync(manifest, 'utf8')
        ).Package.types;
        const listed = Object.fromEntries(
            types.map((type) => [type.name, new Set(type.members.map(String))])
        );
        const expected = {
            ...expectedMembers,
            LightningComponentBundle: [
                ...new Set([
                    ...(expectedMembers.LightningComponentBundle ?? []),
                    ...lwcDirs.map((dir) => basename(dir))
                ])
            ]
        };
        for (const [type, members] of Object.entries(expected)) {
            for (const member of members) {
                if (!listed[type]?.has(member)) {
                    problems.push({
                        file: 'package.xml',
                        message: `${type} ${member} is missing from the converted package`
                    });
                }
            }
        }
        for (const file of listFiles(join(outputDir, 'mdapi')).filter((path) => path.endsWith('.ts'))) {
            problems.push({
                file: rel(join(outputDir, 'mdapi'), file),
                message: 'TypeScript source would be deployed'
            });
        }
    } finally {
        rmSync(outputDir, { recursive: true, force: true });
    }
    return result(problems);
}
