// The labels file is the source of the English texts: these tests load it, so what they check is
// what an agent reads.
import fs from 'node:fs';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '../../../../../..');
const LWC_DIR = path.join(ROOT, 'force-app/main/default/lwc');
const LABELS_FILE = path.join(ROOT, 'force-app/main/default/labels/CustomLabels.labels-meta.xml');
const CONTRACT_FILE = path.join(ROOT, 'types/softphone-panel.d.ts');

function xmlText(value: string): string {
    return value
        .replace(/&lt;/g, '<')
        .replace(/&gt;/g, '>')
        .replace(/&quot;/g, '"')
        .replace(/&apos;/g, "'")
        .replace(/&amp;/g, '&');
}

function readLabels(): Map<string, string> {
    const xml = fs.readFileSync(LABELS_FILE, 'utf8');
    const labels = new Map<string, string>();
    for (const block of xml.split('<labels>').slice(1)) {
        const name = /<fullName>([^<]+)<\/fullName>/.exec(block)?.[1];
        const value = /<value\s*>([\s\S]*?)<\/value>/.exec(block)?.[1];
        if (name && value !== undefined) labels.set(name, xmlText(value));
    }
    return labels;
}

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

const LABELS = readLabels();

/** Loads the module with every label mocked to its English value from the labels file. */
function loadWithEnglishLabels(): typeof import('c/softphoneMessages') {
    let loaded: typeof import('c/softphoneMessages') | undefined;
    jest.isolateModules(() => {
        for (const [name, value] of LABELS) {
            jest.doMock(`@salesforce/label/c.${name}`, () => ({ default: value }), { virtual: true });
        }
        loaded = require('c/softphoneMessages');
    });
    return loaded!;
}

/** The params the contract promises for each code (see the comments in types/softphone-panel.d.ts). */
const SUITE = { host: 'suite.example.com', port: '8204' };
const PARAMS: Record<SoftphoneMessageCode, Record<string, string>> = {
    notInSoftphone: {},
    openCtiUnavailable: { method: 'getCallCenterSettings' },
    userEmailUnavailable: { detail: 'No access to class SoftphoneIdentity' },
    settingMissing: { setting: 'Suite Host' },
    settingNotHost: { setting: 'Suite Host' },
    settingNotPort: { setting: 'Suite Port' },
    settingNotChoice: { setting: 'Screen Pop', choices: 'manual, ringing, answered' },
    settingNotBoolean: { setting: 'Create Tasks' },
    settingNotDigits: { setting: 'Outside Prefix' },
    settingTooLong: { setting: 'API Key', max: '512' },
    settingHasSpaces: { setting: 'API Key' },
    suiteUnreachable: SUITE,
    suiteTooOld: { ...SUITE, version: '5.1', minimum: '5.2' },
    apiKeyMissing: SUITE,
    apiKeyRejected: SUITE,
    apiDisabled: SUITE,
    userNotFound: { ...SUITE, email: 'alice@example.com' },
    userDisabled: { ...SUITE, email: 'alice@example.com' },
    licenceRequired: { ...SUITE, email: 'alice@example.com' },
    noPrimaryExtension: { ...SUITE, email: 'alice@example.com' },
    pbxLinkDown: SUITE,
    rateLimited: SUITE,
    tooManyConnections: SUITE,
    suiteProtocolError: { ...SUITE, detail: 'unexpected frame' },
    suiteError: { ...SUITE, detail: 'internal' },
    numberEmpty: {},
    numberInvalid: { number: '12ab' },
    dialFailed: { detail: 'device_busy' },
    commandFailed: { detail: 'invalid_state' },
    callLogRetrying: {},
    callLogFailed: { detail: 'FIELD_CUSTOM_VALIDATION_EXCEPTION' },
    storageUnavailable: {}
};

describe('message labels', () => {
    it('cover exactly the message codes of the contract', () => {
        const { MESSAGE_LABELS } = loadWithEnglishLabels();
        expect(Object.keys(MESSAGE_LABELS).sort()).toEqual(contractMessageCodes().sort());
        expect(Object.keys(PARAMS).sort()).toEqual(contractMessageCodes().sort());
    });

    it('exist in the labels file under Softphone_Msg_<code>', () => {
        for (const code of contractMessageCodes()) {
            expect(LABELS.has(`Softphone_Msg_${code}`)).toBe(true);
        }
    });

    it.each(contractMessageCodes())('%s: fills every placeholder from the params the core sends', (code) => {
        const { messageText } = loadWithEnglishLabels();
        const params = PARAMS[code as SoftphoneMessageCode];
        const text = messageText({ code: code as SoftphoneMessageCode, params });
        expect(text).not.toMatch(/\{\w+\}/);
        for (const value of Object.values(params)) expect(text).toContain(value);
    });

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
        const { messageText } = loadWithEnglishLabels();
        const say = (code: SoftphoneMessageCode) => messageText({ code, params: PARAMS[code] });
        expect(say('suiteUnreachable')).toMatch(/VPN/);
        expect(say('suiteUnreachable')).toMatch(/port 8204/);
        expect(say('suiteUnreachable')).toMatch(/certificate signed by a trusted certificate authority/);
        expect(say('licenceRequired')).toMatch(/Phone Manager API licence/);
        expect(say('userNotFound')).toMatch(/same as your Salesforce login/);
        expect(say('noPrimaryExtension')).toMatch(/primary extension/);
        expect(say('suiteTooOld')).toContain('release 5.1; the softphone needs release 5.2 or later');
        expect(say('apiDisabled')).toMatch(/enable the API key/);
    });

    it('leave a placeholder visible when the core forgets a param', () => {
        const { messageText } = loadWithEnglishLabels();
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
