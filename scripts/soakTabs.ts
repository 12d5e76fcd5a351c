// What both fault soaks do with the agent's tabs: find a call's card, and see a call out as the agent
// would (wait for it to end everywhere, close its wrap-up with Done changing nothing, wait until gone).
import type { ControllerHarness } from '../test/support/controllerHarness';

export type SoakUntil = <T>(check: () => T | undefined | false, what: string) => Promise<T>;

export const callView = (tab: ControllerHarness, callId: string) =>
    tab.state().calls.find((call) => call.callId === callId);

export async function finishCall(
    tabs: readonly ControllerHarness[],
    callId: string,
    index: number,
    until: SoakUntil
): Promise<void> {
    await until(
        () => tabs.every((tab) => !callView(tab, callId) || callView(tab, callId)?.wrapUp !== undefined),
        `call ${index} ended`
    );
    for (const tab of tabs)
        if (callView(tab, callId)?.wrapUp) tab.intent({ type: 'wrapupdone', callId, changes: {} });
    await until(() => tabs.every((tab) => !callView(tab, callId)), `call ${index} gone`);
}
