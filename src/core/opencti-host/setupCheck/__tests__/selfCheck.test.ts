// What the setup check says of the way the agent signed in: the mode the call center sets, and what
// the server lets it do (the agent's own station, or any station with the shared key); a call center
// item the softphone no longer reads is named for the admin to tidy; a server that takes one mode only
// turns the sign-in link red with the message for it.
import { SETTINGS, settingPath } from '../../../telephony/settings/schema';
import { SuiteError } from '../../../suite/errors';
import { runSelfCheck, type SelfCheckInputs } from '../selfCheck';

const USER = { email: 'alice@example.com', displayName: 'Alice Agent', primaryExtension: '2001' };
const HOST = { host: 'bridge.example.com', port: '8204' };

function callCenter(overrides: Record<string, string> = {}): Record<string, string> {
    return {
        ...Object.fromEntries(SETTINGS.map((setting) => [settingPath(setting), setting.defaultValue])),
        '/mivoiceSuite/suiteHost': HOST.host,
        '/mivoiceSuite/apiKey': 'dev-key-123',
        ...overrides
    };
}

const ASSERTION_MODE = { '/mivoiceSuite/authMode': 'signedAssertion', '/mivoiceSuite/apiKey': '' };

function inputs(settings: Record<string, string>, features: string[], live?: SelfCheckInputs['live']) {
    return {
        fetchSettings: () => Promise.resolve(settings),
        email: USER.email,
        checkServer: () => Promise.resolve({ version: '5.2', features }),
        live: live ?? { connection: { state: 'open' as const }, user: USER, pbxConnected: true }
    };
}

const link = async (check: Promise<SoftphoneCheck[]>, id: SoftphoneCheckId) =>
    (await check).find((candidate) => candidate.id === id);

describe('the setup check on the sign-in', () => {
    it('says a signed sign-in lets the agent control their own station only, on a server that takes no API key', async () => {
        const check = runSelfCheck(
            inputs(callCenter(ASSERTION_MODE), ['dnd', 'signedAssertion', 'signedAssertionOnly'])
        );
        expect(await link(check, 'apiKey')).toEqual({
            id: 'apiKey',
            result: 'pass',
            detail: 'signedAssertion',
            note: { code: 'signInPerAgent', params: { ...HOST, extension: '2001' } }
        });
    });

    it('says the shared key lets anyone who has it control any station', async () => {
        const check = runSelfCheck(inputs(callCenter(), ['dnd']));
        expect(await link(check, 'apiKey')).toEqual({
            id: 'apiKey',
            result: 'pass',
            detail: 'apiKey',
            note: { code: 'signInSharedKey', params: HOST }
        });
    });

    it('warns of the shared key also when the agent signed in with an assertion on a server that still takes keys', async () => {
        const check = runSelfCheck(inputs(callCenter(ASSERTION_MODE), ['signedAssertion']));
        expect(await link(check, 'apiKey')).toMatchObject({
            detail: 'signedAssertion',
            note: { code: 'signInSharedKey' }
        });
    });

    it('names a certificate or audience left in the call center, which it no longer reads', async () => {
        const check = runSelfCheck(
            inputs(callCenter({ ...ASSERTION_MODE, '/mivoiceSuite/assertionAudience': 'https://old:8204' }), [
                'signedAssertion',
                'signedAssertionOnly'
            ])
        );
        expect(await link(check, 'settings')).toEqual({
            id: 'settings',
            result: 'pass',
            note: {
                code: 'settingNoLongerRead',
                params: { setting: 'Bridge Audience (signedAssertion; empty: https://host:port)' }
            }
        });
    });

    it('says nothing more of a call center without them', async () => {
        expect(await link(runSelfCheck(inputs(callCenter(), [])), 'settings')).toEqual({
            id: 'settings',
            result: 'pass'
        });
    });

    it.each<[string, string]>([
        ['apiKeyNotAccepted', 'apiKey'],
        ['assertionNotAccepted', 'apiKey'],
        ['stationNotFound', 'primaryExtension']
    ])('turns %s red on the %s link', async (code, id) => {
        const error = new SuiteError(code as SuiteError['code'], { ...HOST, email: USER.email });
        const check = runSelfCheck(
            inputs(callCenter(), [], {
                connection: { state: 'failed', error },
                user: undefined,
                pbxConnected: true
            })
        );
        expect(await link(check, id as SoftphoneCheckId)).toMatchObject({
            result: 'fail',
            message: { code, params: { ...HOST, email: USER.email } }
        });
    });
});
