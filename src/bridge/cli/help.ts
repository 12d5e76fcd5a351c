// `--help`: every option, every exit status and every configuration key with its default, the keys
// generated from the configuration schema (../configSchema.ts) so the two cannot drift apart.
import { configKeys } from '../configSchema';
import { EXIT } from './exitStatus';

export const DEFAULT_CONFIG_FILE = 'bridge.json';

export const OPTIONS = [
    ['--config FILE', `the configuration file (default: ${DEFAULT_CONFIG_FILE} in the current folder)`],
    ['--check-config', "check the file, the certificates and the PBX's OAI login, print each finding, exit"],
    [
        '--health',
        "ask the running bridge's /api/v1/health on the configured port (a container's health check)"
    ],
    ['--record FILE', 'write every OAI frame both ways to FILE (never the password)'],
    ['--redact-numbers', "with --record: outside numbers and callers' names redacted in the trace"],
    ['--version', 'print the version'],
    ['--help', 'this text']
] as const;

const STATUSES: [number, string][] = [
    [EXIT.ok, 'stopped on SIGTERM or SIGINT; --check-config: every check passed'],
    [EXIT.failure, 'an unexpected failure; --health: the bridge did not answer'],
    [EXIT.usage, 'unknown options'],
    [EXIT.pbxUnreachable, "--check-config: the PBX's OAI address does not answer"],
    [
        EXIT.pbxRefused,
        '--check-config: the PBX refused the OAI login, or the link has no call control or no events'
    ],
    [EXIT.config, 'the configuration or a file it names is wrong (named on stderr); a restart will not help']
];

function columns(rows: readonly (readonly [string, string])[], indent = '  '): string {
    const width = Math.max(...rows.map(([left]) => left.length)) + 2;
    return rows.map(([left, right]) => `${indent}${left.padEnd(width)}${right}\n`).join('');
}

export function helpText(version: string): string {
    const keys = configKeys().map(
        ({ key, required, defaultValue, description }) =>
            [
                key,
                `${required ? '(required) ' : defaultValue !== undefined ? `[${defaultValue}] ` : ''}${description}`
            ] as const
    );
    return (
        `mivoice-oai-bridge ${version}: the contract v1 server for the Salesforce softphone in front of a MiVoice Office 250's System OAI link\n\n` +
        `Usage: mivoice-oai-bridge [--config FILE] [--check-config | --health | --record FILE [--redact-numbers]]\n\n` +
        `Options:\n${columns(OPTIONS)}\n` +
        `Signals: SIGTERM, SIGINT stop (event channels closed with 1012, the panels reconnect); SIGHUP reads the TLS files again.\n\n` +
        `Exit status:\n${columns(STATUSES.map(([code, meaning]) => [String(code), meaning]))}\n` +
        `Configuration (JSON; [default]; paths relative to the file; the directory is reloaded on change):\n${columns(keys)}`
    );
}
