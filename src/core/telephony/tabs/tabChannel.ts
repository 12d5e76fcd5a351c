// The channel between one agent's tabs (a BroadcastChannel), as the tab-shared connection and the
// Voice connector's VoiceCall records use it.

/** The part of BroadcastChannel used here. */
export interface TabChannel {
    postMessage(message: unknown): void;
    onmessage: ((event: { data: unknown }) => void) | null;
    close(): void;
}

/** The channel shape of BroadcastChannel in browsers and in Node. */
interface BroadcastChannelLike {
    postMessage(message: unknown): void;
    onmessage: unknown;
    close(): void;
}

/** Wraps a BroadcastChannel (browser or Node) as a TabChannel. */
export function tabChannel(channel: BroadcastChannelLike): TabChannel {
    const wrapper: TabChannel = {
        postMessage: (message) => channel.postMessage(message),
        onmessage: null,
        close: () => channel.close()
    };
    channel.onmessage = (event: { data: unknown }) => wrapper.onmessage?.({ data: event.data });
    return wrapper;
}
