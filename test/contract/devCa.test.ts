// The development CA is name-constrained: Node's TLS (OpenSSL, which enforces X.509 name
// constraints) accepts its leaves for every name the project serves, and refuses a leaf that its key
// signed for any other name, so the key could not impersonate another site even where the CA is
// trusted. Runs in a temporary certificate directory, removed afterwards.
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connect } from 'node:tls';
import forge from 'node-forge';
import {
    loadDevCa,
    PERMITTED_NAMES,
    type DevCa,
    type KeyAndCertificate
} from '../../src/stand-ins/dev-machine/devCa';
import { CONSOLE_HOST, SOFTPHONE_HOST } from '../e2e/support/workbench';

jest.setTimeout(30_000);

let certDir: string;
let ca: DevCa;

beforeAll(() => {
    certDir = mkdtempSync(join(tmpdir(), 'dev-ca-'));
    ca = loadDevCa(certDir);
});

afterAll(() => rmSync(certDir, { recursive: true, force: true }));

/** Serves the leaf and reports how a client that trusts only the development CA judges it. */
async function handshake(leaf: KeyAndCertificate, name: string): Promise<string> {
    const server: Server = createServer(leaf, (_request, response) => response.end('ok'));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
        const port = (server.address() as AddressInfo).port;
        return await new Promise<string>((resolve) => {
            const socket = connect({
                host: '127.0.0.1',
                port,
                ca: ca.certPem,
                servername: /^[\d.]+$|:/.test(name) ? undefined : name,
                checkServerIdentity: () => undefined,
                rejectUnauthorized: false
            });
            socket.once('secureConnect', () => {
                resolve(socket.authorized ? 'trusted' : String(socket.authorizationError));
                socket.destroy();
            });
            socket.once('error', (error) => resolve(error.message));
        });
    } finally {
        server.closeAllConnections();
        await new Promise<void>((resolve) => server.close(() => resolve()));
    }
}

/** A leaf the CA's key signs for any name, bypassing issue()'s own check: what a stolen key could do. */
function forgedLeaf(name: string): KeyAndCertificate {
    const bundleFile = readdirSync(certDir).find((file) => file.endsWith('.bundle.pem')) as string;
    const bundle = readFileSync(join(certDir, bundleFile), 'utf8');
    const caKey = forge.pki.privateKeyFromPem(bundle.slice(0, bundle.indexOf('-----BEGIN CERTIFICATE-----')));
    const caCert = forge.pki.certificateFromPem(ca.certPem);
    const keys = forge.pki.rsa.generateKeyPair(2048);
    const cert = forge.pki.createCertificate();
    cert.publicKey = keys.publicKey;
    cert.serialNumber = '0badc0de';
    cert.validity.notBefore = new Date(Date.now() - 60_000);
    cert.validity.notAfter = new Date(Date.now() + 86_400_000);
    cert.setSubject([{ name: 'commonName', value: name }]);
    cert.setIssuer(caCert.subject.attributes);
    cert.setExtensions([
        { name: 'basicConstraints', cA: false },
        { name: 'extKeyUsage', serverAuth: true },
        {
            name: 'subjectAltName',
            altNames: [/^[\d.]+$|:/.test(name) ? { type: 7, ip: name } : { type: 2, value: name }]
        }
    ]);
    cert.sign(caKey, forge.md.sha256.create());
    return {
        key: forge.pki.privateKeyToPem(keys.privateKey),
        cert: forge.pki.certificateToPem(cert) + ca.certPem
    };
}

describe('the development CA', () => {
    const served = [
        'localhost',
        '127.0.0.1',
        '::1',
        'softphone.localhost',
        CONSOLE_HOST,
        SOFTPHONE_HOST,
        'acme--mvsp.vf.force.com'
    ];

    it.each(served)('issues a certificate for %s that a client trusting the CA accepts', async (name) => {
        expect(await handshake(ca.issue([name]), name)).toBe('trusted');
    });

    it('permits exactly the names the workbench and the tests serve', () => {
        expect([...PERMITTED_NAMES.dns]).toEqual([
            'localhost',
            CONSOLE_HOST,
            SOFTPHONE_HOST,
            'acme--mvsp.vf.force.com',
            'pbx.acme.test'
        ]);
    });

    it.each([
        'login.salesforce.com',
        'acme.my.salesforce.com',
        'example.com',
        'localhost.example.com',
        '10.0.0.1'
    ])('refuses to issue for %s, naming what it may issue for', (name) => {
        expect(() => ca.issue(['localhost', name])).toThrow(
            new RegExp(`may certify only loopback addresses, localhost .*; not ${name.replace(/\./g, '\\.')}`)
        );
    });

    it.each(['login.salesforce.com', 'www.example.com', 'evil.vf.force.com', '10.0.0.1', '192.168.1.20'])(
        'is refused by TLS for a leaf its key signed for %s (name constraints)',
        async (name) => {
            // The same forged path accepts a permitted name: the refusal is the constraint, nothing else.
            expect(await handshake(forgedLeaf('localhost'), 'localhost')).toBe('trusted');
            // OpenSSL's "permitted subtree violation" (47), which Node has no name for.
            expect(await handshake(forgedLeaf(name), name)).toBe('UNSPECIFIED');
        }
    );
});
