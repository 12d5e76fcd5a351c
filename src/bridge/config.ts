// The bridge's configuration file: read, checked against a schema, every bad field named.
import { accessSync, constants, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import Ajv, { type ErrorObject } from 'ajv';
import { clientLimitsSchema, type ClientLimitsConfig } from './clientLimits';

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
    /** This bridge, as the call center's Bridge Audience names it: the assertion's `aud`. */
    audience: string;
    /** The certificate exported from Certificate and Key Management (PEM); relative to the file. */
    certificateFile: string;
    clockSkewSec: number;
    maxLifetimeSec: number;
}

export interface BridgeConfig {
    listen: { host: string; port: number };
    tls: { certFile: string; keyFile: string; caFile?: string };
    /** Origins allowed for CORS and for the event channel (the org's Visualforce origin). */
    allowedOrigins: string[];
    auth: { apiKeys: string[]; assertion?: AssertionConfig };
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
    /** What one client may hold and do: sessions per user, idle sessions, channel backlogs (./clientLimits.ts). */
    clients: ClientLimitsConfig;
    directory: DirectoryEntry[];
    /** Where the contract call ids of live calls are kept over a restart; none: in memory only. */
    state: { callIdsFile?: string };
    log: { level: 'fatal' | 'error' | 'warn' | 'info' | 'debug' };
}

const EXTENSION = '^[0-9]{1,8}$';

const directorySchema = {
    type: 'array',
    maxItems: 10000,
    items: {
        type: 'object',
        additionalProperties: false,
        required: ['email', 'displayName', 'primaryExtension'],
        properties: {
            email: { type: 'string', pattern: '^[^@\\s]+@[^@\\s]+$', maxLength: 254 },
            displayName: { type: 'string', minLength: 1, maxLength: 64 },
            primaryExtension: { anyOf: [{ type: 'string', pattern: EXTENSION }, { type: 'null' }] },
            enabled: { type: 'boolean' }
        }
    }
} as const;

const schema = {
    type: 'object',
    additionalProperties: false,
    required: ['tls', 'allowedOrigins', 'auth', 'oai', 'directory'],
    properties: {
        listen: {
            type: 'object',
            additionalProperties: false,
            properties: {
                host: { type: 'string', minLength: 1, default: '0.0.0.0' },
                port: { type: 'integer', minimum: 0, maximum: 65535, default: 8204 }
            },
            default: {}
        },
        tls: {
            type: 'object',
            additionalProperties: false,
            required: ['certFile', 'keyFile'],
            properties: {
                certFile: { type: 'string', minLength: 1 },
                keyFile: { type: 'string', minLength: 1 },
                caFile: { type: 'string', minLength: 1 }
            }
        },
        allowedOrigins: {
            type: 'array',
            minItems: 1,
            items: { type: 'string', pattern: '^https://[A-Za-z0-9.-]+(:[0-9]{1,5})?$' }
        },
        auth: {
            type: 'object',
            additionalProperties: false,
            properties: {
                apiKeys: {
                    type: 'array',
                    items: { type: 'string', minLength: 8, maxLength: 256 },
                    default: []
                },
                assertion: {
                    type: 'object',
                    additionalProperties: false,
                    required: ['issuer', 'audience', 'certificateFile'],
                    properties: {
                        issuer: { type: 'string', pattern: '^00D[a-zA-Z0-9]{12}(?:[a-zA-Z0-9]{3})?$' },
                        audience: { type: 'string', minLength: 1, maxLength: 256 },
                        certificateFile: { type: 'string', minLength: 1 },
                        clockSkewSec: { type: 'integer', minimum: 0, maximum: 300, default: 30 },
                        maxLifetimeSec: { type: 'integer', minimum: 30, maximum: 3600, default: 300 }
                    }
                }
            }
        },
        oai: {
            type: 'object',
            additionalProperties: false,
            required: ['host', 'port'],
            properties: {
                host: { type: 'string', minLength: 1 },
                port: { type: 'integer', minimum: 1, maximum: 65535 },
                password: { type: 'string', maxLength: 64, default: '' },
                applicationName: {
                    type: 'string',
                    pattern: '^[A-Za-z0-9 _.-]{1,32}$',
                    default: 'mivoice-oai-bridge'
                },
                huntGroups: { type: 'array', items: { type: 'string', pattern: EXTENSION }, default: [] },
                keepAliveMs: { type: 'integer', minimum: 1000, maximum: 240000, default: 30000 },
                confirmationTimeoutMs: { type: 'integer', minimum: 100, maximum: 60000, default: 5000 }
            }
        },
        sessions: {
            type: 'object',
            additionalProperties: false,
            properties: {
                heartbeatSec: { type: 'integer', minimum: 1, maximum: 300, default: 20 },
                resumeWindowSec: { type: 'integer', minimum: 0, maximum: 3600, default: 120 },
                tokenTtlSec: { type: 'integer', minimum: 60, maximum: 86400, default: 28800 },
                maxChannelsPerUser: { type: 'integer', minimum: 1, maximum: 50, default: 5 }
            },
            default: {}
        },
        limits: {
            type: 'object',
            additionalProperties: false,
            properties: {
                bodyBytes: { type: 'integer', minimum: 1024, maximum: 1048576, default: 16384 },
                frameBytes: { type: 'integer', minimum: 1024, maximum: 1048576, default: 65536 },
                requestsPerMinute: { type: 'integer', minimum: 1, maximum: 100000, default: 600 }
            },
            default: {}
        },
        clients: clientLimitsSchema,
        directory: directorySchema,
        state: {
            type: 'object',
            additionalProperties: false,
            properties: { callIdsFile: { type: 'string', minLength: 1 } },
            default: {}
        },
        log: {
            type: 'object',
            additionalProperties: false,
            properties: {
                level: { enum: ['fatal', 'error', 'warn', 'info', 'debug'], default: 'info' }
            },
            default: {}
        }
    }
} as const;

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
const validate = ajv.compile(schema);
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

/** Checks a parsed configuration; file paths are taken relative to `baseDir`. */
export function parseConfig(raw: unknown, file: string, baseDir: string): BridgeConfig {
    const value = structuredClone(raw);
    if (!validate(value)) throw new ConfigError(file, (validate.errors ?? []).map(describe));
    const config = value as unknown as BridgeConfig;
    const problems = [
        ...duplicates(config.directory),
        ...(config.auth.apiKeys.length === 0 && !config.auth.assertion
            ? ['/auth needs apiKeys (at least one key) or assertion, or both']
            : [])
    ];
    if (problems.length > 0) throw new ConfigError(file, problems);
    const path = (name: string) => resolve(baseDir, name);
    config.tls = {
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
    const directory = (raw as { directory?: unknown } | null)?.directory;
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
    const text = readFileSync(file, 'utf8');
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
