// The self-check, through the real controller: Salesforce's side is the Open CTI emulator, the
// phone system the real simulator over TLS. Each field failure turns its own link red with the
// message that says what to do, and the links after it stay unchecked.
import { callControl } from '../../src/stand-ins/suite-simulator/controlClient';
import { startSimulator } from '../../src/stand-ins/suite-simulator/simulator';
import { OpenCtiEmulator } from '../../src/stand-ins/opencti-emulator/emulator';
import type { ControllerHarness, HarnessOptions } from '../support/controllerHarness';
import { useSimulator } from '../support/simulatorFixture';

jest.setTimeout(20_000);

const fixture = useSimulator();
const controller = fixture.controller;
type Options = Partial<HarnessOptions>;

/** Runs the self-check and returns `id: result` lines, the failure's message code in brackets. */
async function selfCheck(harness: ControllerHarness): Promise<string[]> {
    harness.intent({ type: 'selfcheck' });
    const result = await harness.until(() => {
        const view = harness.state().selfCheck;
        return view && !view.running && view;
    });
    return result.checks.map(
        (check) => `${check.id}: ${check.result}${check.message ? ` (${check.message.code})` : ''}`
    );
}

const failure = (harness: ControllerHarness) =>
    harness.state().selfCheck?.checks.find((check) => check.result === 'fail');

describe('self-check', () => {
    it('lists the Open CTI requests that failed with no message on screen, as they failed', async () => {
        const emulator = new OpenCtiEmulator();
        const handle = emulator.handle.bind(emulator);
        // Salesforce refuses to turn click-to-dial on: the agent sees nothing, the setup check does.
        jest.spyOn(emulator, 'handle').mockImplementation((method, args) =>
            method === 'enableClickToDial'
                ? Promise.resolve({
                      success: false,
                      returnValue: null,
                      errors: [{ code: 'GENERIC_ERROR', description: 'not now' }]
                  })
                : handle(method, args)
        );
        const harness = await controller({ emulator });
        await harness.until(() => harness.state().status.phase === 'ready');
        await selfCheck(harness);
        expect(harness.state().selfCheck?.diagnostics).toEqual([
            { at: expect.any(Number), operation: 'opencti.enableClickToDial', detail: 'GENERIC_ERROR' }
        ]);
        expect(harness.state().notice).toBeUndefined();
    });

    it('shows every link green on a healthy setup, with what it found', async () => {
        const harness = await controller();
        await harness.until(() => harness.state().status.phase === 'ready');
        expect(await selfCheck(harness)).toEqual([
            'inSoftphone: pass',
            'openCti: pass',
            'userEmail: pass',
            'settings: pass',
            'localNetwork: pass',
            'suiteReachable: pass',
            'suiteVersion: pass',
            'apiKey: pass',
            'userFound: pass',
            'licence: pass',
            'primaryExtension: pass',
            'eventChannel: pass',
            'pbxLink: pass'
        ]);
        const details = Object.fromEntries(
            (harness.state().selfCheck?.checks ?? []).map((check) => [check.id, check.detail])
        );
        expect(details).toMatchObject({
            userEmail: 'alice@example.com',
            suiteReachable: `localhost:${fixture.simulator.port}`,
            suiteVersion: '6.1.0',
            userFound: 'Alice Agent · alice@example.com',
            primaryExtension: '2001'
        });
    });

    it('costs one Open CTI request and no Suite session', async () => {
        const harness = await controller();
        await harness.until(() => harness.state().status.phase === 'ready');
        await harness.opencti.settle();
        const requestsBefore = harness.emulator.requests.length;
        const sessionsBefore = fixture.simulator.sessions.size;
        await selfCheck(harness);
        expect(harness.emulator.requests.slice(requestsBefore).map((request) => request.method)).toEqual([
            'getCallCenterSettings'
        ]);
        expect(fixture.simulator.sessions.size).toBe(sessionsBefore);
    });

    it('names the setting that is wrong, and checks nothing past it', async () => {
        const harness = await controller({ settings: { '/mivoiceSuite/suitePort': '99999' } });
        expect(await selfCheck(harness)).toEqual([
            'inSoftphone: pass',
            'openCti: pass',
            'userEmail: pass',
            'settings: fail (settingNotPort)',
            'localNetwork: notChecked',
            'suiteReachable: notChecked',
            'suiteVersion: notChecked',
            'apiKey: notChecked',
            'userFound: notChecked',
            'licence: notChecked',
            'primaryExtension: notChecked',
            'eventChannel: notChecked',
            'pbxLink: notChecked'
        ]);
        expect(failure(harness)?.message?.params?.setting).toBe('Suite Port');
    });

    it('sees an admin fix the settings without a reload', async () => {
        const harness = await controller({ settings: { '/mivoiceSuite/suitePort': '99999' } });
        expect(await selfCheck(harness)).toContain('settings: fail (settingNotPort)');
        harness.emulator.settings['/mivoiceSuite/suitePort'] = String(fixture.simulator.port);
        expect(await selfCheck(harness)).toContain('suiteVersion: pass');
    });

    it('tells a Suite that is down from one with an untrusted certificate only as "unreachable", at the right link', async () => {
        const selfSigned = await startSimulator({ selfSigned: true });
        try {
            const harness = await controller({ simulator: selfSigned });
            const links = await selfCheck(harness);
            expect(links.slice(3, 7)).toEqual([
                'settings: pass',
                'localNetwork: pass',
                'suiteReachable: fail (suiteUnreachable)',
                'suiteVersion: notChecked'
            ]);
            expect(failure(harness)?.message?.params).toMatchObject({
                host: 'localhost',
                port: String(selfSigned.port)
            });
        } finally {
            await selfSigned.stop();
        }
    });

    it('refuses a Suite release below 5.2 at the version link', async () => {
        await callControl(fixture.simulator.controlUrl, 'PUT', '/_sim/config', { version: '5.1.3' });
        const harness = await controller();
        const links = await selfCheck(harness);
        expect(links.slice(5, 8)).toEqual([
            'suiteReachable: pass',
            'suiteVersion: fail (suiteTooOld)',
            'apiKey: notChecked'
        ]);
        expect(failure(harness)?.message?.params).toMatchObject({ version: '5.1.3', minimum: '5.2' });
    });

    it.each<[string, Options & { config?: Record<string, unknown> }, string]>([
        [
            'a wrong API key',
            { settings: { '/mivoiceSuite/apiKey': 'not-the-key' } },
            'apiKey: fail (apiKeyRejected)'
        ],
        [
            'a disabled API key',
            { settings: { '/mivoiceSuite/apiKey': 'disabled-key-456' } },
            'apiKey: fail (apiKeyRejected)'
        ],
        ['the API turned off on the Suite', { config: { apiEnabled: false } }, 'apiKey: fail (apiDisabled)'],
        [
            'signed assertions asked of a server that does not accept them',
            {
                settings: { '/mivoiceSuite/authMode': 'signedAssertion' }
            },
            'apiKey: fail (assertionNotAccepted)'
        ],
        ['an unknown email', { agentEmail: 'stranger@example.com' }, 'userFound: fail (userNotFound)'],
        ['a disabled Suite user', { agentEmail: 'disabled@example.com' }, 'userFound: fail (userDisabled)'],
        [
            'a user without a licence',
            { agentEmail: 'nolicence@example.com' },
            'licence: fail (licenceRequired)'
        ],
        [
            'a user without a primary extension',
            { agentEmail: 'noext@example.com' },
            'primaryExtension: fail (noPrimaryExtension)'
        ]
    ])('turns the right link red for %s, after the links before it passed', async (_name, options, red) => {
        if (options.config)
            await callControl(fixture.simulator.controlUrl, 'PUT', '/_sim/config', options.config);
        const harness = await controller(options);
        await harness.until(() => harness.state().status.phase === 'error');
        const links = await selfCheck(harness);
        const redAt = links.indexOf(red);
        expect(redAt).toBeGreaterThan(6);
        expect(links.slice(0, redAt).every((link) => link.endsWith(': pass'))).toBe(true);
        expect(links.slice(redAt + 1).every((link) => link.endsWith(': notChecked'))).toBe(true);
    });

    it('shows a phone system link that is down', async () => {
        const harness = await controller();
        await harness.until(() => harness.state().status.phase === 'ready');
        await callControl(fixture.simulator.controlUrl, 'PUT', '/_sim/pbx', { connected: false });
        await harness.until(() => harness.state().status.error?.code === 'pbxLinkDown');
        expect((await selfCheck(harness)).slice(-2)).toEqual([
            'eventChannel: pass',
            'pbxLink: fail (pbxLinkDown)'
        ]);
    });

    it('while the Suite is stopped the first red link is reachability, and all turn green when it is back', async () => {
        const harness = await controller();
        await harness.until(() => harness.state().status.phase === 'ready');
        await callControl(fixture.simulator.controlUrl, 'POST', '/_sim/stop');
        await harness.until(() => harness.state().status.phase === 'reconnecting');
        const links = await selfCheck(harness);
        // The Suite no longer answers at all, so the first red link is reachability.
        expect(links[5]).toBe('suiteReachable: fail (suiteUnreachable)');
        await callControl(fixture.simulator.controlUrl, 'POST', '/_sim/start');
        await harness.until(() => harness.state().status.phase === 'ready');
        expect((await selfCheck(harness)).every((link) => link.endsWith(': pass'))).toBe(true);
    });

    it('shows Salesforce not answering Open CTI, and the missing email', async () => {
        const emulator = new OpenCtiEmulator();
        const harness = await controller({ emulator, start: false });
        emulator.handle = async () => ({
            success: false,
            returnValue: null,
            errors: [{ code: 'SERVER_ERROR', description: 'no access' }]
        });
        await harness.controller.start();
        expect((await selfCheck(harness)).slice(0, 3)).toEqual([
            'inSoftphone: pass',
            'openCti: fail (openCtiUnavailable)',
            'userEmail: notChecked'
        ]);
        emulator.handle = OpenCtiEmulator.prototype.handle.bind(emulator);
        expect((await selfCheck(harness)).slice(1, 4)).toEqual([
            'openCti: pass',
            'userEmail: fail (userEmailUnavailable)',
            'settings: notChecked'
        ]);
    });

    it('opens with every link unchecked while it runs, and closes on request', async () => {
        const harness = await controller();
        harness.intent({ type: 'selfcheck' });
        expect(harness.state().selfCheck?.running).toBe(true);
        expect(harness.state().selfCheck?.checks.every((check) => check.result === 'notChecked')).toBe(true);
        await harness.until(() => harness.state().selfCheck?.running === false);
        harness.intent({ type: 'closeselfcheck' });
        expect(harness.state().selfCheck).toBeUndefined();
    });
});
