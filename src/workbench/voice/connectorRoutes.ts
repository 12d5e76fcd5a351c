// The emulated Visualforce side of the Voice workbench (on the *.vf.force.com name) and the org's SCRT
// endpoint: the real MiVoiceVoiceConnector.page rendered with its merge fields, the VoiceConnector
// static resource, Visualforce's remoting script and /apexremote (the page's session required), whose
// remote action is the emulated VoiceCallCreator; it calls the SCRT endpoint over HTTPS as Apex calls it
// through the Named Credential.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { request } from 'node:https';
import type { FastifyInstance } from 'fastify';
import type { ScrtCallout, ScrtEmulator, VoiceCallBody } from '../../stand-ins/scrt-emulator/scrtEmulator';
import { onlyOn } from './containerRoutes';
import { answerRemoting } from './remotingEndpoint';
import type { RenderedPage } from './visualforcePage';

export interface ConnectorRoutesOptions {
    connectorHost: string;
    scrtHost: string;
    page: RenderedPage;
    /** The page's session cookie value: /apexremote refuses a request without it. */
    sessionId: string;
    remotingJs: string;
    remotingPath: string;
    bundleDir: string;
    scrt: ScrtEmulator;
    /** The user the page runs as (the owner of what the remote action creates). */
    userId: string;
    callout: ScrtCallout;
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

export function registerConnectorRoutes(server: FastifyInstance, options: ConnectorRoutesOptions): void {
    const onRequest = onlyOn(options.connectorHost);
    server.get('/apex/MiVoiceVoiceConnector', { onRequest }, async (_request, reply) =>
        reply
            .header('Set-Cookie', `sid=${options.sessionId}; Path=/; Secure; HttpOnly; SameSite=None`)
            .type('text/html; charset=utf-8')
            .send(options.page.html)
    );
    for (const name of options.page.resources) {
        server.get(`/resource/:stamp/${name}`, { onRequest }, async (_request, reply) =>
            reply
                .type('text/javascript; charset=utf-8')
                .send(readFileSync(join(options.bundleDir, `${name}.js`), 'utf8'))
        );
    }
    server.get(options.remotingPath, { onRequest }, async (_request, reply) =>
        reply.type('text/javascript; charset=utf-8').send(options.remotingJs)
    );
    server.post('/apexremote', { onRequest }, async (incoming, reply) => {
        const session = /(?:^|;\s*)sid=([^;]+)/.exec(incoming.headers.cookie ?? '')?.[1];
        if (incoming.headers['x-user-agent'] !== 'Visualforce-Remoting' || session !== options.sessionId)
            return reply
                .code(401)
                .send({ error: 'Remoting needs the page’s session and Visualforce’s headers' });
        return answerRemoting(incoming.body, {
            provider: options.page.provider,
            signatures: options.page.signatures,
            actions: {
                'VoiceConnectorController.createInboundVoiceCall': async ([
                    vendorCallKey,
                    fromNumber,
                    toNumber
                ]) =>
                    options.scrt.createInbound(
                        options.userId,
                        {
                            vendorCallKey: String(vendorCallKey),
                            fromNumber: String(fromNumber),
                            toNumber: String(toNumber)
                        },
                        options.callout
                    )
            }
        });
    });
    server.post<{ Body: VoiceCallBody }>(
        '/telephony/v1/voiceCalls',
        { onRequest: onlyOn(options.scrtHost), schema: { body: voiceCallSchema } },
        async (incoming, reply) => {
            const answer = options.scrt.post(incoming.body);
            return reply.code(answer.status).send(answer.body);
        }
    );
}

/** The callout Apex makes through the Named Credential: one HTTPS POST to the SCRT name on loopback. */
export function scrtCallout(target: { port(): number; host: string; ca: string }): ScrtCallout {
    return (body) =>
        new Promise((resolve, reject) => {
            const payload = JSON.stringify(body);
            const outgoing = request(
                {
                    host: '127.0.0.1',
                    servername: target.host,
                    port: target.port(),
                    path: '/telephony/v1/voiceCalls',
                    method: 'POST',
                    headers: {
                        Host: `${target.host}:${target.port()}`,
                        'Content-Type': 'application/json',
                        'Content-Length': Buffer.byteLength(payload)
                    },
                    ca: target.ca,
                    timeout: 5000
                },
                (incoming) => {
                    const chunks: Buffer[] = [];
                    incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
                    incoming.on('end', () => {
                        try {
                            const text = Buffer.concat(chunks).toString('utf8');
                            resolve({ status: incoming.statusCode ?? 0, body: JSON.parse(text) as unknown });
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
