// Plays Salesforce's part in tests: a self-signed certificate made at test time (as Certificate and
// Key Management makes one; no key is ever written to disk) and assertions signed with it as
// SoftphoneAssertion signs them. Claims can be overridden to build the broken ones.
import { generateKeyPairSync, randomUUID } from 'node:crypto';
import { importPKCS8, SignJWT, type JWTPayload } from 'jose';
import forge from 'node-forge';

export const TEST_ORG_ID = '00D5g000004ABCDEAU';
export const TEST_AUDIENCE = 'https://bridge.example.test:8204';

export interface TestSigner {
    certificatePem: string;
    /** A compact RS256 JWT; `claims` replaces or (with undefined) removes claims. */
    sign(email: string, claims?: Partial<Record<keyof JWTPayload, unknown>>, nowMs?: number): Promise<string>;
    /** Signs the claims exactly as given, as Auth.JWS signs the payload SoftphoneAssertion builds. */
    signClaims(claims: Record<string, unknown>): Promise<string>;
}

export function selfSignedCertificate(publicPem: string, privatePem: string): string {
    const cert = forge.pki.createCertificate();
    cert.publicKey = forge.pki.publicKeyFromPem(publicPem);
    cert.serialNumber = '01';
    cert.validity.notBefore = new Date(Date.now() - 60_000);
    cert.validity.notAfter = new Date(Date.now() + 365 * 86_400_000);
    const subject = [{ name: 'commonName', value: 'Softphone_Assertion' }];
    cert.setSubject(subject);
    cert.setIssuer(subject);
    cert.sign(forge.pki.privateKeyFromPem(privatePem), forge.md.sha256.create());
    return forge.pki.certificateToPem(cert);
}

export function createTestSigner(): TestSigner {
    const { publicKey, privateKey } = generateKeyPairSync('rsa', {
        modulusLength: 2048,
        publicKeyEncoding: { type: 'spki', format: 'pem' },
        privateKeyEncoding: { type: 'pkcs8', format: 'pem' }
    });
    const certificatePem = selfSignedCertificate(publicKey, privateKey);
    const signingKey = importPKCS8(privateKey, 'RS256');
    const signClaims = async (claims: Record<string, unknown>) =>
        new SignJWT(claims as JWTPayload)
            .setProtectedHeader({ alg: 'RS256', typ: 'JWT' })
            .sign(await signingKey);
    return {
        certificatePem,
        signClaims,
        async sign(email, claims = {}, nowMs = Date.now()) {
            const iat = Math.floor(nowMs / 1000);
            const payload: Record<string, unknown> = {
                iss: TEST_ORG_ID,
                sub: email,
                aud: TEST_AUDIENCE,
                iat,
                exp: iat + 120,
                jti: randomUUID(),
                ...claims
            };
            for (const [name, value] of Object.entries(payload))
                if (value === undefined) delete payload[name];
            return signClaims(payload);
        }
    };
}
