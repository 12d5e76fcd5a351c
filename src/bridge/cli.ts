// mivoice-oai-bridge --config bridge.json (npm run bridge -- --config bridge.json in a working copy).
// `--help` for every option, exit status and configuration key.
import { request } from 'node:https';
import { parseArgs } from 'node:util';
import { ConfigError, loadConfig } from './config';
import { startBridge, type Bridge, type BridgeLog } from './bridge';
import { checkConfiguration, formatFindings } from './cli/checkConfig';
import { EXIT } from './cli/exitStatus';
import { DEFAULT_CONFIG_FILE, helpText } from './cli/help';
import { bridgeLog } from './log';
import { recordOaiTraffic, RECORD_OPTIONS } from './oai/trace';
import { BRIDGE_VERSION } from './release';

/** How long a stop may take (channels closed, requests answered, call ids written) before the process exits anyway. */
const STOP_DEADLINE_MS = 10_000;

const OPTIONS = {
    config: { type: 'string', default: DEFAULT_CONFIG_FILE },
    'check-config': { type: 'boolean' },
    health: { type: 'boolean' },
    version: { type: 'boolean' },
    help: { type: 'boolean' },
    ...RECORD_OPTIONS
} as const;

/** `--health`: 0 when the bridge on the configured port answers its health route, 1 when not. */
function probeHealth(file: string): Promise<number> {
    const { listen } = loadConfig(file);
    const host = listen.host === '0.0.0.0' || listen.host === '::' ? '127.0.0.1' : listen.host;
    return new Promise((resolve) => {
        // The certificate names the host agents use, not this address: liveness only, no name check.
        const probe = request(
            { host, port: listen.port, path: '/api/v1/health', rejectUnauthorized: false, timeout: 5000 },
            (reply) => {
                reply.resume();
                resolve(reply.statusCode === 200 ? EXIT.ok : EXIT.failure);
            }
        );
        probe.on('timeout', () => probe.destroy(new Error('timeout')));
        probe.on('error', () => resolve(EXIT.failure));
        probe.end();
    });
}

/** SIGTERM and SIGINT stop the bridge gracefully (1012 to the panels); SIGHUP reloads the TLS files. */
function handleSignals(bridge: Bridge, log: BridgeLog): void {
    const stop = (signal: string) => {
        log.info({ signal }, 'stopping');
        setTimeout(() => {
            log.error({ deadlineMs: STOP_DEADLINE_MS }, 'stop took too long; exiting');
            process.exit(EXIT.failure);
        }, STOP_DEADLINE_MS).unref();
        bridge.stop().then(
            () => {
                log.info({}, 'stopped');
                process.exit(EXIT.ok);
            },
            (error: unknown) => {
                log.error({ error: String(error) }, 'stop failed');
                process.exit(EXIT.failure);
            }
        );
    };
    process.once('SIGTERM', () => stop('SIGTERM'));
    process.once('SIGINT', () => stop('SIGINT'));
    process.on('SIGHUP', () => {
        try {
            bridge.reloadTls();
        } catch (error) {
            log.error(
                { problems: error instanceof ConfigError ? error.problems : [String(error)] },
                'TLS certificate not reloaded; the previous one stays in force'
            );
        }
    });
}

async function serve(file: string): Promise<number> {
    let bridge: Bridge;
    let log: BridgeLog;
    try {
        const config = loadConfig(file);
        log = bridgeLog(config.log.level);
        // The TLS files and the assertion certificate are read here, before anything listens.
        bridge = await startBridge({ config, configFile: file, log, requestLog: process.stdout });
    } catch (error) {
        if (!(error instanceof ConfigError)) throw error;
        process.stderr.write(`${error.message}\n`);
        return EXIT.config;
    }
    log.info(
        { version: BRIDGE_VERSION, port: bridge.server.port, extensions: bridge.directory.extensions() },
        'bridge listening'
    );
    handleSignals(bridge, log);
    return EXIT.ok;
}

async function main(): Promise<number> {
    let values;
    try {
        ({ values } = parseArgs({ options: OPTIONS, strict: true }));
    } catch (error) {
        process.stderr.write(`${(error as Error).message}\nmivoice-oai-bridge --help lists the options.\n`);
        return EXIT.usage;
    }
    if (values.help) {
        process.stdout.write(helpText(BRIDGE_VERSION));
        return EXIT.ok;
    }
    if (values.version) {
        process.stdout.write(`${BRIDGE_VERSION}\n`);
        return EXIT.ok;
    }
    if (values['check-config']) {
        const report = await checkConfiguration(values.config);
        process.stdout.write(formatFindings(report.findings));
        return report.status;
    }
    if (values.health) {
        try {
            return await probeHealth(values.config);
        } catch (error) {
            process.stderr.write(`${(error as Error).message}\n`);
            return error instanceof ConfigError ? EXIT.config : EXIT.failure;
        }
    }
    // --- OAI trace hook (src/bridge/oai/trace.ts): every OAI frame both ways, password never written ---
    if (values.record) recordOaiTraffic(values.record, { redactNumbers: values['redact-numbers'] === true });
    // --- end of the OAI trace hook ---
    return serve(values.config);
}

main().then(
    (status) => {
        // A serving bridge keeps the process alive; anything else ends with its status.
        process.exitCode = status;
    },
    (error: unknown) => {
        process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
        process.exitCode = EXIT.failure;
    }
);
