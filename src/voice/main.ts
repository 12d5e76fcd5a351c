// The browser entry of the Salesforce Voice connector, bundled into the VoiceConnector static
// resource: window.MiVoiceVoiceConnector.boot(...) from the connector page. The Suite connection is
// the one the Open CTI host shares too (same lock and channel names), so a browser holds one session.
import { initializeConnector } from '@salesforce/scv-connector-base';
import { agentChannelNames, agentNamespace } from '../core/telephony/storage/agentStorage';
import { electLeader, type LockManagerLike } from '../core/telephony/tabs/leadership';
import { createSharedSuiteClient, type TabClientParts } from '../core/telephony/tabs/sharedSuiteClient';
import { tabChannel, type TabChannel } from '../core/telephony/tabs/tabChannel';
import { CallBook } from '../core/suite/callBook';
import { createSuiteClient } from '../core/suite/client';
import { browserLocalNetwork, localNetworkAccess } from '../core/suite/localNetworkAccess';
import type { SuiteClient, WebSocketLike } from '../core/suite/types';
import { DeskPhoneConnector } from './connector';
import { createVoiceCallRecords, type CreateVoiceCall } from './voiceCalls';

export interface BootOptions {
    /** The agent's Salesforce email: the Suite finds the agent's user by it. */
    email: string;
    /** The page's remote action; absent: no VoiceCall is asked for. */
    createVoiceCall?: CreateVoiceCall;
    labelNamespace?: string;
}

function openChannel(name: string): TabChannel | undefined {
    try {
        return typeof BroadcastChannel === 'function' ? tabChannel(new BroadcastChannel(name)) : undefined;
    } catch {
        // A browser that refuses the channel: this tab acts alone, as the Open CTI host does.
        return undefined;
    }
}

export function boot(options: BootOptions): DeskPhoneConnector {
    // The Open CTI host's names: both hosts of one agent share one Suite connection.
    const names = agentChannelNames(agentNamespace(options.email));
    const locks = (navigator as Navigator & { locks?: LockManagerLike }).locks;
    const localNetwork = localNetworkAccess(browserLocalNetwork());
    const voiceLeadership = electLeader(locks, names.voiceCallLock);
    const connector = new DeskPhoneConnector({
        labelNamespace: options.labelNamespace,
        createSuite(settings) {
            // One copy of the calls in this tab, whichever client fills it.
            const book = new CallBook();
            const own = (parts: Partial<TabClientParts> = {}): SuiteClient =>
                createSuiteClient({
                    book,
                    ...parts,
                    host: settings.suiteHost,
                    port: settings.suitePort,
                    apiKey: settings.apiKey,
                    email: options.email,
                    fetch: window.fetch.bind(window),
                    webSocket: (url) => new WebSocket(url) as unknown as WebSocketLike,
                    async localNetworkRefusal(host) {
                        const verdict = await localNetwork.verdict(host);
                        return verdict.kind === 'refused'
                            ? {
                                  origin: verdict.origin,
                                  permission: `${verdict.permission}: ${verdict.state}`
                              }
                            : undefined;
                    }
                });
            const channel = openChannel(names.suiteChannel);
            if (!channel) return own();
            return createSharedSuiteClient({
                leadership: electLeader(locks, names.connectionLock),
                locks,
                leadershipLock: names.connectionLock,
                channel,
                book,
                createClient: own
            });
        },
        voiceCalls: (suite) =>
            createVoiceCallRecords({
                isLeader: () => voiceLeadership.isLeader,
                create: options.createVoiceCall,
                channel: openChannel(names.voiceCallChannel),
                calledNumber: (call) => call.huntGroup || suite.user?.primaryExtension || ''
            })
    });
    initializeConnector(connector);
    window.addEventListener('pagehide', (event) => {
        if (!event.persisted) void connector.logout();
    });
    return connector;
}

declare global {
    interface Window {
        MiVoiceVoiceConnector: { boot(options: BootOptions): void };
    }
}

window.MiVoiceVoiceConnector = {
    boot(options) {
        boot(options);
    }
};
