// The emulated Omni-Channel softphone drawn from the container's model, in SLDS: the status line, one
// card per call with the buttons its callInfo allows (a disabled one says why), the transfer dialog,
// wrap-up, what Salesforce received and what it found wrong.
import type { Button, CallCard, ContainerModel, Outgoing } from './containerModel';

export interface ViewActions {
    send(message: Outgoing): void;
    agentStatus(): string;
}

export function element<K extends keyof HTMLElementTagNameMap>(
    tag: K,
    className: string,
    ...children: (Node | string)[]
): HTMLElementTagNameMap[K] {
    const node = document.createElement(tag);
    if (className) node.className = className;
    node.append(...children);
    return node;
}

export function button(
    label: string,
    onClick: () => void,
    options: { enabled?: boolean; title?: string } = {}
) {
    const node = element('button', 'slds-button slds-button_neutral', label);
    node.type = 'button';
    node.disabled = options.enabled === false;
    if (options.title) node.title = options.title;
    node.addEventListener('click', onClick);
    return node;
}

function callButton(model: Button, actions: ViewActions): HTMLButtonElement {
    return button(model.label, () => actions.send(model.message), {
        enabled: model.enabled,
        title: model.enabled
            ? undefined
            : `${model.label} is off: the connector's callInfo for this call says so`
    });
}

function phaseName(card: CallCard): string {
    return { ringing: 'Ringing', dialing: 'Dialing', connected: 'Connected', held: 'On hold' }[card.phase];
}

/** The transfer dialog of a call: a number, then Consult or Blind transfer as callInfo allows. */
function transferDialog(model: ContainerModel, card: CallCard, actions: ViewActions): HTMLElement {
    const input = element('input', 'slds-input');
    input.setAttribute('aria-label', 'Transfer to');
    input.placeholder = 'Number or extension';
    const row = element('div', 'slds-button-group slds-m-top_x-small');
    const draw = () =>
        row.replaceChildren(
            ...model.transferButtons(card, input.value.trim()).map((b) => callButton(b, actions))
        );
    input.addEventListener('input', draw);
    draw();
    const book = element(
        'p',
        'slds-text-body_small slds-m-top_xx-small',
        `Phone book: ${model.contacts?.length ?? '…'} contacts`
    );
    return element('div', 'vc-transfer slds-box slds-box_x-small slds-m-top_x-small', input, row, book);
}

function callCard(
    model: ContainerModel,
    card: CallCard,
    actions: ViewActions,
    open: Set<string>
): HTMLElement {
    const { call } = card;
    const title = element(
        'p',
        'slds-text-heading_small',
        `${call.phoneNumber ?? 'Unknown'} · ${phaseName(card)}`
    );
    const row = element('div', 'slds-button-group slds-m-top_x-small');
    row.append(...model.buttons(card, actions.agentStatus()).map((b) => callButton(b, actions)));
    const node = element('article', 'vc-call slds-box slds-m-top_x-small', title, row);
    node.dataset.callId = call.callId;
    if (card.phase === 'connected' || card.phase === 'held') {
        const enabled = model.canTransfer(card);
        row.append(
            button(
                'Transfer…',
                () => {
                    if (open.has(call.callId)) open.delete(call.callId);
                    else {
                        open.add(call.callId);
                        actions.send({
                            type: 'GET_PHONE_CONTACTS',
                            filter: { contains: '', limit: 50, offset: 0 }
                        });
                    }
                    render(model, actions, open);
                },
                {
                    enabled,
                    title: enabled
                        ? undefined
                        : 'Transfer is off: the connector’s callInfo for this call says so'
                }
            )
        );
    }
    if (model.canSendDigits(card)) row.append(keypad(actions));
    if (open.has(call.callId)) node.append(transferDialog(model, card, actions));
    return node;
}

function keypad(actions: ViewActions): HTMLElement {
    const input = element('input', 'slds-input vc-digits');
    input.setAttribute('aria-label', 'Keypad digits');
    input.placeholder = 'Keypad';
    input.addEventListener('change', () => {
        if (input.value) actions.send({ type: 'SEND_DIGITS', digits: input.value });
        input.value = '';
    });
    return input;
}

function wrapUpCard(
    model: ContainerModel,
    callId: string,
    actions: ViewActions,
    open: Set<string>
): HTMLElement {
    const call = model.wrapUps.get(callId);
    const done = button('Done', () => {
        const message = model.finishWrapUp(callId);
        if (message) actions.send(message);
        render(model, actions, open);
    });
    const title = element('p', 'slds-text-heading_small', `${call?.phoneNumber ?? 'Unknown'} · Wrap-up`);
    return element('article', 'vc-wrapup slds-box slds-theme_shade slds-m-top_x-small', title, done);
}

function list(id: string, lines: string[]): void {
    document.getElementById(id)?.replaceChildren(...lines.map((line) => element('li', 'slds-item', line)));
}

export function render(model: ContainerModel, actions: ViewActions, open: Set<string>): void {
    const status = document.getElementById('status') as HTMLElement;
    const phone = model.selectedPhone;
    if (model.ready) {
        const wrapping = model.wrapUps.size > 0 ? ' · Wrap-up' : '';
        status.textContent = `Ready · ${phone?.type === 'DESK_PHONE' ? 'desk phone' : String(phone?.type)} ${phone?.number ?? ''}${wrapping}`;
    }
    const ended = model.lastEnded;
    (document.getElementById('ended') as HTMLElement).textContent = ended
        ? `Last call: ${ended.phoneNumber} ended (${ended.reason || 'no reason'})`
        : '';
    document
        .getElementById('calls')
        ?.replaceChildren(
            ...[...model.participants.values()].map((p) =>
                element(
                    'p',
                    'vc-participant slds-text-body_regular',
                    `Participant ${p.phoneNumber} · ${p.connected ? 'Connected' : 'Dialing'}`
                )
            ),
            ...[...model.calls.values()].map((card) => callCard(model, card, actions, open)),
            ...[...model.wrapUps.keys()].map((callId) => wrapUpCard(model, callId, actions, open))
        );
    list('notices', model.notices.slice(-5));
    list(
        'findings',
        model.findings.length ? model.findings : ['None: every payload is one the library sends']
    );
}
