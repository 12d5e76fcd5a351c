// npm start -- --voice: the Suite simulator and an emulated Salesforce Voice org on this machine.
// The container page (on a *.lightning.force.com name) frames the connector page (on the
// Visualforce name), which loads the connector bundled from src/voice exactly as the static resource
// is (built beforehand by buildVoiceWorkbench in scripts/workbench-build.mjs); the page's remote
// action and the SCRT endpoint it reaches are emulated (src/stand-ins/scrt-emulator).
import { join, resolve } from 'node:path';
import { existsSync, readFileSync } from 'node:fs';
import { request } from 'node:https';
import { build } from 'esbuild';
import Fastify, { type FastifyInstance, type FastifyReply } from 'fastify';
import { loadDevCa } from '../../stand-ins/dev-machine/devCa';
import { startSimulator, type Simulator } from '../../stand-ins/suite-simulator/simulator';
import { ScrtEmulator, type VoiceCallBody } from '../../stand-ins/scrt-emulator/scrtEmulator';

const repoRoot = resolve(__dirname, '../../..');
const OUT = join(repoRoot, 'dist/workbench-voice');

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
    /** Call center settings changed for the next container page load (cleared by the caller). */
    connectorOverrides: Record<string, string>;
    spkiSha256: string;
    stop(): Promise<void>;
}

function containerPage(config: unknown): string {
    return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Salesforce Voice (emulated)</title>
<style>body{font-family:system-ui,sans-serif;margin:1rem}iframe{width:1px;height:1px;border:0}.call{border:1px solid #ccc;padding:.5rem;margin:.5rem 0}</style></head>
<body>
<h1>Salesforce Voice (emulated container)</h1>
<p id="status" role="status">Connecting…</p>
<label>Presence <select id="presence"><option>Online</option><option>Offline</option></select></label>
<form id="dial-form"><input id="dial-number" aria-label="Number" placeholder="Number"><button type="submit">Dial</button></form>
<label>Transfer to <input id="transfer-number" aria-label="Transfer to"></label>
<div id="calls"></div>
<iframe id="connector" title="MiVoice connector"></iframe>
<script type="application/json" id="voice-config">${JSON.stringify(config).replace(/</g, '\\u003c')}</script>
<script src="/voice/container.js"></script>
</body></html>`;
}

/** The connector page as Visualforce renders MiVoiceVoiceConnector.page; remoting becomes a POST. */
function connectorPage(email: string): string {
    return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>MiVoice Voice Connector</title></head>
<body>
<script src="/resource/VoiceConnector.js"></script>
<script>
window.MiVoiceVoiceConnector.boot({
    email: ${JSON.stringify(email)},
    createVoiceCall: function (vendorCallKey, fromNumber, toNumber) {
        return fetch('/apex/remote/createInboundVoiceCall', {
            method: 'POST',
            headers: { 'Content-Type': 'application/json' },
            body: JSON.stringify({ vendorCallKey: vendorCallKey, fromNumber: fromNumber, toNumber: toNumber })
        }).then(function (response) {
            if (!response.ok) throw new Error('remote action failed: ' + response.status);
            return response.json();
        });
    }
});
</script>
</body></html>`;
}

const voiceCallSchema = {
    type: 'object',
    required: [
        'callCenterApiName',
        'vendorCallKey',
        'to',
        'from',
        'initiationMethod',
        'startTime',
        'participants'
    ],
    properties: {
        callCenterApiName: { type: 'string', minLength: 1 },
        vendorCallKey: { type: 'string', minLength: 1, maxLength: 255 },
        to: { type: 'string', minLength: 1 },
        from: { type: 'string', minLength: 1 },
        initiationMethod: { type: 'string', enum: ['Inbound'] },
        startTime: { type: 'string' },
        participants: { type: 'array', minItems: 1 }
    }
} as const;

/** One HTTPS POST to this server on loopback, under the name it is for. */
function postJson(
    port: number,
    host: string,
    ca: string,
    path: string,
    body: unknown
): Promise<{ status: number; body: unknown }> {
    return new Promise((resolve, reject) => {
        const payload = JSON.stringify(body);
        const outgoing = request(
            {
                host: '127.0.0.1',
                servername: host,
                port,
                path,
                method: 'POST',
                headers: {
                    Host: `${host}:${port}`,
                    'Content-Type': 'application/json',
                    'Content-Length': Buffer.byteLength(payload)
                },
                ca,
                timeout: 5000
            },
            (incoming) => {
                const chunks: Buffer[] = [];
                incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
                incoming.on('end', () => {
                    try {
                        resolve({
                            status: incoming.statusCode ?? 0,
                            body: JSON.parse(Buffer.concat(chunks).toString('utf8'))
                        });
                    } catch (error) {
                        reject(error);
                    }
                });
            }
        );
        outgoing.on('timeout', () => outgoing.destroy(new Error('SCRT emulator timed out')));
        outgoing.on('error', reject);
        outgoing.end(payload);
    });
}

export async function startVoiceStack(options: VoiceStackOptions = {}): Promise<VoiceStack> {
    const containerHost = options.containerHost ?? 'acme.lightning.force.com';
    const connectorHost = options.connectorHost ?? 'acme--c.vf.force.com';
    const extension = options.extension ?? '2001';
    const foreignHost = options.foreignHost ?? 'elsewhere.localhost';
    const connectorOverrides: Record<string, string> = {};
    const email = 'alice@example.com';
    const ca = loadDevCa();
    if (!existsSync(join(OUT, 'VoiceConnector.js')))
        throw new Error(`${join(OUT, 'VoiceConnector.js')} is missing: build it first (buildVoiceWorkbench)`);
    const container = await build({
        entryPoints: [join(__dirname, 'container.ts')],
        bundle: true,
        write: false,
        format: 'iife',
        platform: 'browser',
        logLevel: 'warning'
    });
    const containerJs = container.outputFiles[0].text;
    const simulator = await startSimulator({
        port: options.suitePort ?? 0,
        controlPort: options.controlPort ?? 0,
        hostnames: ['localhost', '127.0.0.1', '::1']
    });
    const scrt = new ScrtEmulator();
    // Stands in for https://<MyDomain>.my.salesforce-scrt.com (the development CA certifies *.localhost).
    const scrtHost = 'acme-scrt.localhost';
    const tls = ca.issue([containerHost, connectorHost, scrtHost, foreignHost, 'localhost', '127.0.0.1']);
    const server = Fastify({ https: { key: tls.key, cert: tls.cert }, bodyLimit: 64 * 1024 });
    let port = 0;
    const only =
        (...hosts: string[]) =>
        async (
            request: { hostname: string },
            reply: { code(n: number): { send(body: unknown): unknown } }
        ) => {
            if (!hosts.includes(request.hostname.split(':')[0]))
                return reply.code(404).send({ error: 'not on this host' });
        };

    const serveContainer = (_request: unknown, reply: FastifyReply) =>
        reply.type('text/html; charset=utf-8').send(
            containerPage({
                connectorUrl: `https://${connectorHost}:${port}/apex/MiVoiceVoiceConnector`,
                connectorConfig: {
                    '/reqGeneralInfo/reqInternalName': 'MiVoiceVoice',
                    '/reqGeneralInfo/reqVendorInfoApiName': 'c__MiVoiceSuite',
                    '/mivoiceSuite/suiteHost': 'localhost',
                    '/mivoiceSuite/suitePort': String(simulator.port),
                    '/mivoiceSuite/apiKey': 'dev-key-123',
                    ...connectorOverrides
                }
            })
        );
    server.get('/voice', { onRequest: only(containerHost, foreignHost) }, serveContainer);
    server.get(
        '/voice/container.js',
        { onRequest: only(containerHost, foreignHost) },
        async (_request, reply) => reply.type('text/javascript; charset=utf-8').send(containerJs)
    );
    server.get('/apex/MiVoiceVoiceConnector', { onRequest: only(connectorHost) }, async (_request, reply) =>
        reply.type('text/html; charset=utf-8').send(connectorPage(email))
    );
    server.get('/resource/VoiceConnector.js', { onRequest: only(connectorHost) }, async (_request, reply) =>
        reply
            .type('text/javascript; charset=utf-8')
            .send(readFileSync(join(OUT, 'VoiceConnector.js'), 'utf8'))
    );
    server.post<{ Body: { vendorCallKey: string; fromNumber: string; toNumber: string } }>(
        '/apex/remote/createInboundVoiceCall',
        {
            onRequest: only(connectorHost),
            schema: {
                body: {
                    type: 'object',
                    required: ['vendorCallKey', 'fromNumber', 'toNumber'],
                    properties: {
                        vendorCallKey: { type: 'string', pattern: '^[\\x21-\\x7e]{1,255}$' },
                        fromNumber: { type: 'string', minLength: 1, maxLength: 64 },
                        toNumber: { type: 'string', minLength: 1, maxLength: 64 }
                    }
                }
            }
        },
        async (request) =>
            scrt.createInbound(
                request.body.vendorCallKey,
                request.body.fromNumber,
                request.body.toNumber,
                // The callout Apex makes through the Named Credential, here to this server on loopback.
                (body) => postJson(port, scrtHost, ca.certPem, '/telephony/v1/voiceCalls', body)
            )
    );
    server.post<{ Body: VoiceCallBody }>(
        '/telephony/v1/voiceCalls',
        { onRequest: only(scrtHost), schema: { body: voiceCallSchema } },
        async (request, reply) => {
            const answer = scrt.post(request.body);
            return reply.code(answer.status).send(answer.body);
        }
    );
    server.get('/voice/api/state', { onRequest: only(containerHost) }, async () => ({
        voiceCalls: scrt.records,
        scrtRequests: scrt.requests.length
    }));
    server.post<{ Body: { number: string; name?: string } }>(
        '/voice/api/ring',
        {
            onRequest: only(containerHost),
            schema: {
                body: {
                    type: 'object',
                    required: ['number'],
                    properties: { number: { type: 'string' }, name: { type: 'string' } }
                }
            }
        },
        async (request) => {
            const leg = simulator.model.ringInbound(
                extension,
                { number: request.body.number, name: request.body.name ?? '' },
                null
            );
            return { callId: leg.callId };
        }
    );

    await server.listen({ port: options.port ?? 0, host: '127.0.0.1' });
    port = (server.server.address() as { port: number }).port;
    simulator.settings.allowedOrigins = [`https://${connectorHost}:${port}`];
    return {
        simulator,
        scrt,
        server,
        containerUrl: `https://${containerHost}:${port}/voice`,
        connectorUrl: `https://${connectorHost}:${port}/apex/MiVoiceVoiceConnector`,
        foreignContainerUrl: `https://${foreignHost}:${port}/voice`,
        connectorOverrides,
        spkiSha256: ca.spkiSha256,
        async stop() {
            await server.close();
            await simulator.stop();
        }
    };
}
