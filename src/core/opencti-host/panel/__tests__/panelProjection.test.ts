// The panel state is a pure function of what the host knows: the same view gives the same state.
import { SuiteError, type SuiteCall } from '../../../suite/types';
import { connectionStatus, projectPanel, type PanelView } from '../panelProjection';
import { callOutcome } from '../../taskLog/callTask';
import { parseCallCenterSettings } from '../../../telephony/settings/parse';
import { DEFAULT_SETTINGS } from '../../../../stand-ins/opencti-emulator/emulator';
import { OaiCallModel } from '../../../../bridge/oai/callModel';
import { decodeLine } from '../../../../bridge/oai/messages';
import { CallBook } from '../../../suite/callBook';

const parsed = parseCallCenterSettings({
    ...DEFAULT_SETTINGS,
    '/mivoiceSuite/suiteHost': 'suite.example.com',
    '/mivoiceDialing/siteCountryCode': '44',
    '/mivoiceDialing/siteNationalPrefix': '0'
});
if (!parsed.ok) throw new Error('bad settings');
const settings = parsed.settings;

const NOW = 1_800_000_000_000;
const call = (callId: string, state: SuiteCall['state']): SuiteCall => ({
    callId,
    state,
    direction: 'inbound',
    remote: { number: '01632 960123', name: 'ACME LTD' },
    startTime: NOW,
    cause: '',
    capabilities: ['hold']
});
const link = (kind: SoftphoneMatch['kind']) => ({
    match: { kind },
    candidates: [],
    popRequested: false,
    notes: 'notes'
});

function view(overrides: Partial<PanelView> = {}): PanelView {
    return {
        connection: { state: 'open' },
        everOpen: true,
        pbxConnected: true,
        settings,
        online: true,
        dndEnabled: false,
        calls: [],
        inPhoneWindow: false,
        failedLogs: [],
        canOpenPhoneWindow: false,
        ...overrides
    };
}

describe('projectPanel', () => {
    it('shows each call with its link and notes, the active one marked, and offers a pop only when it can help', () => {
        const calls = [
            {
                entry: { call: call('c_1', 'held'), incoming: true, answeredAt: NOW + 1 },
                link: link('notSearched')
            },
            { entry: { call: call('c_2', 'connected'), incoming: true }, link: link('multiple') }
        ];
        const state = projectPanel(view({ calls, activeCallId: 'c_2', screenPopMode: 'manual' }));
        expect(
            state.calls.map(({ callId, active, canPop, notes }) => ({ callId, active, canPop, notes }))
        ).toEqual([
            { callId: 'c_1', active: false, canPop: true, notes: 'notes' },
            { callId: 'c_2', active: true, canPop: true, notes: 'notes' }
        ]);
        expect(state.calls[0]).toMatchObject({
            answeredAt: NOW + 1,
            pbxName: 'ACME LTD',
            capabilities: ['hold']
        });
        expect(projectPanel(view({ calls, screenPopMode: 'ringing' })).calls[1].canPop).toBe(false);
        expect(projectPanel(view({ calls, inPhoneWindow: true })).calls[0].canPop).toBe(false);
    });

    it('gives the same state for the same view, however often it is drawn', () => {
        const same = view({
            calls: [{ entry: { call: call('c_1', 'ringing'), incoming: true }, link: link('none') }]
        });
        expect(projectPanel(same)).toEqual(projectPanel(same));
        expect(same.calls[0].link.match.kind).toBe('none');
    });

    it('says honestly where the connection stands', () => {
        const error = new SuiteError('apiKeyRejected', { host: 'suite.example.com', port: '8204' });
        expect(connectionStatus(view())).toEqual({ phase: 'ready', canRetry: false });
        expect(connectionStatus(view({ connection: undefined })).phase).toBe('connecting');
        expect(connectionStatus(view({ connection: { state: 'failed', error } }))).toMatchObject({
            phase: 'error',
            error: { code: 'apiKeyRejected' },
            canRetry: true
        });
        const reconnecting = {
            state: 'reconnecting',
            attempt: 1,
            nextAttemptAt: NOW,
            lastError: error
        } as const;
        expect(connectionStatus(view({ connection: reconnecting, lostAt: NOW - 5000 }))).toEqual({
            phase: 'reconnecting',
            since: NOW - 5000,
            cause: { code: 'connectionLost', params: { host: 'suite.example.com', port: '8204' } },
            canRetry: true
        });
        expect(connectionStatus(view({ connection: reconnecting, everOpen: false })).phase).toBe('error');
        expect(connectionStatus(view({ pbxConnected: false }))).toEqual({
            phase: 'error',
            error: { code: 'pbxLinkDown', params: { host: 'suite.example.com', port: '8204' } },
            canRetry: false
        });
        expect(projectPanel(view({ pbxConnected: false })).dnd.available).toBe(true);
        expect(
            connectionStatus(view({ startupProblem: { code: 'userEmailUnavailable', canRetry: true } }))
        ).toEqual({ phase: 'error', error: { code: 'userEmailUnavailable' }, canRetry: true });
    });
});

describe('the agent’s day on the panel', () => {
    const wrapUp: SoftphoneWrapUp = { subject: 'Inbound call', result: '', resultChoices: [] };
    const live = { entry: { call: call('c_1', 'connected'), incoming: true }, link: link('single') };
    const ended = { entry: { call: call('c_2', 'cleared'), incoming: true }, link: link('single'), wrapUp };

    it.each([
        ['ready', view()],
        ['dnd', view({ dndEnabled: true })],
        ['onCall', view({ dndEnabled: true, calls: [ended, live] })],
        ['wrapUp', view({ dndEnabled: true, calls: [ended] })]
    ])('names the agent’s state %s while ready', (activity, state) => {
        expect(projectPanel(state).status).toEqual({ phase: 'ready', canRetry: false, activity });
    });

    it('names no activity while not ready', () => {
        expect(projectPanel(view({ connection: undefined })).status.activity).toBeUndefined();
    });

    it('lists the search’s records with their object, matched field and Person Account, and the pick', () => {
        const candidates = [
            {
                recordId: '0035g00000MaryJa',
                name: 'Mary Jackson',
                objectType: 'Contact',
                matchedField: 'Phone'
            },
            {
                recordId: '0015g00000RosFrAAA',
                name: 'Rosalind Franklin',
                objectType: 'Account',
                personAccount: true,
                personContactId: '0035g00000RosFrAAA'
            }
        ];
        const picked = { ...link('single'), candidates, pickedId: '0015g00000RosFrAAA' };
        const [shown] = projectPanel(view({ calls: [{ entry: live.entry, link: picked }] })).calls;
        expect(shown.match).toEqual({
            kind: 'single',
            candidates: [
                candidates[0],
                {
                    recordId: '0015g00000RosFrAAA',
                    name: 'Rosalind Franklin',
                    objectType: 'Account',
                    personAccount: true
                }
            ],
            pickedId: '0015g00000RosFrAAA'
        });
    });

    it('shows a call in wrap-up as ended, with no command and no pop', () => {
        const [shown] = projectPanel(view({ calls: [ended] })).calls;
        expect(shown).toMatchObject({ state: 'cleared', capabilities: [], canPop: false, wrapUp });
    });
});

describe('every state named, nothing offered that cannot work', () => {
    const entry = (
        callId: string,
        state: SuiteCall['state'],
        extra: Partial<SuiteCall> = {},
        incoming = true
    ) => ({
        entry: { call: { ...call(callId, state), ...extra }, incoming },
        link: link('none')
    });

    it.each<[SoftphoneActivity, PanelView['calls']]>([
        ['ringing', [entry('c_1', 'connected'), entry('c_2', 'ringing')]],
        ['dialing', [entry('c_1', 'dialing', { direction: 'outbound' }, false)]],
        ['onCall', [entry('c_1', 'connected')]],
        ['onHold', [entry('c_1', 'held')]],
        ['consulting', [entry('c_1', 'held'), entry('c_2', 'connected', { relatedCallId: 'c_1' }, false)]]
    ])('names %s on the status line', (activity, calls) => {
        expect(projectPanel(view({ calls })).status.activity).toBe(activity);
    });

    it('names the cause while reconnecting, and Offline while the browser has no network', () => {
        const unreachable = new SuiteError('suiteUnreachable', { host: 'suite.example.com', port: '8204' });
        const reconnecting = {
            state: 'reconnecting',
            attempt: 3,
            nextAttemptAt: NOW,
            lastError: unreachable
        } as const;
        expect(connectionStatus(view({ connection: reconnecting, lostAt: NOW })).cause?.code).toBe(
            'suiteNotAnswering'
        );
        expect(connectionStatus(view({ connection: reconnecting, lostAt: NOW, online: false }))).toEqual({
            phase: 'offline',
            since: NOW,
            canRetry: true
        });
    });

    it('offers no call control while the softphone is not connected', () => {
        const calls = [entry('c_1', 'connected')];
        expect(projectPanel(view({ calls })).calls[0].capabilities).toEqual(['hold']);
        const reconnecting = { state: 'reconnecting', attempt: 1, nextAttemptAt: NOW } as const;
        expect(projectPanel(view({ calls, connection: reconnecting })).calls[0].capabilities).toEqual([]);
        expect(projectPanel(view({ calls, pbxConnected: false })).calls[0].capabilities).toEqual([]);
    });

    it('shows the number as the agent reads it: national for the site, the dial string of a call placed here without prefixes', () => {
        const calls = [
            entry('c_1', 'connected'),
            entry(
                'c_2',
                'dialing',
                { direction: 'outbound', remote: { number: '0014155550134', name: '' } },
                false
            )
        ];
        expect(projectPanel(view({ calls })).calls.map((shown) => shown.number)).toEqual([
            '01632 960123',
            '+1 415-555-0134'
        ]);
    });

    it('offers Find Caller in wrap-up until one record is linked, and tells how a call never answered ended', () => {
        const wrapUp: SoftphoneWrapUp = { subject: 'Inbound call', result: '', resultChoices: [] };
        const ended = { ...entry('c_1', 'cleared'), link: link('multiple'), wrapUp };
        expect(projectPanel(view({ calls: [ended] })).calls[0].canPop).toBe(true);
        expect(projectPanel(view({ calls: [{ ...ended, link: link('single') }] })).calls[0].canPop).toBe(
            false
        );
        expect(projectPanel(view({ calls: [ended], inPhoneWindow: true })).calls[0].canPop).toBe(false);
        const busy = {
            ...entry('c_2', 'cleared', { direction: 'outbound', cause: 'busy' }, false),
            outcome: 'busy' as const
        };
        expect(projectPanel(view({ calls: [busy] })).calls[0]).toMatchObject({
            state: 'cleared',
            outcome: 'busy',
            capabilities: []
        });
        expect(projectPanel(view({ calls: [busy] })).status.activity).toBe('ready');
    });

    it('says Busy on the card of an outside call the OAI bridge leaves dialling with the busy cause, End Call kept', () => {
        // The bridge's own model of station 2001 as the PBX reports it: the outside call dialled, then
        // FA with cause 3 (busy) while the caller still hears it (C), then the caller hangs up (XC).
        const oai = new OaiCallModel({ extension: '2001', now: () => NOW });
        const book = new CallBook(() => NOW);
        const report = (line: string) => {
            const decoded = decodeLine(line);
            if (decoded.kind !== 'event') throw new Error(`not an event: ${line}`);
            const change = oai.apply(decoded).map((call) => book.admit(call))[0];
            if (!change) throw new Error(`no change: ${line}`);
            return change.entry;
        };
        const card = (entry: ReturnType<typeof report>) =>
            projectPanel(view({ calls: [{ entry, link: link('single') }] })).calls[0];

        const dialling = card(report('053,DE,,005,1303,9001,901632960123,E,2001,,,,,I,901632960123,,,C,22,'));
        expect(dialling).toMatchObject({ state: 'dialing', capabilities: ['clear'] });
        expect(dialling.outcome).toBeUndefined();

        const busy = report('054,FA,,005,1303,9001,901632960123,C,3');
        expect(card(busy)).toMatchObject({ state: 'dialing', outcome: 'busy', capabilities: ['clear'] });

        // Hung up: the call ends with that cause, and the ended card says Busy (the host keeps it a moment).
        const ended = report('055,XC,,005,1303,2001,2001,N,36');
        expect(ended.call).toMatchObject({ state: 'cleared', cause: 'busy' });
        expect(callOutcome({ ...ended, notes: '' })).toBe('busy');
    });

    it('tells no outcome for a call that was answered, one ringing here, or a cause that is no failure', () => {
        const placed = (state: SuiteCall['state'], cause: string, answeredAt?: number) => ({
            entry: {
                call: { ...call('c_1', state), direction: 'outbound' as const, cause },
                incoming: false,
                answeredAt
            },
            link: link('single')
        });
        const outcomes = (calls: PanelView['calls']) =>
            projectPanel(view({ calls })).calls.map((shown) => shown.outcome);
        expect(outcomes([placed('dialing', 'doNotDisturb')])).toEqual(['rejected']);
        expect(outcomes([placed('dialing', 'newCall'), placed('connected', 'busy', NOW)])).toEqual([
            undefined,
            undefined
        ]);
        const ringingHere = {
            ...placed('ringing', 'busy'),
            entry: { ...placed('ringing', 'busy').entry, incoming: true }
        };
        expect(outcomes([ringingHere])).toEqual([undefined]);
    });
});
