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
    type HostSession
} from './hostSession';
import { errorText, routeIntent, type IntentTarget } from './panel/intents';
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
    private readonly deps: ControllerDependencies;
    private readonly now: () => number;
    private readonly setupCheck: SetupCheck;
    private session: HostSession | undefined;
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
        this.setupCheck = new SetupCheck(() => this.render());
        storage.onFallback(() => this.showNotice('storageUnavailable'));
        deps.panel.onIntent((intent) => {
            // The agent works the call in this browser: its Task, with what they do here, is this one's to save.
            if (WORKS_THE_CALL.has(intent.type) && 'callId' in intent)
                this.session?.claims.early(intent.callId);
            void routeIntent(intent, this.intentTarget());
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
            await Promise.all([
                this.tell('setSoftphonePanelLabel', { label: 'Phone' }),
                this.tell('setSoftphoneItemIcon', { key: 'call' })
            ]);
        }
        if (!phoneWindow) await this.tell('notifyInitializationComplete');
        this.render();
    }

    private use(identity: Identity): boolean {
        if (!identity.ok) {
            this.knownEmail = identity.email ?? this.knownEmail;
            this.startupProblem = identity.problem;
            this.render();
            // Salesforce waits for this before showing the panel; an honest error is better than a timeout.
            if (!this.deps.phoneWindow) void this.tell('notifyInitializationComplete');
            return false;
        }
        this.knownEmail = identity.email;
        this.session ??= openHostSession(identity, this.deps, {
            diagnostics: this.diagnostics,
            now: this.now,
            signAssertion: assertionSigner(this.deps),
            ready: () => this.ready,
            notify: (code, params) => this.showNotice(code, params),
            changed: () => this.render()
        });
        this.session.settings = identity.settings;
        this.session.rawSettings = identity.rawSettings;
        this.session.dialPad.load();
        this.session.logging.refreshFailed(true);
        this.connect();
        return true;
    }

    private connect(): void {
        const session = this.session as HostSession;
        session.suite.connect(session.settings, {
            connection: () => this.onConnection(),
            call: this.onCall,
            snapshot: (_calls, changes) => {
                for (const change of changes) void this.onCall(change.entry.call, change);
                this.render();
            },
            dnd: () => this.refreshShared(),
            logClaimed: (callId, here) => session.claims.heard(callId, here)
        });
    }

    stop(): void {
        this.stopped = true;
        this.session?.suite.stop();
        this.session?.logging.stop();
        this.session?.afterCall.stop();
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
            void this.tell(method);
        }
        this.refreshShared();
    }

    private async onClickToDial(payload: ClickToDialPayload): Promise<void> {
        const { number, record } = clickToDialRequest(payload);
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
        if (this.session?.links.navigatedTo(payload)) this.render();
    }

    // ---- Calls -----------------------------------------------------------------------------

    /** What a Suite report did to the tab's calls (the book took it already): links, pops, the Task. */
    private readonly onCall = async (call: SuiteCall, change: CallChange): Promise<void> => {
        const session = this.session;
        if (!session) return;
        if (change.kind === 'ended') {
            session.afterCall.ended(change.entry, session.links.close(call.callId), change.seenLive);
            if (change.seenLive) this.render();
            return;
        }
        const link = change.isNew
            ? session.links.open(call.callId, change.entry.incoming)
            : session.links.get(call.callId);
        if (!link) return;
        if (change.isNew && link.dialedHere) session.claims.early(call.callId);
        // A call ringing here brings the softphone panel up (once, in a tab the agent can see).
        if (change.isNew && change.entry.incoming && call.state === 'ringing' && this.canShowPanel())
            void this.tell('setSoftphonePanelVisibility', { visible: true });
        session.links.adoptAll();
        session.logging.refreshFailed();
        this.render();
        if (this.deps.phoneWindow || !automaticPopDue(session.settings.screenPopMode, call, link)) return;
        link.popRequested = true;
        if (await session.autoPops.claim(call.callId)) await this.pop(call.callId);
    };

    private canShowPanel(): boolean {
        return !this.deps.phoneWindow && this.deps.isVisible();
    }

    private async pop(callId: string): Promise<void> {
        const entry = this.session?.suite.book.get(callId);
        if (!this.session || !entry || this.deps.phoneWindow) return;
        const error = await screenPop(this.deps.opencti, this.session.links, entry.call, () => this.render());
        if (error) this.showNotice('commandFailed', { detail: errorText(error) });
        else this.render();
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
            heldPartyOf: (consultCallId) => session?.suite.book.heldPartyOf(consultCallId),
            notify: (code, params) => this.showNotice(code, params),
            retry: async () => {
                if (this.startupProblem || !session) return this.start();
                if (session.suite.client?.connection.state === 'failed') this.connect();
                // In a tab that mirrors the leading tab, this asks the leader to retry.
                session.suite.client?.retryNow();
            },
            dial: (number) => this.dial(number),
            setNotes: (callId, text) => {
                session?.links.setNotes(callId, text);
                session?.afterCall.setNotes(callId, text);
            },
            pop: (callId) => this.pop(callId),
            openPhoneWindow: () => {
                if (!openPhoneWindow(this.deps.phoneWindowOpener, session))
                    this.showNotice('phoneWindowBlocked');
            },
            runSelfCheck: () =>
                this.setupCheck.run(
                    setupCheckInputs(
                        this.deps,
                        session,
                        this.knownEmail,
                        this.startupProblem,
                        this.diagnostics
                    )
                ),
            closeSelfCheck: () => this.setupCheck.close(),
            retryLog: async (callObject) => {
                await session?.logging.retry(callObject);
                this.render();
            },
            dismissLog: (callObject) => {
                session?.logging.dismiss(callObject);
                this.render();
            },
            pick: async (callId, recordId) => session?.afterCall.pick(callId, recordId),
            wrapUpChange: (callId, field, value) => session?.afterCall.wrapUps.change(callId, field, value),
            wrapUpDone: (callId, changes) => session?.afterCall.wrapUps.done(callId, changes),
            callBack: async (callId) => session?.afterCall.callBack(callId),
            openRecord: async (recordId) => session?.afterCall.open(recordId),
            historySeen: () => session?.afterCall.historySeen(),
            diagnostics: this.diagnostics
        };
    }

    // ---- State -----------------------------------------------------------------------------

    /** An Open CTI request whose failure nobody awaits: recorded for the setup check instead of lost. */
    private tell(method: string, args?: Record<string, unknown>): Promise<void> {
        return this.diagnostics.settle(`opencti.${method}`, this.deps.opencti.call(method, args));
    }

    private showNotice(code: SoftphoneMessageCode, params?: Record<string, string>): void {
        this.notice = { code, params, id: (this.notice?.id ?? 0) + 1 };
        this.render();
    }

    /** Takes what the agent's other tabs changed in the shared storage (call links, failed saves). */
    private refreshShared(): void {
        this.session?.links.adoptAll();
        this.session?.logging.refreshFailed();
        this.session?.afterCall.refresh();
        this.render();
    }

    snapshot(): SoftphonePanelState {
        return projectPanel({
            ...sessionView(this.session),
            startupProblem: this.startupProblem,
            inPhoneWindow: this.deps.phoneWindow !== undefined,
            canOpenPhoneWindow: this.deps.phoneWindowOpener !== undefined && this.session !== undefined,
            notice: this.notice,
            selfCheck: this.setupCheck.view
        });
    }

    private render(): void {
        if (!this.stopped) this.deps.panel.render(this.snapshot());
    }
}
