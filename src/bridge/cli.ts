// npm run bridge -- --config bridge.json
import { parseArgs } from 'node:util';
import { ConfigError, loadConfig } from './config';
import { startBridge, type BridgeLog } from './bridge';
import { bridgeLog } from './log';
import { recordOaiTraffic, RECORD_OPTIONS } from './oai/trace';

async function main(): Promise<void> {
    const { values } = parseArgs({
        options: { config: { type: 'string' }, help: { type: 'boolean' }, ...RECORD_OPTIONS }
    });
    if (values.help || !values.config) {
        process.stdout.write(
            'Usage: npm run bridge -- --config <bridge.json> [--record <trace file> [--redact-numbers]]\n'
        );
        process.exitCode = values.help ? 0 : 2;
        return;
    }
    // --- OAI trace hook (src/bridge/oai/trace.ts): every OAI frame both ways, password never written ---
    if (values.record) recordOaiTraffic(values.record, { redactNumbers: values['redact-numbers'] === true });
    // --- end of the OAI trace hook ---
    let log: BridgeLog;
    let bridge;
    try {
        const config = loadConfig(values.config);
        log = bridgeLog(config.log.level);
        // The TLS files and the assertion certificate are read here, before anything listens.
        bridge = await startBridge({ config, configFile: values.config, log, requestLog: process.stdout });
    } catch (error) {
        if (error instanceof ConfigError) {
            process.stderr.write(`${error.message}\n`);
            process.exitCode = 78; // EX_CONFIG
            return;
        }
        throw error;
    }
    log.info({ port: bridge.server.port, extensions: bridge.directory.extensions() }, 'bridge listening');
    const stop = () => {
        log.info({}, 'stopping');
        bridge.stop().then(
            () => process.exit(0),
            () => process.exit(1)
        );
    };
    process.once('SIGTERM', stop);
    process.once('SIGINT', stop);
}

main().catch((error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
});
