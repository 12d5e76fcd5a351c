// The Open CTI host: wires the telephony core (the Suite session, the call book) to Salesforce
// (pops, record links, the Task log) and to the panel, which it redraws after every change. It
// spends as few Open CTI requests as it can: none while idle, none for hold and retrieve, one pop
// and one Task save per call.
import type { PlatformNames } from '../adapter/platformNames';
import { AgentStorage, agentNamespace } from '../durability/agentStorage';
import type { KeyValueStore } from '../durability/keyValueStore';
import type { LockManagerLike } from '../durability/leadership';
import { resilient } from '../durability/resilientStore';
import type { TabChannel } from '../durability/sharedSuiteClient';
import type { PanelHost } from '../host/panelHost';
import type { ClickToDialPayload, NavigationPayload, OpenCtiBridge } from '../opencti/bridge';
import type { PhoneWindowIdentitySource, PhoneWindowOpener } from '../popout/phoneWindow';
import type { SoftphoneSettings } from '../settings/schema';
import type { SuiteCall, SuiteClient } from '../suite/types';
import { CallBook } from '../telephony/callBook';
import { Diagnostics } from '../telephony/diagnostics';
import { CallLogging } from './callLogging';
import { DialPad } from './dialPad';
import { errorText, routeIntent, type IntentTarget } from './intents';
import { isReady, projectPanel, type StartupProblem } from './panelProjection';
import { AutoPops, automaticPopDue } from './popPolicy';
import { RecordLinks } from './recordLinks';
import { SetupCheck } from './setupCheck';
import { identifyFromOpener, identifyInSalesforce, type Identity } from './startup';
import { SuiteSession, connectionOptions, type SuiteConnectionOptions } from './suiteSession';

export type { SuiteConnectionOptions } from './suiteSession';

export interface ControllerDependencies {
    opencti: OpenCtiBridge;
    panel: PanelHost;
    names: PlatformNames;
    createSuite(options: SuiteConnectionOptions): SuiteClient;
    storage: KeyValueStore;
    locks?: LockManagerLike;
    /** A channel between this agent's tabs (BroadcastChannel): the leader's connection is shared. */
    openTabChannel?(name: string): TabChannel;
    /** Tells of a change another tab made to the shared storage (the browser's `storage` event). */
    onSharedStorageChange?(listener: (key: string | null) => void): void;
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
    /** Where failures nobody awaits are recorded (the setup check shows them). */
    diagnostics?: Diagnostics;
}

/** What exists once the agent and the settings are known. */
interface Session {
    email: string;
    rawSettings: Record<string, unknown>;
    settings: SoftphoneSettings;
    storage: AgentStorage;
    suite: SuiteSession;
    logging: CallLogging;
    autoPops: AutoPops;
    links: RecordLinks;
    dialPad: DialPad;
}

export class SoftphoneController {
    readonly diagnostics: Diagnostics;
    private readonly deps: ControllerDependencies & { storage: KeyValueStore };
    private readonly now: () => number;
    private readonly book: CallBook;
    private readonly setupCheck: SetupCheck;
    private session: Session | undefined;
    private knownEmail = '';
    private startupProblem: StartupProblem | undefined;
    private clickToDialEnabled = false;
    private notice: (SoftphoneMessage & { id: number }) | undefined;
    private listenersRegistered = false;
    private stopped = false;

    constructor(deps: ControllerDependencies) {
        const storage = resilient(deps.storage);
        this.deps = { ...deps, storage };
        this.now = deps.now ?? Date.now;
        this.diagnostics = deps.diagnostics ?? new Diagnostics(this.now);
        this.book = new CallBook(this.now);
        this.setupCheck = new SetupCheck(() => this.render());
        storage.onFallback(() => this.showNotice('storageUnavailable'));
        deps.panel.onIntent((intent) => void routeIntent(intent, this.intentTarget()));
        deps.onSharedStorageChange?.((key) => {
            if (key === null || this.session?.storage.isSharedCallState(key)) this.refreshShared(true);
        });
    }

    /** The settings in use, once start-up got that far. */
    get settings(): SoftphoneSettings | undefined {
        return this.session?.settings;
    }

    // ---- Start-up --------------------------------------------------------------------------

    async start(): Promise<void> {
        this.startupProblem = undefined;
        this.render();
        const { opencti, names, phoneWindow } = this.deps;
        const identity = phoneWindow
            ? await identifyFromOpener(phoneWindow)
            : await identifyInSalesforce(opencti, names);
        if (!this.use(identity)) return;
        if (!phoneWindow && !this.listenersRegistered) {
            this.listenersRegistered = true;
            opencti.listen('onClickToDial', (payload) => void this.onClickToDial(payload));
            opencti.listen('onNavigationChange', (payload) => this.onNavigationChange(payload));
            await Promise.allSettled([
                this.settle(
                    'setSoftphonePanelLabel',
                    opencti.call('setSoftphonePanelLabel', { label: 'Phone' })
                ),
                this.settle('setSoftphoneItemIcon', opencti.call('setSoftphoneItemIcon', { key: 'call' }))
            ]);
        }
        if (!phoneWindow)
            await this.settle('notifyInitializationComplete', opencti.call('notifyInitializationComplete'));
        this.render();
    }

    private use(identity: Identity): boolean {
        if (!identity.ok) {
            this.knownEmail = identity.email ?? this.knownEmail;
            this.startupProblem = identity.problem;
            this.render();
            // Salesforce waits for this before showing the panel; an honest error is better than a timeout.
            if (!this.deps.phoneWindow)
                void this.settle(
                    'notifyInitializationComplete',
                    this.deps.opencti.call('notifyInitializationComplete')
                );
            return false;
        }
        this.knownEmail = identity.email;
        this.session ??= this.openSession(identity);
        this.session.settings = identity.settings;
        this.session.rawSettings = identity.rawSettings;
        this.session.dialPad.load();
        this.session.logging.refreshFailed(true);
        this.connect();
        return true;
    }

    private openSession(identity: Extract<Identity, { ok: true }>): Session {
        const { deps, now, diagnostics } = this;
        const storage = new AgentStorage(deps.storage, agentNamespace(identity.email), now);
        const inPhoneWindow = deps.phoneWindow !== undefined;
        const suite = new SuiteSession({
            storage,
            email: identity.email,
            locks: deps.locks,
            createSuite: deps.createSuite,
            openTabChannel: deps.openTabChannel,
            preferred: inPhoneWindow,
            signAssertion: this.signAssertion,
            diagnostics
        });
        const logging = new CallLogging({
            storage,
            opencti: deps.opencti,
            names: deps.names,
            locks: deps.locks,
            now,
            diagnostics,
            saves: !inPhoneWindow,
            saveTimeoutMs: deps.saveTimeoutMs,
            lookupTimeoutMs: deps.lookupTimeoutMs,
            notify: (code, params) => this.showNotice(code, params),
            changed: () => this.render()
        });
        const autoPops = new AutoPops({
            storage,
            locks: deps.locks,
            isVisible: deps.isVisible,
            hasFocus: deps.hasFocus,
            now
        });
        const links = new RecordLinks(storage, now);
        const dialPad = new DialPad(storage, links, {
            suite: () => suite.client,
            ready: () => this.ready,
            settings: () => this.session?.settings,
            notify: (code, params) => this.showNotice(code, params),
            changed: () => this.render()
        });
        return { ...identity, storage, suite, logging, autoPops, links, dialPad };
    }

    private connect(): void {
        const session = this.session as Session;
        session.suite.connect(session.settings, {
            connection: () => this.onConnection(),
            call: (call) => void this.onCall(call),
            snapshot: (calls) => {
                for (const call of calls) void this.onCall(call);
                this.render();
            },
            dnd: () => this.render()
        });
    }

    stop(): void {
        this.stopped = true;
        this.session?.suite.stop();
        this.session?.logging.stop();
    }

    // ---- Connection, click-to-dial, navigation -------------------------------------------------

    private get ready(): boolean {
        const suite = this.session?.suite;
        return isReady({ connection: suite?.client?.connection, pbxConnected: suite?.pbxConnected ?? true });
    }

    private onConnection(): void {
        const shouldEnable = this.ready;
        if (shouldEnable !== this.clickToDialEnabled && !this.deps.phoneWindow) {
            this.clickToDialEnabled = shouldEnable;
            const method = shouldEnable ? 'enableClickToDial' : 'disableClickToDial';
            void this.settle(method, this.deps.opencti.call(method));
        }
        this.refreshShared(false);
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

    private dial(number: string, record?: Parameters<DialPad['dial']>[1]): Promise<void> {
        if (!this.session) {
            this.showNotice('dialFailed', { detail: 'not connected' });
            return Promise.resolve();
        }
        return this.session.dialPad.dial(number, record);
    }

    private onNavigationChange(payload: NavigationPayload): void {
        const recordId = typeof payload.recordId === 'string' ? payload.recordId : '';
        if (!recordId || !this.session) return;
        this.session.links.navigatedTo(
            recordId,
            typeof payload.recordName === 'string' ? payload.recordName : ''
        );
        this.render();
    }

    // ---- Calls -----------------------------------------------------------------------------

    private async onCall(call: SuiteCall): Promise<void> {
        const session = this.session;
        if (!session) return;
        const change = this.book.apply(call);
        if (change.kind === 'ended') {
            const link = session.links.close(call.callId);
            session.logging.log(
                { ...change.entry, linked: link.linked, notes: link.notes },
                session.settings
            );
            if (change.seenLive) this.render();
            return;
        }
        const link = change.isNew
            ? session.links.open(call.callId, change.entry.incoming)
            : session.links.get(call.callId);
        if (!link) return;
        if (
            change.isNew &&
            change.entry.incoming &&
            call.state === 'ringing' &&
            !this.deps.phoneWindow &&
            this.deps.isVisible()
        )
            void this.settle(
                'setSoftphonePanelVisibility',
                this.deps.opencti.call('setSoftphonePanelVisibility', { visible: true })
            );
        session.links.adoptAll();
        session.logging.refreshFailed();
        this.render();
        if (this.deps.phoneWindow || !automaticPopDue(session.settings.screenPopMode, call, link)) return;
        link.popRequested = true;
        if (await session.autoPops.claim(call.callId)) await this.pop(call.callId);
    }

    private async pop(callId: string): Promise<void> {
        const session = this.session;
        const entry = this.book.get(callId);
        if (!session || !entry || this.deps.phoneWindow) return;
        session.links.searching(callId);
        this.render();
        try {
            const matches = await this.deps.opencti.searchAndScreenPop(
                entry.call.remote.number,
                entry.call.direction
            );
            session.links.found(callId, matches);
        } catch (error) {
            session.links.searchFailed(callId);
            this.showNotice('commandFailed', { detail: errorText(error) });
        }
        this.render();
    }

    /** True when no Task save is waiting or running: a save for a queued call can no longer happen. */
    taskLogIdle(): boolean {
        return !this.session || this.session.logging.idle();
    }

    /** Whether every automatic pop this tab considered is decided: claimed (and asked for) or left to another tab. */
    automaticPopsDecided(): boolean {
        return !this.session || this.session.autoPops.decided;
    }

    // ---- Intents ---------------------------------------------------------------------------

    private intentTarget(): IntentTarget {
        const session = this.session;
        return {
            suite: () => session?.suite.client,
            settings: () => session?.settings,
            heldPartyOf: (consultCallId) => this.book.heldPartyOf(consultCallId),
            notify: (code, params) => this.showNotice(code, params),
            retry: async () => {
                const client = session?.suite.client;
                if (this.startupProblem || !session) await this.start();
                else if (client?.connection.state === 'failed') {
                    this.connect();
                    // In a tab that mirrors the leading tab, this asks the leader to retry.
                    session.suite.client?.retryNow();
                } else client?.retryNow();
            },
            dial: (number) => this.dial(number),
            setNotes: (callId, text) => session?.links.setNotes(callId, text),
            pop: (callId) => this.pop(callId),
            openPhoneWindow: () => {
                const opener = this.deps.phoneWindowOpener;
                if (!opener || !session) return;
                if (!opener.open({ email: session.email, settings: session.rawSettings }))
                    this.showNotice('phoneWindowBlocked');
            },
            runSelfCheck: () => this.setupCheck.run(this.setupCheckInputs()),
            closeSelfCheck: () => this.setupCheck.close(),
            retryLog: async (callObject) => {
                await session?.logging.retry(callObject);
                this.render();
            },
            dismissLog: (callObject) => {
                session?.logging.dismiss(callObject);
                this.render();
            },
            diagnostics: this.diagnostics
        };
    }

    private setupCheckInputs(): Parameters<SetupCheck['run']>[0] {
        const session = this.session;
        return {
            fetchSettings: () =>
                this.deps.phoneWindow
                    ? Promise.resolve(session?.rawSettings)
                    : this.deps.opencti.call('getCallCenterSettings', {}, SetupCheck.TIMEOUT_MS),
            email: this.knownEmail,
            startupProblem: this.startupProblem,
            checkServer: (settings) =>
                this.deps
                    .createSuite(connectionOptions(settings, this.knownEmail, this.signAssertion))
                    .checkServer(),
            suite: session?.suite,
            automaticPopsSkipped: session?.autoPops.skipped ?? 0,
            diagnostics: this.diagnostics
        };
    }

    private readonly signAssertion = (settings: SoftphoneSettings): Promise<string> =>
        this.deps.opencti.runApex(this.deps.names.apexClass('SoftphoneAssertion'), 'getAssertion', {
            audience: settings.assertionAudience || `https://${settings.suiteHost}:${settings.suitePort}`,
            certificateName: settings.assertionCertificate
        });

    // ---- State -----------------------------------------------------------------------------

    /** Failures nobody awaits: recorded for the setup check instead of lost. */
    private settle(method: string, request: Promise<unknown>): Promise<void> {
        return this.diagnostics.settle(`opencti.${method}`, request);
    }

    private showNotice(code: SoftphoneMessageCode, params?: Record<string, string>): void {
        this.notice = { code, params, id: (this.notice?.id ?? 0) + 1 };
        this.render();
    }

    /** Takes what the agent's other tabs changed in the shared storage (call links, failed saves). */
    private refreshShared(force: boolean): void {
        this.session?.links.adoptAll();
        this.session?.logging.refreshFailed(force);
        this.render();
    }

    snapshot(): SoftphonePanelState {
        const session = this.session;
        const client = session?.suite.client;
        return projectPanel({
            startupProblem: this.startupProblem,
            connection: client?.connection,
            everOpen: session?.suite.everOpen ?? false,
            pbxConnected: session?.suite.pbxConnected ?? true,
            settings: session?.settings,
            user: client?.user,
            dndEnabled: client?.dndEnabled ?? false,
            calls: this.book.list().flatMap((entry) => {
                const link = session?.links.get(entry.call.callId);
                return link ? [{ entry, link }] : [];
            }),
            activeCallId: this.book.active()?.call.callId,
            screenPopMode: session?.settings.screenPopMode,
            inPhoneWindow: this.deps.phoneWindow !== undefined,
            recentNumbers: session?.dialPad.recent ?? [],
            failedLogs: session?.logging.failedLogs() ?? [],
            canOpenPhoneWindow: this.deps.phoneWindowOpener !== undefined && session !== undefined,
            notice: this.notice,
            selfCheck: this.setupCheck.view
        });
    }

    private render(): void {
        if (!this.stopped) this.deps.panel.render(this.snapshot());
    }
}
