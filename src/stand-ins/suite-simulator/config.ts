// The simulated Suite's settings: its users, licences, API keys and release (the phone system's side),
// and the contract server's settings it starts with (heartbeat, resume window, token lifetime, origins).
// The control API's PUT /_sim/config takes both in one body, as seed.json holds them.
import type { ServerSettings } from '../../server/settings';
import { DEFAULT_SETTINGS } from '../../server/settings';
import seed from './seed.json';

export interface SimUser {
    email: string;
    displayName: string;
    primaryExtension: string | null;
    licensed: boolean;
    enabled: boolean;
    huntGroups?: string[];
}

/** What the Suite itself knows: its release, whether the API is on, its keys, licences and users. */
export interface SuiteConfig {
    version: string;
    apiEnabled: boolean;
    apiKeys: { key: string; enabled: boolean }[];
    licencePool: number;
    users: SimUser[];
}

/** The server settings a simulator takes from its configuration. */
export interface SimServerConfig {
    allowedOrigins: string[];
    heartbeatSec: number;
    resumeWindowSec: number;
    tokenTtlSec: number;
    /** Sessions one user may hold (the server's default when left out). */
    maxSessionsPerUser?: number;
}

export type SimConfig = SuiteConfig & SimServerConfig;

const SERVER_KEYS = [
    'allowedOrigins',
    'heartbeatSec',
    'resumeWindowSec',
    'tokenTtlSec',
    'maxSessionsPerUser'
] as const;

export function defaultConfig(overrides: Partial<SimConfig> = {}): SimConfig {
    return { ...(structuredClone(seed) as SimConfig), ...overrides };
}

/** A control body split into the server's settings and the Suite's own. */
export function splitConfig(body: Partial<SimConfig>): {
    server: Partial<SimServerConfig>;
    suite: Partial<SuiteConfig>;
} {
    const server: Record<string, unknown> = {};
    const suite: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(body))
        ((SERVER_KEYS as readonly string[]).includes(key) ? server : suite)[key] = value;
    return { server, suite };
}

/** The contract server's settings for a simulator: the seed's, with generous request limits for tests and soaks. */
export function simulatorSettings(config: SimConfig): ServerSettings {
    return {
        ...DEFAULT_SETTINGS,
        allowedOrigins: [...config.allowedOrigins],
        heartbeatSec: config.heartbeatSec,
        resumeWindowSec: config.resumeWindowSec,
        tokenTtlSec: config.tokenTtlSec,
        limits: { bodyBytes: 64 * 1024, frameBytes: 64 * 1024, requestsPerMinute: 100_000 }
    };
}

export function suiteConfig(config: SimConfig): SuiteConfig {
    const { suite } = splitConfig(config);
    return suite as SuiteConfig;
}
