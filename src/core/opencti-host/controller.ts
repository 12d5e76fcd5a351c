// The Open CTI host: wires the telephony core (the Suite session, the call book) to Salesforce
// (pops, record links, the Task log) and to the panel, which it redraws after every change. It
// spends as few Open CTI requests as it can: none while idle, none for hold and retrieve, one pop
// and one Task save per call.
import { resilient } from '../telephony/storage/resilientStore';
import type { ClickToDialPayload, NavigationPayload } from './opencti/openCtiClient';
import type { SoftphoneSettings } from '../telephony/settings/schema';
import type { CallChange, SuiteCall } from '../suite/types';
import { Diagnostics } from '../telephony/diagnostics';
import { clickToDialRequest, type DialPad } from './dialPad';
import {
    assertionSigner,
    openHostSession,
    openPhoneWindow,
    sessionView,
    setupCheckInputs,
    type ControllerDependencies,
    type Extras,
    type HostSession
} from './hostSession';
import { routeIntent, type IntentTarget } from './panel/intents';
import { Notices } from './panel/notices';
import { isReady, projectPanel, type StartupProblem } from './panel/panelProjection';
import { automaticPopDue, screenPop } from './pops/popPolicy';
import { SetupCheck } from './setupCheck/setupCheck';
import { identifyFromOpener, identifyInSalesforce, type Identity } from './startup';

export type { SuiteConnectionOptions } from '../telephony/tabs/suiteSession';
export type { ControllerDependencies } from './hostSession';

/** What the agent does to a call in a browser that makes that browser the one to log it (its log claim). */
const WORKS_THE_CALL: ReadonlySet<SoftphoneIntent['type']> = new Set([
    'answer',
    'hangup',
    'hold',
    'retrieve',
    'transfer',
    'consult',
    'notes',
    'pick'
] as const);

export class SoftphoneController {
    readonly diagnostics: Diagnostics;
    readonly #deps: ControllerDependencies;
    readonly #now: () => number;
    readonly #setupCheck: SetupCheck;
    #session: HostSession | undefined;
    #knownEmail = '';
    #startupProblem: StartupProblem | undefined;
    #clickToDialEnabled = false;
    readonly #notices = new Notices();
    #listenersRegistered = false;
    #stopped = false;
    #extrasLoaded = false;
    #extrasLoading: Promise<Extras> | undefined;

    constructor(deps: ControllerDependencies) {
        const storage = resilient(deps.storage);
        this.#deps = { ...deps, storage, loadExtras: () => this.#loadExtras(deps.loadExtras) };
        this.#now = deps.now ?? Date.now;
        this.diagnostics = deps.diagnostics ?? new Diagnostics(this.#now);
        this.#setupCheck = new SetupCheck(
            () => this.#render(),
            async () => (await this.#deps.loadExtras()).checkLinks
        );
        storage.onFallback(() => this.#showNotice('storageUnavailable'));
        deps.panel.onIntent((intent) => {
            // The agent works the call in this browser: its Task, with what they do here, is this one's to save.
            if (WORKS_THE_CALL.has(intent.type) && 'callId' in intent)
                this.#session?.claims.early(intent.callId);
            void routeIntent(intent, this.#intentTarget());
        });
    }

    /**
     * The second part of the core, for all who need it: a load that failed is recorded and the agent
     * told what is missing (until a later load, at the next need, succeeds).
     */
    #loadExtras(load: () => Promise<Extras>): Promise<Extras> {
        this.#extrasLoading ??= load().then(
            (extras) => {
                this.#extrasLoaded = true;
                return extras;
            },
            (error: unknown) => {
                this.#extrasLoading = undefined;
                this.diagnostics.record('softphone.loadExtras', error);
                this.#showNotice('extrasUnavailable');
                throw error;
            }
        );
        return this.#extrasLoading;
    }

    /** The settings in use, once start-up got that far. */
    get settings(): SoftphoneSettings | undefined {
        return this.#session?.settings;
    }

    // ---- Start-up --------------------------------------------------------------------------

    async start(): Promise<void> {
        this.#startupProblem = undefined;
        this.#render();
        const { opencti, names, phoneWindow } = this.#deps;
        const identity = phoneWindow
            ? await identifyFromOpener(phoneWindow)
            : await identifyInSalesforce(opencti, names);
        if (!this.#use(identity)) return;
        if (!phoneWindow && !this.#listenersRegistered) {
            this.#listenersRegistered = true;
            opencti.listen('onClickToDial', (payload) => void this.#onClickToDial(payload));
            opencti.listen('onNavigationChange', (payload) => this.#onNavigationChange(payload));
            await Promise.all([
                this.#tell('setSoftphonePanelLabel', { label: 'Phone' }),
                this.#tell('setSoftphoneItemIcon', { key: 'call' })
            ]);
        }
        if (!phoneWindow) await this.#notifyInitialized();
        this.#render();
    }

    #use(identity: Identity): boolean {
        if (!identity.ok) {
            this.#knownEmail = identity.email ?? this.#knownEmail;
            this.#startupProblem = identity.problem;
            // The agent reads what to do; the reason Salesforce or the opener gave is for the setup check.
            const detail = identity.problem.params?.detail;
            if (detail) this.diagnostics.record(`startup.${identity.problem.code}`, detail);
            this.#render();
            // Salesforce waits for this before showing the panel; an honest error is better than a timeout.
            if (!this.#deps.phoneWindow) void this.#notifyInitialized();
            return false;
        }
        this.#knownEmail = identity.email;
        this.#session ??= openHostSession(identity, this.#deps, {
            diagnostics: this.diagnostics,
            now: this.#now,
            signAssertion: assertionSigner(this.#deps),
            ready: () => this.#ready,
            notify: (code, params) => this.#showNotice(code, params),
            placed: () => this.#notices.dialMoved(),
            changed: () => this.#render()
        });
        this.#session.settings = identity.settings;
        this.#session.rawSettings = identity.rawSettings;
        this.#session.logging.refreshFailed(true);
        this.#connect();
        return true;
    }

    #connect(): void {
        const session = this.#session as HostSession;
        session.suite.connect(session.settings, {
            connection: () => this.#onConnection(),
            call: this.#onCall,
            snapshot: (_calls, changes) => {
                for (const change of changes) void this.#onCall(change.entry.call, change);
                this.#render();
            },
            dnd: () => this.#refreshShared(),
            logClaimed: (callId, here) => session.claims.heard(callId, here)
        });
    }

    stop(): void {
        this.#stopped = true;
        this.#session?.suite.stop();
        this.#session?.logging.stop();
        this.#session?.afterCall.stop();
    }

    // ---- Connection, click-to-dial, navigation -------------------------------------------------

    get #ready(): boolean {
        const suite = this.#session?.suite;
        return isReady({ connection: suite?.client?.connection, pbxConnected: suite?.pbxConnected ?? true });
    }

    #onConnection(): void {
        const shouldEnable = this.#ready;
        if (shouldEnable !== this.#clickToDialEnabled && !this.#deps.phoneWindow) {
            this.#clickToDialEnabled = shouldEnable;
            const method = shouldEnable ? 'enableClickToDial' : 'disableClickToDial';
            void this.#tell(method);
        }
        this.#refreshShared();
    }

    async #onClickToDial(payload: ClickToDialPayload): Promise<void> {
        const { number, record } = clickToDialRequest(payload);
        await this.#dial(number, record);
    }

    #dial(number: string, record?: Parameters<DialPad['dial']>[1], fromPad = false): Promise<void> {
        if (!this.#session) {
            this.#showNotice('notConnected');
            return Promise.resolve();
        }
        return this.#session.dialPad.dial(number, record, fromPad);
    }

    /**
     * The network is back, or the agent came back to the page: a connection that is down is tried at
     * once instead of at its next attempt (in a tab that follows, the leading tab is asked to).
     */
    wake(): void {
        const client = this.#session?.suite.client;
        if (client && client.connection.state === 'reconnecting') client.retryNow();
        this.#render();
    }

    #onNavigationChange(payload: NavigationPayload): void {
        if (this.#session?.links.navigatedTo(payload)) this.#render();
    }

    // ---- Calls -----------------------------------------------------------------------------

    /** What a Suite report did to the tab's calls (the book took it already): links, pops, the Task. */
    readonly #onCall = async (call: SuiteCall, change: CallChange): Promise<void> => {
        const session = this.#session;
        if (!session) return;
        if (change.kind === 'ended') {
            session.afterCall.ended(change.entry, session.links.close(call.callId), change.seenLive);
            if (change.seenLive) this.#render();
            return;
        }
        const link = change.isNew
            ? session.links.open(call.callId, change.entry.incoming)
            : session.links.get(call.callId);
        if (!link) return;
        if (change.isNew && link.dialedHere) session.claims.early(call.callId);
        // A call ringing here brings the softphone panel up (once, in a tab the agent can see).
        if (change.isNew && change.entry.incoming && call.state === 'ringing' && this.#canShowPanel())
            void this.#tell('setSoftphonePanelVisibility', { visible: true });
        session.links.adoptAll();
        session.logging.refreshFailed();
        this.#render();
        if (this.#deps.phoneWindow || !automaticPopDue(session.settings.screenPopMode, call, link)) return;
        link.popRequested = true;
        if (await session.autoPops.claim(call.callId)) await this.#pop(call.callId);
    };

    #canShowPanel(): boolean {
        return !this.#deps.phoneWindow && this.#deps.isVisible();
    }

    async #pop(callId: string): Promise<void> {
        const session = this.#session;
        if (session?.afterCall.views?.inWrapUp(callId)) return session.afterCall.views.findCaller(callId);
        const entry = session?.suite.book.get(callId);
        if (!session || !entry || this.#deps.phoneWindow) return;
        const error = await screenPop(this.#deps.opencti, session.links, entry.call, () => this.#render());
        if (error) {
            this.diagnostics.record('opencti.searchAndScreenPop', error);
            this.#showNotice('salesforceRequestFailed');
        } else this.#render();
    }

    /** True when no Task save is waiting or running: a save for a queued call can no longer happen. */
    taskLogIdle(): boolean {
        return !this.#session || this.#session.logging.idle();
    }

    /** Whether every automatic pop this tab considered is decided: claimed (and asked for) or left to another tab. */
    automaticPopsDecided(): boolean {
        return !this.#session || this.#session.autoPops.decided;
    }

    // ---- Intents ---------------------------------------------------------------------------

    #intentTarget(): IntentTarget {
        const session = this.#session;
        return {
            suite: () => session?.suite.client,
            settings: () => session?.settings,
            heldPartyOf: (consultCallId) => session?.suite.book.heldPartyOf(consultCallId),
            notify: (code, params, callId) => this.#showNotice(code, params, callId),
            retry: async () => {
                if (this.#startupProblem || !session) return this.start();
                if (session.suite.client?.connection.state === 'failed') this.#connect();
                // In a tab that mirrors the leading tab, this asks the leader to retry.
                session.suite.client?.retryNow();
            },
            dial: (number) => this.#dial(number, undefined, true),
            dialInput: (number) => {
                session?.dialPad.input(number);
                this.#notices.dialMoved();
                this.#render();
            },
            dismissNotice: (id) => {
                if (this.#notices.dismiss(id)) this.#render();
            },
            setNotes: (callId, text) => {
                session?.links.setNotes(callId, text);
                session?.afterCall.views?.setNotes(callId, text);
            },
            pop: (callId) => this.#pop(callId),
            openPhoneWindow: () => {
                if (!openPhoneWindow(this.#deps.phoneWindowOpener, session))
                    this.#showNotice('phoneWindowBlocked');
            },
            runSelfCheck: () =>
                this.#setupCheck.run(
                    setupCheckInputs(
                        this.#deps,
                        session,
                        this.#knownEmail,
                        this.#startupProblem,
                        this.diagnostics
                    )
                ),
            closeSelfCheck: () => this.#setupCheck.close(),
            retryLog: async (callObject) => {
                await session?.logging.retry(callObject);
                this.#render();
            },
            dismissLog: (callObject) => {
                session?.logging.dismiss(callObject);
                this.#render();
            },
            pick: async (callId, recordId) => session?.afterCall.pick(callId, recordId),
            wrapUpChange: (callId, field, value) =>
                session?.afterCall.views?.wrapUpChange(callId, field, value),
            wrapUpDone: (callId, changes) => session?.afterCall.views?.wrapUpDone(callId, changes),
            callBack: async (callId) => session?.afterCall.views?.callBack(callId),
            openRecord: async (recordId) => session?.afterCall.open(recordId),
            historySeen: () => session?.afterCall.views?.historySeen(),
            diagnostics: this.diagnostics
        };
    }

    // ---- State -----------------------------------------------------------------------------

    /** An Open CTI request whose failure nobody awaits: recorded for the setup check instead of lost. */
    /** Salesforce shows its loading screen until told: told once the panel is on the page to replace it. */
    async #notifyInitialized(): Promise<void> {
        await this.#deps.panel.shown;
        await this.#tell('notifyInitializationComplete');
    }

    #tell(method: string, args?: Record<string, unknown>): Promise<void> {
        return this.diagnostics.settle(`opencti.${method}`, this.#deps.opencti.call(method, args));
    }

    /** A notice for the agent; about a call when `callId` is given (it goes when that call changes). */
    #showNotice(code: SoftphoneMessageCode, params?: Record<string, string>, callId?: string): void {
        const state = callId ? this.#session?.suite.book.get(callId)?.call.state : undefined;
        this.#notices.show(code, params, callId ? { kind: 'call', callId, state } : undefined);
        this.#render();
    }

    /** Takes what the agent's other tabs changed in the shared storage (call links, failed saves). */
    #refreshShared(): void {
        this.#session?.links.adoptAll();
        this.#session?.logging.refreshFailed();
        this.#session?.afterCall.refresh();
        this.#render();
    }

    snapshot(): SoftphonePanelState {
        return projectPanel({
            ...sessionView(this.#session),
            startupProblem: this.#startupProblem,
            inPhoneWindow: this.#deps.phoneWindow !== undefined,
            canOpenPhoneWindow: this.#deps.phoneWindowOpener !== undefined && this.#session !== undefined,
            notice: this.#notices.notice,
            selfCheck: this.#setupCheck.view,
            online: this.#deps.isOnline?.() ?? true
        });
    }

    #render(): void {
        if (this.#stopped) return;
        // A notice whose cause is gone (the connection back, the call changed) goes before drawing.
        const session = this.#session;
        this.#notices.settle({
            ready: this.#ready,
            callState: (callId) => session?.suite.book.get(callId)?.call.state,
            taskLogTroubled: () => session?.logging.troubled() ?? false,
            extrasLoaded: this.#extrasLoaded
        });
        this.#deps.panel.render(this.snapshot());
    }
}
