// What the Open CTI host is given by the page it runs in, and the parts it builds once the agent
// and the call center settings are known: one set per agent, kept across a retry.
import type { PlatformNames } from './adapter/platformNames';
import { AgentStorage, agentNamespace } from '../telephony/storage/agentStorage';
import type { KeyValueStore } from '../telephony/storage/keyValueStore';
import type { LockManagerLike } from '../telephony/tabs/leadership';
import type { TabChannel } from '../telephony/tabs/tabChannel';
import type { PanelHost } from './panel/panelHost';
import type { OpenCtiClient } from './opencti/openCtiClient';
import type { PhoneWindowIdentitySource, PhoneWindowOpener } from './popout/phoneWindow';
import type { SoftphoneSettings } from '../telephony/settings/schema';
import type { SuiteClient } from '../suite/types';
import type { Diagnostics } from '../telephony/diagnostics';
import { AfterCall, type AfterCallParts } from './taskLog/afterCall';
import { CallLogging } from './taskLog/callLogging';
import { LogClaims } from './taskLog/logClaims';
import type { describeSaveLogFailure } from './taskLog/saveLogFailure';
import { DialPad } from './dialPad';
import { AutoPops } from './pops/popPolicy';
import { RecordLinks } from './records/recordLinks';
import type { Identity } from './startup';
import { SetupCheck, type SetupCheckInputs, type checkLinks } from './setupCheck/setupCheck';
import { SuiteSession, connectionOptions, type SuiteConnectionOptions } from '../telephony/tabs/suiteSession';
import type { PanelView, StartupProblem } from './panel/panelProjection';

/**
 * The second part of the core (the SoftphoneExtras static resource): the setup check, what a refused Task
 * save means, the wrap-up and Recent. Loaded after start-up, never waited for by it.
 */
export interface Extras extends AfterCallParts {
    checkLinks: typeof checkLinks;
    describeSaveLogFailure: typeof describeSaveLogFailure;
}

export interface ControllerDependencies {
    opencti: OpenCtiClient;
    /** Loads the second part of the core (once; again after a load that failed). */
    loadExtras(): Promise<Extras>;
    panel: PanelHost;
    names: PlatformNames;
    createSuite(options: SuiteConnectionOptions): SuiteClient;
    storage: KeyValueStore;
    locks?: LockManagerLike;
    /** A channel between this agent's tabs (BroadcastChannel): the leader's connection is shared. */
    openTabChannel?(name: string): TabChannel;
    isVisible(): boolean;
    hasFocus(): boolean;
    /** Whether the browser has a network (navigator.onLine); absent: assumed so. */
    isOnline?(): boolean;
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
export interface HostSession {
    email: string;
    rawSettings: Record<string, unknown>;
    settings: SoftphoneSettings;
    storage: AgentStorage;
    suite: SuiteSession;
    logging: CallLogging;
    /** Which of the agent's browsers logs each call (contract v1's log claim). */
    claims: LogClaims;
    autoPops: AutoPops;
    links: RecordLinks;
    dialPad: DialPad;
    afterCall: AfterCall;
}

export interface HostHooks {
    diagnostics: Diagnostics;
    now: () => number;
    signAssertion(): Promise<string>;
    ready(): boolean;
    notify(code: SoftphoneMessageCode, params?: Record<string, string>): void;
    /** A call was placed from the dial pad or a click-to-dial. */
    placed(): void;
    changed(): void;
}

export function openHostSession(
    identity: Extract<Identity, { ok: true }>,
    deps: ControllerDependencies,
    hooks: HostHooks
): HostSession {
    const { now, diagnostics } = hooks;
    const storage = new AgentStorage(deps.storage, agentNamespace(identity.email), now);
    const inPhoneWindow = deps.phoneWindow !== undefined;
    const suite = new SuiteSession({
        storage,
        email: identity.email,
        locks: deps.locks,
        createSuite: deps.createSuite,
        openTabChannel: deps.openTabChannel,
        preferred: inPhoneWindow,
        signAssertion: hooks.signAssertion,
        diagnostics,
        now
    });
    // Through the tab with the connection; a tab not connected yet gets no answer, and asks again.
    const claims = new LogClaims({
        storage,
        now,
        claim: (callId) =>
            suite.client?.claimLog?.(callId) ?? Promise.resolve(suite.client ? 'unsupported' : 'failed')
    });
    const logging = new CallLogging({
        claims,
        storage,
        opencti: deps.opencti,
        names: deps.names,
        locks: deps.locks,
        now,
        diagnostics,
        saves: !inPhoneWindow,
        saveFailures: async () => (await deps.loadExtras()).describeSaveLogFailure,
        saveTimeoutMs: deps.saveTimeoutMs,
        lookupTimeoutMs: deps.lookupTimeoutMs,
        // A save landed or failed: Recent shows the Task (its Id) from then on.
        notify: (code, params) => {
            session?.afterCall.refresh();
            hooks.notify(code, params);
        },
        changed: () => {
            session?.afterCall.refresh();
            hooks.changed();
        }
    });
    const { locks, isVisible, hasFocus } = deps;
    const autoPops = new AutoPops({ storage, locks, isVisible, hasFocus, now });
    const links = new RecordLinks(storage, now);
    let session: HostSession | undefined = undefined;
    const dialPad = new DialPad(links, {
        suite: () => suite.client,
        ready: hooks.ready,
        // A retry with new settings replaces them in the session.
        settings: () => session?.settings,
        notify: hooks.notify,
        placed: hooks.placed,
        changed: hooks.changed,
        diagnostics
    });
    const afterCall = new AfterCall({
        parts: deps.loadExtras,
        storage,
        links,
        logging,
        dial: (number, record) => dialPad.dial(number, record),
        opencti: deps.opencti,
        search: (number, direction) => deps.opencti.searchAndScreenPop(number, direction),
        diagnostics,
        now,
        opensRecords: !inPhoneWindow,
        settings: () => session?.settings,
        notify: hooks.notify,
        changed: hooks.changed
    });
    session = { ...identity, storage, suite, logging, claims, autoPops, links, dialPad, afterCall };
    return session;
}

/**
 * Signs a session assertion through Apex (signedAssertion mode). The call names nothing: the
 * certificate, the audience and the agent's station come from the org's admin-only configuration.
 */
export function assertionSigner(deps: ControllerDependencies): () => Promise<string> {
    return () => deps.opencti.runApex(deps.names.apexClass('SoftphoneAssertion'), 'getAssertion', {});
}

/** What the panel shows of the session and the calls (the rest of PanelView comes from the controller). */
export function sessionView(
    session: HostSession | undefined
): Omit<
    PanelView,
    'startupProblem' | 'inPhoneWindow' | 'canOpenPhoneWindow' | 'notice' | 'selfCheck' | 'online'
> {
    const client = session?.suite.client;
    const book = session?.suite.book;
    return {
        connection: client?.connection,
        everOpen: session?.suite.everOpen ?? false,
        lostAt: session?.suite.lostAt,
        pbxConnected: session?.suite.pbxConnected ?? true,
        settings: session?.settings,
        user: client?.user,
        dndEnabled: client?.dndEnabled ?? false,
        calls: [
            ...(book?.list() ?? []).flatMap((entry) => {
                const link = session?.links.get(entry.call.callId);
                return link ? [{ entry, link }] : [];
            }),
            ...(session?.afterCall.wrapUpViews() ?? []),
            ...(session?.afterCall.outcomeViews() ?? [])
        ],
        history: session?.afterCall.historyView(),
        activeCallId: book?.active()?.call.callId,
        screenPopMode: session?.settings.screenPopMode,
        dialPad: session?.dialPad.view,
        failedLogs: session?.logging.failedLogs() ?? []
    };
}

/** What the setup check needs: one Open CTI request (the settings), the Suite, and the live session. */
export function setupCheckInputs(
    deps: ControllerDependencies,
    session: HostSession | undefined,
    email: string,
    startupProblem: StartupProblem | undefined,
    diagnostics: Diagnostics
): SetupCheckInputs {
    return {
        fetchSettings: () =>
            deps.phoneWindow
                ? Promise.resolve(session?.rawSettings)
                : deps.opencti.call('getCallCenterSettings', {}, SetupCheck.TIMEOUT_MS),
        email,
        startupProblem,
        checkServer: (settings) =>
            deps
                .createSuite(connectionOptions(settings, email, assertionSigner(deps), diagnostics))
                .checkServer(),
        suite: session?.suite,
        automaticPopsSkipped: session?.autoPops.skipped ?? 0,
        diagnostics
    };
}

/** Opens the phone window with the agent and the settings; false when the browser blocked it. */
export function openPhoneWindow(
    opener: PhoneWindowOpener | undefined,
    session: HostSession | undefined
): boolean {
    if (!opener || !session) return true;
    return opener.open({ email: session.email, settings: session.rawSettings });
}
