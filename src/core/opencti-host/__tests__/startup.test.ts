// Who the agent is and how the call center is set up, and what the agent reads when either is missing.
import { derivePlatformNames } from '../adapter/platformNames';
import type { OpenCtiClient } from '../opencti/openCtiClient';
import { DEFAULT_SETTINGS } from '../../../stand-ins/opencti-emulator/emulator';
import { identifyFromOpener, identifyInSalesforce } from '../startup';

const names = derivePlatformNames('/resource/1/SoftphoneCore');
const openCti = (email: () => Promise<string>, settings: () => Promise<unknown>) =>
    ({ runApex: email, callWhenReady: settings }) as unknown as OpenCtiClient;

describe('identifyInSalesforce', () => {
    it('gives the email and the parsed settings', async () => {
        const identity = await identifyInSalesforce(
            openCti(
                () => Promise.resolve(' alice@example.com '),
                () => Promise.resolve(DEFAULT_SETTINGS)
            ),
            names
        );
        expect(identity).toMatchObject({
            ok: true,
            email: 'alice@example.com',
            settings: { suitePort: 8204 }
        });
    });

    it('asks for the email and the settings side by side, not one round trip after the other', async () => {
        const asked: string[] = [];
        let answerEmail = (_email: string) => {};
        const identity = identifyInSalesforce(
            openCti(
                () => {
                    asked.push('runApex');
                    return new Promise((resolve) => (answerEmail = resolve));
                },
                () => {
                    asked.push('getCallCenterSettings');
                    return Promise.resolve(DEFAULT_SETTINGS);
                }
            ),
            names
        );
        // Salesforce has not answered the email yet: the settings are already asked for.
        expect(asked).toEqual(['runApex', 'getCallCenterSettings']);
        answerEmail('alice@example.com');
        await expect(identity).resolves.toMatchObject({ ok: true, email: 'alice@example.com' });
    });

    it('says which step failed, keeping the email when it was learnt', async () => {
        await expect(
            identifyInSalesforce(
                openCti(
                    () => Promise.resolve(''),
                    () => Promise.resolve(DEFAULT_SETTINGS)
                ),
                names
            )
        ).resolves.toEqual({
            ok: false,
            problem: { code: 'userEmailUnavailable', params: { detail: 'empty email' }, canRetry: true },
            email: undefined
        });
        const noSettings = await identifyInSalesforce(
            openCti(
                () => Promise.resolve('alice@example.com'),
                () => Promise.reject(new Error('no answer'))
            ),
            names
        );
        expect(noSettings).toMatchObject({
            ok: false,
            email: 'alice@example.com',
            problem: {
                code: 'openCtiUnavailable',
                params: { method: 'getCallCenterSettings', detail: 'no answer' }
            }
        });
        const badSettings = await identifyInSalesforce(
            openCti(
                () => Promise.resolve('alice@example.com'),
                () => Promise.resolve({ ...DEFAULT_SETTINGS, '/mivoiceSuite/suitePort': 'x' })
            ),
            names
        );
        expect(badSettings).toMatchObject({
            ok: false,
            email: 'alice@example.com',
            problem: { canRetry: true }
        });
    });
});

describe('identifyFromOpener', () => {
    it('takes the agent from the tab that opened the phone window, or says there is none', async () => {
        await expect(
            identifyFromOpener({
                identity: () => Promise.resolve({ email: 'alice@example.com', settings: DEFAULT_SETTINGS })
            })
        ).resolves.toMatchObject({ ok: true, email: 'alice@example.com' });
        await expect(
            identifyFromOpener({ identity: () => Promise.reject(new Error('no opener')) })
        ).resolves.toMatchObject({
            ok: false,
            problem: { code: 'phoneWindowWithoutTab', params: { detail: 'no opener' } }
        });
    });
});
