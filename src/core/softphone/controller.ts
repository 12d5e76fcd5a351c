// The softphone controller: start-up, the call model, screen pops, click-to-dial and Task logging,
// turned into one panel snapshot after every change. It spends as few Open CTI requests as it can:
// none while idle, none for hold and retrieve, one pop and one Task save per call.
import type { PlatformNames } from '../adapter/platformNames';
import type { KeyValueStore } from '../durability/keyValueStore';
import { electLeader, type Leadership, type LockManagerLike } from '../durability/leadership';
import { claimAutoPop } from '../durability/popClaim';
import { resilient } from '../durability/resilientStore';
import { createSharedSuiteClient, type TabChannel } from '../durability/sharedSuiteClient';
import type { PhoneWindowIdentitySource, PhoneWindowOpener } from '../popout/phoneWindow';
import { TaskLogQueue, TaskSaveRefused, TaskSaveTimeout, type QueueEntry } from '../durability/taskLogQueue';
import type { PanelHost } from '../host/panelHost';
import {
    OpenCtiTimeout,
    type ClickToDialPayload,
    type NavigationPayload,
    type OpenCtiBridge,
    type SearchMatch
} from '../opencti/bridge';
import { describeSaveLogFailure } from '../opencti/saveLogFailure';
import { parseCallCenterSettings, settingMessage } from '../settings/parse';
import type { SoftphoneSettings } from '../settings/schema';
import { SuiteError, type SuiteCall, type SuiteClient, type SuiteConnection } from '../suite/types';
import {
    MAX_NOTES_CHARS,
    annotationKey,
    notesKey,
    readCallAnnotation,
    readNotes,
    type CallAnnotation
} from './callAnnotation';
import { agentHandled, buildTask, type CallRecord, type LinkedRecord } from './callLog';
import { isSearchableNumber, normaliseDialString } from './dialNumber';
import { PopRateLimit } from './popRateLimit';
import { runSelfCheck, uncheckedLinks } from './selfCheck';

export interface SuiteConnectionOptions {
    host: string;
    port: number;
    apiKey: string;
    email: string;
    /** signedAssertion mode: one runApex each time a session opens (start-up, expiry), never per call. */
    signAssertion?: () => Promise<string>;
}

export interface ControllerDependencies {
    opencti: OpenCtiBridge;
    panel: PanelHost;
    names: PlatformNames;
    createSuite(options: SuiteConnectionOptions): SuiteClient;
    storage: KeyValueStore;
    locks?: LockManagerLike;
    /** A channel between this agent's tabs (BroadcastChannel): the leader's connection is shared. */
    openTabChannel?(name: string): TabChannel;
    isVisible(): boolean;
    hasFocus(): boolean;
    now?: () => number;
    /** How long a Task save may take before its outcome counts as unknown. */
    saveTimeoutMs?: number;
    /** How long the queue waits for any other Open CTI answer (the Task lookup) before retrying. */
    lookupTimeoutMs?: number;
    /**
     * Set in the phone window (docs/architecture.md): it holds the Suite connection and asks Open CTI
     * nothing; the agent and the settings come from the tab that opened it, and pops and Task saves
     * stay in the Lightning tabs.
     */
    phoneWindow?: PhoneWindowIdentitySource;
    /** Set in a Lightning tab whose browser can open the phone window. */
    phoneWindowOpener?: PhoneWindowOpener;
}

interface TrackedCall extends CallRecord {
    match: SoftphoneMatch;
    candidates: SearchMatch[];
    popRequested: boolean;
    /** When this tab last took the match and link from the other tabs (epoch ms), or set them. */
    annotatedAt?: number;
}

type StartupProblem = SoftphoneMessage & { canRetry: boolean };

const MAX_RECENT = 5;
const SELF_CHECK_TIMEOUT_MS = 10_000;
/** While a failed Task save is shown, how often the leader looks for a retry asked in another tab. */
const FAILED_LOG_RECHECK_MS = 5000;

export class SoftphoneController {
    private readonly deps: ControllerDependencies;
    private readonly now: () => number;
    private readonly calls = new Map<string, TrackedCall>();
    private settings: SoftphoneSettings | undefined;
    private email = '';
    /** The call center settings as Open CTI gave them: what the phone window is told. */
    private rawSettings: Record<string, unknown> | undefined;
    private suite: SuiteClient | undefined;
    private queue: TaskLogQueue | undefined;
    /** Who saves Tasks: a Lightning tab (Open CTI work), never the phone window. */
    private leadership: Leadership | undefined;
    /** Who holds the Suite connection: the phone window when there is one. */
    private connectionLeadership: Leadership | undefined;
    private startupProblem: StartupProblem | undefined;
    private clickToDialEnabled = false;
    private pbxConnected = true;
    private everOpen = false;
    private notice: (SoftphoneMessage & { id: number }) | undefined;
    private noticeCounter = 0;
    private recentNumbers: string[] = [];
    private pendingClickToDial: { dial: string; record?: LinkedRecord; at: number } | undefined;
    private drainTimer: ReturnType<typeof setTimeout> | undefined;
    private listenersRegistered = false;
    private stopped = false;
    private selfCheck: SoftphoneSelfCheck | undefined;
    private readonly autoPops = new PopRateLimit();
    private popClaimsPending = 0;
    /** The client this tab runs itself (not a mirror of the leader's), for its counts. */
    private ownSuite: SuiteClient | undefined;
    private failedLogs: SoftphoneFailedLog[] = [];
    private failedLogsReadAt = -Infinity;

    constructor(deps: ControllerDependencies) {
        const storage = resilient(deps.storage);
        this.deps = { ...deps, storage };
        this.now = deps.now ?? Date.now;
        storage.onFallback(() => this.showNotice('storageUnavailable'));
        deps.panel.onIntent((intent) => {
            void this.handleIntent(intent);
        });
    }

    // ---- Start-up --------------------------------------------------------------------------

    async start(): Promise<void> {
        this.startupProblem = undefined;
        this.render();
        const { opencti, names } = this.deps;
        if (this.deps.phoneWindow) {
            await this.startPhoneWindow(this.deps.phoneWindow);
            return;
        }
        try {
            this.email = (
                await opencti.runApex(
                    names.apexClass('SoftphoneIdentity'),
                    'getUserEmail',
                    {},
                    {
                        startup: true
                    }
                )
            ).trim();
        } catch (error) {
            this.failStartup({
                code: 'userEmailUnavailable',
                params: { detail: errorText(error) },
                canRetry: true
            });
            return;
        }
        if (!this.email) {
            this.failStartup({
                code: 'userEmailUnavailable',
                params: { detail: 'empty email' },
                canRetry: true
            });
            return;
        }
        let rawSettings: unknown;
        try {
            rawSettings = await opencti.callWhenReady('getCallCenterSettings');
        } catch (error) {
            this.failStartup({
                code: 'openCtiUnavailable',
                params: { method: 'getCallCenterSettings', detail: errorText(error) },
                canRetry: true
            });
            return;
        }
        if (!this.useSettings(rawSettings)) return;
        if (!this.listenersRegistered) {
            this.listenersRegistered = true;
            opencti.listen('onClickToDial', (payload) => void this.onClickToDial(payload));
            opencti.listen('onNavigationChange', (payload) => this.onNavigationChange(payload));
            await Promise.allSettled([
                opencti.call('setSoftphonePanelLabel', { label: 'Phone' }),
                opencti.call('setSoftphoneItemIcon', { key: 'call' })
            ]);
        }
        await opencti.call('notifyInitializationComplete').catch(() => undefined);
        this.render();
    }

    /** The phone window: the agent and the settings from the tab that opened it; no Open CTI. */
    private async startPhoneWindow(source: PhoneWindowIdentitySource): Promise<void> {
        try {
            const identity = await source.identity();
            this.email = identity.email.trim();
            if (this.useSettings(identity.settings)) this.render();
        } catch (error) {
            this.startupProblem = {
                code: 'phoneWindowWithoutTab',
                params: { detail: errorText(error) },
                canRetry: true
            };
            this.render();
        }
    }

    /** Parses the call center settings and connects; false (with the message shown) when they are bad. */
    private useSettings(rawSettings: unknown): boolean {
        const parsed = parseCallCenterSettings(rawSettings);
        if (!parsed.ok) {
            this.failStartup({ ...settingMessage(parsed.errors[0]), canRetry: true });
            return false;
        }
        this.rawSettings = rawSettings as Record<string, unknown>;
        this.settings = parsed.settings;
        this.recentNumbers = this.loadRecent();
        this.setUpLogging();
        this.connectSuite();
        return true;
    }

    stop(): void {
        this.stopped = true;
        this.suite?.stop();
        this.leadership?.release();
        this.connectionLeadership?.release();
        clearTimeout(this.drainTimer);
    }

    private failStartup(problem: StartupProblem): void {
        this.startupProblem = problem;
        this.render();
        if (this.deps.phoneWindow) return;
        // Salesforce waits for this before showing the panel; an honest error is better than a timeout.
        void this.deps.opencti.call('notifyInitializationComplete').catch(() => undefined);
    }

    private setUpLogging(): void {
        if (this.queue) return;
        const saveTimeoutMs = this.deps.saveTimeoutMs ?? 15_000;
        const lookupTimeoutMs = this.deps.lookupTimeoutMs ?? saveTimeoutMs;
        this.queue = new TaskLogQueue({
            store: this.deps.storage,
            namespace: this.email.toLowerCase(),
            now: this.now,
            saver: {
                save: async (fields) => {
                    try {
                        return { taskId: await this.deps.opencti.saveLog(fields, saveTimeoutMs) };
                    } catch (error) {
                        if (error instanceof OpenCtiTimeout) throw new TaskSaveTimeout();
                        const failure = describeSaveLogFailure(error);
                        if (failure.permanent) throw new TaskSaveRefused(failure.reason);
                        throw error;
                    }
                },
                findByCallObject: async (callObject) =>
                    (await this.deps.opencti.runApex(
                        this.deps.names.apexClass('SoftphoneCallLog'),
                        'findTaskId',
                        { callObject },
                        { timeoutMs: lookupTimeoutMs }
                    )) || null
            }
        });
        // The phone window enqueues the Tasks of the calls it sees (a second enqueue is a no-op); only
        // a Lightning tab saves them.
        if (this.deps.phoneWindow) return;
        this.leadership = electLeader(this.deps.locks, this.leadershipLock());
        this.leadership.onChange((isLeader) => {
            if (isLeader) void this.drainQueue();
        });
    }

    private connectSuite(): void {
        this.suite?.stop();
        const connection = this.connectionOptions(this.settings as SoftphoneSettings);
        this.connectionLeadership ??= electLeader(this.deps.locks, this.connectionLock(), {
            preferred: this.deps.phoneWindow !== undefined
        });
        const channel = this.openChannel(`mivoice-suite-${this.email.toLowerCase()}`);
        const suite = channel
            ? createSharedSuiteClient({
                  leadership: this.connectionLeadership,
                  locks: this.deps.locks,
                  leadershipLock: this.connectionLock(),
                  channel,
                  createClient: () => this.ownClient(connection)
              })
            : this.ownClient(connection);
        this.suite = suite;
        suite.on('connection', (status) => this.onConnection(status));
        suite.on('call', (call) => void this.onCall(call));
        suite.on('snapshot', (calls) => {
            for (const call of calls) void this.onCall(call);
            this.render();
        });
        suite.on('dnd', () => this.render());
        suite.on('pbx', (connected) => {
            this.pbxConnected = connected;
            this.onConnection(suite.connection);
        });
        suite.start();
    }

    private ownClient(connection: SuiteConnectionOptions): SuiteClient {
        this.ownSuite = this.deps.createSuite(connection);
        return this.ownSuite;
    }

    private leadershipLock(): string {
        return `mivoice-softphone-${this.email.toLowerCase()}`;
    }

    /** The channel to the agent's other tabs, or none when the browser refuses one: this tab acts alone. */
    private openChannel(name: string): TabChannel | undefined {
        try {
            return this.deps.openTabChannel?.(name);
        } catch {
            return undefined;
        }
    }

    private connectionLock(): string {
        return `mivoice-connection-${this.email.toLowerCase()}`;
    }

    private connectionOptions(settings: SoftphoneSettings): SuiteConnectionOptions {
        return {
            host: settings.suiteHost,
            port: settings.suitePort,
            apiKey: settings.apiKey,
            email: this.email,
            signAssertion:
                settings.authMode === 'signedAssertion' ? () => this.signAssertion(settings) : undefined
        };
    }

    private signAssertion(settings: SoftphoneSettings): Promise<string> {
        return this.deps.opencti.runApex(this.deps.names.apexClass('SoftphoneAssertion'), 'getAssertion', {
            audience: settings.assertionAudience || `https://${settings.suiteHost}:${settings.suitePort}`,
            certificateName: settings.assertionCertificate
        });
    }

    // ---- Connection and click-to-dial ------------------------------------------------------

    private get ready(): boolean {
        return this.suite?.connection.state === 'open' && this.pbxConnected;
    }

    private onConnection(status: SuiteConnection): void {
        if (status.state === 'open') this.everOpen = true;
        const shouldEnable = this.ready;
        if (shouldEnable !== this.clickToDialEnabled && !this.deps.phoneWindow) {
            this.clickToDialEnabled = shouldEnable;
            void this.deps.opencti
                .call(shouldEnable ? 'enableClickToDial' : 'disableClickToDial')
                .catch(() => undefined);
        }
        this.render();
    }

    private async onClickToDial(payload: ClickToDialPayload): Promise<void> {
        const number = typeof payload.number === 'string' ? payload.number : '';
        const record =
            typeof payload.recordId === 'string' && payload.recordId
                ? {
                      recordId: payload.recordId,
                      name: String(payload.recordName ?? ''),
                      objectType: String(payload.objectType ?? '')
                  }
                : undefined;
        await this.dial(number, record);
    }

    private async dial(input: string, record?: LinkedRecord): Promise<void> {
        if (!this.ready || !this.suite || !this.settings) {
            this.showNotice('dialFailed', { detail: 'not connected' });
            return;
        }
        const result = normaliseDialString(input, this.settings);
        if (!result.ok) {
            this.showNotice(result.reason, { number: input.slice(0, 64) });
            return;
        }
        this.pendingClickToDial = { dial: result.dial, record, at: this.now() };
        try {
            await this.suite.makeCall(result.dial);
        } catch (error) {
            this.pendingClickToDial = undefined;
            this.showNotice('dialFailed', { detail: errorText(error) });
            return;
        }
        this.remember(input.trim());
        this.render();
    }

    // ---- Calls -----------------------------------------------------------------------------

    private async onCall(call: SuiteCall): Promise<void> {
        let tracked = this.calls.get(call.callId);
        if (!tracked) {
            if (call.state === 'cleared') {
                // A call that started and ended while this tab was cut off from the Suite.
                this.logCall({
                    call,
                    incoming: call.direction === 'inbound',
                    notes: readNotes(this.deps.storage, call.callId) ?? '',
                    match: { kind: 'notSearched' },
                    candidates: [],
                    popRequested: true,
                    answeredAt: call.answerTime
                });
                return;
            }
            tracked = {
                call,
                incoming: call.state === 'ringing' || call.state === 'queued',
                notes: readNotes(this.deps.storage, call.callId) ?? '',
                match: { kind: 'notSearched' },
                candidates: [],
                popRequested: false,
                answeredAt: call.answerTime
            };
            this.calls.set(call.callId, tracked);
            this.linkClickToDial(tracked);
            if (
                tracked.incoming &&
                call.state === 'ringing' &&
                !this.deps.phoneWindow &&
                this.deps.isVisible()
            ) {
                void this.deps.opencti
                    .call('setSoftphonePanelVisibility', { visible: true })
                    .catch(() => undefined);
            }
        }
        tracked.call = call;
        // A call answered and ended while this tab was not listening arrives cleared, with its answer time.
        if (tracked.answeredAt === undefined && (call.state === 'connected' || call.answerTime !== undefined))
            tracked.answeredAt = call.answerTime ?? this.now();
        if (call.state === 'cleared') {
            this.calls.delete(call.callId);
            this.logCall(tracked);
            this.render();
            return;
        }
        this.adoptAnnotation(tracked);
        this.render();
        const mode = this.settings?.screenPopMode;
        const due =
            (mode === 'ringing' && (call.state === 'ringing' || call.state === 'connected')) ||
            (mode === 'answered' && call.state === 'connected');
        if (
            due &&
            !this.deps.phoneWindow &&
            !tracked.popRequested &&
            call.direction !== 'internal' &&
            !tracked.linked &&
            isSearchableNumber(call.remote.number)
        ) {
            tracked.popRequested = true;
            if (!this.autoPops.allow(this.now())) return;
            this.popClaimsPending++;
            let claimed = false;
            try {
                claimed = await claimAutoPop(call.callId, {
                    storage: this.deps.storage,
                    locks: this.deps.locks,
                    isVisible: this.deps.isVisible,
                    hasFocus: this.deps.hasFocus,
                    now: this.now
                });
            } finally {
                this.popClaimsPending--;
            }
            if (claimed) await this.pop(tracked);
        }
    }

    private linkClickToDial(tracked: TrackedCall): void {
        const pending = this.pendingClickToDial;
        if (!pending || tracked.incoming || this.now() - pending.at > 30_000) return;
        this.pendingClickToDial = undefined;
        if (pending.record) {
            tracked.linked = pending.record;
            tracked.match = {
                kind: 'single',
                recordId: pending.record.recordId,
                recordName: pending.record.name,
                recordType: pending.record.objectType
            };
            tracked.popRequested = true;
            this.shareAnnotation(tracked);
        }
    }

    /** Tells the agent's other tabs what this tab found out about the call (through shared storage). */
    private shareAnnotation(tracked: TrackedCall): void {
        const annotation: CallAnnotation = {
            at: this.now(),
            match: tracked.match,
            candidates: tracked.candidates,
            linked: tracked.linked
        };
        tracked.annotatedAt = annotation.at;
        this.deps.storage.setItem(annotationKey(tracked.call.callId), JSON.stringify(annotation));
    }

    /** Takes what another tab found out about the call, if it is newer than what this tab knows. */
    private adoptAnnotation(tracked: TrackedCall): void {
        if (tracked.match.kind === 'pending') return;
        const annotation = readCallAnnotation(this.deps.storage, tracked.call.callId, this.now());
        if (!annotation) return;
        if (tracked.annotatedAt !== undefined && annotation.at <= tracked.annotatedAt) return;
        tracked.annotatedAt = annotation.at;
        tracked.match = annotation.match;
        tracked.candidates = annotation.candidates;
        tracked.linked = annotation.linked;
        tracked.popRequested = true;
    }

    private async pop(tracked: TrackedCall): Promise<void> {
        tracked.popRequested = true;
        tracked.match = { kind: 'pending' };
        this.render();
        try {
            const matches = await this.deps.opencti.searchAndScreenPop(
                tracked.call.remote.number,
                tracked.call.direction
            );
            tracked.candidates = matches;
            if (matches.length === 1) {
                const [only] = matches;
                tracked.linked = { recordId: only.recordId, name: only.name, objectType: only.objectType };
                tracked.match = {
                    kind: 'single',
                    recordId: only.recordId,
                    recordName: only.name,
                    recordType: only.objectType
                };
            } else {
                tracked.match = { kind: matches.length > 1 ? 'multiple' : 'none' };
            }
            this.shareAnnotation(tracked);
        } catch (error) {
            tracked.match = { kind: 'notSearched' };
            tracked.popRequested = false;
            this.showNotice('commandFailed', { detail: errorText(error) });
        }
        this.render();
    }

    /** Opening one of the matched records during a call links the call (and its Task) to it. */
    private onNavigationChange(payload: NavigationPayload): void {
        const recordId = typeof payload.recordId === 'string' ? payload.recordId : '';
        if (!recordId) return;
        for (const tracked of this.calls.values()) {
            this.adoptAnnotation(tracked);
            const candidate = tracked.candidates.find((match) => match.recordId === recordId);
            if (!candidate) continue;
            const name =
                typeof payload.recordName === 'string' && payload.recordName
                    ? payload.recordName
                    : candidate.name;
            tracked.linked = { recordId, name, objectType: candidate.objectType };
            tracked.match = { kind: 'single', recordId, recordName: name, recordType: candidate.objectType };
            this.shareAnnotation(tracked);
        }
        this.render();
    }

    // ---- Task logging ----------------------------------------------------------------------

    private logCall(tracked: TrackedCall): void {
        const settings = this.settings;
        const { callId } = tracked.call;
        // The agent may have worked on the call in another tab: its notes and link are shared.
        this.adoptAnnotation(tracked);
        tracked.notes = readNotes(this.deps.storage, callId) ?? tracked.notes;
        this.deps.storage.removeItem(notesKey(callId));
        this.deps.storage.removeItem(annotationKey(callId));
        if (!settings?.createTasks || !this.queue || !agentHandled(tracked)) return;
        const missed = tracked.answeredAt === undefined && tracked.incoming;
        if (missed && !settings.logMissedCalls) return;
        this.queue.enqueue(tracked.call.callId, buildTask(tracked, this.now()));
        void this.drainQueue();
    }

    private async drainQueue(): Promise<void> {
        const queue = this.queue;
        if (!queue || !this.leadership?.isLeader || this.stopped) return;
        const isFailed = (entry: QueueEntry) => entry.state === 'failed';
        const beforeEntries = queue.entries();
        const failedBefore = new Set(beforeEntries.filter(isFailed).map((entry) => entry.callObject));
        await queue.drain();
        const entries = queue.entries();
        const outstanding = entries.filter((entry) => !isFailed(entry));
        const failed = entries.filter(isFailed);
        this.failedLogs = failed.map(failedLogView);
        this.failedLogsReadAt = this.now();
        if (entries.length < beforeEntries.length)
            void this.deps.opencti.call('refreshView').catch(() => undefined);
        const newlyFailed = failed.find((entry) => !failedBefore.has(entry.callObject));
        if (newlyFailed) this.showNotice('callLogFailed', { detail: newlyFailed.lastError ?? '' });
        else if (outstanding.some((entry) => entry.attempts > 0)) this.showNotice('callLogRetrying');
        else this.render();
        clearTimeout(this.drainTimer);
        const due = outstanding[0]?.nextAttemptAt;
        const recheck = failed.length > 0 ? this.now() + FAILED_LOG_RECHECK_MS : undefined;
        const next = due === undefined ? recheck : Math.min(due, recheck ?? due);
        if (next !== undefined && !this.stopped)
            this.drainTimer = setTimeout(() => void this.drainQueue(), Math.max(50, next - this.now()));
    }

    /** The failed saves to list (from storage shared with the other tabs, read at most once a second). */
    private currentFailedLogs(): SoftphoneFailedLog[] {
        if (this.queue && this.now() - this.failedLogsReadAt >= 1000) {
            this.failedLogs = this.queue.failed().map(failedLogView);
            this.failedLogsReadAt = this.now();
        }
        return this.failedLogs;
    }

    /** True when no Task save is waiting or running: a save for a queued call can no longer happen. */
    taskLogIdle(): boolean {
        return !this.queue || this.queue.idle();
    }

    /** Whether every automatic pop this tab considered is decided: claimed (and asked for) or left to another tab. */
    automaticPopsDecided(): boolean {
        return this.popClaimsPending === 0;
    }

    // ---- Intents ---------------------------------------------------------------------------

    private async handleIntent(intent: SoftphoneIntent): Promise<void> {
        const suite = this.suite;
        const command = async (action: () => Promise<void>) => {
            try {
                await action();
            } catch (error) {
                this.showNotice('commandFailed', { detail: errorText(error) });
            }
        };
        switch (intent.type) {
            case 'retry':
                if (this.startupProblem || !this.settings) await this.start();
                else if (suite?.connection.state === 'failed') {
                    this.connectSuite();
                    // In a tab that mirrors the leading tab, this asks the leader to retry.
                    this.suite?.retryNow();
                } else suite?.retryNow();
                return;
            case 'dial':
                await this.dial(intent.number);
                return;
            case 'notes': {
                const tracked = this.calls.get(intent.callId);
                if (!tracked) return;
                tracked.notes = intent.text.slice(0, MAX_NOTES_CHARS);
                this.deps.storage.setItem(notesKey(intent.callId), tracked.notes);
                return;
            }
            case 'pop': {
                const tracked = this.calls.get(intent.callId);
                if (tracked && !this.deps.phoneWindow) await this.pop(tracked);
                return;
            }
            case 'phonewindow':
                this.openPhoneWindow();
                return;
            case 'selfcheck':
                await this.runSelfCheck();
                return;
            case 'closeselfcheck':
                this.selfCheck = undefined;
                this.render();
                return;
            case 'retrylog':
                this.failedLogsReadAt = -Infinity;
                if (this.queue?.retry(intent.callObject)) await this.drainQueue();
                this.render();
                return;
            case 'dismisslog':
                this.queue?.dismiss(intent.callObject);
                this.failedLogsReadAt = -Infinity;
                this.render();
                return;
        }
        if (!suite) return;
        switch (intent.type) {
            case 'answer':
                return command(() => suite.answer(intent.callId));
            case 'hangup':
                return command(() => suite.clear(intent.callId));
            case 'hold':
                return command(() => suite.hold(intent.callId));
            case 'retrieve':
                return command(() => suite.retrieve(intent.callId));
            case 'dnd':
                return command(() => suite.setDnd(intent.enabled));
            case 'transfer':
            case 'consult': {
                const target = normaliseDialString(intent.to, this.settings as SoftphoneSettings);
                if (!target.ok) {
                    this.showNotice(target.reason, { number: intent.to.slice(0, 64) });
                    return;
                }
                return command(() =>
                    intent.type === 'transfer'
                        ? suite.blindTransfer(intent.callId, target.dial)
                        : suite.consult(intent.callId, target.dial)
                );
            }
            case 'completetransfer':
                return command(() => suite.completeTransfer(intent.callId, intent.consultCallId));
            case 'canceltransfer': {
                const consult = this.calls.get(intent.consultCallId);
                return command(async () => {
                    await suite.clear(intent.consultCallId);
                    const held = consult?.call.relatedCallId;
                    if (held) await this.retrieveWhenFree(suite, held);
                });
            }
        }
    }

    private openPhoneWindow(): void {
        const opener = this.deps.phoneWindowOpener;
        if (!opener || !this.rawSettings) return;
        if (!opener.open({ email: this.email, settings: this.rawSettings }))
            this.showNotice('phoneWindowBlocked');
    }

    private async runSelfCheck(): Promise<void> {
        if (this.selfCheck?.running) return;
        this.selfCheck = { running: true, checks: this.selfCheck?.checks ?? uncheckedLinks() };
        this.render();
        const problem = this.startupProblem;
        const suite = this.suite;
        const checks = await runSelfCheck({
            fetchSettings: () =>
                this.deps.phoneWindow
                    ? Promise.resolve(this.rawSettings)
                    : this.deps.opencti.call('getCallCenterSettings', {}, SELF_CHECK_TIMEOUT_MS),
            email: this.email
                ? this.email
                : {
                      problem:
                          problem?.code === 'userEmailUnavailable'
                              ? { code: problem.code, params: problem.params }
                              : { code: 'userEmailUnavailable', params: { detail: 'not known yet' } }
                  },
            checkServer: (settings) => this.deps.createSuite(this.connectionOptions(settings)).checkServer(),
            live: suite && {
                connection: suite.connection,
                user: suite.user,
                pbxConnected: this.pbxConnected,
                dropped: {
                    liveCalls: this.ownSuite?.stats?.droppedLiveCalls ?? 0,
                    endedCalls: this.ownSuite?.stats?.droppedRecentCalls ?? 0,
                    automaticPops: this.autoPops.skipped
                }
            }
        });
        // Closed while it ran: the agent no longer wants the answer.
        if (!this.selfCheck) return;
        this.selfCheck = { running: false, checks };
        this.render();
    }

    /** After cancelling a consult call, take the original caller off hold once the line is free. */
    private async retrieveWhenFree(suite: SuiteClient, callId: string): Promise<void> {
        for (let attempt = 0; attempt < 20; attempt++) {
            try {
                await suite.retrieve(callId);
                return;
            } catch (error) {
                if (!(error instanceof SuiteError) || error.code !== 'deviceBusy') throw error;
                await new Promise((resolve) => setTimeout(resolve, 100));
            }
        }
    }

    // ---- State -----------------------------------------------------------------------------

    private showNotice(code: SoftphoneMessageCode, params?: Record<string, string>): void {
        this.noticeCounter++;
        this.notice = { code, params, id: this.noticeCounter };
        this.render();
    }

    private remember(number: string): void {
        if (!number) return;
        this.recentNumbers = [number, ...this.recentNumbers.filter((recent) => recent !== number)].slice(
            0,
            MAX_RECENT
        );
        this.deps.storage.setItem(
            `mivoice.recent.${this.email.toLowerCase()}`,
            JSON.stringify(this.recentNumbers)
        );
    }

    private loadRecent(): string[] {
        try {
            const stored = JSON.parse(
                this.deps.storage.getItem(`mivoice.recent.${this.email.toLowerCase()}`) ?? '[]'
            ) as unknown;
            return Array.isArray(stored)
                ? stored
                      .filter((item): item is string => typeof item === 'string' && item.length <= 64)
                      .slice(0, MAX_RECENT)
                : [];
        } catch {
            return [];
        }
    }

    private status(): SoftphoneStatus {
        if (this.startupProblem) {
            const { canRetry, ...error } = this.startupProblem;
            return { phase: 'error', error, canRetry };
        }
        const connection = this.suite?.connection;
        if (!connection || connection.state === 'connecting') return { phase: 'connecting', canRetry: false };
        if (connection.state === 'failed')
            return { phase: 'error', error: connection.error.panelMessage(), canRetry: true };
        if (connection.state === 'reconnecting') {
            if (!this.everOpen && connection.lastError) {
                return { phase: 'error', error: connection.lastError.panelMessage(), canRetry: true };
            }
            return { phase: 'reconnecting', nextAttemptAt: connection.nextAttemptAt, canRetry: true };
        }
        if (!this.pbxConnected)
            return {
                phase: 'error',
                error: { code: 'pbxLinkDown', params: this.hostParams() },
                canRetry: false
            };
        return { phase: 'ready', canRetry: false };
    }

    private hostParams(): Record<string, string> {
        return { host: this.settings?.suiteHost ?? '', port: String(this.settings?.suitePort ?? '') };
    }

    snapshot(): SoftphonePanelState {
        const tracked = [...this.calls.values()].sort((a, b) => a.call.startTime - b.call.startTime);
        for (const entry of tracked) this.adoptAnnotation(entry);
        const active =
            tracked.find((entry) => entry.call.state === 'connected') ??
            tracked.find((entry) => entry.call.state === 'ringing' || entry.call.state === 'dialing') ??
            tracked.at(-1);
        const mode = this.settings?.screenPopMode;
        const user = this.suite?.user;
        return {
            status: this.status(),
            agent: user
                ? { displayName: user.displayName, extension: user.primaryExtension, email: user.email }
                : undefined,
            calls: tracked.map((entry) => ({
                callId: entry.call.callId,
                state: entry.call.state,
                direction: entry.call.direction,
                number: entry.call.remote.number,
                pbxName: entry.call.remote.name,
                match: entry.match,
                startedAt: entry.call.startTime,
                answeredAt: entry.answeredAt,
                huntGroup: entry.call.huntGroup,
                capabilities: entry.call.capabilities,
                active: entry === active,
                relatedCallId: entry.call.relatedCallId,
                notes: entry.notes,
                canPop:
                    !this.deps.phoneWindow &&
                    entry.match.kind !== 'pending' &&
                    (entry.match.kind === 'notSearched' ||
                        (mode === 'manual' && entry.match.kind !== 'single'))
            })),
            dnd: {
                available: this.ready || (this.suite?.connection.state === 'open' && !this.pbxConnected),
                enabled: this.suite?.dndEnabled ?? false
            },
            recentNumbers: this.recentNumbers,
            failedLogs: this.currentFailedLogs(),
            canOpenPhoneWindow: this.deps.phoneWindowOpener !== undefined && this.rawSettings !== undefined,
            notice: this.notice,
            selfCheck: this.selfCheck
        };
    }

    private render(): void {
        if (!this.stopped) this.deps.panel.render(this.snapshot());
    }
}

function failedLogView(entry: QueueEntry): SoftphoneFailedLog {
    return {
        callObject: entry.callObject,
        subject: String(entry.fields.Subject ?? ''),
        message: { code: 'callLogFailed', params: { detail: entry.lastError ?? '' } }
    };
}

function errorText(error: unknown): string {
    if (error instanceof SuiteError) return error.code;
    return error instanceof Error ? error.message.slice(0, 200) : String(error).slice(0, 200);
}
