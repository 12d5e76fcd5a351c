// MiVoiceVoiceConnector.page rendered as Visualforce renders it, from the file the package ships: the
// <apex:page> attributes, <apex:includeScript> of a static resource, the merge fields the page uses
// ({!JSENCODE($User.Email)}, {!$RemoteAction.Controller.method}), and the Visualforce remoting set-up
// Visualforce adds to a page whose controller has remote actions (their names and parameter counts
// read from the controller's Apex). Anything else of Visualforce in the page is refused, so the page
// cannot use what this emulation does not render.
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

const DEFAULT = resolve(__dirname, '../../../force-app/main/default');

/** One @RemoteAction of the page's controller, as the remoting provider describes it. */
export interface RemoteMethod {
    name: string;
    len: number;
    ns: string;
    ver: number;
    csrf: string;
    authorization: string;
}

export interface RemotingProvider {
    vf: { vid: string; xhr: boolean; dev: boolean; tst: boolean; dbg: boolean; tm: number; ovrprm: boolean };
    actions: Record<string, { ms: RemoteMethod[]; prm: number }>;
    service: string;
}

export interface PageContext {
    user: { email: string };
    /** Tokens Visualforce puts in the page for each remote call (checked by the remoting endpoint). */
    tokens: { csrf: string; authorization: string; vid: string };
    /** Where the emulated Visualforce remoting library is served. */
    remotingScript: string;
    apiVersion: number;
    namespace?: string;
    forceAppDefault?: string;
}

/** The @RemoteAction methods of an Apex class, with the Apex types of their parameters. */
export function remoteActions(apex: string): { name: string; len: number; params: string[] }[] {
    const found: { name: string; len: number; params: string[] }[] = [];
    const pattern = /@RemoteAction\s+(?:(?:public|global|static)\s+)+[\w.<>, ]+?\s+(\w+)\s*\(([^)]*)\)/g;
    for (const match of apex.matchAll(pattern)) {
        const params = match[2].trim()
            ? match[2].split(',').map((param) => param.trim().split(/\s+/)[0])
            : [];
        found.push({ name: match[1], len: params.length, params });
    }
    return found;
}

/** Visualforce's JSENCODE: a value safe inside a JavaScript string literal. */
export function jsEncode(value: string): string {
    return value.replace(/[\\'"\n\r<>&\u2028\u2029]/g, (char) =>
        char === '\\' || char === "'" || char === '"'
            ? `\\${char}`
            : `\\u${char.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`
    );
}

function attributes(tag: string): Record<string, string> {
    return Object.fromEntries([...tag.matchAll(/(\w+)="([^"]*)"/g)].map((match) => [match[1], match[2]]));
}

export interface RenderedPage {
    html: string;
    provider: RemotingProvider;
    /** The Apex parameter types of each remote action, by `Controller.method`. */
    signatures: Record<string, string[]>;
    /** Static resources the page includes, by name. */
    resources: string[];
}

export function renderVisualforcePage(pageName: string, context: PageContext): RenderedPage {
    const root = context.forceAppDefault ?? DEFAULT;
    const source = readFileSync(join(root, 'pages', `${pageName}.page`), 'utf8');
    const open = /<apex:page\b([^>]*)>/.exec(source);
    if (!open) throw new Error(`${pageName}.page has no <apex:page>`);
    const page = attributes(open[1]);
    const controller = page.controller;
    const apex = controller ? readFileSync(join(root, 'classes', `${controller}.cls`), 'utf8') : '';
    const prefix = context.namespace ? `${context.namespace}.` : '';
    const provider: RemotingProvider = {
        vf: {
            vid: context.tokens.vid,
            xhr: false,
            dev: false,
            tst: false,
            dbg: false,
            tm: Date.now(),
            ovrprm: false
        },
        actions: controller
            ? {
                  [`${prefix}${controller}`]: {
                      ms: remoteActions(apex).map(({ name, len }) => ({
                          name,
                          len,
                          ns: context.namespace ?? '',
                          ver: context.apiVersion,
                          csrf: context.tokens.csrf,
                          authorization: context.tokens.authorization
                      })),
                      prm: 1
                  }
              }
            : {},
        service: 'apexremote'
    };
    const resources: string[] = [];
    let body = source
        .slice(open.index + open[0].length)
        .replace(/<\/apex:page>\s*$/, '')
        .replace(/<apex:includeScript\s+value="\{!\$Resource\.(\w+)\}"\s*\/>/g, (_tag, name: string) => {
            if (!existsSync(join(root, 'staticresources', `${name}.resource-meta.xml`)))
                throw new Error(
                    `${pageName}.page includes $Resource.${name}, which the package does not have`
                );
            resources.push(name);
            return `<script src="/resource/${provider.vf.tm}/${name}"></script>`;
        })
        .replace(/\{!JSENCODE\(\$User\.Email\)\}/g, () => jsEncode(context.user.email))
        .replace(/\{!\$RemoteAction\.(\w+)\.(\w+)\}/g, (_field, className: string, method: string) => {
            const action = provider.actions[`${prefix}${className}`]?.ms.find((m) => m.name === method);
            if (className !== controller || !action)
                throw new Error(
                    `${pageName}.page names $RemoteAction.${className}.${method}, which is no remote action of ${controller}`
                );
            return `${prefix}${className}.${method}`;
        });
    const unknown = /<apex:\w+|\{![^}]*\}/.exec(body);
    if (unknown) throw new Error(`${pageName}.page uses ${unknown[0]}, which this emulation does not render`);
    const remoting = controller
        ? `<script src="${context.remotingScript}"></script>\n<script>Visualforce.remoting.Manager.add(new $VFRM.RemotingProviderImpl(${JSON.stringify(provider).replace(/</g, '\\u003c')}));</script>\n`
        : '';
    const title = page.title ? `<title>${page.title}</title>\n` : '';
    if (!body.includes('<head>')) throw new Error(`${pageName}.page has no <head> for Visualforce's scripts`);
    body = body.replace('<head>', `<head>\n${title}${remoting}`);
    const doctype = page.docType === 'html-5.0' ? '<!DOCTYPE HTML>\n' : '';
    const signatures = Object.fromEntries(
        remoteActions(apex).map((action) => [`${prefix}${controller}.${action.name}`, action.params])
    );
    return { html: `${doctype}<html>\n${body.trim()}\n</html>\n`, provider, resources, signatures };
}
