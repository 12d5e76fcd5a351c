// The bridge's own log (its start, its OAI link, its directory): pino, as the contract server's request
// log is (Fastify's logger), one JSON object per line. The fields never carry keys, passwords or tokens.
import pino, { type DestinationStream } from 'pino';
import type { BridgeLog } from './bridge';

export type LogLevel = 'fatal' | 'error' | 'warn' | 'info' | 'debug';

export function bridgeLog(level: LogLevel, destination: DestinationStream = process.stdout): BridgeLog {
    const logger = pino({ level, timestamp: pino.stdTimeFunctions.isoTime }, destination);
    return {
        info: (fields, message) => logger.info(fields, message),
        warn: (fields, message) => logger.warn(fields, message),
        error: (fields, message) => logger.error(fields, message)
    };
}
