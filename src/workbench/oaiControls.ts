// The caller panel's hand on the OAI PBX simulator behind the bridge (`npm start -- --backend oai`):
// an outside caller ringing, the far end of the agent's call, a colleague at any other station, the
// phone's conference key, a transfer nobody answers recalling, and the phone system going away.
// Each button picks the call it acts on as a person at the PBX would see it, and says so when
// there is none.
import type { SimCallView, SimulatedPbx } from '../stand-ins/oai-pbx-simulator/pbx';
import type { PhoneSystemControl } from './server/workbenchServer';
import type { PhoneSystemPanel } from './server/workbenchState';

/** What the panel does beyond the PBX: the softphone's channels, the PBX's link, the bridge. */
export interface OaiControlHooks {
    dropChannels(): void;
    stopPbx(): Promise<void>;
    startPbx(): Promise<void>;
    restartBridge(): Promise<void>;
}

export interface OaiControlOptions {
    pbx: SimulatedPbx;
    /** The agent's station. */
    agent: string;
    /** The other stations the panel can act at. */
    stations: string[];
    huntGroup: string;
    hooks: OaiControlHooks;
}

/** OAI carries a caller name as at most 32 characters, one byte each, between `|`s. */
export const OAI_NAME_LENGTH = 32;

export function oaiPanel(options: Omit<OaiControlOptions, 'hooks'>): PhoneSystemPanel {
    const { agent, stations, huntGroup } = options;
    return {
        name: 'phone system',
        summary:
            `The OAI bridge in front of a simulated MiVoice Office 250: the agent on ${agent}, ` +
            `colleagues on ${stations.join(' and ')}, hunt group ${huntGroup}; outside numbers are ` +
            `dialled with the trunk access code ${options.pbx.trunkAccessCode} (the call center's ` +
            `Outside Prefix). Caller names carry at most ${OAI_NAME_LENGTH} characters.`,
        hostLabel: 'Phone system host (the bridge)',
        stations,
        actions: [
            { id: 'answered-elsewhere', label: 'Answered elsewhere' },
            { id: 'answer', label: 'Far end answers' },
            { id: 'hangup', label: 'Far end hangs up' },
            { id: 'busy', label: 'Far end busy' },
            { id: 'recall', label: 'Transfer not answered: recall' },
            { id: 'conference', label: `Conference key at ${agent}` },
            { id: 'station-answer', label: 'Answer at station', atStation: true },
            { id: 'station-hangup', label: 'Hang up at station', atStation: true },
            { id: 'station-dnd', label: 'Do not disturb at station', atStation: true },
            { id: 'drop-sockets', label: 'Drop phone system connection' },
            { id: 'stop', label: 'Stop phone system' },
            { id: 'start', label: 'Start phone system' },
            { id: 'restart-bridge', label: 'Restart the bridge' }
        ]
    };
}

type Action = (station: string) => Promise<unknown> | unknown;

export function oaiControl(options: OaiControlOptions): PhoneSystemControl {
    const { pbx, agent } = options;
    const actions: Record<string, Action> = {
        ...farEndActions(pbx, agent),
        ...stationActions(pbx),
        ...systemActions(options.hooks)
    };
    return {
        panel: oaiPanel(options),
        async ring(caller) {
            const name = oaiCallerName(caller.name);
            const number = caller.number.replace(/[^0-9*#]/g, '');
            if (!number) throw new Error('The caller number needs at least one digit');
            return { callId: pbx.inbound(caller.huntGroup ?? agent, { number, name }) };
        },
        async remote(action, { station }) {
            const run = Object.hasOwn(actions, action) ? actions[action] : undefined;
            if (!run) throw new Error(`The OAI phone system has no "${action}"`);
            const at = station ?? options.stations[0];
            if (!options.stations.includes(at) && at !== agent)
                throw new Error(`There is no station ${at} to act at`);
            return run(at);
        }
    };
}

/** The newest live call `test` picks, or an error naming what there is not. */
function newestCall(pbx: SimulatedPbx, what: string, test: (call: SimCallView) => boolean): SimCallView {
    const call = pbx.liveCalls().filter(test).at(-1);
    if (!call) throw new Error(`There is no ${what}`);
    return call;
}

const done = (call: SimCallView, more: Record<string, unknown> = {}) => ({
    ok: true,
    callId: call.callId,
    ...more
});

/** What the other side of the agent's call does, and the agent's phone keys the contract has no command for. */
function farEndActions(pbx: SimulatedPbx, agent: string): Record<string, Action> {
    const newest = (what: string, test: (call: SimCallView) => boolean) => newestCall(pbx, what, test);
    return {
        'answered-elsewhere': () => {
            const call = newest(`call ringing at ${agent} and another member of its group`, (candidate) =>
                Boolean(candidate.stations[agent] === 'A' && otherRinging(candidate, agent))
            );
            const member = otherRinging(call, agent)!;
            pbx.answer(member, call.callId);
            return done(call, { answeredAt: member });
        },
        answer: () => {
            const call = newest(`call of ${agent}'s waiting for the far end to answer`, (candidate) =>
                waitingForFarEnd(candidate, agent)
            );
            pbx.remoteAnswer(call.callId);
            return done(call);
        },
        hangup: () => {
            const call = newest(`call at ${agent}`, (candidate) => agent in candidate.stations);
            const other = Object.keys(call.stations).find((station) => station !== agent);
            if (call.external) pbx.remoteHangup(call.callId);
            else if (other) pbx.hangup(other, call.callId);
            else throw new Error(`${call.callId} has no far end to hang up`);
            return done(call);
        },
        busy: () => {
            const call = newest(`outside call of ${agent}'s waiting for an answer`, (candidate) =>
                Boolean(candidate.external && waitingForFarEnd(candidate, agent))
            );
            pbx.remoteBusy(call.callId);
            return done(call);
        },
        recall: () => {
            const call = newest(`call ${agent} transferred that still rings unanswered`, (candidate) =>
                Boolean(candidate.transferredBy === agent && ringingAt(candidate))
            );
            pbx.recall(call.callId);
            return done(call);
        },
        conference: () => {
            const held = newest(`call on hold at ${agent}`, (call) => call.stations[agent] === 'H');
            const other = newest(`answered second call at ${agent} to join to the held one`, (call) =>
                Boolean(
                    call.callId !== held.callId &&
                    call.stations[agent] === 'C' &&
                    !waitingForFarEnd(call, agent)
                )
            );
            return { ok: true, callId: pbx.conference(agent, held.callId, other.callId) };
        }
    };
}

/** A colleague at the station picked in the panel. */
function stationActions(pbx: SimulatedPbx): Record<string, Action> {
    return {
        'station-answer': (station) => {
            const call = newestCall(
                pbx,
                `call ringing at ${station}`,
                (candidate) => candidate.stations[station] === 'A'
            );
            pbx.answer(station, call.callId);
            return done(call);
        },
        'station-hangup': (station) => {
            const call = newestCall(pbx, `call at ${station}`, (candidate) => station in candidate.stations);
            pbx.hangup(station, call.callId);
            return done(call);
        },
        'station-dnd': (station) => {
            pbx.setDnd(station, !pbx.isDnd(station));
            return { ok: true, station, doNotDisturb: pbx.isDnd(station) };
        }
    };
}

/** The phone system itself: the softphone's channels, the PBX, the bridge. */
function systemActions(hooks: OaiControlHooks): Record<string, Action> {
    return {
        'drop-sockets': () => {
            hooks.dropChannels();
            return { ok: true };
        },
        stop: async () => {
            await hooks.stopPbx();
            return { ok: true, pbx: 'stopped' };
        },
        start: async () => {
            await hooks.startPbx();
            return { ok: true, pbx: 'started' };
        },
        'restart-bridge': async () => {
            await hooks.restartBridge();
            return { ok: true, bridge: 'restarted' };
        }
    };
}

/** A caller name as OAI carries it: at most 32 characters of one byte each, never a `|`. */
export function oaiCallerName(name: string): string {
    if (/[^\u0020-\u00ff]/.test(name))
        throw new Error(
            'An OAI caller name carries one byte per character (Latin-1 at most): no control characters or other scripts'
        );
    if (name.includes('|'))
        throw new Error('An OAI caller name cannot hold "|", which delimits it on the link');
    return name.slice(0, OAI_NAME_LENGTH);
}

function otherRinging(call: SimCallView, agent: string): string | undefined {
    return Object.entries(call.stations).find(([station, state]) => station !== agent && state === 'A')?.[0];
}

function ringingAt(call: SimCallView): string | undefined {
    return Object.entries(call.stations).find(([, state]) => state === 'A')?.[0];
}

/** The agent placed it (connected at their end) and the far end has not answered: an outside party or a ringing station. */
function waitingForFarEnd(call: SimCallView, agent: string): boolean {
    if (call.stations[agent] !== 'C') return false;
    return otherRinging(call, agent) !== undefined || (call.external !== undefined && !call.answered);
}
