// The bridge assembled: configuration → directory → OAI link → the contract v1 server (src/server),
// and the directory reloaded from the configuration file when it changes.
import type { FastifyPluginAsync } from 'fastify';
import { startContractServer, type ContractServer } from '../server/app';
import { createAssertionVerifier } from '../server/auth/assertion';
import {
    ApiKeyAuthenticator,
    AssertionAuthenticator,
    type Authenticator
} from '../server/auth/authenticator';
import { ContractHub } from '../server/hub';
import { DEFAULT_SETTINGS, type ServerSettings } from '../server/settings';
import { clientSettings } from './clientLimits';
import { createCallIdStore } from './callIds';
import { checkWritableFile, ConfigError, readPemFile, type BridgeConfig } from './config';
import { Directory, watchDirectory, type DirectoryWatch } from './directory';
import { OaiPhoneSystem } from './phoneSystem';

export interface Bridge {
    server: ContractServer;
    phone: OaiPhoneSystem;
    directory: Directory;
    stop(): Promise<void>;
}

export interface BridgeLog {
    info(fields: Record<string, unknown>, message: string): void;
    warn(fields: Record<string, unknown>, message: string): void;
    error(fields: Record<string, unknown>, message: string): void;
}

const quiet: BridgeLog = { info: () => undefined, warn: () => undefined, error: () => undefined };

export interface BridgeOptions {
    config: BridgeConfig;
    /** The file to watch for directory changes; none: the directory stays as given. */
    configFile?: string;
    /** PEM text instead of the configured files (tests). */
    tls?: { key: string; cert: string };
    /** Another way of signing in; by default the configured API keys and, if configured, assertions. */
    authenticator?: Authenticator;
    log?: BridgeLog;
    /** Where Fastify's request log goes (JSON lines); off unless given. */
    requestLog?: { write(line: string): void };
    oaiBackoff?: { baseMs: number; maxMs: number };
    /** More Fastify plugins for the contract server (a test harness's hooks). */
    serverPlugins?: FastifyPluginAsync[];
}

/** The contract server's settings from the configuration file. */
export function serverSettings(config: BridgeConfig): ServerSettings {
    return {
        ...DEFAULT_SETTINGS,
        allowedOrigins: [...config.allowedOrigins],
        ...config.sessions,
        limits: { ...config.limits },
        ...clientSettings(config.clients)
    };
}

/** The API keys, and the assertion verifier when `auth.assertion` is set; a bad certificate is a ConfigError. */
export async function configuredAuthenticator(
    config: BridgeConfig,
    configFile: string
): Promise<Authenticator> {
    const apiKeys = new ApiKeyAuthenticator(config.auth.apiKeys);
    const settings = config.auth.assertion;
    if (!settings) return apiKeys;
    const setting = '/auth/assertion/certificateFile';
    const certificatePem = readPemFile(configFile, setting, settings.certificateFile, 'certificate');
    try {
        const verifier = await createAssertionVerifier({
            certificatePem,
            orgId: settings.issuer,
            audience: settings.audience,
            clockSkewSec: settings.clockSkewSec,
            maxLifetimeSec: settings.maxLifetimeSec
        });
        return new AssertionAuthenticator(verifier, apiKeys);
    } catch (error) {
        throw new ConfigError(configFile, [
            `${setting}: ${settings.certificateFile}: ${error instanceof Error ? error.message : String(error)}`
        ]);
    }
}

/** The TLS files, read before anything listens; each failure names its setting and file. */
function configuredTls(config: BridgeConfig, configFile: string): { key: string; cert: string } {
    return {
        cert: readPemFile(configFile, '/tls/certFile', config.tls.certFile, 'certificate'),
        key: readPemFile(configFile, '/tls/keyFile', config.tls.keyFile, 'key')
    };
}

export async function startBridge(options: BridgeOptions): Promise<Bridge> {
    const { config } = options;
    const log = options.log ?? quiet;
    const source = options.configFile ?? 'the configuration';
    const tls = options.tls ?? configuredTls(config, source);
    const authenticator = options.authenticator ?? (await configuredAuthenticator(config, source));
    const callIdsFile = config.state.callIdsFile;
    if (callIdsFile) checkWritableFile(source, '/state/callIdsFile', callIdsFile);
    const callIds = createCallIdStore({
        file: callIdsFile,
        onProblem: (message) => log.warn({ file: callIdsFile }, message)
    });
    const directory = new Directory(config.directory);
    // The phone system reports to the server's hub, which needs the phone system to exist.
    const wired: { hub?: ContractHub } = {};
    const phone = new OaiPhoneSystem({
        oai: {
            host: config.oai.host,
            port: config.oai.port,
            password: config.oai.password,
            applicationName: config.oai.applicationName,
            huntGroups: config.oai.huntGroups,
            keepAliveMs: config.oai.keepAliveMs,
            confirmationTimeoutMs: config.oai.confirmationTimeoutMs,
            ...(options.oaiBackoff ? { backoff: options.oaiBackoff } : {})
        },
        extensions: directory.extensions(),
        directory,
        callIds,
        onChange: (change) => wired.hub?.change(change),
        onResynced: () => wired.hub?.change({ kind: 'resynced' }),
        onLinkState: (state, detail) => log.info({ oaiLink: state, detail }, 'OAI link')
    });
    const hub = new ContractHub(phone, serverSettings(config));
    wired.hub = hub;
    const server = await startContractServer({
        hub,
        authenticator,
        tls,
        listen: config.listen,
        requestLog: options.requestLog,
        logLevel: config.log.level,
        plugins: options.serverPlugins
    });
    phone.start();
    let watcher: DirectoryWatch | undefined;
    if (options.configFile) {
        watcher = watchDirectory(options.configFile, directory, {
            reloaded: (entries) => {
                log.info({ entries }, 'directory reloaded');
                phone.setExtensions(directory.extensions());
                // Sessions of users who may no longer sign in, or who moved station, end (4003).
                hub.withdraw(
                    (session) => directory.current(session.email)?.primaryExtension !== session.extension
                );
            },
            rejected: (error) =>
                log.error({ error: error.message }, 'directory not reloaded; the previous one stays in force')
        });
    }
    return {
        server,
        phone,
        directory,
        async stop() {
            watcher?.close();
            phone.stop();
            await server.close();
        }
    };
}
