// What both fault soaks do with the agent's tabs: find a call's card, and see a call out as the agent
// would (wait for it to end everywhere, close its wrap-up with Done changing nothing, wait until gone or
// showing only how it ended).
import type { ControllerHarness } from '../test/support/controllerHarness';

export type SoakUntil = <T>(check: () => T | undefined | false, what: string) => Promise<T>;

export const callView = (tab: ControllerHarness, callId: string) =>
    tab.state().calls.find((call) => call.callId === callId);

/**
 * Whether a tab is done with a call: no card, or the card of a call that ended unanswered, which says
 * what happened for a few seconds and then goes by itself (its Task was saved at the end).
 */
export const doneWith = (tab: ControllerHarness, callId: string) => {
    const card = callView(tab, callId);
    return !card || (card.state === 'cleared' && card.outcome !== undefined);
};

export async function finishCall(
    tabs: readonly ControllerHarness[],
    callId: string,
    index: number,
    until: SoakUntil
): Promise<void> {
    await until(
        () => tabs.every((tab) => doneWith(tab, callId) || callView(tab, callId)?.wrapUp !== undefined),
        `call ${index} ended`
    );
    for (const tab of tabs)
        if (callView(tab, callId)?.wrapUp) tab.intent({ type: 'wrapupdone', callId, changes: {} });
    await until(() => tabs.every((tab) => doneWith(tab, callId)), `call ${index} gone`);
}
