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
import { ContractMetrics } from '../server/metrics';
import { DEFAULT_SETTINGS, type ServerSettings } from '../server/settings';
import { clientSettings } from './clientLimits';
import { createCallIdStore } from './callIds';
import { checkWritableFile, ConfigError, readPemFile, type BridgeConfig } from './config';
import { Directory, watchDirectory, type DirectoryWatch } from './directory';
import { OAI_LINK_STATES } from './oai/clientTypes';
import { OaiPhoneSystem } from './phoneSystem';
import { configuredTls, describeCertificate, watchTlsFiles } from './tlsFiles';

export interface Bridge {
    server: ContractServer;
    phone: OaiPhoneSystem;
    directory: Directory;
    metrics: ContractMetrics;
    /**
     * Reads the TLS files again and serves them to new connections (SIGHUP, or a change the watch
     * saw); open channels keep going. A ConfigError names the problem, and the old pair stays.
     */
    reloadTls(): void;
    /** Closes the event channels with 1012 (clients reconnect quietly), stops listening, then the OAI link. */
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

/**
 * The assertion verifier when `auth.assertion` is set, with the API keys beside it only under
 * `auth.legacyApiKeys`; the API keys alone otherwise. A bad certificate is a ConfigError.
 */
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
        return new AssertionAuthenticator(verifier, config.auth.legacyApiKeys ? apiKeys : undefined);
    } catch (error) {
        throw new ConfigError(configFile, [
            `${setting}: ${settings.certificateFile}: ${error instanceof Error ? error.message : String(error)}`
        ]);
    }
}

/** Says at start how sessions open, and what an API key would let its holders do. */
export function logAuthMode(config: BridgeConfig, log: BridgeLog): void {
    const { assertion, apiKeys, legacyApiKeys } = config.auth;
    const keys = apiKeys.length > 0 && (!assertion || legacyApiKeys);
    if (keys)
        log.warn(
            { authModes: assertion ? ['signedAssertion', 'apiKey'] : ['apiKey'], apiKeys: apiKeys.length },
            'API keys are accepted: anyone who holds one can open a session as any agent in the directory, so every agent can control every extension'
        );
    else if (apiKeys.length > 0)
        log.warn(
            { authModes: ['signedAssertion'], apiKeys: apiKeys.length },
            'auth.apiKeys are refused: auth.assertion is set and auth.legacyApiKeys is not'
        );
    if (assertion)
        log.info(
            { authModes: keys ? ['signedAssertion', 'apiKey'] : ['signedAssertion'] },
            'signed assertions are accepted: each opens a session for its agent on the station it names'
        );
}

export async function startBridge(options: BridgeOptions): Promise<Bridge> {
    const { config } = options;
    const log = options.log ?? quiet;
    const source = options.configFile ?? 'the configuration';
    // The TLS files are read before anything listens; each failure names its setting and file.
    const tls = options.tls ?? configuredTls(config, source);
    const authenticator = options.authenticator ?? (await configuredAuthenticator(config, source));
    if (!options.authenticator) logAuthMode(config, log);
    const callIdsFile = config.state.callIdsFile;
    if (callIdsFile) checkWritableFile(source, '/state/callIdsFile', callIdsFile);
    const callIds = createCallIdStore({
        file: callIdsFile,
        onProblem: (message) => log.warn({ file: callIdsFile }, message)
    });
    const directory = new Directory(config.directory);
    const metrics = new ContractMetrics();
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
        onLinkState: (state, detail) => log.info({ oaiLink: state, detail }, 'OAI link'),
        onConfirmed: (command, elapsedMs) => metrics.observeConfirmation(command, elapsedMs),
        // A station the PBX does not have: its sessions end (4003), and the next sign-in is refused by name.
        onStationRefused: (extension, detail) => {
            log.warn({ extension, detail }, 'station refused by the PBX; its sessions end');
            wired.hub?.withdraw((session) => session.extension === extension);
        },
        // The admin gave the agent another station: sessions on the old one end (4003).
        onStationClaimed: (email, extension) =>
            wired.hub?.withdraw(
                (session) =>
                    session.email.toLowerCase() === email.toLowerCase() && session.extension !== extension
            )
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
        plugins: options.serverPlugins,
        metrics: { metrics, access: config.metrics, linkStates: OAI_LINK_STATES }
    });
    phone.start();
    let watcher: DirectoryWatch | undefined;
    if (options.configFile) {
        watcher = watchDirectory(options.configFile, directory, {
            reloaded: (entries) => {
                log.info({ entries }, 'directory reloaded');
                phone.setExtensions(directory.extensions());
                // Sessions of users who may no longer sign in, or who moved station, end (4003).
                hub.withdraw((session) => !phone.users.allows(session.email, session.extension));
            },
            rejected: (error) =>
                log.error({ error: error.message }, 'directory not reloaded; the previous one stays in force')
        });
    }
    const reloadTls = () => {
        const pair = configuredTls(config, source);
        server.setTls(pair);
        log.info(describeCertificate(pair.leaf), 'TLS certificate reloaded');
    };
    const tlsFiles = [
        config.tls.certFile,
        config.tls.keyFile,
        ...(config.tls.caFile ? [config.tls.caFile] : [])
    ];
    const stopTlsWatch = options.tls
        ? () => undefined
        : watchTlsFiles(tlsFiles, config.tls.watchSec, () => {
              try {
                  reloadTls();
              } catch (error) {
                  log.error(
                      { problems: error instanceof ConfigError ? error.problems : [String(error)] },
                      'TLS certificate not reloaded; the previous one stays in force'
                  );
              }
          });
    return {
        server,
        phone,
        directory,
        metrics,
        reloadTls,
        async stop() {
            watcher?.close();
            stopTlsWatch();
            await server.close();
            phone.stop();
        }
    };
}
