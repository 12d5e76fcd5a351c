// A stand-in for Salesforce's /support/api/<version>/lightning/opencti_min.js, faithful to its
// wire protocol: it initialises from sfdcIframeOrigin/mode, validates arguments the same way
// (synchronous throws, nothing posted), posts the same request objects to the parent, and
// dispatches replies and events by the same rules. Salesforce's real library can replace it.

type Callback = (response: unknown) => void;
type Args = Record<string, unknown>;

export interface OpenCtiLibraryOptions {
    apiVersion: number;
    window: Window;
    /**
     * The one deliberate difference from Salesforce's library: `npm start` serves the emulated
     * console from https://localhost, which the real origin check refuses. The workbench server
     * names that origin here; the end-to-end tests run with none, under a *.force.com origin.
     */
    localParentOrigin?: string;
}

const ALLOWED_ORIGIN =
    /^http[s]?:\/\/[\w-.]+(\.((my-)?visual)?force\.com|\.my-lightning\.com|\.(my-)?salesforce\.com|\.(salesforce|crmforce)\.(mil|ms))(:\d+)?$/;

const MUST_PASS_ONE_OBJECT = 'Must pass in only one object which holds arguments to this API method call.';

function validateArguments(received: unknown[]): Args {
    const [arg] = received;
    if (received.length !== 1 || typeof arg !== 'object' || Object.keys(arg as object).length === 0) {
        throw new Error(MUST_PASS_ONE_OBJECT);
    }
    return arg as Args;
}

function validateOptionalArguments(received: unknown[]): Args {
    return received.length === 0 ? {} : validateArguments(received);
}

function validateCallback(args: Args): void {
    if (typeof args.callback !== 'function') throw new Error('Missing the required argument `callback`!');
}

function validateListener(args: Args): void {
    if (typeof args.listener !== 'function') throw new Error('Missing the required argument `listener`!');
}

/** Parses the query string the crude way the real library does. */
function parseQuery(search: string): Record<string, string | null> {
    const params: Record<string, string | null> = {};
    for (const piece of search.replace(/^\?/, '').split('&')) {
        const [key, value] = piece.split('=');
        if (!key) continue;
        params[key] = value ? decodeURIComponent(value) : null;
    }
    return params;
}

/** The library's postMessage channel with the Lightning page: requests out, callbacks and listeners back. */
class ParentChannel {
    private callId = 0;
    private readonly callbacks = new Map<string, Callback>();
    private readonly listeners = new Map<string, Callback[]>();
    /** The parent's origin, known once `initialize` accepted it. */
    origin: string | null = null;

    private readonly apiVersion: number;
    private readonly win: Window;

    constructor(apiVersion: number, win: Window) {
        this.apiVersion = apiVersion;
        this.win = win;
    }

    post(methodName: string, args: Args, options: { callback?: unknown; listener?: unknown } = {}): void {
        const id = this.callId++;
        const isCallbackRegistered = typeof options.callback === 'function';
        const isListenerRegistered = typeof options.listener === 'function';
        if (isCallbackRegistered) this.callbacks.set(`${methodName}_${id}`, options.callback as Callback);
        if (isListenerRegistered) {
            const registered = this.listeners.get(methodName) ?? [];
            this.listeners.set(methodName, [...registered, options.listener as Callback]);
        }
        this.win.parent.postMessage(
            {
                methodName,
                callId: id,
                apiVersion: this.apiVersion,
                apiType: 'opencti',
                isCallbackRegistered,
                isListenerRegistered,
                args
            },
            this.origin as string
        );
    }

    readonly receive = (event: MessageEvent): void => {
        const data = event.data as {
            apiVersion?: unknown;
            apiType?: unknown;
            methodName: string;
            callId?: number | string;
            eventName?: string;
            shouldExecuteCallback?: unknown;
            shouldExecuteListener?: unknown;
            response?: unknown;
        };
        if (!data || data.apiVersion !== this.apiVersion || data.apiType !== 'opencti') return;
        if (event.origin !== this.origin) return;
        if (data.shouldExecuteCallback === true) {
            const key = `${data.methodName}_${data.callId}`;
            const callback = this.callbacks.get(key);
            if (callback) {
                callback.call(null, data.response);
                this.callbacks.delete(key);
            }
        }
        if (data.shouldExecuteListener === true) {
            const key = data.eventName ? data.methodName + data.eventName : data.methodName;
            for (const listener of this.listeners.get(key) ?? []) listener(data.response);
        }
    };
}

/** The four shapes of the library's methods, each validating its arguments as the real one does. */
function methodShapes(channel: ParentChannel) {
    return {
        withCallback:
            (methodName: string, fields: string[] = []) =>
            (...received: unknown[]) => {
                const args = validateArguments(received);
                validateCallback(args);
                channel.post(methodName, pick(args, fields), { callback: args.callback });
            },
        plain:
            (methodName: string, fields: string[]) =>
            (...received: unknown[]) => {
                const args = validateArguments(received);
                channel.post(methodName, pick(args, fields), { callback: args.callback });
            },
        optional:
            (methodName: string) =>
            (...received: unknown[]) => {
                const args = validateOptionalArguments(received);
                channel.post(methodName, {}, { callback: args.callback });
            },
        listener:
            (methodName: string) =>
            (...received: unknown[]) => {
                const args = validateArguments(received);
                validateListener(args);
                channel.post(methodName, {}, { listener: args.listener });
            }
    };
}

export function createOpenCtiLibrary({ apiVersion, window: win, localParentOrigin }: OpenCtiLibraryOptions) {
    const channel = new ParentChannel(apiVersion, win);
    const { withCallback, plain, optional, listener } = methodShapes(channel);
    const post = channel.post.bind(channel);

    const api = {
        SCREENPOP_TYPE: {
            URL: 'url',
            SOBJECT: 'sobject',
            OBJECTHOME: 'objecthome',
            LIST: 'list',
            SEARCH: 'search',
            NEW_RECORD_MODAL: 'newRecord',
            FLOW: 'flow'
        },
        CALL_TYPE: { INBOUND: 'inbound', OUTBOUND: 'outbound', INTERNAL: 'internal' },
        setSoftphonePanelVisibility: plain('setSoftphonePanelVisibility', ['visible']),
        isSoftphonePanelVisible: withCallback('isSoftphonePanelVisible'),
        screenPop: plain('screenPop', ['type', 'params']),
        searchAndScreenPop: plain('searchAndScreenPop', [
            'searchParams',
            'callType',
            'queryParams',
            'defaultFieldValues',
            'deferred',
            'params'
        ]),
        getAppViewInfo: withCallback('getAppViewInfo'),
        saveLog(...received: unknown[]) {
            const args = validateArguments(received);
            if (typeof args.value !== 'object')
                throw new Error('Missing the required argument `value object`!');
            post('saveLog', { object: args.value }, { callback: args.callback });
        },
        refreshView: optional('refreshView'),
        notifyInitializationComplete(...received: unknown[]) {
            const [arg] = received as [Args | undefined];
            post('notifyInitializationComplete', {}, { callback: arg?.callback });
        },
        setSoftphoneItemLabel: plain('setSoftphoneItemLabel', ['label']),
        setSoftphonePanelLabel: plain('setSoftphonePanelLabel', ['label']),
        setSoftphoneItemIcon: plain('setSoftphoneItemIcon', ['key']),
        setSoftphonePanelIcon: plain('setSoftphonePanelIcon', ['key']),
        setSoftphonePanelHeight: plain('setSoftphonePanelHeight', ['heightPX']),
        setSoftphonePanelWidth: plain('setSoftphonePanelWidth', ['widthPX']),
        getCallCenterSettings: withCallback('getCallCenterSettings'),
        onClickToDial: listener('onClickToDial'),
        enableClickToDial: optional('enableClickToDial'),
        disableClickToDial: optional('disableClickToDial'),
        getSoftphoneLayout: withCallback('getSoftphoneLayout'),
        onNavigationChange: listener('onNavigationChange'),
        runApex: plain('runApex', ['apexClass', 'methodName', 'methodParams']),
        initialize() {
            const params = parseQuery(win.location.search);
            const candidate = params.sfdcIframeOrigin;
            if (
                !candidate ||
                !params.mode ||
                !(ALLOWED_ORIGIN.test(candidate) || candidate === localParentOrigin) ||
                candidate.indexOf(win.location.protocol) !== 0
            ) {
                // The real library throws a plain string here.
                throw 'Failed to initialize Open CTI. Ensure that it is loaded from the right frame with correct URL parameters';
            }
            channel.origin = candidate;
            win.addEventListener('message', channel.receive, false);
        }
    };
    return api;
}

function pick(args: Args, fields: string[]): Args {
    return Object.fromEntries(fields.map((field) => [field, args[field]]));
}
