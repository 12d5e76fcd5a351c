// Salesforce's side of a connector under test, as scv-connector-base itself sees it: a `window`
// that receives the SETUP_CONNECTOR message (origin and ports as a browser delivers them) and a
// MessageChannel whose other port is the Voice container. Nothing here imitates the library.
import { MessageChannel, type MessagePort } from 'node:worker_threads';

interface WindowMessage {
    data: unknown;
    origin: string;
    ports: MessagePort[];
}

type Listener = (message: WindowMessage) => void;

/** The `window` the library listens on: addEventListener/removeEventListener for 'message'. */
export class FakeWindow {
    private readonly listeners = new Set<Listener>();

    addEventListener(type: string, listener: Listener): void {
        if (type === 'message') this.listeners.add(listener);
    }

    removeEventListener(type: string, listener: Listener): void {
        if (type === 'message') this.listeners.delete(listener);
    }

    get listening(): number {
        return this.listeners.size;
    }

    post(message: WindowMessage): void {
        for (const listener of [...this.listeners]) listener(message);
    }
}

export interface DispatchedEvent {
    telephonyEventType: string;
    telephonyEventPayload: Record<string, unknown> & { callAttributes?: Record<string, unknown> };
}

export class SalesforceSide {
    readonly window = new FakeWindow();
    /** Every message the connector posted on the port, in order. */
    readonly received: { type: string; payload?: Record<string, unknown> }[] = [];
    private port: MessagePort | undefined;
    private readonly ports: MessagePort[] = [];

    install(): void {
        (globalThis as unknown as { window: FakeWindow }).window = this.window;
    }

    /** Sends the setup message with a fresh MessageChannel, as the Voice container does. */
    setUp(connectorConfig: Record<string, string>, origin = 'https://acme.lightning.force.com'): void {
        const channel = new MessageChannel();
        this.port = channel.port2;
        this.ports.push(channel.port1, channel.port2);
        channel.port2.on('message', (data: { type: string; payload?: Record<string, unknown> }) =>
            this.received.push(data)
        );
        this.window.post({
            data: { type: 'SETUP_CONNECTOR', connectorConfig },
            origin,
            ports: [channel.port1]
        });
    }

    /** A request from Salesforce's softphone: `{type, ...fields}` on the port, no request id. */
    send(type: string, fields: Record<string, unknown> = {}): void {
        if (!this.port) throw new Error('not set up');
        this.port.postMessage({ type, ...fields });
    }

    events(type?: string): DispatchedEvent[] {
        return this.received
            .filter((message) => message.type === 'TELEPHONY_EVENT_DISPATCHED')
            .map((message) => message.payload as unknown as DispatchedEvent)
            .filter((event) => type === undefined || event.telephonyEventType === type);
    }

    async until<T>(check: () => T | undefined | false, what: string, timeoutMs = 5000): Promise<T> {
        const started = Date.now();
        for (;;) {
            const value = check();
            if (value) return value;
            if (Date.now() - started > timeoutMs) {
                throw new Error(
                    `timed out waiting for ${what}; got ${this.received.map((m) => (m.type === 'TELEPHONY_EVENT_DISPATCHED' ? (m.payload as unknown as DispatchedEvent).telephonyEventType : m.type)).join(', ')}`
                );
            }
            await new Promise((resolve) => setTimeout(resolve, 5));
        }
    }

    untilEvent(type: string, count = 1): Promise<DispatchedEvent> {
        return this.until(() => this.events(type)[count - 1], `${count} × ${type}`);
    }

    close(): void {
        for (const port of this.ports) port.close();
    }
}
