// The workbench web server: serves the emulated Lightning console (the Open CTI parent), the
// softphone frame, the built bundles and SLDS, and a small JSON API over the Open CTI emulator
// and the phone system's controls (the simulated Suite, or the OAI PBX behind the bridge). HTTPS
// only, with certificates from the development CA.
import { createReadStream, statSync } from 'node:fs';
import { createServer, type Server } from 'node:https';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { extname, join, normalize, resolve } from 'node:path';
import type { AddressInfo } from 'node:net';
import { foreignHostReason, foreignRequestReason } from '../../stand-ins/dev-machine/localOnly';
import { PHONE_WINDOW_PARAM } from '../../core/opencti-host/popout/phoneWindow';
import { consolePage, softphonePage } from './pages';
import type { OpenCtiState, PhoneSystemPanel, WorkbenchState } from './workbenchState';

const repoRoot = resolve(__dirname, '../../..');
const DIST = join(repoRoot, 'dist/workbench');
const SLDS_ASSETS = join(repoRoot, 'node_modules/@salesforce-ux/design-system/assets');
const MAX_BODY = 1024 * 1024;
const REMOTE_PATH = '/api/phone-system/remote/';

const CONTENT_TYPES: Record<string, string> = {
    '.js': 'text/javascript; charset=utf-8',
    '.css': 'text/css; charset=utf-8',
    '.svg': 'image/svg+xml',
    '.png': 'image/png',
    '.woff2': 'font/woff2',
    '.woff': 'font/woff',
    '.json': 'application/json'
};

/** What the console needs from the Open CTI emulator (it runs here, like Salesforce's servers). */
export interface OpenCtiBackend {
    handle(method: string, args: Record<string, unknown>): Promise<unknown>;
    state(): OpenCtiState;
    updateSettings(values: Record<string, string>): void;
}

/** What the caller panel does to the phone system: the simulated Suite's or the OAI PBX's controls. */
export interface PhoneSystemControl {
    /** Its name, summary and buttons, as the console shows them. */
    panel: PhoneSystemPanel;
    ring(caller: { number: string; name: string; huntGroup?: string }): Promise<unknown>;
    /** One of the panel's actions; `station` is the picker's choice for an action at a station. */
    remote(action: string, options: { station?: string }): Promise<unknown>;
}

export interface WorkbenchOptions {
    port?: number;
    host?: string;
    tls: { key: string; cert: string };
    /** Origin the browser uses for the console, e.g. https://localhost:8443 or https://acme.lightning.force.com:8443. */
    consoleOrigin(port: number): string;
    /** Origin of the softphone frame (a different host name on the same server), like the Visualforce domain. */
    softphoneOrigin(port: number): string;
    opencti: OpenCtiBackend;
    phoneSystem: PhoneSystemControl;
    /** The package namespace the emulated org has the softphone under ('' or absent: none). */
    namespace?: string;
}

export interface Workbench {
    port: number;
    consoleUrl: string;
    softphoneUrl: string;
    stop(): Promise<void>;
}

function send(
    response: ServerResponse,
    status: number,
    body: string,
    type = 'text/html; charset=utf-8'
): void {
    response.writeHead(status, {
        'Content-Type': type,
        'Cache-Control': 'no-store',
        'X-Content-Type-Options': 'nosniff'
    });
    response.end(body);
}

function sendJson(response: ServerResponse, status: number, value: unknown): void {
    send(response, status, JSON.stringify(value), 'application/json; charset=utf-8');
}

/** A file's build time, for the pages to name it with (see BuildStamp); 0 for a file not built. */
function stampOf(path: string): number {
    const file = path.startsWith('/assets/')
        ? join(SLDS_ASSETS, path.slice('/assets/'.length))
        : join(DIST, path.slice('/workbench/'.length));
    return Math.floor(statSync(file, { throwIfNoEntry: false })?.mtimeMs ?? 0);
}

/**
 * Scripts, styles and static resources. An org names its framework files and static resources with
 * their version (`{!$Resource.Name}` carries the resource's timestamp) and serves them for the browser
 * to keep, so a page load after the first fetches and compiles nothing again: a file asked for by its
 * version is kept here too. A file asked for by name alone (the Open CTI library, fonts, icons) is kept
 * but revalidated each time, which is no kinder than an org.
 */
function serveFile(
    request: IncomingMessage,
    response: ServerResponse,
    file: { base: string; path: string; versioned: boolean }
): void {
    const path = normalize(join(file.base, file.path));
    const stat = path.startsWith(file.base) ? statSync(path, { throwIfNoEntry: false }) : undefined;
    if (!stat?.isFile()) {
        send(response, 404, 'Not found', 'text/plain');
        return;
    }
    const etag = `"${stat.size.toString(36)}-${Math.floor(stat.mtimeMs).toString(36)}"`;
    const headers = {
        'Content-Type': CONTENT_TYPES[extname(path)] ?? 'application/octet-stream',
        'Cache-Control': file.versioned ? 'public, max-age=31536000, immutable' : 'no-cache',
        ETag: etag
    };
    if (request.headers['if-none-match'] === etag) {
        response.writeHead(304, headers);
        response.end();
        return;
    }
    response.writeHead(200, headers);
    createReadStream(path).pipe(response);
}

async function readJson(request: IncomingMessage): Promise<unknown> {
    let size = 0;
    const chunks: Buffer[] = [];
    for await (const chunk of request) {
        size += (chunk as Buffer).length;
        if (size > MAX_BODY) throw new Error('request body too large');
        chunks.push(chunk as Buffer);
    }
    const text = Buffer.concat(chunks).toString('utf8');
    return text ? JSON.parse(text) : {};
}

/** What the routes need to know of the running workbench. */
interface RouteContext {
    options: WorkbenchOptions;
    port(): number;
    namespace: string;
    coreResource: string;
    extrasResource: string;
    state(): WorkbenchState;
    softphoneUrl(): string;
}

/** Why a request is refused: only the console page may use the API, and only the workbench's hosts serve. */
function refusalOf(request: IncomingMessage, path: string, context: RouteContext): string | undefined {
    const { options } = context;
    const port = context.port();
    const consoleOrigin = options.consoleOrigin(port);
    const hosts = [consoleOrigin, options.softphoneOrigin(port)].map((origin) => new URL(origin).hostname);
    const policy = {
        hosts: [...hosts.map((host) => host.replace(/^\[(.*)\]$/, '$1')), 'localhost', '127.0.0.1', '::1'],
        port,
        origins: [consoleOrigin]
    };
    return path.startsWith('/api/')
        ? foreignRequestReason(request, policy)
        : foreignHostReason(request, policy);
}

/** The pages and files: the console, the softphone page, the Open CTI library, the static resources. */
function servePageOrFile(
    url: URL,
    request: IncomingMessage,
    response: ServerResponse,
    context: RouteContext
): boolean {
    const path = url.pathname;
    const { coreResource, extrasResource } = context;
    const versioned = url.searchParams.has('v');
    if (path === '/') {
        send(response, 200, consolePage({ softphoneUrl: context.softphoneUrl(), stamp: stampOf }));
    } else if (path === '/softphone') {
        const consoleOrigin = context.options.consoleOrigin(context.port());
        const salesforceLike = /\.(force|salesforce)\.com(:\d+)?$/.test(consoleOrigin);
        send(
            response,
            200,
            softphonePage({
                localParentOrigin: salesforceLike ? undefined : consoleOrigin,
                namespace: context.namespace,
                coreResource,
                extrasResource,
                phoneWindow: url.searchParams.get(PHONE_WINDOW_PARAM) === '1',
                stamp: stampOf
            })
        );
    } else if (/^\/support\/api\/\d+(\.\d+)?\/lightning\/opencti_min\.js$/.test(path)) {
        serveFile(request, response, { base: DIST, path: 'opencti_min.js', versioned: false });
    } else if (new RegExp(`^/resource/\\d+/${coreResource}$`).test(path)) {
        serveFile(request, response, { base: DIST, path: 'core.js', versioned: true });
    } else if (new RegExp(`^/resource/\\d+/${extrasResource}$`).test(path)) {
        serveFile(request, response, { base: DIST, path: 'extras.js', versioned: true });
    } else if (path.startsWith('/workbench/')) {
        serveFile(request, response, { base: DIST, path: path.slice('/workbench/'.length), versioned });
    } else if (path.startsWith('/assets/')) {
        serveFile(request, response, { base: SLDS_ASSETS, path: path.slice('/assets/'.length), versioned });
    } else {
        return false;
    }
    return true;
}

/** The console's API: Open CTI requests, the workbench's state and settings, the phone system's buttons. */
async function serveApi(
    request: IncomingMessage,
    path: string,
    response: ServerResponse,
    { options, state }: RouteContext
): Promise<boolean> {
    if (request.method === 'POST' && path === '/api/opencti') {
        const { method, args } = (await readJson(request)) as {
            method: string;
            args: Record<string, unknown>;
        };
        const reply = await options.opencti.handle(method, args ?? {});
        // Salesforce never answering: the console never calls the softphone back.
        if (reply !== undefined) sendJson(response, 200, reply);
    } else if (request.method === 'GET' && path === '/api/state') {
        sendJson(response, 200, state());
    } else if (request.method === 'PUT' && path === '/api/settings') {
        options.opencti.updateSettings((await readJson(request)) as Record<string, string>);
        sendJson(response, 200, state());
    } else if (request.method === 'POST' && path === '/api/phone-system/ring') {
        const caller = (await readJson(request)) as { number: string; name: string; huntGroup?: string };
        sendJson(response, 200, await options.phoneSystem.ring(caller));
    } else if (request.method === 'POST' && path.startsWith(REMOTE_PATH)) {
        const { station } = (await readJson(request)) as { station?: unknown };
        const action = path.slice(REMOTE_PATH.length);
        const at = { station: typeof station === 'string' ? station : undefined };
        sendJson(response, 200, await options.phoneSystem.remote(action, at));
    } else {
        return false;
    }
    return true;
}

export async function startWorkbench(options: WorkbenchOptions): Promise<Workbench> {
    let port = options.port ?? 0;
    const namespace = options.namespace ?? '';
    const urls = () => ({
        consoleUrl: `${options.consoleOrigin(port)}/`,
        softphoneUrl: `${options.softphoneOrigin(port)}/softphone`
    });
    const context: RouteContext = {
        options,
        port: () => port,
        namespace,
        coreResource: namespace ? `${namespace}__SoftphoneCore` : 'SoftphoneCore',
        extrasResource: namespace ? `${namespace}__SoftphoneExtras` : 'SoftphoneExtras',
        state: () => ({ ...options.opencti.state(), phoneSystem: options.phoneSystem.panel }),
        softphoneUrl: () => urls().softphoneUrl
    };

    const route = async (request: IncomingMessage, response: ServerResponse): Promise<void> => {
        const url = new URL(request.url ?? '/', 'https://workbench.invalid');
        const refused = refusalOf(request, url.pathname, context);
        if (refused) sendJson(response, 403, { error: refused });
        else if (request.method === 'GET' && servePageOrFile(url, request, response, context)) return;
        else if (!(await serveApi(request, url.pathname, response, context)))
            send(response, 404, 'Not found', 'text/plain');
    };

    const server: Server = createServer(
        { key: options.tls.key, cert: options.tls.cert },
        (request, response) => {
            route(request, response).catch((error: unknown) => {
                if (!response.headersSent)
                    sendJson(response, 400, {
                        error: error instanceof Error ? error.message : String(error)
                    });
                else response.destroy();
            });
        }
    );
    await new Promise<void>((resolveListen, reject) => {
        server.once('error', reject);
        server.listen(port, options.host ?? '127.0.0.1', () => resolveListen());
    });
    port = (server.address() as AddressInfo).port;
    return {
        port,
        ...urls(),
        stop: () =>
            new Promise<void>((resolveClose) => {
                server.closeAllConnections();
                server.close(() => resolveClose());
            })
    };
}
