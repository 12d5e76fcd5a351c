// Both ways of opening a session, end to end: the controller asks Apex (the Open CTI emulator plays
// SoftphoneAssertion and Certificate and Key Management) for an assertion, the Suite client sends it,
// and the contract server verifies it with the same code as in the bridge (src/server/auth/assertion.ts),
// over real TLS.
import { createAssertionVerifier } from '../../src/server/auth/assertion';
import { callControl } from '../../src/stand-ins/suite-simulator/controlClient';
import { startSimulator, type Simulator } from '../../src/stand-ins/suite-simulator/simulator';
import { OpenCtiEmulator } from '../../src/stand-ins/opencti-emulator/emulator';
import { createTestSigner, TEST_AUDIENCE, TEST_ORG_ID, type TestSigner } from '../support/assertionSigner';
import { startController, type ControllerHarness } from '../support/controllerHarness';

jest.setTimeout(20_000);

const CERTIFICATE = 'Softphone_Assertion';
const ASSERTION_MODE = { '/mivoiceSuite/authMode': 'signedAssertion', '/mivoiceSuite/apiKey': '' };
/** The admin's MiVoice Assertion Setting record Default. */
const SETTING = { certificateName: CERTIFICATE, audience: TEST_AUDIENCE };

let signer: TestSigner;
let forger: TestSigner;
let bridge: Simulator;
let plain: Simulator;
const running: ControllerHarness[] = [];

beforeAll(async () => {
    signer = createTestSigner();
    forger = createTestSigner();
    const assertions = await createAssertionVerifier({
        certificatePem: signer.certificatePem,
        orgId: TEST_ORG_ID,
        audience: TEST_AUDIENCE
    });
    bridge = await startSimulator({ config: { heartbeatSec: 1 }, assertions });
    plain = await startSimulator({ config: { heartbeatSec: 1 } });
});

afterEach(async () => {
    for (const harness of running.splice(0)) harness.stop();
    for (const simulator of [bridge, plain]) {
        await callControl(simulator.controlUrl, 'POST', '/_sim/reset');
        await callControl(simulator.controlUrl, 'PUT', '/_sim/config', { heartbeatSec: 1 });
    }
});

afterAll(async () => {
    await bridge.stop();
    await plain.stop();
});

async function agent(
    options: {
        settings?: Record<string, string>;
        sign?: TestSigner;
        simulator?: Simulator;
        emulator?: (emulator: OpenCtiEmulator) => void;
    } = {}
): Promise<ControllerHarness> {
    const emulator = new OpenCtiEmulator({
        orgId: TEST_ORG_ID,
        certificates: { [CERTIFICATE]: (claims) => (options.sign ?? signer).signClaims(claims) },
        assertionSetting: SETTING
    });
    options.emulator?.(emulator);
    const harness = await startController({
        simulator: options.simulator ?? bridge,
        emulator,
        settings: options.settings ?? ASSERTION_MODE
    });
    running.push(harness);
    return harness;
}

const assertionRequests = (harness: ControllerHarness) =>
    harness.emulator.requests.filter(
        (request) => request.method === 'runApex' && request.args.apexClass === 'SoftphoneAssertion'
    );

const ready = (harness: ControllerHarness) => harness.until(() => harness.state().status.phase === 'ready');

function failure(harness: ControllerHarness) {
    return harness.until(() => {
        const status = harness.state().status;
        return status.phase === 'error' ? status.error : undefined;
    });
}

describe('signedAssertion mode', () => {
    it('opens the session with an assertion and no API key, for one Open CTI request at start-up', async () => {
        const harness = await agent();
        await ready(harness);
        expect(harness.state().agent?.email).toBe('alice@example.com');
        // The softphone names no certificate and no audience: Salesforce takes both from its own setting.
        const [request] = assertionRequests(harness);
        expect(request.args).toEqual({ apexClass: 'SoftphoneAssertion', methodName: 'getAssertion' });
        expect(harness.emulator.count('runApex')).toBe(2);
    });

    it('sends no certificate or audience left in an older call center, and signs with the org setting', async () => {
        const harness = await agent({
            settings: {
                ...ASSERTION_MODE,
                '/mivoiceSuite/assertionCertificate': 'Old_Certificate',
                '/mivoiceSuite/assertionAudience': 'https://other.example.com:8204'
            }
        });
        await ready(harness);
        expect(assertionRequests(harness)[0].args).toEqual({
            apexClass: 'SoftphoneAssertion',
            methodName: 'getAssertion'
        });
    });

    it('spends no Open CTI request on the assertion per call or per hold', async () => {
        const harness = await agent({
            settings: { ...ASSERTION_MODE, '/mivoiceSuite/createTasks': 'false' }
        });
        await ready(harness);
        const before = harness.emulator.count('runApex');
        const { callId } = bridge.model.ringInbound('2001', { number: '01632960123', name: 'ACME LTD' });
        await harness.until(() => harness.state().calls.some((call) => call.callId === callId));
        harness.intent({ type: 'answer', callId });
        await harness.until(
            () => harness.state().calls.find((call) => call.callId === callId)?.state === 'connected'
        );
        for (let round = 0; round < 3; round++) {
            harness.intent({ type: 'hold', callId });
            await harness.until(
                () => harness.state().calls.find((call) => call.callId === callId)?.state === 'held'
            );
            harness.intent({ type: 'retrieve', callId });
            await harness.until(
                () => harness.state().calls.find((call) => call.callId === callId)?.state === 'connected'
            );
        }
        harness.intent({ type: 'hangup', callId });
        await harness.until(() => harness.state().calls.length === 0);
        expect(harness.emulator.count('runApex')).toBe(before);
    });

    it('signs a new assertion when the session expired, and is ready again', async () => {
        const harness = await agent();
        await ready(harness);
        expect(assertionRequests(harness)).toHaveLength(1);
        await callControl(bridge.controlUrl, 'POST', '/_sim/sessions/expire');
        await harness.until(() => assertionRequests(harness).length === 2);
        await ready(harness);
    });

    it('renews an assertion refused as expired once, and connects with the fresh one', async () => {
        let signed = 0;
        const harness = await agent({
            emulator: (emulator) => {
                const sign = emulator.certificates[CERTIFICATE];
                // The first assertion comes out ten minutes old, as from an org clock that was far behind.
                emulator.certificates[CERTIFICATE] = (claims) =>
                    signed++ === 0
                        ? sign({ ...claims, iat: Number(claims.iat) - 600, exp: Number(claims.exp) - 600 })
                        : sign(claims);
            }
        });
        await ready(harness);
        expect(assertionRequests(harness)).toHaveLength(2);
    });

    it('stops with assertionRejected when every assertion is expired (a clock far off)', async () => {
        const harness = await agent({
            emulator: (emulator) => {
                emulator.now = () => Date.now() - 600_000;
            }
        });
        const error = await failure(harness);
        expect(error).toMatchObject({ code: 'assertionRejected', params: { detail: 'assertion_expired' } });
        expect(assertionRequests(harness)).toHaveLength(2);
    });

    it('stops with assertionRejected naming a forged signature', async () => {
        const harness = await agent({ sign: forger });
        expect(await failure(harness)).toMatchObject({
            code: 'assertionRejected',
            params: { detail: 'assertion_signature' }
        });
    });

    it('stops with assertionRejected naming a wrong audience in the org setting', async () => {
        const harness = await agent({
            emulator: (emulator) => {
                emulator.assertionSetting = { ...SETTING, audience: 'https://other.example.com:8204' };
            }
        });
        expect(await failure(harness)).toMatchObject({
            code: 'assertionRejected',
            params: { detail: 'assertion_audience' }
        });
    });

    it('stops with assertionUnavailable naming a certificate the org does not have', async () => {
        const harness = await agent({
            emulator: (emulator) => {
                emulator.assertionSetting = { ...SETTING, certificateName: 'Old_Certificate' };
            }
        });
        const error = await failure(harness);
        expect(error.code).toBe('assertionUnavailable');
        expect(error.params?.detail).toContain('Old_Certificate');
    });

    it('stops with assertionUnavailable naming the MiVoice Assertion Setting the org lacks', async () => {
        const harness = await agent({
            emulator: (emulator) => {
                emulator.assertionSetting = undefined;
            }
        });
        const error = await failure(harness);
        expect(error.code).toBe('assertionUnavailable');
        expect(error.params?.detail).toContain('No MiVoice Assertion Setting named Default');
    });

    it('asks Salesforce for nothing when the server does not accept assertions', async () => {
        const harness = await agent({ simulator: plain });
        expect((await failure(harness)).code).toBe('assertionNotAccepted');
        expect(assertionRequests(harness)).toHaveLength(0);
    });
});

describe('apiKey mode next to a server that also accepts assertions', () => {
    it('opens the session with the API key and asks Apex for no assertion', async () => {
        const harness = await agent({ settings: {} });
        await ready(harness);
        expect(assertionRequests(harness)).toHaveLength(0);
        expect(harness.emulator.count('runApex')).toBe(1);
    });

    it('keeps refusing a wrong API key', async () => {
        const harness = await agent({ settings: { '/mivoiceSuite/apiKey': 'wrong-key' } });
        expect((await failure(harness)).code).toBe('apiKeyRejected');
    });
});
