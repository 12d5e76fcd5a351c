// One OAI login to the PBX for --check-config: is the address reachable, does the PBX accept the
// password, and does its Resync Response allow call control and events? No station is monitored, and
// the link is closed at once.
import { OaiClient } from '../oai/client';
import type { PbxInfo } from '../oai/protocol';
import type { BridgeConfig } from '../config';

export type OaiProbe =
    | { outcome: 'loggedIn'; pbx: PbxInfo | undefined }
    | { outcome: 'unreachable'; detail: string }
    | { outcome: 'loginRefused'; detail: string }
    | { outcome: 'linkRefused'; detail: string };

/** Logs in once; `timeoutMs` covers the TCP connect and the login's Resync Response. */
export function probeOai(oai: BridgeConfig['oai'], timeoutMs = 10_000): Promise<OaiProbe> {
    const client = new OaiClient({
        host: oai.host,
        port: oai.port,
        password: oai.password,
        applicationName: oai.applicationName,
        extensions: [],
        loginTimeoutMs: timeoutMs,
        // No second attempt: the probe reports the first.
        backoff: { baseMs: 3_600_000, maxMs: 3_600_000 }
    });
    return new Promise((resolve) => {
        let connected = false;
        const finish = (probe: OaiProbe) => {
            client.stop();
            resolve(probe);
        };
        client.on('state', (state, detail) => {
            if (state === 'loggingIn') connected = true;
            else if (state === 'monitoring' || state === 'ready')
                finish({ outcome: 'loggedIn', pbx: client.pbx });
            else if (state === 'refused')
                finish({ outcome: 'linkRefused', detail: client.refusal?.detail ?? detail ?? 'refused' });
            else if (state === 'waiting')
                finish(
                    connected
                        ? { outcome: 'loginRefused', detail: detail ?? 'the link closed' }
                        : { outcome: 'unreachable', detail: detail ?? 'no answer' }
                );
        });
        client.start();
    });
}
