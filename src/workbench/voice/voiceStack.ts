// npm start -- --voice: the Suite simulator and an emulated Salesforce Voice org on this machine. The
// container page (on a *.lightning.force.com name) frames the connector page (the package's own
// MiVoiceVoiceConnector.page, rendered as Visualforce would, on the Visualforce name), which loads the
// connector bundled from src/voice exactly as the static resource is (built beforehand by
// buildVoiceWorkbench in scripts/workbench-build.mjs); its remote action (Visualforce remoting) and the
// SCRT endpoint that action reaches are emulated (src/stand-ins/scrt-emulator).
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { build } from 'esbuild';
import Fastify, { type FastifyInstance } from 'fastify';
import { loadDevCa } from '../../stand-ins/dev-machine/devCa';
import { ScrtEmulator } from '../../stand-ins/scrt-emulator/scrtEmulator';
import { startSimulator, type Simulator } from '../../stand-ins/suite-simulator/simulator';
import { contactCenterConfig } from './contactCenterConfig';
import { containerPage } from './containerPage';
import { registerConnectorRoutes, scrtCallout } from './connectorRoutes';
import { registerContainerRoutes } from './containerRoutes';
import { renderVisualforcePage } from './visualforcePage';

const OUT = resolve(__dirname, '../../../dist/workbench-voice');
const API_VERSION = 65;

export interface VoiceStackOptions {
    port?: number;
    suitePort?: number;
    controlPort?: number;
    containerHost?: string;
    connectorHost?: string;
    extension?: string;
    /** A name outside Salesforce's domains that serves the same container page (a foreign frame parent). */
    foreignHost?: string;
}

export interface VoiceStack {
    simulator: Simulator;
    scrt: ScrtEmulator;
    server: FastifyInstance;
    containerUrl: string;
    connectorUrl: string;
    /** The container page on the foreign name: its SETUP_CONNECTOR comes from outside Salesforce. */
    foreignContainerUrl: string;
    /** Contact center settings changed for the next container page load (cleared by the caller). */
    connectorOverrides: Record<string, unknown>;
    spkiSha256: string;
    stop(): Promise<void>;
}

/** The org the workbench emulates: its My Domain, the agent's user, and the page's session tokens. */
const ORG = {
    myDomain: 'acme',
    organizationId: '00D000000000001AAA',
    user: { id: '005000000000001AAA', username: 'alice@example.com.acme', fullName: 'Alice Agent' },
    email: 'alice@example.com'
};

async function browserBundle(entry: string): Promise<string> {
    const output = await build({
        entryPoints: [join(__dirname, 'browser', entry)],
        bundle: true,
        write: false,
        format: 'iife',
        platform: 'browser',
        logLevel: 'warning'
    });
    return output.outputFiles[0].text;
}

/** What the routes of one stack share: its names, its stand-ins and its port once it listens. */
interface StackParts {
    hosts: { container: string; connector: string; foreign: string; scrt: string };
    extension: string;
    simulator: Simulator;
    scrt: ScrtEmulator;
    caPem: string;
    port(): number;
    connectorOverrides: Record<string, unknown>;
}

const connectorUrlOf = (parts: StackParts) =>
    `https://${parts.hosts.connector}:${parts.port()}/apex/MiVoiceVoiceConnector`;

function mountContainer(server: FastifyInstance, parts: StackParts, containerJs: string): void {
    registerContainerRoutes(server, {
        hosts: [parts.hosts.container, parts.hosts.foreign],
        containerJs,
        simulator: parts.simulator,
        scrt: parts.scrt,
        extension: parts.extension,
        page: () =>
            containerPage({
                controlUrl: parts.simulator.controlUrl,
                agent: { email: ORG.email, extension: parts.extension },
                config: {
                    connectorUrl: connectorUrlOf(parts),
                    connectorConfig: {
                        ...contactCenterConfig({
                            ...ORG,
                            suiteHost: 'localhost',
                            suitePort: parts.simulator.port,
                            apiKey: 'dev-key-123'
                        }),
                        ...parts.connectorOverrides
                    }
                }
            })
    });
}

function mountConnector(server: FastifyInstance, parts: StackParts, remotingJs: string): void {
    const token = () => randomBytes(18).toString('base64url');
    const remotingPath = `/jslibrary/${Date.now()}/sfdc/VFRemote.js`;
    registerConnectorRoutes(server, {
        connectorHost: parts.hosts.connector,
        scrtHost: parts.hosts.scrt,
        page: renderVisualforcePage('MiVoiceVoiceConnector', {
            user: { email: ORG.email },
            tokens: { csrf: token(), authorization: token(), vid: '066000000000001AAA' },
            remotingScript: remotingPath,
            apiVersion: API_VERSION
        }),
        sessionId: token(),
        remotingJs,
        remotingPath,
        bundleDir: OUT,
        scrt: parts.scrt,
        userId: ORG.user.id,
        callout: scrtCallout({ port: parts.port, host: parts.hosts.scrt, ca: parts.caPem })
    });
}

export async function startVoiceStack(options: VoiceStackOptions = {}): Promise<VoiceStack> {
    const hosts = {
        container: options.containerHost ?? 'acme.lightning.force.com',
        connector: options.connectorHost ?? 'acme--c.vf.force.com',
        foreign: options.foreignHost ?? 'elsewhere.localhost',
        // Stands in for https://<MyDomain>.my.salesforce-scrt.com (the development CA certifies *.localhost).
        scrt: 'acme-scrt.localhost'
    };
    if (!existsSync(join(OUT, 'VoiceConnector.js')))
        throw new Error(`${join(OUT, 'VoiceConnector.js')} is missing: build it first (buildVoiceWorkbench)`);
    const [containerJs, remotingJs] = await Promise.all([
        browserBundle('container.ts'),
        browserBundle('visualforceRemoting.ts')
    ]);
    const simulator = await startSimulator({
        port: options.suitePort ?? 0,
        controlPort: options.controlPort ?? 0,
        hostnames: ['localhost', '127.0.0.1', '::1']
    });
    const ca = loadDevCa();
    const tls = ca.issue([...Object.values(hosts), 'localhost', '127.0.0.1']);
    const server = Fastify({ https: { key: tls.key, cert: tls.cert }, bodyLimit: 64 * 1024 });
    let port = 0;
    const parts: StackParts = {
        hosts,
        extension: options.extension ?? '2001',
        simulator,
        scrt: new ScrtEmulator(),
        caPem: ca.certPem,
        port: () => port,
        connectorOverrides: {}
    };
    mountContainer(server, parts, containerJs);
    mountConnector(server, parts, remotingJs);
    await server.listen({ port: options.port ?? 0, host: '127.0.0.1' });
    port = (server.server.address() as { port: number }).port;
    simulator.settings.allowedOrigins = [`https://${hosts.connector}:${port}`];
    return {
        simulator,
        scrt: parts.scrt,
        server,
        containerUrl: `https://${hosts.container}:${port}/voice`,
        connectorUrl: connectorUrlOf(parts),
        foreignContainerUrl: `https://${hosts.foreign}:${port}/voice`,
        connectorOverrides: parts.connectorOverrides,
        spkiSha256: ca.spkiSha256,
        async stop() {
            await server.close();
            await simulator.stop();
        }
    };
}

/** What `npm start -- --voice` prints: where everything is, and how to ring the agent from a shell. */
export function voiceBanner(stack: VoiceStack): string {
    const ring = `{"toExtension": "2001", "from": {"number": "+441632960123", "name": "Pat Caller"}}`;
    return `Salesforce Voice workbench ready.

  Open:            ${stack.containerUrl}
  Connector page:  ${stack.connectorUrl}  (the package's MiVoiceVoiceConnector.page)
  Suite simulator: ${stack.simulator.url}
  Control API:     ${stack.simulator.controlUrl}/_sim  (docs/suite-api.md)
  Ring the agent:  the page's Ring buttons, or
    curl -X POST -H 'Content-Type: application/json' -d '${ring}' ${stack.simulator.controlUrl}/_sim/calls/inbound
    (toExtension: a user's extension; from.number: any text, empty for a withheld caller; huntGroup: optional)
  Agent:           alice@example.com, extension 2001, API key dev-key-123
  VoiceCalls:      ${stack.containerUrl}/api/state (the emulated SCRT endpoint's records)

Open it in a throwaway Chromium profile that maps the Salesforce names to this machine and trusts the
development CA for this session only:
  chromium --user-data-dir=$(mktemp -d) --host-resolver-rules="MAP *.force.com 127.0.0.1" --ignore-certificate-errors-spki-list=${stack.spkiSha256} ${stack.containerUrl}

Press Ctrl-C to stop.`;
}
