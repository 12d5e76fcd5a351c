// The bridge assembled: configuration → directory → OAI link → contract v1 server, and the
// directory reloaded from the configuration file when it changes.
import { readFileSync } from 'node:fs';
import { ApiKeyAuthenticator, type Authenticator } from './authenticator';
import type { BridgeConfig } from './config';
import { Directory, watchDirectory, type DirectoryWatch } from './directory';
import { PhoneSystem } from './phoneSystem';
import { startBridgeServer, type BridgeServer } from './server/app';

export interface Bridge {
    server: BridgeServer;
    phone: PhoneSystem;
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
    /** Another sign-in mode (the signed per-user assertion); the API key by default. */
    authenticator?: Authenticator;
    log?: BridgeLog;
    /** Where Fastify's request log goes (JSON lines); off unless given. */
    requestLog?: { write(line: string): void };
    oaiBackoff?: { baseMs: number; maxMs: number };
}

export async function startBridge(options: BridgeOptions): Promise<Bridge> {
    const { config } = options;
    const log = options.log ?? quiet;
    const tls = options.tls ?? {
        key: readFileSync(config.tls.keyFile, 'utf8'),
        cert: readFileSync(config.tls.certFile, 'utf8')
    };
    const directory = new Directory(config.directory);
    // The phone system reports to the server, which needs the phone system to start.
    const wired: { server?: BridgeServer } = {};
    const phone = new PhoneSystem({
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
        onChange: (change) => wired.server?.change(change),
        onResynced: () => wired.server?.resyncAll(),
        onLinkState: (state, detail) => log.info({ oaiLink: state, detail }, 'OAI link')
    });
    const server = await startBridgeServer({
        config,
        tls,
        authenticator: options.authenticator ?? new ApiKeyAuthenticator(config.auth.apiKeys),
        directory,
        phone,
        requestLog: options.requestLog
    });
    wired.server = server;
    phone.start();
    let watcher: DirectoryWatch | undefined;
    if (options.configFile) {
        watcher = watchDirectory(options.configFile, directory, {
            reloaded: (entries) => {
                log.info({ entries }, 'directory reloaded');
                phone.setExtensions(directory.extensions());
                server.directoryChanged();
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
