// The emulated Salesforce Voice container (the browser side of Salesforce's Omni-Channel softphone):
// frames the connector page, sends SETUP_CONNECTOR with the contact center's configuration and a
// MessageChannel port as Salesforce does, then plays the agent's day through the messages the library
// lists as sent by Salesforce (ACCEPT_CALL … WRAP_UP_CALL, SET_AGENT_STATUS, SET_AGENT_CONFIG, LOG,
// GET_PHONE_CONTACTS, SEND_DIGITS, LOGOUT), drawing its buttons from each call's callInfo.
import { ContainerModel, type Outgoing, type PresenceStatus } from './containerModel';
import { button, element, render } from './containerView';

interface ContainerConfig {
    connectorUrl: string;
    connectorConfig: Record<string, unknown> & {
        userPresenceStatuses?: PresenceStatus[];
        isACWAllowed?: boolean;
    };
}

interface PortMessage {
    type: string;
    payload?: { telephonyEventType?: string; telephonyEventPayload?: unknown } & Record<string, unknown>;
}

declare global {
    interface Window {
        voiceContainer: {
            received: PortMessage[];
            sent: Record<string, unknown>[];
            /** When each received message arrived and when SETUP_CONNECTOR left (epoch ms, sub-ms). */
            receivedAt: number[];
            /** When each sent message left (epoch ms, sub-ms), in the order of `sent`. */
            sentAt: number[];
            setupAt?: number;
            findings: string[];
        };
    }
}

const config = JSON.parse(document.getElementById('voice-config')?.textContent ?? '{}') as ContainerConfig;
const presence = config.connectorConfig.userPresenceStatuses ?? [];
const model = new ContainerModel(config.connectorConfig.isACWAllowed === true, presence);
const frame = document.getElementById('connector') as HTMLIFrameElement;
const presenceSelect = document.getElementById('presence') as HTMLSelectElement;
const openTransfers = new Set<string>();
let port: MessagePort | undefined;
window.voiceContainer = { received: [], sent: [], receivedAt: [], sentAt: [], findings: model.findings };
const now = () => performance.timeOrigin + performance.now();

const actions = {
    send(message: Outgoing): void {
        window.voiceContainer.sent.push(message);
        window.voiceContainer.sentAt.push(now());
        port?.postMessage(message);
    },
    agentStatus: () =>
        presenceSelect.selectedOptions[0]?.dataset.apiName === 'Offline' ? 'Offline' : 'Online'
};

function eventName(message: PortMessage): string {
    return message.payload?.telephonyEventType ?? message.type;
}

function onMessage(message: PortMessage): void {
    window.voiceContainer.receivedAt.push(now());
    window.voiceContainer.received.push(message);
    showReceived(message);
    // The library's own log lines change nothing the agent sees.
    if (message.type === 'LOG') return;
    for (const reply of model.receive(message)) actions.send(reply);
    if (eventName(message) === 'CALL_STARTED') void refreshVoiceCalls();
    render(model, actions, openTransfers);
}

/** The events Salesforce received, newest first; the library's log lines (LOG) only counted. */
function showReceived(message: PortMessage): void {
    if (message.type === 'LOG') {
        const count = window.voiceContainer.received.filter((received) => received.type === 'LOG').length;
        (document.getElementById('log-count') as HTMLElement).textContent = `${count} log lines (LOG)`;
        return;
    }
    const list = document.getElementById('received');
    list?.prepend(element('li', 'slds-item', eventName(message)));
    while (list && list.childElementCount > 30) list.lastElementChild?.remove();
}

async function refreshVoiceCalls(): Promise<void> {
    const state = (await (await fetch('/voice/api/state')).json()) as {
        voiceCalls: { vendorCallKey: string; voiceCallId: string; from: string }[];
    };
    const lines = state.voiceCalls.map(
        (record) => `${record.voiceCallId} · ${record.from} · ${record.vendorCallKey}`
    );
    document
        .getElementById('voice-calls')
        ?.replaceChildren(
            ...(lines.length ? lines : ['None yet']).map((line) => element('li', 'slds-item', line))
        );
}

frame.addEventListener('load', () => {
    const channel = new MessageChannel();
    port = channel.port1;
    channel.port1.onmessage = (event: MessageEvent<PortMessage>) => onMessage(event.data);
    const setup = { type: 'SETUP_CONNECTOR', connectorConfig: config.connectorConfig };
    window.voiceContainer.sent.push(setup);
    window.voiceContainer.setupAt = now();
    window.voiceContainer.sentAt.push(window.voiceContainer.setupAt);
    frame.contentWindow?.postMessage(setup, new URL(config.connectorUrl).origin, [channel.port2]);
});

function wireAgentControls(): void {
    presenceSelect.replaceChildren(
        ...presence.map((status) => {
            const option = element('option', '', status.statusName);
            option.value = status.statusId;
            option.dataset.apiName = status.statusApiName;
            return option;
        })
    );
    presenceSelect.addEventListener('change', () => {
        for (const message of model.presenceMessages(presenceSelect.value)) actions.send(message);
    });
    document.getElementById('dial-form')?.addEventListener('submit', (event) => {
        event.preventDefault();
        const input = document.getElementById('dial-number') as HTMLInputElement;
        actions.send({ type: 'DIAL', contact: { phoneNumber: input.value } });
    });
    document.getElementById('phone-form')?.addEventListener('submit', (event) => {
        event.preventDefault();
        const number = (document.getElementById('phone-number') as HTMLInputElement).value.trim();
        actions.send({ type: 'SET_AGENT_CONFIG', config: { selectedPhone: { type: 'DESK_PHONE', number } } });
    });
    document
        .getElementById('logout')
        ?.append(button('Log out of Omni-Channel', () => actions.send({ type: 'LOGOUT' })));
    for (const link of document.querySelectorAll<HTMLButtonElement>('[data-dial]')) {
        link.addEventListener('click', () =>
            actions.send({ type: 'DIAL', contact: JSON.parse(link.dataset.dial ?? '{}') })
        );
    }
}

/** The phone system's side: ring the agent, or act as the far end of the newest call. */
function wireCaller(): void {
    const post = (path: string, body: unknown) =>
        fetch(path, {
            method: 'POST',
            headers: { 'Content-Type': 'application/json' },
            body: JSON.stringify(body)
        }).then(async (response) => {
            const caller = document.getElementById('caller-result') as HTMLElement;
            caller.textContent = response.ok ? '' : `Refused: ${await response.text()}`;
        });
    for (const ring of document.querySelectorAll<HTMLButtonElement>('[data-ring]'))
        ring.addEventListener(
            'click',
            () => void post('/voice/api/ring', JSON.parse(ring.dataset.ring ?? '{}'))
        );
    for (const farEnd of document.querySelectorAll<HTMLButtonElement>('[data-far-end]'))
        farEnd.addEventListener(
            'click',
            () => void post('/voice/api/far-end', { action: farEnd.dataset.farEnd })
        );
}

wireAgentControls();
wireCaller();
void refreshVoiceCalls();
frame.src = config.connectorUrl;

export {};
