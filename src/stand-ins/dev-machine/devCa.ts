// A local development certificate authority. The simulator and the workbench serve leaf
// certificates issued by it (never a self-signed leaf), so a client that trusts the CA trusts
// them exactly as a browser trusts a CA-signed Suite. Keys and certificates live in .certs/,
// which git ignores. The CA carries X.509 name constraints: it can vouch only for loopback and
// the few names the workbench and the end-to-end tests serve, so its key could not impersonate
// any other site even where the CA is trusted.
import { createHash, generateKeyPairSync, X509Certificate } from 'node:crypto';
import { existsSync, linkSync, mkdirSync, readFileSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { isIP } from 'node:net';
import { join, resolve } from 'node:path';
import forge from 'node-forge';

export const DEFAULT_CERT_DIR = resolve(__dirname, '../../../.certs');

/**
 * The names the CA may certify. A DNS name permits itself and its subdomains (RFC 5280), so
 * `localhost` covers `*.localhost`; the force.com names are the emulated org's console and
 * Visualforce hosts (test/e2e/support/workbench.ts, test/e2e/namespace.e2e.ts, scripts/bench.ts),
 * which Chromium maps to loopback with --host-resolver-rules.
 */
export const PERMITTED_NAMES = {
    dns: [
        'localhost',
        'acme.lightning.force.com',
        'acme--c.vf.force.com',
        'acme--mvsp.vf.force.com',
        'pbx.acme.test'
    ],
    /** Address and mask. */
    ip: [
        { address: '127.0.0.0', mask: '255.0.0.0' },
        { address: '::1', mask: 'ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff' }
    ]
} as const;

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

const isIpAddress = (name: string) => isIP(name) !== 0;

function subjectAltNames(hostnames: string[]) {
    return hostnames.map((name) => (isIpAddress(name) ? { type: 7, ip: name } : { type: 2, value: name }));
}

/** The address as bytes (4 or 16), as X.509 encodes it. */
function addressBytes(address: string): number[] {
    if (isIP(address) === 4) return address.split('.').map(Number);
    const [head, tail = ''] = address.split('::');
    const groups = (part: string) => (part ? part.split(':') : []);
    const missing = 8 - groups(head).length - groups(tail).length;
    const all = [...groups(head), ...Array<string>(missing).fill('0'), ...groups(tail)];
    return all.flatMap((group) => {
        const value = Number.parseInt(group, 16);
        return [value >> 8, value & 0xff];
    });
}

function withinSubnet(address: string, subnet: { address: string; mask: string }): boolean {
    const bytes = addressBytes(address);
    const base = addressBytes(subnet.address);
    const mask = addressBytes(subnet.mask);
    return bytes.length === base.length && bytes.every((byte, index) => (byte & mask[index]) === base[index]);
}

/** Whether the constrained CA may certify this host name or address. */
export function isPermittedName(name: string): boolean {
    if (isIpAddress(name)) return PERMITTED_NAMES.ip.some((subnet) => withinSubnet(name, subnet));
    const lower = name.toLowerCase();
    return PERMITTED_NAMES.dns.some((base) => lower === base || lower.endsWith(`.${base}`));
}

/** The NameConstraints extension (2.5.29.30): only the permitted subtrees, marked critical. */
function nameConstraints(): object {
    const { asn1 } = forge;
    const bytes = (values: number[]) => String.fromCharCode(...values);
    const subtree = (generalName: forge.asn1.Asn1) =>
        asn1.create(asn1.Class.UNIVERSAL, asn1.Type.SEQUENCE, true, [generalName]);
    const permitted = [
        ...PERMITTED_NAMES.dns.map((name) =>
            subtree(asn1.create(asn1.Class.CONTEXT_SPECIFIC, 2, false, name))
        ),
        ...PERMITTED_NAMES.ip.map(({ address, mask }) =>
            subtree(
                asn1.create(
                    asn1.Class.CONTEXT_SPECIFIC,
                    7,
                    false,
                    bytes([...addressBytes(address), ...addressBytes(mask)])
                )
            )
        )
    ];
    return {
        id: '2.5.29.30',
        critical: true,
        value: asn1.create(asn1.Class.UNIVERSAL, asn1.Type.SEQUENCE, true, [
            asn1.create(asn1.Class.CONTEXT_SPECIFIC, 0, true, permitted)
        ])
    };
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
    if (options.ca) extensions.push(nameConstraints());
    if (!options.ca) {
        extensions.push({ name: 'extKeyUsage', serverAuth: true });
        extensions.push({ name: 'subjectAltName', altNames: subjectAltNames(options.hostnames ?? []) });
    }
    cert.setExtensions(extensions);
    cert.sign(forge.pki.privateKeyFromPem(options.signerKeyPem), forge.md.sha256.create());
    return forge.pki.certificateToPem(cert);
}

function constraintsTag(): string {
    return createHash('sha256').update(JSON.stringify(PERMITTED_NAMES)).digest('hex').slice(0, 8);
}

function spkiHash(certPem: string): string {
    const publicKey = new X509Certificate(certPem).publicKey.export({ type: 'spki', format: 'der' });
    return createHash('sha256').update(publicKey).digest('base64');
}

/** Loads the development CA from certDir, creating it on first use. */
export function loadDevCa(certDir = DEFAULT_CERT_DIR): DevCa {
    // One file holds key and certificate, created atomically: test workers starting together
    // must all end up with the same CA, never a key from one and a certificate from another.
    // Its name changes with the permitted names, so a CA made under other constraints is replaced.
    const bundlePath = join(certDir, `dev-ca.${constraintsTag()}.bundle.pem`);
    const certPath = join(certDir, 'dev-ca.cert.pem');
    // The CA of earlier versions had no name constraints: its key is better gone.
    rmSync(join(certDir, 'dev-ca.bundle.pem'), { force: true });
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
            const refused = hostnames.filter((name) => !isPermittedName(name));
            if (refused.length > 0)
                throw new Error(
                    `The development CA may certify only loopback addresses, localhost (and *.localhost) and ${PERMITTED_NAMES.dns
                        .slice(1)
                        .join(
                            ', '
                        )}; not ${refused.join(', ')} (see PERMITTED_NAMES in src/stand-ins/dev-machine/devCa.ts)`
                );
            const cacheKey = [...hostnames].sort().join(',');
            const cached = leaves.get(cacheKey);
            if (cached) return cached;
            const keys = newKeyPair();
            const cert = certificate({
                // Not an address: with name constraints, TLS libraries check a dotted common name as a DNS name.
                subject: hostnames.find((name) => !isIpAddress(name)) ?? 'localhost',
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
