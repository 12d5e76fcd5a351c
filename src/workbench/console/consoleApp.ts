// The emulated Lightning console: the Open CTI parent of the softphone frame. It answers the
// frame's postMessage requests through the workbench server (where the Open CTI emulator keeps
// records and Tasks), renders records with click-to-dial numbers, the caller panel and the log.
import { personAccountFields } from '../../stand-ins/opencti-emulator/personAccounts';
import { recordTypeText } from './recordText';
import type { WorkbenchRecord, WorkbenchState } from '../server/workbenchState';
import { api, renderCallerPanel, renderSettings } from './sidePanels';

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
    refreshSoon();
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
let lastLog = '';
let refreshing: Promise<void> | undefined;
let refreshAgain = false;

/**
 * The log and records as the server has them. A burst of Open CTI requests (start-up sends several)
 * makes one refresh, and one more after it: the page shares its thread with the softphone frame.
 */
function refreshSoon(): void {
    if (refreshing) {
        refreshAgain = true;
        return;
    }
    refreshing = refresh()
        .catch((error: unknown) => console.error(error))
        .finally(() => {
            refreshing = undefined;
            if (refreshAgain) {
                refreshAgain = false;
                refreshSoon();
            }
        });
}

/** Draws what changed only. */
async function refresh(): Promise<void> {
    state = await api<WorkbenchState>('GET', '/api/state');
    const records = JSON.stringify(state.records);
    if (records !== lastRecords) {
        lastRecords = records;
        renderRecords(state.records);
    }
    const { agentEmail, requestCount, requests, taskCount, tasks } = state;
    const log = JSON.stringify([agentEmail, requestCount, requests, taskCount, tasks]);
    if (log !== lastLog) {
        lastLog = log;
        renderLog(state);
    }
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

// The softphone's frame first, as Lightning creates the utility bar's frame while its page loads; the
// workbench's own panels follow.
loadSoftphone();
void (async () => {
    await refresh();
    if (state) {
        renderCallerPanel(state.phoneSystem);
        renderSettings(state, loadSoftphone);
    }
    setInterval(refreshSoon, 1000);
})();
