// The emulated Lightning console: the Open CTI parent of the softphone frame. It answers the
// frame's postMessage requests through the workbench server (where the Open CTI emulator keeps
// records and Tasks), renders records with click-to-dial numbers, the caller panel and the log.
import { personAccountFields } from '../../stand-ins/opencti-emulator/personAccounts';
import { recordTypeText } from './recordText';
import type { WorkbenchRecord, WorkbenchState } from '../server/workbenchState';

interface OpenCtiRequest {
    methodName: string;
    callId: number;
    apiVersion: number;
    apiType: string;
    isCallbackRegistered: boolean;
    isListenerRegistered: boolean;
    args: Record<string, unknown>;
}

interface OpenCtiResponse {
    success: boolean;
    returnValue: unknown;
    errors: unknown;
}

const frame = document.getElementById('wb-softphone') as HTMLIFrameElement;
const softphoneUrl = new URL(frame.dataset.src as string);
const softphoneOrigin = softphoneUrl.origin;
const listeners = new Map<string, OpenCtiRequest>();
const element = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;
let state: WorkbenchState | undefined;
let clickToDialEnabled = false;
let panelVisible = true;

async function api<T>(method: string, path: string, body?: unknown): Promise<T> {
    const response = await fetch(path, {
        method,
        headers: body === undefined ? undefined : { 'Content-Type': 'application/json' },
        body: body === undefined ? undefined : JSON.stringify(body)
    });
    const text = await response.text();
    const value = text ? (JSON.parse(text) as T) : (undefined as T);
    if (!response.ok) throw new Error(`${method} ${path} answered ${response.status}: ${text}`);
    return value;
}

function sendToSoftphone(message: Record<string, unknown>): void {
    frame.contentWindow?.postMessage({ apiType: 'opencti', ...message }, softphoneOrigin);
}

/** Fires a listener event (click-to-dial, navigation) if the softphone registered one. */
function fireEvent(
    methodName: 'onClickToDial' | 'onNavigationChange',
    payload: Record<string, unknown>
): boolean {
    const registration = listeners.get(methodName);
    if (!registration) return false;
    sendToSoftphone({
        apiVersion: registration.apiVersion,
        methodName,
        shouldExecuteListener: true,
        response: payload
    });
    return true;
}

function setPanelVisible(visible: boolean): void {
    panelVisible = visible;
    element('wb-phone-panel').hidden = !visible;
    element('wb-phone-toggle').setAttribute('aria-expanded', String(visible));
}

function openRecord(record: WorkbenchRecord, notify = true): void {
    const view = element('wb-record-view');
    view.replaceChildren();
    const title = document.createElement('h3');
    title.className = 'slds-text-heading_medium';
    title.textContent = record.Name;
    const details = document.createElement('p');
    details.textContent = `${recordTypeText(record)} · ${record.Phone}`;
    view.append(title, details);
    view.dataset.recordId = record.Id;
    if (notify) {
        fireEvent('onNavigationChange', {
            url: `${location.origin}/lightning/r/${record.objectType}/${record.Id}/view`,
            recordId: record.Id,
            recordName: record.Name,
            objectType: record.objectType,
            ...personAccountFields(record, state?.records ?? [])
        });
    }
}

function showSearchResults(ids: string[]): void {
    const view = element('wb-record-view');
    view.replaceChildren();
    const title = document.createElement('h3');
    title.className = 'slds-text-heading_medium';
    title.textContent = `Search results (${ids.length})`;
    view.append(title);
    delete view.dataset.recordId;
    for (const id of ids) {
        const record = state?.records.find((candidate) => candidate.Id === id);
        if (!record) continue;
        const link = document.createElement('button');
        link.type = 'button';
        link.className = 'slds-button wb-result';
        link.dataset.recordId = record.Id;
        link.textContent = `${record.Name} (${recordTypeText(record)})`;
        link.addEventListener('click', () => openRecord(record));
        view.append(link);
    }
}

/** What the console itself does for a request, beyond what the emulator answers. */
function applyToConsole(request: OpenCtiRequest, response: OpenCtiResponse): OpenCtiResponse {
    switch (request.methodName) {
        case 'setSoftphonePanelVisibility':
            setPanelVisible(Boolean(request.args.visible));
            break;
        case 'isSoftphonePanelVisible':
            return { ...response, returnValue: { visible: panelVisible } };
        case 'setSoftphonePanelLabel':
        case 'setSoftphoneItemLabel':
            element('wb-phone-label').textContent = String(request.args.label ?? 'Phone');
            break;
        case 'enableClickToDial':
        case 'disableClickToDial':
            clickToDialEnabled = request.methodName === 'enableClickToDial';
            document.body.classList.toggle('wb-click-to-dial', clickToDialEnabled);
            break;
        case 'searchAndScreenPop': {
            const matches =
                response.success && response.returnValue ? Object.keys(response.returnValue as object) : [];
            const ids = matches.filter((id) => state?.records.some((record) => record.Id === id));
            if (!request.args.deferred && ids.length === 1) {
                const record = state?.records.find((candidate) => candidate.Id === ids[0]);
                if (record) openRecord(record, false);
            } else if (!request.args.deferred && ids.length > 1) {
                showSearchResults(ids);
            }
            break;
        }
        case 'screenPop': {
            const params = request.args.params as { recordId?: string } | undefined;
            const record = state?.records.find((candidate) => candidate.Id === params?.recordId);
            if (record) openRecord(record, false);
            break;
        }
        default:
            break;
    }
    return response;
}

async function onMessage(event: MessageEvent): Promise<void> {
    const request = event.data as OpenCtiRequest;
    if (event.origin !== softphoneOrigin || !request || request.apiType !== 'opencti') return;
    if (request.isListenerRegistered) listeners.set(request.methodName, request);
    const reply = await api<OpenCtiResponse>('POST', '/api/opencti', {
        method: request.methodName,
        args: request.args
    });
    const response = applyToConsole(request, reply);
    if (request.isCallbackRegistered) {
        sendToSoftphone({
            apiVersion: request.apiVersion,
            methodName: request.methodName,
            callId: request.callId,
            shouldExecuteCallback: true,
            response
        });
    }
    void refresh();
}

function renderRecords(records: WorkbenchRecord[]): void {
    const body = element('wb-record-list').querySelector('tbody') as HTMLTableSectionElement;
    body.replaceChildren(
        ...records.map((record) => {
            const row = document.createElement('tr');
            const name = document.createElement('td');
            const open = document.createElement('button');
            open.type = 'button';
            open.className = 'slds-button wb-open-record';
            open.dataset.recordId = record.Id;
            open.textContent = record.Name;
            open.addEventListener('click', () => openRecord(record));
            name.append(open);
            const type = document.createElement('td');
            type.textContent = recordTypeText(record);
            const phone = document.createElement('td');
            const dial = document.createElement('button');
            dial.type = 'button';
            dial.className = 'slds-button wb-click-to-dial-number';
            dial.dataset.recordId = record.Id;
            dial.textContent = record.Phone;
            dial.addEventListener('click', () => {
                if (!clickToDialEnabled) return;
                fireEvent('onClickToDial', {
                    number: record.Phone,
                    recordId: record.Id,
                    recordName: record.Name,
                    objectType: record.objectType,
                    ...personAccountFields(record, records)
                });
            });
            phone.append(dial);
            row.append(name, type, phone);
            return row;
        })
    );
}

function renderLog(current: WorkbenchState): void {
    element('wb-agent').textContent = `Agent: ${current.agentEmail}`;
    element('wb-request-count').textContent = `(${current.requestCount})`;
    element('wb-requests').replaceChildren(
        ...current.requests
            .slice()
            .reverse()
            .map((request) => {
                const item = document.createElement('li');
                item.textContent = request.method;
                return item;
            })
    );
    element('wb-task-count').textContent = `(${current.taskCount})`;
    element('wb-tasks').replaceChildren(
        ...current.tasks.map((task) => {
            const item = document.createElement('li');
            item.className = 'wb-task';
            item.textContent = JSON.stringify(task);
            return item;
        })
    );
}

let lastRecords = '';
async function refresh(): Promise<void> {
    state = await api<WorkbenchState>('GET', '/api/state');
    const records = JSON.stringify(state.records);
    if (records !== lastRecords) {
        lastRecords = records;
        renderRecords(state.records);
    }
    renderLog(state);
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

function renderCallerPanel(): void {
    const number = input('wb-caller-number', '01632 960123');
    const name = input('wb-caller-name', 'ACME LTD');
    const status = document.createElement('p');
    status.id = 'wb-caller-status';
    status.setAttribute('role', 'status');
    const ring = (huntGroup?: string) =>
        api('POST', '/api/suite/ring', { number: number.value, name: name.value, huntGroup }).then(
            (reply) => {
                status.textContent = `Ringing: ${JSON.stringify(reply)}`;
            }
        );
    const remote = (action: string) => () =>
        api('POST', `/api/suite/remote/${action}`, {}).then((reply) => {
            status.textContent = `${action}: ${JSON.stringify(reply)}`;
        });
    element('wb-caller').append(
        field('Caller number', number),
        field('Caller name', name),
        button('Ring the agent', () => ring(), 'wb-ring'),
        button('Ring hunt group 2100', () => ring('2100'), 'wb-ring-group'),
        button('Answered elsewhere', remote('answered-elsewhere'), 'wb-answered-elsewhere'),
        button('Far end answers', remote('answer'), 'wb-remote-answer'),
        button('Far end hangs up', remote('hangup'), 'wb-remote-hangup'),
        button('Far end busy', remote('busy'), 'wb-remote-busy'),
        button('Drop Suite connection', remote('drop-sockets'), 'wb-drop'),
        button('Stop Suite', remote('stop'), 'wb-suite-stop'),
        button('Start Suite', remote('start'), 'wb-suite-start'),
        status
    );
}

function renderSettings(current: WorkbenchState): void {
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
    container.append(
        field('Screen pop', pop),
        field('Create Tasks', tasks),
        field("Agent email (the Salesforce user's Email)", email),
        field('API key', apiKey),
        field('Suite host', host),
        button(
            'Apply and reload softphone',
            async () => {
                await api('PUT', '/api/settings', {
                    '/mivoiceSuite/screenPopMode': pop.value,
                    '/mivoiceSuite/createTasks': tasks.value,
                    '/mivoiceSuite/apiKey': apiKey.value,
                    '/mivoiceSuite/suiteHost': host.value,
                    agentEmail: email.value
                });
                loadSoftphone();
            },
            'wb-apply-settings'
        )
    );
}

function loadSoftphone(): void {
    listeners.clear();
    const url = new URL(softphoneUrl);
    url.searchParams.set('sfdcIframeOrigin', location.origin);
    url.searchParams.set('mode', 'Lightning');
    frame.src = url.toString();
}

window.addEventListener('message', (event) => {
    void onMessage(event);
});
element('wb-phone-toggle').addEventListener('click', () => setPanelVisible(!panelVisible));

void (async () => {
    await refresh();
    renderCallerPanel();
    if (state) renderSettings(state);
    loadSoftphone();
    setInterval(() => void refresh(), 1000);
})();
