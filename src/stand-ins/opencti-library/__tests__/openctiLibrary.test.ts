import { createOpenCtiLibrary } from '../openctiLibrary';

const PARENT = 'https://acme.lightning.force.com';

function fakeWindow(search: string, protocol = 'https:') {
    const posted: { message: Record<string, unknown>; targetOrigin: string }[] = [];
    let receive: ((event: MessageEvent) => void) | undefined;
    const win = {
        location: { search, protocol },
        parent: {
            postMessage: (message: Record<string, unknown>, targetOrigin: string) =>
                posted.push({ message, targetOrigin })
        },
        addEventListener: (_type: string, handler: (event: MessageEvent) => void) => {
            receive = handler;
        }
    };
    const deliver = (data: unknown, origin = PARENT) => receive?.({ data, origin } as MessageEvent);
    return { win: win as unknown as Window, posted, deliver };
}

function library(search = `?sfdcIframeOrigin=${encodeURIComponent(PARENT)}&mode=Lightning`) {
    const fake = fakeWindow(search);
    const api = createOpenCtiLibrary({ apiVersion: 65, window: fake.win });
    api.initialize();
    return { api, ...fake };
}

describe('Open CTI library stand-in', () => {
    it.each([
        ['no sfdcIframeOrigin', '?mode=Lightning'],
        ['no mode', `?sfdcIframeOrigin=${encodeURIComponent(PARENT)}`],
        [
            'a parent that is not Salesforce',
            `?sfdcIframeOrigin=${encodeURIComponent('https://evil.example.com')}&mode=x`
        ],
        ['a parent with a path', `?sfdcIframeOrigin=${encodeURIComponent(PARENT + '/x')}&mode=x`],
        [
            'a scheme other than the page',
            `?sfdcIframeOrigin=${encodeURIComponent('http://acme.lightning.force.com')}&mode=x`
        ]
    ])('refuses to initialise with %s, throwing a plain string', (_case, search) => {
        const { win } = fakeWindow(search);
        const api = createOpenCtiLibrary({ apiVersion: 65, window: win });
        let thrown: unknown;
        try {
            api.initialize();
        } catch (error) {
            thrown = error;
        }
        // Salesforce's library throws a string, not an Error: code that reads `.message` gets nothing.
        expect(typeof thrown).toBe('string');
        expect(thrown).toMatch(/^Failed to initialize Open CTI/);
    });

    it('accepts the named local parent origin only when the workbench gives one', () => {
        const search = `?sfdcIframeOrigin=${encodeURIComponent('https://localhost:8443')}&mode=x`;
        const refused = createOpenCtiLibrary({ apiVersion: 65, window: fakeWindow(search).win });
        expect(() => refused.initialize()).toThrow();
        const { win, posted } = fakeWindow(search);
        const allowed = createOpenCtiLibrary({
            apiVersion: 65,
            window: win,
            localParentOrigin: 'https://localhost:8443'
        });
        allowed.initialize();
        allowed.enableClickToDial();
        expect(posted.map((post) => post.targetOrigin)).toEqual(['https://localhost:8443']);
    });

    it('posts requests in the wire format, numbering every call', () => {
        const { api, posted } = library();
        api.enableClickToDial();
        api.runApex({
            apexClass: 'SoftphoneIdentity',
            methodName: 'getUserEmail',
            methodParams: '',
            extra: 1
        });
        api.saveLog({ value: { Subject: 'Call' }, callback: () => undefined });
        expect(posted.map((post) => post.targetOrigin)).toEqual([PARENT, PARENT, PARENT]);
        expect(posted.map((post) => post.message)).toEqual([
            {
                methodName: 'enableClickToDial',
                callId: 0,
                apiVersion: 65,
                apiType: 'opencti',
                isCallbackRegistered: false,
                isListenerRegistered: false,
                args: {}
            },
            {
                methodName: 'runApex',
                callId: 1,
                apiVersion: 65,
                apiType: 'opencti',
                isCallbackRegistered: false,
                isListenerRegistered: false,
                args: { apexClass: 'SoftphoneIdentity', methodName: 'getUserEmail', methodParams: '' }
            },
            {
                methodName: 'saveLog',
                callId: 2,
                apiVersion: 65,
                apiType: 'opencti',
                isCallbackRegistered: true,
                isListenerRegistered: false,
                args: { object: { Subject: 'Call' } }
            }
        ]);
    });

    it('validates arguments like the real library and posts nothing when they are wrong', () => {
        const { api, posted } = library();
        expect(() => api.enableClickToDial({})).toThrow('Must pass in only one object');
        expect(() => api.runApex()).toThrow('Must pass in only one object');
        expect(() => api.getCallCenterSettings({ callback: 'no' })).toThrow(
            'Missing the required argument `callback`!'
        );
        expect(() => api.onClickToDial({ listener: undefined, other: 1 })).toThrow(
            'Missing the required argument `listener`!'
        );
        expect(() => api.saveLog({ value: 'Subject' })).toThrow(
            'Missing the required argument `value object`!'
        );
        expect(posted).toEqual([]);
    });

    it('runs a callback once, only for a reply from the parent origin with the right version', () => {
        const { api, deliver } = library();
        const replies: unknown[] = [];
        api.getCallCenterSettings({ callback: (response: unknown) => replies.push(response) });
        const reply = {
            apiVersion: 65,
            apiType: 'opencti',
            methodName: 'getCallCenterSettings',
            callId: 0,
            shouldExecuteCallback: true,
            response: { success: true }
        };
        // Each refused reply carries its own response, so accepting it would show in what the callback got.
        deliver({ ...reply, response: { from: 'another origin' } }, 'https://evil.example.com');
        deliver({ ...reply, apiVersion: '65', response: { from: 'a version given as text' } });
        deliver(reply);
        deliver({ ...reply, response: { from: 'a second reply' } });
        expect(replies).toEqual([{ success: true }]);
    });

    it('delivers events to every registered listener', () => {
        const { api, deliver } = library();
        const numbers: unknown[] = [];
        api.onClickToDial({ listener: (payload: { number: string }) => numbers.push(payload.number) });
        api.onClickToDial({
            listener: (payload: { number: string }) => numbers.push(`again ${payload.number}`)
        });
        deliver({
            apiVersion: 65,
            apiType: 'opencti',
            methodName: 'onClickToDial',
            shouldExecuteListener: true,
            response: { number: '555' }
        });
        deliver({
            apiVersion: 65,
            apiType: 'opencti',
            methodName: 'onClickToDial',
            eventName: 'x',
            shouldExecuteListener: true,
            response: { number: '666' }
        });
        expect(numbers).toEqual(['555', 'again 555']);
    });
});
