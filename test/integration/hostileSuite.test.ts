// A Suite that reports far more than a phone can have: the panel shows what a desk phone could
// carry, pops at a bounded rate, logs at most one snapshot's worth of ended calls, and the setup
// check names what was dropped.
import { keysWithPrefix } from '../../src/core/telephony/storage/keyValueStore';
import { SNAPSHOT_LIMITS } from '../../src/core/suite/client';
import { callControl } from '../../src/stand-ins/suite-simulator/controlClient';
import type { ControllerHarness } from '../support/controllerHarness';
import { useSimulator } from '../support/simulatorFixture';

jest.setTimeout(30_000);

const fixture = useSimulator();

async function ready(): Promise<ControllerHarness> {
    const harness = await fixture.controller({ settings: { '/mivoiceSuite/screenPopMode': 'ringing' } });
    await harness.until(() => harness.state().status.phase === 'ready');
    return harness;
}

it('a snapshot of 400 ringing and 400 ended calls: 16 cards, 3 pops, 50 Tasks, all counted in the setup check', async () => {
    const harness = await ready();
    await callControl(fixture.simulator.controlUrl, 'POST', '/_sim/ws/flood', {
        liveCalls: 400,
        recentCalls: 400
    });
    await harness.until(() => harness.state().calls.length === SNAPSHOT_LIMITS.liveCalls);
    // Every ended call the client passed on is queued at once; wait until the queue has saved them all.
    const saved = () => keysWithPrefix(harness.storage, 'mivoice.taskSaved.').length;
    const waiting = () => keysWithPrefix(harness.storage, 'mivoice.taskLog.').length;
    await harness.until(() => saved() === SNAPSHOT_LIMITS.recentCalls && waiting() === 0, 20_000);
    expect(harness.emulator.tasks.size).toBe(SNAPSHOT_LIMITS.recentCalls);
    expect(harness.emulator.count('saveLog')).toBe(SNAPSHOT_LIMITS.recentCalls);

    await harness.until(
        () => harness.state().calls.filter((call) => call.match.kind !== 'pending').length === 16
    );
    expect(harness.emulator.count('searchAndScreenPop')).toBe(3);
    expect(harness.emulator.count('setSoftphonePanelVisibility')).toBeLessThanOrEqual(
        SNAPSHOT_LIMITS.liveCalls
    );
    // The calls not popped automatically can still be popped on request.
    const notPopped = harness.state().calls.filter((call) => call.match.kind === 'notSearched');
    expect(notPopped).toHaveLength(13);
    expect(notPopped.every((call) => call.canPop)).toBe(true);

    harness.intent({ type: 'selfcheck' });
    const checks = await harness.until(() =>
        harness.state().selfCheck?.running === false ? harness.state().selfCheck?.checks : undefined
    );
    expect(checks.find((check) => check.id === 'eventChannel')).toEqual({
        id: 'eventChannel',
        result: 'pass',
        detail: 'over the limits, dropped: 384 live calls, 350 ended calls, 13 automatic pops'
    });
});

it('reports nothing dropped from a Suite that behaves', async () => {
    const harness = await ready();
    harness.intent({ type: 'selfcheck' });
    const checks = await harness.until(() =>
        harness.state().selfCheck?.running === false ? harness.state().selfCheck?.checks : undefined
    );
    expect(checks.find((check) => check.id === 'eventChannel')).toEqual({
        id: 'eventChannel',
        result: 'pass'
    });
});
