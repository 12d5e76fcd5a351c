// The bridge's certificate and key: read before anything listens, checked as a pair, and read again
// when they change (a renewal) so new connections get the new certificate without a restart.
import { createPrivateKey, X509Certificate } from 'node:crypto';
import { unwatchFile, watchFile, type Stats } from 'node:fs';
import { ConfigError, readPemFile, type BridgeConfig } from './config';

export interface TlsPair {
    key: string;
    cert: string;
    /** The leaf certificate, for the log and the checks. */
    leaf: X509Certificate;
}

/** The leaf certificate of a PEM chain, or a ConfigError naming the setting. */
export function leafCertificate(
    configFile: string,
    setting: string,
    path: string,
    pem: string
): X509Certificate {
    try {
        return new X509Certificate(pem);
    } catch (error) {
        throw new ConfigError(configFile, [
            `${setting}: ${path} is not a readable certificate (${(error as Error).message})`
        ]);
    }
}

/** Whether `keyPem` is the private key of `certificate`; a ConfigError when the key cannot be read. */
function checkPair(
    configFile: string,
    config: BridgeConfig,
    certificate: X509Certificate,
    keyPem: string
): void {
    let matches: boolean;
    try {
        matches = certificate.checkPrivateKey(createPrivateKey(keyPem));
    } catch (error) {
        const why = /passphrase/i.test((error as Error).message)
            ? 'is encrypted: the bridge needs the key without a passphrase'
            : `cannot be read as a private key (${(error as Error).message})`;
        throw new ConfigError(configFile, [`/tls/keyFile: ${config.tls.keyFile} ${why}`]);
    }
    if (!matches)
        throw new ConfigError(configFile, [
            `/tls/keyFile: ${config.tls.keyFile} is not the key of the certificate in ${config.tls.certFile}`
        ]);
}

/** The TLS files (and the intermediate CAs, if configured), each failure naming its setting and file. */
export function configuredTls(config: BridgeConfig, configFile: string): TlsPair {
    const cert = readPemFile(configFile, '/tls/certFile', config.tls.certFile, 'certificate');
    const key = readPemFile(configFile, '/tls/keyFile', config.tls.keyFile, 'key');
    const chain = config.tls.caFile
        ? `${cert.trimEnd()}\n${readPemFile(configFile, '/tls/caFile', config.tls.caFile, 'certificate')}`
        : cert;
    const leaf = leafCertificate(configFile, '/tls/certFile', config.tls.certFile, cert);
    checkPair(configFile, config, leaf, key);
    return { key, cert: chain, leaf };
}

/** What the log says of a certificate: never the key, only what identifies the certificate. */
export function describeCertificate(leaf: X509Certificate): Record<string, string> {
    return {
        subject: leaf.subject.replace(/\n/g, ', '),
        names: leaf.subjectAltName ?? '',
        validTo: new Date(leaf.validTo).toISOString(),
        fingerprint256: leaf.fingerprint256
    };
}

/**
 * Calls `changed` a quarter of a second after the last change to any of `files` (checked every
 * `intervalSec`; a renewal tool writes the certificate and the key one after the other). Returns the
 * function that stops watching.
 */
export function watchTlsFiles(
    files: readonly string[],
    intervalSec: number,
    changed: () => void
): () => void {
    if (intervalSec <= 0) return () => undefined;
    let timer: NodeJS.Timeout | undefined;
    const listener = (current: Stats, previous: Stats) => {
        if (
            current.mtimeMs === previous.mtimeMs &&
            current.size === previous.size &&
            current.ino === previous.ino
        )
            return;
        clearTimeout(timer);
        timer = setTimeout(changed, 250);
    };
    for (const file of files) watchFile(file, { interval: intervalSec * 1000, persistent: false }, listener);
    return () => {
        clearTimeout(timer);
        for (const file of files) unwatchFile(file, listener);
    };
}
