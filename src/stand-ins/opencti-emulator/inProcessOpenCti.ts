// sforce.opencti in-process: the faithful library stand-in (argument validation, wire format,
// callback and listener dispatch) connected straight to the emulator, for unit tests and
// benchmarks. The workbench connects the same pieces through a real parent page instead.
import { createOpenCtiLibrary } from '../opencti-library/openctiLibrary';
import type { OpenCtiEmulator } from './emulator';

const PARENT_ORIGIN = 'https://test.lightning.force.com';

export interface InProcessOpenCti {
    api: ReturnType<typeof createOpenCtiLibrary>;
    /** Sends a click-to-dial event, as Salesforce does when the agent clicks a phone number. */
    clickToDial(payload: {
        number: string;
        recordId?: string;
        recordName?: string;
        objectType?: string;
    }): boolean;
    /** Sends a navigation event, as when the agent opens a record. */
    navigate(payload: { recordId: string; recordName?: string; objectType?: string }): boolean;
    /** Resolves when every request sent so far has been answered. */
    settle(): Promise<void>;
}

export function createInProcessOpenCti(emulator: OpenCtiEmulator, apiVersion = 65): InProcessOpenCti {
    let receive: ((event: MessageEvent) => void) | undefined;
    const registered = new Set<string>();
    let pending = Promise.resolve();
    const deliver = (data: unknown) => receive?.({ data, origin: PARENT_ORIGIN } as MessageEvent);
    const fakeWindow = {
        location: {
            search: `?sfdcIframeOrigin=${encodeURIComponent(PARENT_ORIGIN)}&mode=Lightning`,
            protocol: 'https:'
        },
        addEventListener: (_type: string, handler: (event: MessageEvent) => void) => {
            receive = handler;
        },
        parent: {
            postMessage(message: {
                methodName: string;
                callId: number;
                apiVersion: number;
                isCallbackRegistered: boolean;
                isListenerRegistered: boolean;
                args: Record<string, unknown>;
            }) {
                if (message.isListenerRegistered) registered.add(message.methodName);
                const copy = structuredClone(message);
                pending = pending.then(async () => {
                    const response = await emulator.handle(copy.methodName, copy.args);
                    if (response && copy.isCallbackRegistered) {
                        deliver({
                            apiVersion: copy.apiVersion,
                            apiType: 'opencti',
                            methodName: copy.methodName,
                            callId: copy.callId,
                            shouldExecuteCallback: true,
                            response
                        });
                    }
                });
            }
        }
    };
    const api = createOpenCtiLibrary({ apiVersion, window: fakeWindow as unknown as Window });
    api.initialize();
    const fire = (methodName: string, response: unknown) => {
        if (!registered.has(methodName)) return false;
        deliver({ apiVersion, apiType: 'opencti', methodName, shouldExecuteListener: true, response });
        return true;
    };
    return {
        api,
        clickToDial: (payload) => fire('onClickToDial', payload),
        navigate: (payload) =>
            fire('onNavigationChange', { url: `/lightning/r/${payload.recordId}/view`, ...payload }),
        settle: async () => {
            let seen: Promise<void>;
            do {
                seen = pending;
                await seen;
                await new Promise((resolve) => setTimeout(resolve, 0));
            } while (seen !== pending);
        }
    };
}
