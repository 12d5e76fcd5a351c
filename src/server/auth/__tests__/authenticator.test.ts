// The session route's two ways in: the API key names any user it likes, the signed assertion only its
// own, with the station the org put in it; a server that takes assertions only refuses the key by name.
import {
    createTestSigner,
    TEST_AUDIENCE,
    TEST_ORG_ID,
    type TestSigner
} from '../../../../test/support/assertionSigner';
import { ContractError } from '../../errors';
import { createAssertionVerifier } from '../assertion';
import {
    ApiKeyAuthenticator,
    AssertionAuthenticator,
    SIGNED_ASSERTION_FEATURE,
    SIGNED_ASSERTION_ONLY_FEATURE,
    type Authenticator,
    type SessionRequest
} from '../authenticator';

const KEY = 'authenticator-test-key-01';
let signer: TestSigner;

beforeAll(() => {
    signer = createTestSigner();
});

async function assertions(withKeys: boolean): Promise<Authenticator> {
    const verifier = await createAssertionVerifier({
        certificatePem: signer.certificatePem,
        orgId: TEST_ORG_ID,
        audience: TEST_AUDIENCE
    });
    return new AssertionAuthenticator(verifier, withKeys ? new ApiKeyAuthenticator([KEY]) : undefined);
}

const withKey = (email: string): SessionRequest => ({ headers: { 'x-api-key': KEY }, body: { email } });
const withAssertion = async (email: string, claims = {}): Promise<SessionRequest> => ({
    headers: {},
    body: { email, assertion: await signer.sign(email, claims) }
});

async function refusal(promise: Promise<unknown>): Promise<{ status: number; code: string }> {
    try {
        await promise;
    } catch (error) {
        if (error instanceof ContractError) return { status: error.status, code: error.code };
        throw error;
    }
    throw new Error('the request was accepted');
}

describe('the API key', () => {
    it('opens a session for whichever user the body names, in apiKey mode and with no station', async () => {
        const keys = new ApiKeyAuthenticator([KEY]);
        expect(await keys.authenticate(withKey('bob@example.com'))).toEqual({
            email: 'bob@example.com',
            mode: 'apiKey'
        });
    });
});

describe('signed assertions only (no legacy API keys)', () => {
    it('announces signedAssertion and signedAssertionOnly', async () => {
        expect((await assertions(false)).features).toEqual([
            SIGNED_ASSERTION_FEATURE,
            SIGNED_ASSERTION_ONLY_FEATURE
        ]);
    });

    it('refuses a valid API key by name', async () => {
        expect(await refusal((await assertions(false)).authenticate(withKey('bob@example.com')))).toEqual({
            status: 401,
            code: 'api_key_not_accepted'
        });
    });

    it('opens the session of the assertion subject, with the station and name the org signed', async () => {
        const request = await withAssertion('alice@example.com', { extension: '2003', name: 'Alice Agent' });
        expect(await (await assertions(false)).authenticate(request)).toEqual({
            email: 'alice@example.com',
            mode: 'signedAssertion',
            extension: '2003',
            displayName: 'Alice Agent'
        });
    });

    it('takes no station from the body: only the signed claim counts', async () => {
        const request = await withAssertion('alice@example.com');
        request.body.extension = '2002';
        request.body.primaryExtension = '2002';
        expect(await (await assertions(false)).authenticate(request)).toEqual({
            email: 'alice@example.com',
            mode: 'signedAssertion'
        });
    });

    it('refuses an assertion of one user sent with the email of another', async () => {
        const request = await withAssertion('alice@example.com');
        request.body.email = 'bob@example.com';
        expect(await refusal((await assertions(false)).authenticate(request))).toEqual({
            status: 401,
            code: 'assertion_subject'
        });
    });
});

describe('signed assertions with the legacy switch on', () => {
    it('announces signedAssertion without signedAssertionOnly', async () => {
        expect((await assertions(true)).features).toEqual([SIGNED_ASSERTION_FEATURE]);
    });

    it('still opens sessions with the API key, in apiKey mode', async () => {
        expect(await (await assertions(true)).authenticate(withKey('bob@example.com'))).toEqual({
            email: 'bob@example.com',
            mode: 'apiKey'
        });
    });
});
