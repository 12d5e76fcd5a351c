// The bridge's configuration file: read, checked against a schema, every bad field named.
import { accessSync, constants, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import Ajv, { type ErrorObject } from 'ajv';
import { invalidAddresses } from '../server/metrics';
import type { ClientLimitsConfig } from './clientLimits';
import { configSchema, directorySchema } from './configSchema';

export interface DirectoryEntry {
    email: string;
    displayName: string;
    /** null: the user is known but has no phone. */
    primaryExtension: string | null;
    /** false: the user may not sign in (`user_disabled`); true when left out. */
    enabled?: boolean;
}

/** Signed per-user assertions from Salesforce (Apex SoftphoneAssertion); see docs/oai-bridge.md. */
export interface AssertionConfig {
    /** The org Id (15 or 18 characters): the assertion's `iss`. */
    issuer: string;
    /** This bridge, as the org's MiVoice Assertion Setting names it: the assertion's `aud`. */
    audience: string;
    /** The certificate exported from Certificate and Key Management (PEM); relative to the file. */
    certificateFile: string;
    clockSkewSec: number;
    maxLifetimeSec: number;
}

export interface BridgeConfig {
    listen: { host: string; port: number };
    tls: { certFile: string; keyFile: string; caFile?: string; watchSec: number };
    /** Origins allowed for CORS and for the event channel (the org's Visualforce origin). */
    allowedOrigins: string[];
    /**
     * With `assertion` set, API keys are refused unless `legacyApiKeys` is true: a key lets anyone
     * who holds it open a session as any agent in the directory.
     */
    auth: { apiKeys: string[]; assertion?: AssertionConfig; legacyApiKeys: boolean };
    oai: {
        host: string;
        port: number;
        password: string;
        applicationName: string;
        huntGroups: string[];
        keepAliveMs: number;
        confirmationTimeoutMs: number;
    };
    sessions: {
        heartbeatSec: number;
        resumeWindowSec: number;
        tokenTtlSec: number;
        maxChannelsPerUser: number;
    };
    limits: { bodyBytes: number; frameBytes: number; requestsPerMinute: number };
    /** Who may read `/metrics`: these addresses (or CIDR ranges), and anyone with the token. */
    metrics: { allowFrom: string[]; token?: string };
    /** What one client may hold and do: sessions per user, idle sessions, channel backlogs (./clientLimits.ts). */
    clients: ClientLimitsConfig;
    directory: DirectoryEntry[];
    /** Where the contract call ids of live calls are kept over a restart; none: in memory only. */
    state: { callIdsFile?: string };
    log: { level: 'fatal' | 'error' | 'warn' | 'info' | 'debug' };
}

/** The configuration is wrong; `problems` names each bad field (`/oai/port must be <= 65535`). */
export class ConfigError extends Error {
    readonly problems: string[];
    constructor(file: string, problems: string[]) {
        super(`${file}: ${problems.length} problem(s) in the configuration:\n  ${problems.join('\n  ')}`);
        this.name = 'ConfigError';
        this.problems = problems;
    }
}

const ajv = new Ajv({ allErrors: true, useDefaults: true, strict: true });
const validate = ajv.compile(configSchema);
const validateDirectory = ajv.compile(directorySchema);

function describe(error: ErrorObject): string {
    const where = error.instancePath;
    if (error.keyword === 'additionalProperties')
        return `${where}/${String(error.params.additionalProperty)} is not a known setting`;
    if (error.keyword === 'required') return `${where}/${String(error.params.missingProperty)} is required`;
    return `${where || 'the file'} ${error.message ?? 'is not valid'}`;
}

function duplicates(directory: DirectoryEntry[]): string[] {
    const seen = new Set<string>();
    const problems: string[] = [];
    directory.forEach((entry, index) => {
        const email = entry.email.toLowerCase();
        if (seen.has(email)) problems.push(`/directory/${index}/email ${entry.email} is listed twice`);
        seen.add(email);
    });
    return problems;
}

function authProblems({ auth, directory }: BridgeConfig): string[] {
    if (!auth.assertion)
        return [
            ...(auth.apiKeys.length === 0 ? ['/auth needs assertion (recommended) or apiKeys'] : []),
            ...(directory.length === 0
                ? ['/directory is required with API keys only: it names each agent and extension']
                : [])
        ];
    return auth.legacyApiKeys && auth.apiKeys.length === 0
        ? ['/auth/legacyApiKeys accepts apiKeys beside assertion, but apiKeys is empty']
        : [];
}

/** Checks a parsed configuration; file paths are taken relative to `baseDir`. */
export function parseConfig(raw: unknown, file: string, baseDir: string): BridgeConfig {
    const value = structuredClone(raw);
    if (!validate(value)) throw new ConfigError(file, (validate.errors ?? []).map(describe));
    const config = value as unknown as BridgeConfig;
    const problems = [
        ...duplicates(config.directory),
        ...authProblems(config),
        ...invalidAddresses(config.metrics.allowFrom).map(
            (entry) => `/metrics/allowFrom ${entry} is not an IP address or a CIDR range`
        )
    ];
    if (problems.length > 0) throw new ConfigError(file, problems);
    const path = (name: string) => resolve(baseDir, name);
    config.tls = {
        ...config.tls,
        certFile: path(config.tls.certFile),
        keyFile: path(config.tls.keyFile),
        ...(config.tls.caFile ? { caFile: path(config.tls.caFile) } : {})
    };
    if (config.state.callIdsFile) config.state = { callIdsFile: path(config.state.callIdsFile) };
    if (config.auth.assertion)
        config.auth.assertion = {
            ...config.auth.assertion,
            certificateFile: path(config.auth.assertion.certificateFile)
        };
    return config;
}

/** Just the directory, for a reload: the rest of a running bridge's settings need a restart. */
export function parseDirectory(raw: unknown, file: string): DirectoryEntry[] {
    // Left out, the directory is empty: agents sign in with assertions that name their station.
    const directory = (raw as { directory?: unknown } | null)?.directory ?? [];
    if (!validateDirectory(directory))
        throw new ConfigError(
            file,
            (validateDirectory.errors ?? []).map((error) =>
                describe({ ...error, instancePath: `/directory${error.instancePath}` })
            )
        );
    const entries = directory as DirectoryEntry[];
    const problems = duplicates(entries);
    if (problems.length > 0) throw new ConfigError(file, problems);
    return entries;
}

export function readJson(file: string): unknown {
    let text: string;
    try {
        text = readFileSync(file, 'utf8');
    } catch (error) {
        const code = (error as NodeJS.ErrnoException).code;
        throw new ConfigError(file, [
            code === 'ENOENT'
                ? 'the file does not exist'
                : `the file cannot be read (${code ?? 'unreadable'})`
        ]);
    }
    try {
        return JSON.parse(text) as unknown;
    } catch (error) {
        // The parser's message quotes the text around the fault, which may be a key or a password.
        const position = /position (\d+)/.exec((error as Error).message)?.[1];
        throw new ConfigError(file, [`the file is not JSON${position ? ` (at character ${position})` : ''}`]);
    }
}

export function loadConfig(file: string): BridgeConfig {
    return parseConfig(readJson(file), file, dirname(resolve(file)));
}

const PEM_LABELS = {
    certificate: /-----BEGIN CERTIFICATE-----/,
    key: /-----BEGIN (?:RSA |EC |ENCRYPTED )?PRIVATE KEY-----/
} as const;

/**
 * A PEM file the configuration names, read at start; a file that is missing, unreadable or not PEM
 * of the expected kind is a ConfigError naming the setting and the path (never the content).
 */
export function readPemFile(
    configFile: string,
    setting: string,
    path: string,
    kind: keyof typeof PEM_LABELS
): string {
    let text: string;
    try {
        text = readFileSync(path, 'utf8');
    } catch (error) {
        const code = (error as NodeJS.ErrnoException).code ?? 'unreadable';
        const why =
            code === 'ENOENT'
                ? 'does not exist'
                : code === 'EACCES'
                  ? 'cannot be read by this user'
                  : code === 'EISDIR'
                    ? 'is a directory'
                    : `cannot be read (${code})`;
        throw new ConfigError(configFile, [`${setting}: ${path} ${why}`]);
    }
    if (!PEM_LABELS[kind].test(text))
        throw new ConfigError(configFile, [
            `${setting}: ${path} is not a PEM ${kind === 'key' ? 'private key' : 'certificate'}`
        ]);
    return text;
}

/** The folder of a file the bridge writes must be there and writable: a ConfigError naming the setting if not. */
export function checkWritableFile(configFile: string, setting: string, path: string): void {
    try {
        accessSync(dirname(path), constants.W_OK);
    } catch (error) {
        const code = (error as NodeJS.ErrnoException).code;
        throw new ConfigError(configFile, [
            `${setting}: ${dirname(path)} ${code === 'ENOENT' ? 'does not exist' : 'is not writable by this user'}`
        ]);
    }
}
