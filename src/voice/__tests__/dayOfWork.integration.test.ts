// An agent's day through scv-connector-base 3.6.2, with the emulated container's own reading of every
// message (src/workbench/voice/browser/containerModel.ts) choosing what Salesforce sends next from the
// buttons each call's callInfo allows: every message the library lists as sent by Salesforce that a
// day of work sends, each answered as the library says, none of what came back a shape the library
// could not have produced.
import { callControl } from '../../stand-ins/suite-simulator/controlClient';
import { ContainerModel, type Outgoing } from '../../workbench/voice/browser/containerModel';
import { PRESENCE_STATUSES } from '../../workbench/voice/contactCenterConfig';
import { connectorHarness, settle, type Started } from './connectorHarness';

const harness = connectorHarness();

class Agent {
    readonly model = new ContainerModel(true, PRESENCE_STATUSES);
    readonly sent: Outgoing[] = [];
    private read = 0;
    private readonly started: Started;

    constructor(started: Started) {
        this.started = started;
    }

    send(message: Outgoing): void {
        this.sent.push(message);
        const { type, ...fields } = message;
        this.started.side.send(type, fields);
    }

    /** Reads what arrived since last time, as the container does, and sends its own replies. */
    catchUp(): void {
        const { received } = this.started.side;
        for (; this.read < received.length; this.read++)
            for (const reply of this.model.receive(received[this.read])) this.send(reply);
    }

    async until(type: string, count = 1): Promise<void> {
        await this.started.side.untilEvent(type, count);
        this.catchUp();
    }

    /** Clicks a button of the only call card, by its label, as the card offers it. */
    press(label: string): void {
        const [card] = [...this.model.calls.values()];
        const button = this.model.buttons(card, 'Online').find((candidate) => candidate.label === label);
        if (!button?.enabled)
            throw new Error(`${label} is not offered: ${JSON.stringify(card.call.callInfo)}`);
        this.send(button.message);
    }

    transfer(): void {
        const [card] = [...this.model.calls.values()];
        if (!this.model.canTransfer(card)) throw new Error('Transfer… is not offered');
        this.send({ type: 'GET_PHONE_CONTACTS', filter: { contains: '', limit: 50, offset: 0 } });
    }

    wrapUp(): void {
        const [callId] = [...this.model.wrapUps.keys()];
        this.send(this.model.finishWrapUp(callId) as Outgoing);
    }
}

const farEnd = (callId: string, action: string) =>
    callControl(harness.simulator.controlUrl, 'POST', `/_sim/calls/${callId}/${action}`);

async function morning(agent: Agent): Promise<void> {
    agent.catchUp();
    for (const message of agent.model.presenceMessages(PRESENCE_STATUSES[1].statusId)) agent.send(message);
    await agent.until('SET_AGENT_STATUS_RESULT');
    for (const message of agent.model.presenceMessages(PRESENCE_STATUSES[0].statusId)) agent.send(message);
    await agent.until('SET_AGENT_STATUS_RESULT', 2);
    agent.send({
        type: 'SET_AGENT_CONFIG',
        config: { selectedPhone: { type: 'DESK_PHONE', number: '2001' } }
    });
    await agent.until('AGENT_CONFIG_UPDATED');
}

async function anInboundCall(agent: Agent): Promise<void> {
    await harness.ring();
    await agent.until('CALL_STARTED');
    agent.press('Accept');
    await agent.until('CALL_CONNECTED');
    agent.press('Hold');
    await agent.until('HOLD_TOGGLE');
    agent.press('Resume');
    await agent.until('HOLD_TOGGLE', 2);
    agent.send({ type: 'SEND_DIGITS', digits: '1' });
    agent.transfer();
    await agent.until('PHONE_CONTACTS');
    agent.press('End');
    await agent.until('HANGUP');
    agent.wrapUp();
}

async function anOutboundCall(agent: Agent): Promise<void> {
    agent.send({ type: 'DIAL', contact: { phoneNumber: '+44 1632 960456' } });
    await agent.until('CALL_STARTED', 2);
    const [card] = [...agent.model.calls.values()];
    await farEnd(card.call.callId, 'remote-answer');
    await agent.until('CALL_CONNECTED', 2);
    await farEnd(card.call.callId, 'remote-hangup');
    await agent.until('HANGUP', 2);
    agent.wrapUp();
}

it('a day of work: every message Salesforce sends in it is answered, and nothing comes back malformed', async () => {
    const started = await harness.startConnector();
    const agent = new Agent(started);
    await morning(agent);
    await anInboundCall(agent);
    await anOutboundCall(agent);
    agent.send({ type: 'LOGOUT' });
    await agent.until('LOGOUT_RESULT');
    await settle();
    agent.catchUp();

    expect([...new Set(agent.sent.map((message) => message.type))].sort()).toEqual(
        [
            'AGENT_AVAILABLE',
            'SET_AGENT_STATUS',
            'LOG',
            'SET_AGENT_CONFIG',
            'ACCEPT_CALL',
            'HOLD',
            'RESUME',
            'SEND_DIGITS',
            'GET_PHONE_CONTACTS',
            'END_CALL',
            'WRAP_UP_CALL',
            'DIAL',
            'LOGOUT'
        ].sort()
    );
    expect(agent.model.findings).toEqual([]);
    expect(started.side.events('ERROR')).toEqual([]);
    expect(agent.model.calls.size).toBe(0);
    expect(agent.model.wrapUps.size).toBe(0);
});
