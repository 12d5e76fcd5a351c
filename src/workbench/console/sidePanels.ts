// The console's side panels: the caller panel (what the far end, a colleague or the phone system
// does, from the buttons the phone system behind the workbench offers) and the call center settings.
import type { PhoneSystemAction, PhoneSystemPanel, WorkbenchState } from '../server/workbenchState';

const OUTSIDE_PREFIX = '/reqDialingOptions/reqOutsidePrefix';
const element = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;

export async function api<T>(method: string, path: string, body?: unknown): Promise<T> {
    const response = await fetch(path, {
        method,
        headers: body === undefined ? undefined : { 'Content-Type': 'application/json' },
        body: body === undefined ? undefined : JSON.stringify(body)
    });
    const text = await response.text();
    const value = text ? (JSON.parse(text) as T) : (undefined as T);
    if (!response.ok) {
        // The workbench server names what went wrong (no call to act on, a name OAI cannot carry).
        const reason = (value as { error?: unknown } | undefined)?.error;
        throw new Error(
            typeof reason === 'string' ? reason : `${method} ${path} answered ${response.status}`
        );
    }
    return value;
}

function field(label: string, input: HTMLElement): HTMLElement {
    const wrapper = document.createElement('label');
    wrapper.className = 'slds-form-element wb-field';
    const text = document.createElement('span');
    text.className = 'slds-form-element__label';
    text.textContent = label;
    wrapper.append(text, input);
    return wrapper;
}

function button(label: string, action: () => Promise<unknown>, id?: string): HTMLButtonElement {
    const control = document.createElement('button');
    control.type = 'button';
    control.className = 'slds-button slds-button_neutral';
    control.textContent = label;
    if (id) control.id = id;
    control.addEventListener('click', () => {
        action().catch((error: unknown) => alertUser(error));
    });
    return control;
}

function alertUser(error: unknown): void {
    element('wb-caller-status').textContent = error instanceof Error ? error.message : String(error);
}

function input(id: string, value: string): HTMLInputElement {
    const control = document.createElement('input');
    control.className = 'slds-input';
    control.id = id;
    control.value = value;
    return control;
}

export function renderCallerPanel(phoneSystem: PhoneSystemPanel): void {
    const summary = document.createElement('p');
    summary.id = 'wb-phone-system';
    summary.className = 'slds-text-body_small wb-summary';
    summary.textContent = phoneSystem.summary;
    const number = input('wb-caller-number', '01632 960123');
    const name = input('wb-caller-name', 'ACME LTD');
    const status = document.createElement('p');
    status.id = 'wb-caller-status';
    status.setAttribute('role', 'status');
    const station = document.createElement('select');
    station.className = 'slds-select';
    station.id = 'wb-station';
    for (const extension of phoneSystem.stations) station.append(new Option(extension, extension));
    const ring = (huntGroup?: string) =>
        api('POST', '/api/phone-system/ring', { number: number.value, name: name.value, huntGroup }).then(
            (reply) => {
                status.textContent = `Ringing: ${JSON.stringify(reply)}`;
            }
        );
    const remote = (action: PhoneSystemAction) => () =>
        api('POST', `/api/phone-system/remote/${action.id}`, {
            station: action.atStation ? station.value : undefined
        }).then((reply) => {
            status.textContent = `${action.label}${action.atStation ? ` ${station.value}` : ''}: ${JSON.stringify(reply)}`;
        });
    const buttons = (actions: PhoneSystemAction[]) =>
        actions.map((action) => button(action.label, remote(action), `wb-action-${action.id}`));
    element('wb-caller').append(
        summary,
        field('Caller number', number),
        field('Caller name', name),
        button('Ring the agent', () => ring(), 'wb-ring'),
        button('Ring hunt group 2100', () => ring('2100'), 'wb-ring-group'),
        ...buttons(phoneSystem.actions.filter((action) => !action.atStation))
    );
    const atStation = phoneSystem.actions.filter((action) => action.atStation);
    if (phoneSystem.stations.length > 0 && atStation.length > 0) {
        const group = document.createElement('div');
        group.className = 'wb-station-actions';
        group.append(field('A colleague at station', station), ...buttons(atStation));
        element('wb-caller').append(group);
    }
    element('wb-caller').append(status);
}

export function renderSettings(current: WorkbenchState, reloadSoftphone: () => void): void {
    const container = element('wb-settings');
    const pop = document.createElement('select');
    pop.className = 'slds-select';
    pop.id = 'wb-setting-pop';
    for (const mode of ['answered', 'ringing', 'manual']) pop.append(new Option(mode, mode));
    pop.value = current.settings['/mivoiceSuite/screenPopMode'] ?? 'answered';
    const tasks = document.createElement('select');
    tasks.className = 'slds-select';
    tasks.id = 'wb-setting-tasks';
    for (const value of ['true', 'false']) tasks.append(new Option(value, value));
    tasks.value = current.settings['/mivoiceSuite/createTasks'] ?? 'true';
    const email = input('wb-setting-email', current.agentEmail);
    const apiKey = input('wb-setting-apikey', current.settings['/mivoiceSuite/apiKey'] ?? '');
    const host = input('wb-setting-host', current.settings['/mivoiceSuite/suiteHost'] ?? '');
    const outsidePrefix = input('wb-setting-outside-prefix', current.settings[OUTSIDE_PREFIX] ?? '');
    container.append(
        field('Screen pop', pop),
        field('Create Tasks', tasks),
        field("Agent email (the Salesforce user's Email)", email),
        field('API key', apiKey),
        field(current.phoneSystem.hostLabel, host),
        field('Outside prefix (dialled before an outside number)', outsidePrefix),
        button(
            'Apply and reload softphone',
            async () => {
                await api('PUT', '/api/settings', {
                    '/mivoiceSuite/screenPopMode': pop.value,
                    '/mivoiceSuite/createTasks': tasks.value,
                    '/mivoiceSuite/apiKey': apiKey.value,
                    '/mivoiceSuite/suiteHost': host.value,
                    [OUTSIDE_PREFIX]: outsidePrefix.value,
                    agentEmail: email.value
                });
                reloadSoftphone();
            },
            'wb-apply-settings'
        )
    );
}
