// The emulated Salesforce Voice container (the browser side of Salesforce's softphone): frames the
// connector page, sends SETUP_CONNECTOR with a MessageChannel port as Salesforce does, and renders a
// minimal softphone from the telephony events it receives. It sends only messages the library's
// channel handler accepts, with the call payloads it was given.

interface ContainerConfig {
    connectorUrl: string;
    connectorConfig: Record<string, string>;
}

interface VoicePhoneCall {
    callId: string;
    callType?: string;
    phoneNumber?: string;
    state?: string;
    callInfo?: { isOnHold?: boolean };
    callAttributes?: { voiceCallId?: string };
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
            setupAt?: number;
        };
    }
}

const config = JSON.parse(document.getElementById('voice-config')?.textContent ?? '{}') as ContainerConfig;
const frame = document.getElementById('connector') as HTMLIFrameElement;
const statusLine = document.getElementById('status') as HTMLElement;
const callsView = document.getElementById('calls') as HTMLElement;
const calls = new Map<string, VoicePhoneCall & { held: boolean }>();
const participants = new Map<string, { phoneNumber: string; connected: boolean }>();
let port: MessagePort | undefined;
window.voiceContainer = { received: [], sent: [], receivedAt: [] };
const now = () => performance.timeOrigin + performance.now();

function send(message: Record<string, unknown>): void {
    window.voiceContainer.sent.push(message);
    port?.postMessage(message);
}

function button(label: string, onClick: () => void): HTMLButtonElement {
    const element = document.createElement('button');
    element.type = 'button';
    element.textContent = label;
    element.addEventListener('click', onClick);
    return element;
}

/** Salesforce's transfer dialog: the number typed in the transfer field, blind or consult first. */
function addParticipant(call: VoicePhoneCall, isBlindTransfer: boolean): void {
    const input = document.getElementById('transfer-number') as HTMLInputElement;
    send({ type: 'ADD_PARTICIPANT', contact: { phoneNumber: input.value }, call, isBlindTransfer });
}

function render(): void {
    callsView.replaceChildren(
        ...[...participants.values()].map((participant) => {
            const line = document.createElement('p');
            line.className = 'participant';
            line.textContent = `Participant ${participant.phoneNumber} · ${participant.connected ? 'Connected' : 'Dialing'}`;
            return line;
        }),
        ...[...calls.values()].map((call) => {
            const card = document.createElement('section');
            card.className = 'call';
            card.dataset.callId = call.callId;
            const title = document.createElement('p');
            const state = call.held
                ? 'On hold'
                : call.state === 'connected'
                  ? 'Connected'
                  : call.callType === 'Outbound'
                    ? 'Dialing'
                    : 'Ringing';
            title.textContent = `${call.phoneNumber ?? 'Unknown'} · ${state}`;
            card.append(title);
            if (state === 'Ringing') {
                card.append(
                    button('Accept', () => send({ type: 'ACCEPT_CALL', call })),
                    button('Decline', () => send({ type: 'DECLINE_CALL', call }))
                );
            } else {
                card.append(
                    call.held
                        ? button('Resume', () => send({ type: 'RESUME', call }))
                        : button('Hold', () => send({ type: 'HOLD', call })),
                    button('End', () => send({ type: 'END_CALL', call, agentStatus: 'Online' })),
                    button('Blind transfer', () => addParticipant(call, true)),
                    button('Consult', () => addParticipant(call, false))
                );
            }
            return card;
        })
    );
}

function onEvent(type: string, payload: unknown): void {
    switch (type) {
        case 'CALL_STARTED':
        case 'CALL_CONNECTED': {
            const call = payload as VoicePhoneCall;
            calls.set(call.callId, {
                ...calls.get(call.callId),
                ...call,
                held: Boolean(call.callInfo?.isOnHold)
            });
            break;
        }
        case 'HOLD_TOGGLE': {
            const toggle = payload as { isCustomerOnHold: boolean; calls?: VoicePhoneCall[] };
            for (const call of Object.values(toggle.calls ?? {})) {
                const known = calls.get(call.callId);
                if (known) known.held = toggle.isCustomerOnHold;
            }
            break;
        }
        case 'HANGUP': {
            const ended = (Array.isArray(payload) ? payload : [payload]) as VoicePhoneCall[];
            for (const call of ended) if (call?.callId) calls.delete(call.callId);
            break;
        }
        case 'PARTICIPANT_ADDED':
        case 'PARTICIPANT_CONNECTED': {
            const participant = payload as { callId?: string; phoneNumber?: string };
            if (participant.callId) {
                participants.set(participant.callId, {
                    phoneNumber: participant.phoneNumber ?? 'Unknown',
                    connected: type === 'PARTICIPANT_CONNECTED'
                });
            }
            break;
        }
        case 'PARTICIPANT_REMOVED': {
            const removed = payload as { callId?: string; call?: { callId?: string } };
            const callId = removed.call?.callId ?? removed.callId;
            if (callId) participants.delete(callId);
            break;
        }
        case 'ERROR': {
            const error = payload as {
                message?: string;
                customError?: { labelName: string; message?: string };
            };
            statusLine.textContent = `Error: ${error.customError?.labelName ?? error.message ?? 'unknown'}`;
            break;
        }
    }
    render();
}

frame.addEventListener('load', () => {
    const channel = new MessageChannel();
    port = channel.port1;
    channel.port1.onmessage = (event: MessageEvent<PortMessage>) => {
        const message = event.data;
        window.voiceContainer.receivedAt.push(now());
        window.voiceContainer.received.push(message);
        if (message.type === 'CONNECTOR_READY') {
            const agentConfig = (message.payload?.agentConfig ?? {}) as {
                SELECTED_PHONE?: { type: string; number: string };
            };
            const phone = agentConfig.SELECTED_PHONE;
            statusLine.textContent = phone
                ? `Ready · ${phone.type === 'DESK_PHONE' ? 'desk phone' : phone.type} ${phone.number}`
                : 'Ready';
            send({ type: 'AGENT_AVAILABLE', isAvailable: true });
        } else if (message.type === 'TELEPHONY_EVENT_DISPATCHED' && message.payload?.telephonyEventType) {
            onEvent(message.payload.telephonyEventType, message.payload.telephonyEventPayload);
        }
    };
    const setup = { type: 'SETUP_CONNECTOR', connectorConfig: config.connectorConfig };
    window.voiceContainer.sent.push(setup);
    window.voiceContainer.setupAt = now();
    frame.contentWindow?.postMessage(setup, new URL(config.connectorUrl).origin, [channel.port2]);
});

document.getElementById('dial-form')?.addEventListener('submit', (event) => {
    event.preventDefault();
    const input = document.getElementById('dial-number') as HTMLInputElement;
    send({ type: 'DIAL', contact: { phoneNumber: input.value } });
});

document.getElementById('presence')?.addEventListener('change', (event) => {
    const value = (event.target as HTMLSelectElement).value;
    send({
        type: 'SET_AGENT_STATUS',
        agentStatus: value,
        statusInfo: {
            statusId: value === 'Online' ? '0N5000000000001' : '0N5000000000002',
            statusApiName: value,
            statusName: value
        }
    });
});

frame.src = config.connectorUrl;

export {};
