// `--check-config`: everything the bridge needs before it can serve, checked without serving: the
// file against the schema, the TLS certificate (readable, the key its own, valid now, for which
// names), the assertion certificate, the call id folder, and one OAI login to the PBX. Each finding is
// a line; the exit status says what kind of problem came first (./exitStatus.ts).
import { X509Certificate } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { configuredAuthenticator } from '../bridge';
import { checkWritableFile, ConfigError, loadConfig, type BridgeConfig } from '../config';
import { configuredTls } from '../tlsFiles';
import { EXIT } from './exitStatus';
import { probeOai, type OaiProbe } from './oaiProbe';

export interface Finding {
    level: 'ok' | 'warning' | 'error';
    subject: string;
    detail: string;
}

export interface CheckReport {
    findings: Finding[];
    status: number;
}

const DAY_MS = 86_400_000;
/** A certificate this close to its end gets a warning: renew it now. */
const RENEW_WITHIN_DAYS = 30;

export interface CheckOptions {
    now?: Date;
    /** The OAI login's time limit (connect and Resync Response). */
    oaiTimeoutMs?: number;
}

function certificateFindings(
    subject: string,
    leaf: X509Certificate,
    now: Date,
    expiredLevel: Finding['level']
): Finding[] {
    const until = new Date(leaf.validTo);
    const from = new Date(leaf.validFrom);
    const names = leaf.subjectAltName ?? '(no subject alternative names)';
    const days = Math.floor((until.getTime() - now.getTime()) / DAY_MS);
    if (from > now)
        return [
            { level: expiredLevel, subject, detail: `not valid before ${from.toISOString()} (${names})` }
        ];
    if (until <= now)
        return [{ level: expiredLevel, subject, detail: `expired on ${until.toISOString()} (${names})` }];
    return [
        {
            level: days < RENEW_WITHIN_DAYS ? 'warning' : 'ok',
            subject,
            detail: `${names}; valid until ${until.toISOString().slice(0, 10)} (${days} days)${days < RENEW_WITHIN_DAYS ? ': renew it' : ''}`
        }
    ];
}

/** The audience Salesforce signs for names the host agents' browsers use: the certificate must cover it. */
function audienceFinding(config: BridgeConfig, leaf: X509Certificate): Finding[] {
    const audience = config.auth.assertion?.audience;
    let host: string | undefined;
    try {
        host = audience ? new URL(audience).hostname : undefined;
    } catch {
        host = undefined;
    }
    if (!host) return [];
    const covered = /^[\d.]+$|:/.test(host) ? leaf.checkIP(host) : leaf.checkHost(host);
    return covered
        ? []
        : [
              {
                  level: 'warning',
                  subject: 'TLS certificate',
                  detail: `does not name ${host}, the host of auth.assertion.audience: browsers reaching the bridge by that name refuse it`
              }
          ];
}

async function fileFindings(config: BridgeConfig, file: string, now: Date): Promise<Finding[]> {
    const findings: Finding[] = [];
    const attempt = async (subject: string, check: () => Promise<Finding[]> | Finding[]) => {
        try {
            findings.push(...(await check()));
        } catch (error) {
            const problems = error instanceof ConfigError ? error.problems : [String(error)];
            for (const problem of problems) findings.push({ level: 'error', subject, detail: problem });
        }
    };
    await attempt('TLS certificate', () => {
        const { leaf } = configuredTls(config, file);
        const selfSigned =
            leaf.issuer === leaf.subject
                ? [
                      {
                          level: 'warning' as const,
                          subject: 'TLS certificate',
                          detail: 'is self-signed: browsers refuse it'
                      }
                  ]
                : [];
        return [
            ...certificateFindings('TLS certificate', leaf, now, 'error'),
            ...selfSigned,
            ...audienceFinding(config, leaf)
        ];
    });
    if (config.auth.assertion) {
        const path = config.auth.assertion.certificateFile;
        await attempt('assertion certificate', async () => {
            await configuredAuthenticator(config, file);
            return certificateFindings(
                'assertion certificate',
                new X509Certificate(readFileSync(path)),
                now,
                'warning'
            );
        });
    }
    const callIdsFile = config.state.callIdsFile;
    if (callIdsFile)
        await attempt('call id file', () => {
            checkWritableFile(file, '/state/callIdsFile', callIdsFile);
            return [
                { level: 'ok', subject: 'call id file', detail: `${callIdsFile} (its folder is writable)` }
            ];
        });
    return findings;
}

function oaiFinding(config: BridgeConfig, probe: OaiProbe): Finding {
    const where = `${config.oai.host}:${config.oai.port}`;
    switch (probe.outcome) {
        case 'loggedIn': {
            const pbx = probe.pbx;
            const protocol = pbx ? `protocol ${pbx.protocolVersion}, software ${pbx.ksuSoftwareVersion}` : '';
            return {
                level: 'ok',
                subject: 'OAI link',
                detail: `${where}: logged in (${protocol}); call control and events`
            };
        }
        case 'unreachable':
            return {
                level: 'error',
                subject: 'OAI link',
                detail: `${where} cannot be reached: ${probe.detail}`
            };
        case 'loginRefused':
            return {
                level: 'error',
                subject: 'OAI link',
                detail: `${where} answered but refused the login (wrong oai.password, no System OAI licence, or no free OAI connection): ${probe.detail}`
            };
        case 'linkRefused':
            return { level: 'error', subject: 'OAI link', detail: `${where}: ${probe.detail}` };
    }
}

const PBX_STATUS: Record<OaiProbe['outcome'], number> = {
    loggedIn: EXIT.ok,
    unreachable: EXIT.pbxUnreachable,
    loginRefused: EXIT.pbxRefused,
    linkRefused: EXIT.pbxRefused
};

export async function checkConfiguration(file: string, options: CheckOptions = {}): Promise<CheckReport> {
    const now = options.now ?? new Date();
    let config: BridgeConfig;
    try {
        config = loadConfig(file);
    } catch (error) {
        if (!(error instanceof ConfigError)) throw error;
        const detail = (error as ConfigError).problems;
        return {
            findings: detail.map((problem) => ({
                level: 'error',
                subject: 'configuration',
                detail: problem
            })),
            status: EXIT.config
        };
    }
    const findings: Finding[] = [
        {
            level: 'ok',
            subject: 'configuration',
            detail: `${file}: ${config.directory.length} directory entries, ${config.auth.apiKeys.length} API key(s), assertions ${config.auth.assertion ? 'on' : 'off'}, listening on ${config.listen.host}:${config.listen.port}`
        },
        ...(await fileFindings(config, file, now))
    ];
    const probe = await probeOai(config.oai, options.oaiTimeoutMs);
    findings.push(oaiFinding(config, probe));
    const configBroken = findings.some(
        (finding) => finding.level === 'error' && finding.subject !== 'OAI link'
    );
    return { findings, status: configBroken ? EXIT.config : PBX_STATUS[probe.outcome] };
}

export function formatFindings(findings: readonly Finding[]): string {
    return findings
        .map((finding) => `${finding.level.padEnd(8)}${finding.subject}: ${finding.detail}\n`)
        .join('');
}
