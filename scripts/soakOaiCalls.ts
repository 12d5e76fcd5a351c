// The OAI fault soak's call kinds beyond an inbound call (scripts/soak-oai.ts): an outside call over a
// trunk (answered or busy), a consult to a colleague in do not disturb, the agent in do not disturb, a
// conference made with the phone's key and a blind transfer nobody answers coming back. Each drives
// the agent's tabs as the panel would (intents) and the PBX as the people at it would, and names every
// contract call that must end up as one Task.
import type { SimulatedPbx } from '../src/stand-ins/oai-pbx-simulator/pbx';
import type { ControllerHarness } from '../test/support/controllerHarness';
import { callView, finishCall } from './soakTabs';

export interface OaiSoakContext {
    pbx: SimulatedPbx;
    tabs: readonly ControllerHarness[];
    anyTab(): ControllerHarness;
    random(): number;
    until<T>(check: () => T | undefined | false, what: string, timeoutMs?: number): Promise<T>;
    /** The contract id the bridge gave an OAI call at the agent's station (2001). */
    contractId(oaiCallId: string): Promise<string>;
    /** The cause the bridge gives a live call of the agent's now. */
    causeAtBridge(callId: string): string | undefined;
    /** This call must end up as exactly one Task. */
    expectTask(callId: string): void;
}

export type CallKind = (context: OaiSoakContext, index: number) => Promise<void>;

const AGENT = '2001';
const COLLEAGUE = '2002';
const ELSEWHERE = '2003';

const caller = (index: number) => ({
    number: `0163296${String(index % 10_000).padStart(4, '0')}`,
    name: `CALLER ${index}`
});

/** The agent's newest call at the PBX that `test` picks. */
function oaiCall(pbx: SimulatedPbx, test: (call: ReturnType<SimulatedPbx['liveCalls']>[number]) => boolean) {
    return pbx
        .liveCalls()
        .filter((call) => AGENT in call.stations && test(call))
        .at(-1)?.callId;
}

/** An outside caller rings the agent and a tab answers; resolves once the call is connected everywhere. */
async function answeredInbound(context: OaiSoakContext, index: number) {
    const { pbx, until } = context;
    const oaiCallId = pbx.inbound(AGENT, caller(index));
    const callId = await context.contractId(oaiCallId);
    context.expectTask(callId);
    const tab = context.anyTab();
    await until(() => callView(tab, callId)?.state === 'ringing', `call ${index} ringing`);
    tab.intent({ type: 'answer', callId });
    await until(
        () => context.tabs.every((each) => callView(each, callId)?.state === 'connected'),
        `call ${index} connected`
    );
    return { callId, oaiCallId, tab };
}

/** The consult call a tab placed from `heldCallId`, once every tab shows it. */
async function consultFrom(
    context: OaiSoakContext,
    tab: ControllerHarness,
    heldCallId: string,
    index: number
) {
    tab.intent({ type: 'consult', callId: heldCallId, to: COLLEAGUE });
    const consult = await context.until(
        () => tab.state().calls.find((call) => call.relatedCallId === heldCallId),
        `call ${index}'s consult`
    );
    context.expectTask(consult.callId);
    return consult.callId;
}

/** A tab dials an outside number; the far end answers and one side hangs up, or it is busy. */
export const outboundTrunkCall: CallKind = async (context, index) => {
    const { pbx, until } = context;
    const tab = context.anyTab();
    // Written as an agent would paste it; the panel adds the call center's Outside Prefix (9).
    tab.intent({ type: 'dial', number: `01632 97${String(index % 10_000).padStart(4, '0')}` });
    const oaiCallId = await until(
        () => oaiCall(pbx, (call) => call.external !== undefined && !call.answered),
        `call ${index} out on a trunk`
    );
    const callId = await context.contractId(oaiCallId);
    context.expectTask(callId);
    await until(() => callView(tab, callId)?.state === 'dialing', `call ${index} dialling`);
    if (context.random() < 0.25) {
        pbx.remoteBusy(oaiCallId);
        // The agent hears the busy tone until they hang up.
        await until(() => context.causeAtBridge(callId) === 'busy', `call ${index} busy`);
        tab.intent({ type: 'hangup', callId });
    } else {
        pbx.remoteAnswer(oaiCallId);
        await until(() => callView(tab, callId)?.state === 'connected', `call ${index} answered`);
        if (context.random() < 0.5) tab.intent({ type: 'hangup', callId });
        else pbx.remoteHangup(oaiCallId);
    }
    await finishCall(context.tabs, callId, index, until);
};

/** A consult to a colleague in DND fails there; the agent ends it and takes the caller back. */
export const consultToDnd: CallKind = async (context, index) => {
    const { pbx, until } = context;
    const { callId, oaiCallId, tab } = await answeredInbound(context, index);
    pbx.setDnd(COLLEAGUE, true);
    try {
        const consult = await consultFrom(context, tab, callId, index);
        await until(
            () => pbx.liveCalls().some((call) => call.stations[COLLEAGUE] === 'F'),
            `call ${index}'s consult failing at the DND station`
        );
        tab.intent({ type: 'hangup', callId: consult });
        await finishCall(context.tabs, consult, index, until);
        await until(() => callView(tab, callId)?.state === 'held', `call ${index} held after the consult`);
        tab.intent({ type: 'retrieve', callId });
        await until(() => callView(tab, callId)?.state === 'connected', `call ${index} taken back`);
    } finally {
        pbx.setDnd(COLLEAGUE, false);
    }
    pbx.remoteHangup(oaiCallId);
    await finishCall(context.tabs, callId, index, until);
};

/** The agent sets DND from a tab: a call to the agent never rings (no Task); DND off again from a tab. */
export const agentInDnd: CallKind = async (context, index) => {
    const { pbx, until } = context;
    const tab = context.anyTab();
    tab.intent({ type: 'dnd', enabled: true });
    await until(
        () => pbx.isDnd(AGENT) && context.tabs.every((each) => each.state().dnd.enabled),
        `DND on before call ${index}`
    );
    const refused = pbx.inbound(AGENT, caller(index));
    if (pbx.liveCalls().some((call) => call.callId === refused))
        throw new Error(`call ${index} rang the agent in DND`);
    context.anyTab().intent({ type: 'dnd', enabled: false });
    await until(
        () => !pbx.isDnd(AGENT) && context.tabs.every((each) => !each.state().dnd.enabled),
        `DND off after call ${index}`
    );
};

/**
 * Consult a colleague who answers, then the phone's conference key: one call, the consult ended as
 * conference. The outside caller leaves, then the colleague: the call ends.
 */
export const conferenceAtThePhone: CallKind = async (context, index) => {
    const { pbx, until } = context;
    const { callId, oaiCallId, tab } = await answeredInbound(context, index);
    const consult = await consultFrom(context, tab, callId, index);
    const consultOai = await until(
        () => oaiCall(pbx, (call) => call.stations[COLLEAGUE] === 'A'),
        `call ${index}'s consult ringing the colleague`
    );
    pbx.answer(COLLEAGUE, consultOai);
    await until(() => callView(tab, consult)?.state === 'connected', `call ${index}'s consult answered`);
    pbx.conference(AGENT, oaiCallId, consultOai);
    await until(
        () => context.tabs.every((each) => each.state().calls.filter((call) => !call.wrapUp).length === 1),
        `call ${index} conferenced`
    );
    await finishCall(context.tabs, consult, index, until);
    pbx.remoteHangup(oaiCallId);
    pbx.hangup(COLLEAGUE, oaiCallId);
    await finishCall(context.tabs, callId, index, until);
};

/** A blind transfer nobody answers comes back as a new call; answered or missed, it then ends. */
export const recallAfterTransfer: CallKind = async (context, index) => {
    const { pbx, until } = context;
    const { callId, oaiCallId, tab } = await answeredInbound(context, index);
    tab.intent({ type: 'transfer', callId, to: ELSEWHERE });
    await until(
        () => pbx.liveCalls().some((call) => call.stations[ELSEWHERE] === 'A'),
        `call ${index} ringing at ${ELSEWHERE}`
    );
    await finishCall(context.tabs, callId, index, until);
    pbx.recall(oaiCallId);
    const recall = await context.contractId(oaiCallId);
    context.expectTask(recall);
    await until(() => callView(tab, recall)?.state === 'ringing', `call ${index}'s recall ringing`);
    if (context.random() < 0.7) {
        tab.intent({ type: 'answer', callId: recall });
        await until(() => callView(tab, recall)?.state === 'connected', `call ${index}'s recall answered`);
    }
    pbx.remoteHangup(oaiCallId);
    await finishCall(context.tabs, recall, index, until);
};
