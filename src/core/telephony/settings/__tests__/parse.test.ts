import { parseCallCenterSettings } from '../parse';

const valid: Record<string, string> = {
    '/reqGeneralInfo/reqAdapterUrl': '/apex/MiVoiceSoftphone',
    '/reqDialingOptions/reqOutsidePrefix': '9',
    '/reqDialingOptions/reqLongDistPrefix': '',
    '/reqDialingOptions/reqInternationalPrefix': '00',
    '/mivoiceSuite/suiteHost': 'suite.example.com',
    '/mivoiceSuite/suitePort': '8204',
    '/mivoiceSuite/apiKey': 'dev-key-123',
    '/mivoiceSuite/screenPopMode': 'answered',
    '/mivoiceSuite/createTasks': 'true',
    '/mivoiceSuite/logMissedCalls': 'false',
    '/mivoiceDialing/siteCountryCode': '44',
    '/mivoiceDialing/siteNationalPrefix': '0'
};

function problemsFor(overrides: Record<string, unknown>) {
    const result = parseCallCenterSettings({ ...valid, ...overrides });
    if (result.ok) throw new Error('expected the settings to be refused');
    return result.errors.map((error) => ({
        setting: error.setting,
        label: error.label,
        code: error.problem.code
    }));
}

describe('parseCallCenterSettings', () => {
    it('reads a complete definition into typed settings', () => {
        expect(parseCallCenterSettings(valid)).toEqual({
            ok: true,
            settings: {
                outsidePrefix: '9',
                longDistancePrefix: '',
                internationalPrefix: '00',
                suiteHost: 'suite.example.com',
                suitePort: 8204,
                apiKey: 'dev-key-123',
                authMode: 'apiKey',
                screenPopMode: 'answered',
                createTasks: true,
                logMissedCalls: false,
                siteCountryCode: '44',
                siteNationalPrefix: '0',
                callResults: ['Resolved', 'Follow-up needed', 'Left voicemail', 'Wrong number'],
                wrapUpAutoCloseSeconds: 0
            }
        });
    });

    it('applies schema defaults to settings left empty or absent', () => {
        const result = parseCallCenterSettings({
            ...valid,
            '/reqDialingOptions/reqInternationalPrefix': '',
            '/mivoiceSuite/suitePort': undefined,
            '/mivoiceSuite/screenPopMode': ' '
        });
        expect(result.ok && result.settings).toMatchObject({
            internationalPrefix: '00',
            suitePort: 8204,
            screenPopMode: 'answered'
        });
    });

    it('normalises harmless variations: case, trailing dot, spaces around values', () => {
        const result = parseCallCenterSettings({
            ...valid,
            '/mivoiceSuite/suiteHost': ' Suite.Example.COM. ',
            '/mivoiceSuite/screenPopMode': 'Ringing',
            '/mivoiceSuite/createTasks': 'FALSE'
        });
        expect(result.ok && result.settings).toMatchObject({
            suiteHost: 'suite.example.com',
            screenPopMode: 'ringing',
            createTasks: false
        });
    });

    it('names each missing required setting by its Setup label', () => {
        expect(problemsFor({ '/mivoiceSuite/suiteHost': '', '/mivoiceSuite/apiKey': '   ' })).toEqual([
            { setting: 'suiteHost', label: 'Suite Host', code: 'settingMissing' },
            { setting: 'apiKey', label: 'API Key', code: 'settingMissing' }
        ]);
    });

    it('needs no API key in signedAssertion mode, and reads no certificate or audience from the call center', () => {
        const result = parseCallCenterSettings({
            ...valid,
            '/mivoiceSuite/apiKey': '',
            '/mivoiceSuite/authMode': 'signedAssertion',
            // Left from an older call center: the softphone no longer reads them (admin-only metadata does).
            '/mivoiceSuite/assertionCertificate': 'Softphone_Assertion',
            '/mivoiceSuite/assertionAudience': 'https://bridge.example.com:8204'
        });
        expect(result.ok && result.settings).toMatchObject({ authMode: 'signedAssertion', apiKey: '' });
        expect(result.ok && Object.keys(result.settings)).not.toEqual(
            expect.arrayContaining([expect.stringMatching(/^assertion/)])
        );
    });

    it('keeps the API key required in the default apiKey mode, in the order of the settings', () => {
        expect(
            problemsFor({
                '/mivoiceSuite/apiKey': '',
                '/mivoiceSuite/suiteHost': '',
                '/mivoiceSuite/createTasks': 'x'
            })
        ).toEqual([
            { setting: 'suiteHost', label: 'Suite Host', code: 'settingMissing' },
            { setting: 'apiKey', label: 'API Key', code: 'settingMissing' },
            { setting: 'createTasks', label: expect.any(String), code: 'settingNotBoolean' }
        ]);
    });

    it('refuses an authentication mode it does not know', () => {
        expect(problemsFor({ '/mivoiceSuite/authMode': 'oauth' })).toEqual([
            { setting: 'authMode', label: expect.any(String), code: 'settingNotChoice' }
        ]);
    });

    it.each([
        ['a scheme', 'https://suite.example.com', 'settingNotHost'],
        ['a path', 'suite.example.com/api', 'settingNotHost'],
        ['a port', 'suite.example.com:8204', 'settingNotHost'],
        ['spaces', 'suite example.com', 'settingNotHost'],
        ['unicode', 'süite.example.com', 'settingNotHost'],
        ['markup', '<script>.example.com', 'settingNotHost'],
        ['a label that is too long', `${'a'.repeat(64)}.example.com`, 'settingNotHost'],
        ['a huge value', 'a.'.repeat(2000) + 'com', 'settingTooLong']
    ])('refuses a host with %s', (_case, host, code) => {
        expect(problemsFor({ '/mivoiceSuite/suiteHost': host })).toEqual([
            { setting: 'suiteHost', label: 'Suite Host', code }
        ]);
    });

    it.each(['0', '65536', '-1', '82o4', '8204.5', '99999999999'])('refuses port %p', (port) => {
        expect(problemsFor({ '/mivoiceSuite/suitePort': port })).toEqual([
            {
                setting: 'suitePort',
                label: 'Suite Port',
                code: 'settingNotPort'
            }
        ]);
    });

    it('refuses values of the wrong type instead of coercing them', () => {
        expect(problemsFor({ '/mivoiceSuite/suitePort': 8204, '/mivoiceSuite/createTasks': true })).toEqual([
            { setting: 'suitePort', label: 'Suite Port', code: 'settingNotPort' },
            { setting: 'createTasks', label: 'Create Tasks (true or false)', code: 'settingMissing' }
        ]);
    });

    it('lists the allowed screen pop modes when the mode is unknown', () => {
        const result = parseCallCenterSettings({ ...valid, '/mivoiceSuite/screenPopMode': 'always' });
        expect(!result.ok && result.errors[0].problem).toEqual({
            code: 'settingNotChoice',
            choices: 'manual, ringing, answered'
        });
    });

    it('refuses API keys with spaces and prefixes with letters', () => {
        expect(
            problemsFor({
                '/mivoiceSuite/apiKey': 'two words',
                '/reqDialingOptions/reqOutsidePrefix': '9a',
                '/mivoiceSuite/logMissedCalls': 'yes'
            }).map((problem) => problem.code)
        ).toEqual(['settingNotDigits', 'settingHasSpaces', 'settingNotBoolean']);
    });

    it.each(['+44', '0044', '044', '4444', 'UK'])('refuses the site country code %p, naming it', (code) => {
        expect(problemsFor({ '/mivoiceDialing/siteCountryCode': code })).toEqual([
            {
                setting: 'siteCountryCode',
                label: 'Site Country Code (for example 44 or 1)',
                code: 'settingNotCountryCode'
            }
        ]);
    });

    it('leaves the site country code and national prefix empty by default: every + number dialled abroad', () => {
        const result = parseCallCenterSettings({
            ...valid,
            '/mivoiceDialing/siteCountryCode': undefined,
            '/mivoiceDialing/siteNationalPrefix': undefined
        });
        expect(result.ok && result.settings).toMatchObject({ siteCountryCode: '', siteNationalPrefix: '' });
    });

    it('refuses a national prefix with letters', () => {
        expect(problemsFor({ '/mivoiceDialing/siteNationalPrefix': 'O' })).toEqual([
            {
                setting: 'siteNationalPrefix',
                label: 'Site National Prefix (0, or 1 in North America)',
                code: 'settingNotDigits'
            }
        ]);
    });

    it('reports every problem at once, not only the first', () => {
        expect(parseCallCenterSettings({})).toMatchObject({ ok: false });
        const result = parseCallCenterSettings(null);
        expect(!result.ok && result.errors.map((error) => error.setting)).toEqual(['suiteHost', 'apiKey']);
    });

    describe('call results', () => {
        const results = (raw: unknown) => {
            const result = parseCallCenterSettings({ ...valid, '/mivoiceSuite/callResults': raw });
            return result.ok ? result.settings.callResults : result.errors;
        };

        it("reads the admin's ';'-separated list in order, trimmed, ignoring empty entries", () => {
            expect(results(' Sale ; No sale;;Call back later; ')).toEqual([
                'Sale',
                'No sale',
                'Call back later'
            ]);
        });

        it('gives a call center created before the setting existed the default list', () => {
            expect(results(undefined)).toEqual([
                'Resolved',
                'Follow-up needed',
                'Left voicemail',
                'Wrong number'
            ]);
        });

        it('keeps a list the admin emptied empty: no picker', () => {
            expect(results('')).toEqual([]);
            expect(results('  ; ')).toEqual([]);
        });

        it('takes 25 entries of 80 characters, and refuses a 26th entry or an 81st character', () => {
            const many = Array.from({ length: 25 }, (_unused, index) => `Result ${index + 1}`);
            expect(results(many.join(';'))).toEqual(many);
            expect(results([...many, 'One more'].join(';'))).toEqual([
                {
                    setting: 'callResults',
                    label: 'Call Results (separated by ;, empty: no picker)',
                    problem: { code: 'settingTooManyEntries', max: '25' }
                }
            ]);
            expect(results(`Sale;${'x'.repeat(80)}`)).toEqual(['Sale', 'x'.repeat(80)]);
            expect(results(`Sale;${'x'.repeat(81)}`)).toMatchObject([
                { problem: { code: 'settingEntryTooLong', max: '80', detail: 'x'.repeat(81) } }
            ]);
        });

        it('refuses an entry given twice, whatever its case, naming it', () => {
            expect(results('Sale;No sale;sale ')).toMatchObject([
                { setting: 'callResults', problem: { code: 'settingDuplicateEntry', detail: 'sale' } }
            ]);
        });

        it('refuses a value of the wrong type', () => {
            expect(results(['Sale'])).toMatchObject([
                { setting: 'callResults', problem: { code: 'settingMissing' } }
            ]);
        });
    });

    describe('wrap-up auto-close', () => {
        const seconds = (raw: unknown) => {
            const result = parseCallCenterSettings({ ...valid, '/mivoiceSuite/wrapUpAutoClose': raw });
            return result.ok ? result.settings.wrapUpAutoCloseSeconds : result.errors;
        };

        it.each([
            [undefined, 0],
            ['', 0],
            ['0', 0],
            [' 45 ', 45],
            ['3600', 3600]
        ])('reads %p as %p seconds (0: off)', (raw, expected) => {
            expect(seconds(raw)).toBe(expected);
        });

        it.each(['3601', '-5', '1.5', '30s', 'ten', '99999'])(
            'refuses %p, naming the setting and the bound',
            (raw) => {
                expect(seconds(raw)).toEqual([
                    {
                        setting: 'wrapUpAutoClose',
                        label: 'Wrap-up Auto-close (seconds, 0: off)',
                        problem: { code: 'settingNotSeconds', max: '3600' }
                    }
                ]);
            }
        );
    });
});
