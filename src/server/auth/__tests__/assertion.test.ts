import { createHmac } from 'node:crypto';
import {
    createTestSigner,
    TEST_AUDIENCE,
    TEST_ORG_ID,
    type TestSigner
} from '../../../../test/support/assertionSigner';
import { AssertionError, createAssertionVerifier, type AssertionVerifier } from '../assertion';

const NOW = Date.parse('2026-12-01T10:00:00Z');
const NOW_SEC = NOW / 1000;

let signer: TestSigner;
let otherSigner: TestSigner;

beforeAll(() => {
    signer = createTestSigner();
    otherSigner = createTestSigner();
});

function verifier(options: { now?: () => number; maxRemembered?: number } = {}): Promise<AssertionVerifier> {
    return createAssertionVerifier({
        certificatePem: signer.certificatePem,
        orgId: TEST_ORG_ID,
        audience: TEST_AUDIENCE,
        now: options.now ?? (() => NOW),
        maxRemembered: options.maxRemembered
    });
}

async function refusal(promise: Promise<unknown>): Promise<string> {
    try {
        await promise;
    } catch (error) {
        if (error instanceof AssertionError) return error.code;
        throw error;
    }
    throw new Error('the assertion was accepted');
}

const base64url = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

describe('the bridge verifies a Salesforce assertion', () => {
    it('accepts a valid one and takes the email from sub', async () => {
        const token = await signer.sign('alice@example.com', {}, NOW);
        const verified = await (await verifier()).verify(token);
        expect(verified.email).toBe('alice@example.com');
        expect(verified.expiresAt).toBeGreaterThan(NOW);
    });

    it('takes the station and the name the org signed into it', async () => {
        const token = await signer.sign('alice@example.com', { extension: '2001', name: 'Alice Agent' }, NOW);
        expect(await (await verifier()).verify(token)).toMatchObject({
            email: 'alice@example.com',
            extension: '2001',
            name: 'Alice Agent'
        });
    });

    it('leaves the station out when the org sends none', async () => {
        const verified = await (await verifier()).verify(await signer.sign('alice@example.com', {}, NOW));
        expect(verified).not.toHaveProperty('extension');
    });

    it('refuses a station claim that is no extension, by name', async () => {
        for (const extension of ['', '20 01', '2001;2002', 'x'.repeat(9), '123456789', 2001, ['2001']]) {
            const token = await signer.sign('alice@example.com', { extension }, NOW);
            expect(await refusal((await verifier()).verify(token))).toBe('assertion_extension');
        }
    });

    it('accepts the 15-character org Id in the configuration', async () => {
        const shortOrg = await createAssertionVerifier({
            certificatePem: signer.certificatePem,
            orgId: TEST_ORG_ID.slice(0, 15),
            audience: TEST_AUDIENCE,
            now: () => NOW
        });
        await expect(shortOrg.verify(await signer.sign('a@example.com', {}, NOW))).resolves.toMatchObject({
            email: 'a@example.com'
        });
    });

    it('refuses an expired one, beyond the clock skew', async () => {
        const token = await signer.sign('a@example.com', { iat: NOW_SEC - 200, exp: NOW_SEC - 31 }, NOW);
        expect(await refusal((await verifier()).verify(token))).toBe('assertion_expired');
    });

    it('accepts one expired within the clock skew', async () => {
        const token = await signer.sign('a@example.com', { iat: NOW_SEC - 200, exp: NOW_SEC - 20 }, NOW);
        await expect((await verifier()).verify(token)).resolves.toMatchObject({ email: 'a@example.com' });
    });

    it('refuses one issued in the future or not valid yet', async () => {
        const future = await signer.sign('a@example.com', { iat: NOW_SEC + 60, exp: NOW_SEC + 120 }, NOW);
        expect(await refusal((await verifier()).verify(future))).toBe('assertion_not_yet_valid');
        const notBefore = await signer.sign('a@example.com', { nbf: NOW_SEC + 60 }, NOW);
        expect(await refusal((await verifier()).verify(notBefore))).toBe('assertion_not_yet_valid');
    });

    it('refuses one valid for longer than a few minutes', async () => {
        const token = await signer.sign('a@example.com', { iat: NOW_SEC, exp: NOW_SEC + 3600 }, NOW);
        expect(await refusal((await verifier()).verify(token))).toBe('assertion_lifetime');
    });

    it('refuses another audience', async () => {
        const token = await signer.sign('a@example.com', { aud: 'https://other-bridge:8204' }, NOW);
        expect(await refusal((await verifier()).verify(token))).toBe('assertion_audience');
    });

    it('refuses another org as issuer', async () => {
        const token = await signer.sign('a@example.com', { iss: '00D5g000009ZZZZZZZ' }, NOW);
        expect(await refusal((await verifier()).verify(token))).toBe('assertion_issuer');
    });

    it('refuses a signature made with another key', async () => {
        const token = await otherSigner.sign('a@example.com', {}, NOW);
        expect(await refusal((await verifier()).verify(token))).toBe('assertion_signature');
    });

    it('refuses a token whose payload was changed after signing', async () => {
        const [header, , signature] = (await signer.sign('a@example.com', {}, NOW)).split('.');
        const payload = base64url({
            iss: TEST_ORG_ID,
            sub: 'boss@example.com',
            aud: TEST_AUDIENCE,
            iat: NOW_SEC,
            exp: NOW_SEC + 60,
            jti: 'x'
        });
        expect(await refusal((await verifier()).verify(`${header}.${payload}.${signature}`))).toBe(
            'assertion_signature'
        );
    });

    it('refuses alg none', async () => {
        const claims = {
            iss: TEST_ORG_ID,
            sub: 'a@example.com',
            aud: TEST_AUDIENCE,
            iat: NOW_SEC,
            exp: NOW_SEC + 60,
            jti: 'n'
        };
        const token = `${base64url({ alg: 'none', typ: 'JWT' })}.${base64url(claims)}.`;
        expect(await refusal((await verifier()).verify(token))).toBe('assertion_algorithm');
    });

    it('refuses HS256 keyed with the public certificate (algorithm confusion)', async () => {
        const claims = {
            iss: TEST_ORG_ID,
            sub: 'a@example.com',
            aud: TEST_AUDIENCE,
            iat: NOW_SEC,
            exp: NOW_SEC + 60,
            jti: 'h'
        };
        const signingInput = `${base64url({ alg: 'HS256', typ: 'JWT' })}.${base64url(claims)}`;
        const mac = createHmac('sha256', signer.certificatePem).update(signingInput).digest('base64url');
        expect(await refusal((await verifier()).verify(`${signingInput}.${mac}`))).toBe(
            'assertion_algorithm'
        );
    });

    it('refuses a second use of the same assertion while it is valid', async () => {
        const bridge = await verifier();
        const token = await signer.sign('a@example.com', {}, NOW);
        await bridge.verify(token);
        expect(await refusal(bridge.verify(token))).toBe('assertion_replayed');
    });

    it('forgets an assertion id once it has expired, so memory stays bounded', async () => {
        let now = NOW;
        const bridge = await verifier({ now: () => now });
        await bridge.verify(await signer.sign('a@example.com', { exp: NOW_SEC + 60 }, NOW));
        expect(bridge.remembered).toBe(1);
        now = NOW + 120_000;
        await bridge.verify(await signer.sign('a@example.com', {}, now));
        expect(bridge.remembered).toBe(1);
    });

    it('refuses new assertions rather than forget live ones when its memory is full', async () => {
        const bridge = await verifier({ maxRemembered: 2 });
        await bridge.verify(await signer.sign('a@example.com', {}, NOW));
        await bridge.verify(await signer.sign('b@example.com', {}, NOW));
        expect(await refusal(bridge.verify(await signer.sign('c@example.com', {}, NOW)))).toBe(
            'assertion_replay_cache_full'
        );
        expect(bridge.remembered).toBe(2);
    });

    it('refuses malformed tokens and missing claims by name', async () => {
        const bridge = await verifier();
        expect(await refusal(bridge.verify(''))).toBe('assertion_malformed');
        expect(await refusal(bridge.verify('not.a.jwt'))).toBe('assertion_malformed');
        expect(await refusal(bridge.verify('x'.repeat(9000)))).toBe('assertion_malformed');
        expect(
            await refusal(bridge.verify(await signer.sign('a@example.com', { jti: undefined }, NOW)))
        ).toBe('assertion_malformed');
        expect(
            await refusal(bridge.verify(await signer.sign('a@example.com', { iat: undefined }, NOW)))
        ).toBe('assertion_malformed');
        expect(await refusal(bridge.verify(await signer.sign('not an email', {}, NOW)))).toBe(
            'assertion_subject'
        );
    });

    it('names a configuration it cannot use', async () => {
        await expect(
            createAssertionVerifier({ certificatePem: 'nope', orgId: TEST_ORG_ID, audience: TEST_AUDIENCE })
        ).rejects.toThrow(/not a PEM X.509 certificate/);
        await expect(
            createAssertionVerifier({
                certificatePem: signer.certificatePem,
                orgId: 'acme',
                audience: TEST_AUDIENCE
            })
        ).rejects.toThrow(/orgId/);
        await expect(
            createAssertionVerifier({
                certificatePem: signer.certificatePem,
                orgId: TEST_ORG_ID,
                audience: ' '
            })
        ).rejects.toThrow(/audience/);
    });
});
