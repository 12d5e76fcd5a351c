// Launches Debian's Chromium for the end-to-end tests, benchmarks and screenshots. Salesforce-like
// host names resolve to loopback, and only certificates from the development CA are trusted.
import { chromium, type Browser } from 'playwright-core';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export interface LaunchOptions {
    /** base64 SHA-256 of the development CA's public key (SPKI). */
    trustedSpki?: string;
    /** More host names mapped to loopback, e.g. a Suite's name. */
    loopbackHosts?: string[];
    /** More command-line switches (address-space overrides, for example). */
    args?: string[];
}

export function launchChromium(options: LaunchOptions = {}): Promise<Browser> {
    const args = [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-dev-shm-usage',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--disable-quic',
        '--no-first-run',
        // *.force.com and friends are HSTS-preloaded: they must be served over HTTPS, from loopback.
        `--host-resolver-rules=${['*.force.com', '*.salesforce.com', ...(options.loopbackHosts ?? [])]
            .map((host) => `MAP ${host} 127.0.0.1`)
            .join(', ')}`,
        ...(options.args ?? [])
    ];
    if (options.trustedSpki) args.push(`--ignore-certificate-errors-spki-list=${options.trustedSpki}`);
    return chromium.launch({ executablePath: CHROMIUM_PATH, args, timeout: 30_000 });
}
