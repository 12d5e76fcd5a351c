// Traces of the OAI link: every frame both ways, one line each, as the bridge saw it (`npm run bridge
// -- --record FILE`), and the manual's example sequences written the same way (./traces/). A trace
// line is `[<ISO time> ]<dir> <line>`, `>` to the PBX, `<` from it; `#` starts a comment. The login's
// password is never written; with `redactNumbers`, outside numbers (7 digits or more) and callers'
// names are replaced by stable stand-ins, so a trace still replays (`npm run bridge:replay FILE`).
import { closeSync, fchmodSync, openSync, writeSync } from 'node:fs';
import { SCHEMAS } from './schemas';

export type TraceDirection = '>' | '<';

export interface TraceSink {
    /** A command line sent (`>`) or a line received (`<`), CR / LF removed. */
    line(direction: TraceDirection, line: string): void;
    login(login: { type: number; applicationName: string }): void;
    close(): void;
}

export interface TraceEntry {
    time?: string;
    direction: TraceDirection;
    line: string;
}

let installed: TraceSink | undefined;

/** The sink every OAI client writes to unless given its own (the bridge's `--record`). */
export function installTrace(sink: TraceSink | undefined): void {
    installed = sink;
}

export function installedTrace(): TraceSink | undefined {
    return installed;
}

export interface TraceFileOptions {
    redactNumbers?: boolean;
    now?: () => Date;
}

/**
 * Appends to `file` (created if missing), one synchronous write per frame, so a crash loses nothing
 * before it. The file is the bridge's own (0600), also one that was there before with another mode.
 */
export function traceFile(file: string, options: TraceFileOptions = {}): TraceSink {
    const fd = openSync(file, 'a', 0o600);
    fchmodSync(fd, 0o600);
    const now = options.now ?? (() => new Date());
    const redact = options.redactNumbers ? redactor() : (line: string) => line;
    const write = (text: string) => writeSync(fd, `${now().toISOString()} ${text}\n`);
    writeSync(
        fd,
        `# OAI trace started ${now().toISOString()}${options.redactNumbers ? ', outside numbers and names redacted' : ''}\n`
    );
    let open = true;
    return {
        line: (direction, line) => open && write(`${direction} ${redact(line)}`),
        login: ({ type, applicationName }) =>
            open &&
            write(
                `> LOGIN type=0x${type.toString(16)} application=${applicationName} password=(not recorded)`
            ),
        close: () => {
            if (!open) return;
            open = false;
            closeSync(fd);
        }
    };
}

/** The bridge's command-line options for a trace (src/bridge/cli.ts). */
export const RECORD_OPTIONS = {
    record: { type: 'string' },
    'redact-numbers': { type: 'boolean' }
} as const;

/** `--record FILE [--redact-numbers]`: every OAI client of this process writes to FILE. */
export function recordOaiTraffic(file: string, options: { redactNumbers?: boolean } = {}): TraceSink {
    const sink = traceFile(file, options);
    installTrace(sink);
    return sink;
}

export function parseTrace(text: string): TraceEntry[] {
    const entries: TraceEntry[] = [];
    for (const raw of text.split(/\r?\n/)) {
        const trimmed = raw.trim();
        if (trimmed === '' || trimmed.startsWith('#')) continue;
        const match = /^(?:(\d{4}-\d\d-\d\dT\S+)\s+)?([<>])\s?(.*)$/.exec(trimmed);
        if (!match) throw new Error(`not a trace line: ${JSON.stringify(raw)}`);
        entries.push({
            ...(match[1] ? { time: match[1] } : {}),
            direction: match[2] as TraceDirection,
            line: match[3]
        });
    }
    return entries;
}

/** Fields that carry a caller's name, by event code: their position after the sequence number. */
const NAME_FIELDS: Record<string, number[]> = Object.fromEntries(
    Object.entries(SCHEMAS).map(([code, schema]) => [
        code,
        schema.fields.flatMap(([name], index) => (name === 'outsideCallerName' ? [index + 3] : []))
    ])
);

/** Replaces outside numbers and callers' names with stand-ins, the same stand-in for the same value. */
export function redactor(): (line: string) => string {
    const numbers = new Map<string, string>();
    const names = new Map<string, string>();
    const number = (value: string) => {
        let stand = numbers.get(value);
        if (!stand) {
            stand = `555${String(numbers.size + 1).padStart(Math.max(4, value.length - 3), '0')}`;
            numbers.set(value, stand);
        }
        return stand;
    };
    const name = (value: string) => {
        let stand = names.get(value);
        if (!stand) names.set(value, (stand = `Caller ${names.size + 1}`));
        return stand;
    };
    return (line) => {
        const fields = splitRaw(line);
        const nameAt = new Set(
            NAME_FIELDS[fields[1]] ?? (fields[1] === 'CF' && /^_T[RO]$/.test(fields[2] ?? '') ? [8] : [])
        );
        return fields
            .map((field, index) => {
                if (nameAt.has(index) && field.length > 2) return `|${name(field.replace(/^\||\|$/g, ''))}|`;
                return /^[0-9*#]{7,}$/.test(field) ? number(field) : field;
            })
            .join(',');
    };
}

/** Splits on commas outside `|…|`, keeping each field as written (its `|` included). */
function splitRaw(line: string): string[] {
    const fields: string[] = [];
    let current = '';
    let inText = false;
    for (const char of line) {
        if (char === '|') inText = !inText;
        if (char === ',' && !inText) {
            fields.push(current);
            current = '';
        } else current += char;
    }
    fields.push(current);
    return fields;
}
