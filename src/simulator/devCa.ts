// A local development certificate authority. The simulator and the workbench serve leaf
// certificates issued by it (never a self-signed leaf), so a client that trusts the CA trusts
// them exactly as a browser trusts a CA-signed Suite. Keys and certificates live in .certs/,
// which git ignores.
import { createHash, generateKeyPairSync, X509Certificate } from 'node:crypto';
import { existsSync, linkSync, mkdirSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import forge from 'node-forge';

export const DEFAULT_CERT_DIR = resolve(__dirname, '../../.certs');

export interface KeyAndCertificate {
    key: string;
    cert: string;
}

export interface DevCa {
    certPem: string;
    /** base64 SHA-256 of the CA's SubjectPublicKeyInfo, for Chromium's --ignore-certificate-errors-spki-list. */
    spkiSha256: string;
    issue(hostnames: string[]): KeyAndCertificate;
}

function newKeyPair(): { privatePem: string; publicPem: string } {
    const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    return {
        privatePem: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
        publicPem: publicKey.export({ type: 'spki', format: 'pem' }).toString()
    };
}

function serial(): string {
    return `01${createHash('sha1').update(`${Date.now()}${Math.random()}`).digest('hex').slice(0, 30)}`;
}

function subjectAltNames(hostnames: string[]) {
    return hostnames.map((name) =>
        /^[\d.]+$/.test(name) || name.includes(':') ? { type: 7, ip: name } : { type: 2, value: name }
    );
}

function certificate(options: {
    subject: string;
    publicPem: string;
    signerKeyPem: string;
    issuer?: forge.pki.Certificate;
    ca: boolean;
    hostnames?: string[];
    days: number;
}): string {
    const cert = forge.pki.createCertificate();
    cert.publicKey = forge.pki.publicKeyFromPem(options.publicPem);
    cert.serialNumber = serial();
    cert.validity.notBefore = new Date(Date.now() - 60_000);
    cert.validity.notAfter = new Date(Date.now() + options.days * 86_400_000);
    const subject = [
        { name: 'commonName', value: options.subject },
        { name: 'organizationName', value: 'MiVoice Softphone development' }
    ];
    cert.setSubject(subject);
    cert.setIssuer(options.issuer ? options.issuer.subject.attributes : subject);
    const extensions: object[] = [
        { name: 'basicConstraints', cA: options.ca, critical: true },
        options.ca
            ? { name: 'keyUsage', keyCertSign: true, cRLSign: true, critical: true }
            : { name: 'keyUsage', digitalSignature: true, keyEncipherment: true, critical: true },
        { name: 'subjectKeyIdentifier' }
    ];
    if (!options.ca) {
        extensions.push({ name: 'extKeyUsage', serverAuth: true });
        extensions.push({ name: 'subjectAltName', altNames: subjectAltNames(options.hostnames ?? []) });
    }
    cert.setExtensions(extensions);
    cert.sign(forge.pki.privateKeyFromPem(options.signerKeyPem), forge.md.sha256.create());
    return forge.pki.certificateToPem(cert);
}

function spkiHash(certPem: string): string {
    const publicKey = new X509Certificate(certPem).publicKey.export({ type: 'spki', format: 'der' });
    return createHash('sha256').update(publicKey).digest('base64');
}

/** Loads the development CA from certDir, creating it on first use. */
export function loadDevCa(certDir = DEFAULT_CERT_DIR): DevCa {
    // One file holds key and certificate, created atomically: test workers starting together
    // must all end up with the same CA, never a key from one and a certificate from another.
    const bundlePath = join(certDir, 'dev-ca.bundle.pem');
    const certPath = join(certDir, 'dev-ca.cert.pem');
    if (!existsSync(bundlePath)) {
        mkdirSync(certDir, { recursive: true, mode: 0o700 });
        const keys = newKeyPair();
        const caCert = certificate({
            subject: 'MiVoice Softphone Development CA',
            publicPem: keys.publicPem,
            signerKeyPem: keys.privatePem,
            ca: true,
            days: 825
        });
        const temporary = `${bundlePath}.${process.pid}.${Date.now()}`;
        writeFileSync(temporary, keys.privatePem + caCert, { mode: 0o600 });
        try {
            linkSync(temporary, bundlePath);
        } catch (error) {
            if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
        } finally {
            unlinkSync(temporary);
        }
    }
    const bundle = readFileSync(bundlePath, 'utf8');
    const caKeyPem = bundle.slice(0, bundle.indexOf('-----BEGIN CERTIFICATE-----'));
    const certPem = bundle.slice(bundle.indexOf('-----BEGIN CERTIFICATE-----'));
    // The certificate alone, for browsers and tools that should trust the development CA.
    if (!existsSync(certPath) || readFileSync(certPath, 'utf8') !== certPem) writeFileSync(certPath, certPem);
    const issuer = forge.pki.certificateFromPem(certPem);
    const leaves = new Map<string, KeyAndCertificate>();
    return {
        certPem,
        spkiSha256: spkiHash(certPem),
        issue(hostnames) {
            const cacheKey = [...hostnames].sort().join(',');
            const cached = leaves.get(cacheKey);
            if (cached) return cached;
            const keys = newKeyPair();
            const cert = certificate({
                subject: hostnames[0] ?? 'localhost',
                publicPem: keys.publicPem,
                signerKeyPem: caKeyPem,
                issuer,
                ca: false,
                hostnames,
                days: 397
            });
            // Serve the chain (leaf, then CA) as a CA-signed server does.
            const leaf = { key: keys.privatePem, cert: cert + certPem };
            leaves.set(cacheKey, leaf);
            return leaf;
        }
    };
}

/** An untrusted self-signed certificate: what the Suite ships with, and what browsers refuse. */
export function selfSignedCertificate(hostnames: string[]): KeyAndCertificate {
    const keys = newKeyPair();
    const cert = certificate({
        subject: hostnames[0] ?? 'localhost',
        publicPem: keys.publicPem,
        signerKeyPem: keys.privatePem,
        ca: false,
        hostnames,
        days: 30
    });
    return { key: keys.privatePem, cert };
}
