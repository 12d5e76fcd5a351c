// The labels file is the source of the English texts: these tests load it, so what they check is
// what an agent reads.
import fs from 'node:fs';
import path from 'node:path';
import { ENGLISH_LABELS as LABELS } from '../../../../../../test/support/englishLabels';
import { MESSAGE_LABELS, messageText } from 'c/softphoneMessages';

const ROOT = path.resolve(__dirname, '../../../../../..');
const LWC_DIR = path.join(ROOT, 'force-app/main/default/lwc');
const CONTRACT_FILE = path.join(ROOT, 'types/softphone-panel.d.ts');

function contractMessageCodes(): string[] {
    const source = fs.readFileSync(CONTRACT_FILE, 'utf8');
    const union = /type SoftphoneMessageCode =([\s\S]*?);/.exec(source)?.[1] ?? '';
    return Array.from(union.matchAll(/\|\s*'(\w+)'/g), (match) => match[1]);
}

function labelImports(): Set<string> {
    const names = new Set<string>();
    const visit = (dir: string) => {
        for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
            const full = path.join(dir, entry.name);
            if (entry.isDirectory()) {
                if (entry.name !== '__tests__') visit(full);
            } else if (entry.name.endsWith('.ts')) {
                const source = fs.readFileSync(full, 'utf8');
                for (const match of source.matchAll(/@salesforce\/label\/c\.(\w+)/g)) names.add(match[1]);
            }
        }
    };
    visit(LWC_DIR);
    return names;
}

/**
 * The params the contract promises for each code, read from the comments in types/softphone-panel.d.ts:
 * a group comment's {placeholders} apply to every code below it, a code's own comment adds more.
 */
function contractParams(): Map<string, string[]> {
    const source = fs.readFileSync(CONTRACT_FILE, 'utf8');
    // Up to the end of the line that closes the union, so the last code keeps its comment.
    const union = /type SoftphoneMessageCode =([\s\S]*?;.*)/.exec(source)?.[1] ?? '';
    const placeholders = (text: string) => Array.from(text.matchAll(/\{(\w+)\}/g), (match) => match[1]);
    const promised = new Map<string, string[]>();
    let group: string[] = [];
    for (const line of union.split('\n').map((text) => text.trim())) {
        const code = /^\|\s*'(\w+)';?\s*(?:\/\/(.*))?$/.exec(line);
        if (code) promised.set(code[1], [...group, ...placeholders(code[2] ?? '')]);
        else if (line.startsWith('//')) group = placeholders(line);
    }
    return promised;
}

/** A recognisable value for each placeholder, so the text shows which param landed where. */
const SAMPLE_VALUES: Record<string, string> = {
    method: 'getCallCenterSettings',
    detail: 'No access to class SoftphoneIdentity',
    setting: 'Suite Host',
    choices: 'manual, ringing, answered',
    max: '512',
    host: 'suite.example.com',
    port: '8204',
    version: '5.1',
    minimum: '5.2',
    email: 'alice@example.com',
    number: '12ab',
    origin: 'https://acme.lightning.force.com',
    permission: 'local-network: denied',
    extension: '2001'
};

const PROMISED = contractParams();
const PARAMS = Object.fromEntries(
    [...PROMISED].map(([code, names]) => [
        code,
        Object.fromEntries(names.map((name) => [name, SAMPLE_VALUES[name]]))
    ])
) as Record<SoftphoneMessageCode, Record<string, string>>;

describe('message labels', () => {
    it('cover exactly the message codes of the contract', () => {
        expect(Object.keys(MESSAGE_LABELS).sort()).toEqual(contractMessageCodes().sort());
    });

    it('exist in the labels file under Softphone_Msg_<code>', () => {
        for (const code of contractMessageCodes()) {
            expect(LABELS.has(`Softphone_Msg_${code}`)).toBe(true);
        }
    });

    it('read the params each code promises from the contract', () => {
        expect(PROMISED.get('notInSoftphone')).toEqual([]);
        expect(PROMISED.get('settingTooLong')).toEqual(['setting', 'max']);
        expect(PROMISED.get('suiteTooOld')).toEqual(['host', 'port', 'version', 'minimum']);
        expect(PROMISED.get('callLogFailed')).toEqual(['detail']);
        const names = [...PROMISED.values()].flat();
        expect(names.filter((name) => !(name in SAMPLE_VALUES))).toEqual([]);
    });

    it.each(contractMessageCodes())(
        '%s: fills every placeholder from the params the contract promises',
        (code) => {
            const params = PARAMS[code as SoftphoneMessageCode];
            const text = messageText({ code: code as SoftphoneMessageCode, params });
            expect(text).not.toMatch(/\{\w+\}/);
            for (const value of Object.values(params)) expect(text).toContain(value);
        }
    );

    it.each(contractMessageCodes().filter((code) => code.startsWith('setting')))(
        '%s: names the setting and tells the admin what to do',
        (code) => {
            const template = LABELS.get(`Softphone_Msg_${code}`) ?? '';
            expect(template).toContain('{setting}');
            expect(template).toMatch(/Ask your admin/);
        }
    );

    it('Suite errors say where the Suite is and what to do', () => {
        const suiteCodes = contractMessageCodes().filter(
            (code) => 'host' in PARAMS[code as SoftphoneMessageCode]
        );
        expect(suiteCodes.length).toBeGreaterThan(10);
        for (const code of suiteCodes) {
            const template = LABELS.get(`Softphone_Msg_${code}`) ?? '';
            expect(template).toContain('{host}:{port}');
            expect(template).toMatch(/Ask your admin|Retry|retry|try again|tell your admin/);
        }
    });

    it('name the documented remedies: VPN and port, trusted certificate, licence, email, primary extension, release', () => {
        const say = (code: SoftphoneMessageCode) => messageText({ code, params: PARAMS[code] });
        expect(say('suiteUnreachable')).toMatch(/VPN/);
        expect(say('suiteUnreachable')).toMatch(/port 8204/);
        expect(say('suiteUnreachable')).toMatch(/certificate signed by a trusted certificate authority/);
        expect(say('licenceRequired')).toMatch(/Phone Manager API licence/);
        expect(say('userNotFound')).toContain('alice@example.com, your Salesforce email');
        expect(say('userNotFound')).not.toMatch(/login|username/i);
        expect(say('noPrimaryExtension')).toMatch(/primary extension/);
        expect(say('suiteTooOld')).toContain('release 5.1; the softphone needs release 5.2 or later');
        expect(say('apiDisabled')).toMatch(/enable the API key/);
    });

    it('name both browser policies and the origin for a Local Network Access refusal, and not the VPN', () => {
        const text = messageText({ code: 'localNetworkRefused', params: PARAMS.localNetworkRefused });
        expect(text).toContain('allow https://acme.lightning.force.com with the browser policies');
        expect(text).toContain(
            'LocalNetworkAccessAllowedForUrls and LocalNetworkAccessPermissionsPolicyDefaultEnabled'
        );
        expect(text).toContain('(Local Network Access, local-network: denied)');
        // The agent's own remedy, the button the panel shows with this message.
        expect(text).toContain('open the phone in its own window and choose Allow when the browser asks');
        expect(text).not.toMatch(/VPN|cannot be reached/);
    });

    it('leave a placeholder visible when the core forgets a param', () => {
        expect(messageText({ code: 'settingMissing' })).toContain('{setting}');
    });
});

describe('labels file', () => {
    it('defines every label a component imports, and nothing unused', () => {
        const imported = labelImports();
        expect([...imported].filter((name) => !LABELS.has(name))).toEqual([]);
        expect([...LABELS.keys()].filter((name) => !imported.has(name))).toEqual([]);
    });

    it('has every UI label on screen somewhere: no dead labels', () => {
        const labelsModule = fs.readFileSync(
            path.join(LWC_DIR, 'softphoneLabels/softphoneLabels.ts'),
            'utf8'
        );
        const keys = Array.from(
            /export const LABELS = \{([\s\S]*?)\}/.exec(labelsModule)?.[1].matchAll(/^\s+(\w+):/gm) ?? [],
            (match) => match[1]
        );
        expect(keys.length).toBeGreaterThan(40);
        const sources = fs
            .readdirSync(LWC_DIR)
            .filter((bundle) => bundle !== 'softphoneLabels')
            .flatMap((bundle) =>
                fs
                    .readdirSync(path.join(LWC_DIR, bundle))
                    .filter((file) => /\.(ts|html)$/.test(file))
                    .map((file) => fs.readFileSync(path.join(LWC_DIR, bundle, file), 'utf8'))
            )
            .join('\n');
        expect(keys.filter((key) => !new RegExp(`(labels|LABELS)\\.${key}\\b`).test(sources))).toEqual([]);
    });

    it('keeps values within the 1,000 characters Salesforce allows', () => {
        for (const value of LABELS.values()) expect(value.length).toBeLessThanOrEqual(1000);
    });
});
