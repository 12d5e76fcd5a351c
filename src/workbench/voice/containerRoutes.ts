// The emulated Lightning side of the Voice workbench (on a *.lightning.force.com name): the container
// page and script, SLDS, and a small JSON API for the page's caller card (Ring, the far end) and its
// list of VoiceCalls. Each route answers on its own host name only, as the real domains are apart.
import { existsSync, readFileSync, statSync } from 'node:fs';
import { extname, join, normalize, resolve } from 'node:path';
import type { FastifyInstance } from 'fastify';
import type { ScrtEmulator } from '../../stand-ins/scrt-emulator/scrtEmulator';
import { callControl } from '../../stand-ins/suite-simulator/controlClient';
import type { Simulator } from '../../stand-ins/suite-simulator/simulator';

const SLDS_ASSETS = resolve(__dirname, '../../../node_modules/@salesforce-ux/design-system/assets');
const CONTENT_TYPES: Record<string, string> = {
    '.css': 'text/css; charset=utf-8',
    '.svg': 'image/svg+xml',
    '.png': 'image/png',
    '.woff2': 'font/woff2',
    '.woff': 'font/woff'
};

/** A route hook that answers 404 on any other host name. */
export function onlyOn(...hosts: string[]) {
    return async (
        request: { hostname: string },
        reply: { code(status: number): { send(body: unknown): unknown } }
    ) => {
        if (!hosts.includes(request.hostname.split(':')[0]))
            return reply.code(404).send({ error: 'not on this host' });
    };
}

export interface ContainerRoutesOptions {
    hosts: string[];
    page(): string;
    containerJs: string;
    simulator: Simulator;
    scrt: ScrtEmulator;
    extension: string;
}

/** The far end's actions, by the control API path that carries each out. */
const FAR_END_PATHS: Record<string, string> = {
    answer: 'remote-answer',
    hangup: 'remote-hangup',
    busy: 'remote-busy',
    'no-answer': 'no-answer',
    'answered-elsewhere': 'answered-elsewhere'
};

/** A control API call whose refusal is answered to the page (409, with the control API's words). */
async function relay(
    reply: { code(status: number): { send(body: unknown): unknown } },
    call: Promise<unknown>
) {
    try {
        return await call;
    } catch (error) {
        return reply.code(409).send({ error: error instanceof Error ? error.message : String(error) });
    }
}

export function registerContainerRoutes(server: FastifyInstance, options: ContainerRoutesOptions): void {
    const onRequest = onlyOn(...options.hosts);
    server.get('/voice', { onRequest }, async (_request, reply) =>
        reply.type('text/html; charset=utf-8').send(options.page())
    );
    server.get('/voice/container.js', { onRequest }, async (_request, reply) =>
        reply.type('text/javascript; charset=utf-8').send(options.containerJs)
    );
    server.get<{ Params: { '*': string } }>('/assets/*', { onRequest }, async (request, reply) => {
        const path = normalize(join(SLDS_ASSETS, request.params['*']));
        if (!path.startsWith(`${SLDS_ASSETS}/`) || !existsSync(path) || !statSync(path).isFile())
            return reply.code(404).send({ error: 'no such asset' });
        return reply
            .type(CONTENT_TYPES[extname(path)] ?? 'application/octet-stream')
            .send(readFileSync(path));
    });
    server.get('/favicon.ico', async (_request, reply) => reply.code(204).send());
    server.get('/voice/api/state', { onRequest }, async () => ({
        voiceCalls: options.scrt.records,
        scrtRequests: options.scrt.requests.length
    }));
    registerCallerApi(server, options, onRequest);
}

/** Ring goes through the simulator's control API, so the page does what the banner tells a shell to do. */
function registerCallerApi(
    server: FastifyInstance,
    options: ContainerRoutesOptions,
    onRequest: ReturnType<typeof onlyOn>
): void {
    server.post<{ Body: { number: string; name?: string; huntGroup?: string } }>(
        '/voice/api/ring',
        {
            onRequest,
            schema: {
                body: {
                    type: 'object',
                    additionalProperties: false,
                    required: ['number'],
                    properties: {
                        number: { type: 'string' },
                        name: { type: 'string' },
                        huntGroup: { type: 'string' }
                    }
                }
            }
        },
        async (request, reply) =>
            relay(
                reply,
                callControl(options.simulator.controlUrl, 'POST', '/_sim/calls/inbound', {
                    toExtension: options.extension,
                    from: { number: request.body.number, name: request.body.name ?? '' },
                    huntGroup: request.body.huntGroup ?? null
                })
            )
    );
    server.post<{ Body: { action: string } }>(
        '/voice/api/far-end',
        {
            onRequest,
            schema: {
                body: {
                    type: 'object',
                    additionalProperties: false,
                    required: ['action'],
                    properties: { action: { type: 'string', enum: Object.keys(FAR_END_PATHS) } }
                }
            }
        },
        async (request, reply) => {
            const newest = [...options.simulator.model.legs.values()]
                .filter((leg) => leg.extension === options.extension && leg.state !== 'cleared')
                .at(-1);
            if (!newest) return reply.code(409).send({ error: `Extension ${options.extension} has no call` });
            const path = `/_sim/calls/${encodeURIComponent(newest.callId)}/${FAR_END_PATHS[request.body.action]}`;
            return relay(reply, callControl(options.simulator.controlUrl, 'POST', path));
        }
    );
}
