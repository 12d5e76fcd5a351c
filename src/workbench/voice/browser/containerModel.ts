// What the emulated Salesforce Voice container knows and may do, apart from the page: the calls as the
// last event that carried each one left them (its callInfo sets the buttons, as Salesforce's softphone
// reads them), wrap-up after a call the agent handled, the agent's phone and presence, and findings:
// payloads the library could not have produced, and what Salesforce needs and did not get.
import { callTypeOf, eventProblems, hangupCalls, phoneTypes, type ShapeCall } from './libraryShapes';

export type Outgoing = { type: string } & Record<string, unknown>;

export interface PresenceStatus {
    statusId: string;
    statusApiName: string;
    statusName: string;
}

export interface CallCard {
    call: ShapeCall;
    phase: 'ringing' | 'dialing' | 'connected' | 'held';
    answered: boolean;
}

export interface ParticipantCard {
    callId: string;
    phoneNumber: string;
    connected: boolean;
}

export interface Button {
    label: string;
    enabled: boolean;
    message: Outgoing;
}

const flag = (call: ShapeCall, name: string) => call.callInfo?.[name] !== false;
const shown = (call: ShapeCall, name: string) => call.callInfo?.[name] === true;

export class ContainerModel {
    readonly calls = new Map<string, CallCard>();
    readonly participants = new Map<string, ParticipantCard>();
    /** Calls in after-call work, by call id: the call as HANGUP left it. */
    readonly wrapUps = new Map<string, ShapeCall>();
    readonly findings: string[] = [];
    readonly notices: string[] = [];
    ready = false;
    phones: string[] = [];
    selectedPhone: { type: string; number?: string } | undefined;
    capabilities: Record<string, boolean> = {};
    contacts: unknown[] | undefined;
    lastEnded: { phoneNumber: string; reason: string } | undefined;

    readonly acwAllowed: boolean;
    readonly presence: PresenceStatus[];

    constructor(acwAllowed: boolean, presence: PresenceStatus[]) {
        this.acwAllowed = acwAllowed;
        this.presence = presence;
    }

    /** One message from the connector; returns what Salesforce sends back on its own. */
    receive(message: { type: string; payload?: Record<string, unknown> }): Outgoing[] {
        if (message.type === 'CONNECTOR_READY') return this.onReady(message.payload ?? {});
        if (message.type !== 'TELEPHONY_EVENT_DISPATCHED') return [];
        const type = String(message.payload?.telephonyEventType);
        const payload = message.payload?.telephonyEventPayload;
        const problems = eventProblems(type, payload);
        this.findings.push(...problems);
        if (problems.length === 0) this.onEvent(type, payload);
        return problems.map((problem) => log('ERROR', problem));
    }

    private onReady(payload: Record<string, unknown>): Outgoing[] {
        const agentConfig = (payload.agentConfig ?? {}) as { PHONES?: unknown; SELECTED_PHONE?: unknown };
        const phones = phoneTypes(agentConfig.PHONES);
        if (!phones) this.findings.push('CONNECTOR_READY: PHONES lists no phone type');
        this.phones = phones ?? [];
        this.selectedPhone = agentConfig.SELECTED_PHONE as { type: string; number?: string } | undefined;
        this.capabilities = (payload.capabilities ?? {}) as Record<string, boolean>;
        this.ready = true;
        return [{ type: 'AGENT_AVAILABLE', isAvailable: true }];
    }

    private onEvent(type: string, payload: unknown): void {
        const data = (payload ?? {}) as Record<string, unknown>;
        switch (type) {
            case 'CALL_STARTED':
            case 'CALL_CONNECTED':
                return this.onCall(type, payload as ShapeCall);
            case 'HOLD_TOGGLE':
                for (const call of Object.values((data.calls ?? {}) as Record<string, ShapeCall>))
                    this.update(call, data.isCustomerOnHold === true ? 'held' : 'connected');
                return;
            case 'HANGUP':
                for (const call of hangupCalls(payload) as ShapeCall[]) this.onHangup(call);
                return;
            case 'PARTICIPANT_ADDED':
            case 'PARTICIPANT_CONNECTED':
                if (typeof data.callId === 'string')
                    this.participants.set(data.callId, {
                        callId: data.callId,
                        phoneNumber: String(data.phoneNumber ?? ''),
                        connected: type === 'PARTICIPANT_CONNECTED'
                    });
                return;
            case 'PARTICIPANT_REMOVED':
                if (typeof data.callId === 'string') this.participants.delete(data.callId);
                else this.participants.clear();
                return;
            case 'AGENT_CONFIG_UPDATED':
                return;
            case 'PHONE_CONTACTS':
                this.contacts = data.contacts as unknown[];
                return;
            case 'ERROR': {
                const custom = data.customError as { labelName?: string } | undefined;
                this.notices.push(`Error: ${custom?.labelName ?? String(data.message)}`);
                return;
            }
        }
    }

    private onCall(type: string, call: ShapeCall): void {
        const inbound = callTypeOf(call) !== 'outbound';
        if (type === 'CALL_STARTED' && inbound && !call.isReplayedCall && !call.callAttributes?.voiceCallId)
            this.findings.push(
                `CALL_STARTED of inbound call ${call.callId} has no VoiceCall Id: Salesforce has no record to show or route`
            );
        const connected = type === 'CALL_CONNECTED' || call.state === 'connected';
        const phase = connected
            ? call.callInfo?.isOnHold === true
                ? 'held'
                : 'connected'
            : inbound
              ? 'ringing'
              : 'dialing';
        this.update(call, phase);
    }

    private update(call: ShapeCall, phase: CallCard['phase']): void {
        const known = this.calls.get(call.callId);
        this.calls.set(call.callId, {
            call: { ...known?.call, ...call },
            phase,
            answered: (known?.answered ?? false) || phase === 'connected' || phase === 'held'
        });
    }

    private onHangup(call: ShapeCall): void {
        const known = this.calls.get(call.callId);
        this.calls.delete(call.callId);
        this.participants.delete(call.callId);
        this.lastEnded = {
            phoneNumber: call.phoneNumber ?? known?.call.phoneNumber ?? 'Unknown',
            reason: String(call.reason ?? '')
        };
        if (known?.answered && this.acwAllowed) this.wrapUps.set(call.callId, { ...known.call, ...call });
    }

    // ---- What the agent can do -------------------------------------------------------------------

    /** The buttons of a call card, enabled as its callInfo and the connector's capabilities allow. */
    buttons(card: CallCard, agentStatus: string): Button[] {
        const { call } = card;
        const end = { label: 'End', enabled: true, message: { type: 'END_CALL', call, agentStatus } };
        if (card.phase === 'ringing')
            return [
                {
                    label: 'Accept',
                    enabled: flag(call, 'acceptEnabled'),
                    message: { type: 'ACCEPT_CALL', call }
                },
                {
                    label: 'Decline',
                    enabled: flag(call, 'declineEnabled'),
                    message: { type: 'DECLINE_CALL', call }
                }
            ];
        if (card.phase === 'dialing') return [end];
        const held = card.phase === 'held';
        const buttons: Button[] = [
            {
                label: held ? 'Resume' : 'Hold',
                enabled: flag(call, 'holdEnabled'),
                message: { type: held ? 'RESUME' : 'HOLD', call }
            }
        ];
        if (shown(call, 'showMuteButton') && this.capabilities.MUTE)
            buttons.push({
                label: 'Mute',
                enabled: flag(call, 'muteEnabled'),
                message: { type: 'MUTE', call }
            });
        if (shown(call, 'showRecordButton') && this.capabilities.RECORD)
            buttons.push({
                label: 'Pause recording',
                enabled: flag(call, 'recordEnabled'),
                message: { type: 'PAUSE_RECORDING', call }
            });
        if (shown(call, 'showMergeButton') && this.capabilities.MERGE)
            buttons.push({
                label: 'Merge',
                enabled: flag(call, 'conferenceEnabled'),
                message: { type: 'CONFERENCE', calls: [call] }
            });
        return [...buttons, end];
    }

    /** The transfer dialog's buttons for a number, as callInfo and the capabilities allow. */
    transferButtons(card: CallCard, phoneNumber: string): Button[] {
        const { call } = card;
        const contact = { phoneNumber };
        const buttons: Button[] = [];
        if (shown(call, 'showAddCallerButton'))
            buttons.push({
                label: 'Consult',
                enabled: flag(call, 'addCallerEnabled'),
                message: { type: 'ADD_PARTICIPANT', contact, call, isBlindTransfer: false }
            });
        if (shown(call, 'showAddBlindTransferButton') && this.capabilities.BLIND_TRANSFER)
            buttons.push({
                label: 'Blind transfer',
                enabled: flag(call, 'addCallerEnabled'),
                message: { type: 'ADD_PARTICIPANT', contact, call, isBlindTransfer: true }
            });
        return buttons;
    }

    /** Whether Transfer… (the dialog) is offered at all for the call. */
    canTransfer(card: CallCard): boolean {
        return (
            card.phase !== 'ringing' &&
            card.phase !== 'dialing' &&
            this.transferButtons(card, '').some((b) => b.enabled)
        );
    }

    /** The keypad during a call, when callInfo allows extension digits. */
    canSendDigits(card: CallCard): boolean {
        return card.phase === 'connected' && flag(card.call, 'extensionEnabled');
    }

    /** Done in wrap-up: Salesforce tells the connector after-call work ended for the call. */
    finishWrapUp(callId: string): Outgoing | undefined {
        const call = this.wrapUps.get(callId);
        if (!call) return undefined;
        this.wrapUps.delete(callId);
        return { type: 'WRAP_UP_CALL', call };
    }

    /** A presence status chosen in Omni-Channel; offline when its API name says so. */
    presenceMessages(statusId: string): Outgoing[] {
        const status = this.presence.find((candidate) => candidate.statusId === statusId);
        if (!status) return [];
        return [
            {
                type: 'SET_AGENT_STATUS',
                agentStatus: status.statusApiName === 'Offline' ? 'Offline' : 'Online',
                statusInfo: { ...status },
                enqueueNextState: false
            },
            log('INFO', `Omni-Channel status changed to ${status.statusName}`)
        ];
    }
}

/** LOG, Salesforce → connector: its own log line for the vendor. */
export function log(logLevel: 'INFO' | 'ERROR', logMessage: string): Outgoing {
    return { type: 'LOG', logLevel, logMessage, payload: {} };
}
