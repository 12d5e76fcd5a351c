// The bridge's own log: one JSON object per line (pino), with the level, an ISO time, the message and
// the fields; below the configured level, nothing.
import { bridgeLog } from '../log';

function collect(level: Parameters<typeof bridgeLog>[0]) {
    const lines: string[] = [];
    const log = bridgeLog(level, { write: (line: string) => void lines.push(line) });
    return { log, records: () => lines.map((line) => JSON.parse(line) as Record<string, unknown>) };
}

it('writes one JSON line per entry, with its level, time, message and fields', () => {
    const { log, records } = collect('info');
    log.info({ port: 8204, extensions: ['2001'] }, 'bridge listening');
    log.error({ error: 'refused' }, 'directory not reloaded');
    expect(records()).toEqual([
        expect.objectContaining({ level: 30, msg: 'bridge listening', port: 8204, extensions: ['2001'] }),
        expect.objectContaining({ level: 50, msg: 'directory not reloaded', error: 'refused' })
    ]);
    expect(String(records()[0].time)).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
});

it('writes nothing below its level', () => {
    const { log, records } = collect('warn');
    log.info({}, 'OAI link');
    log.warn({ file: 'call-ids.json' }, 'call ids not saved');
    expect(records().map((record) => record.msg)).toEqual(['call ids not saved']);
});
