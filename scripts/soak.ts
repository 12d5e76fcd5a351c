// npm run test:faults: a soak of simulated calls through the real controller, Open CTI emulator and
// Suite simulator, with random faults (dropped sockets, PBX link loss, failing Task saves, Suite
// restarts). Every handled call must end up as exactly one Task: zero lost, zero duplicates.
import { startSimulator } from '../src/simulator/server';
import { startController } from '../test/support/controllerHarness';

const CALLS = Number(process.env.SOAK_CALLS ?? 10_000);
let seed = Number(process.env.SOAK_SEED ?? 20261124);
const random = () => {
    seed = (seed * 1103515245 + 12345) % 2 ** 31;
    return seed / 2 ** 31;
};

async function main(): Promise<void> {
    const simulator = await startSimulator({ config: { heartbeatSec: 1, resumeWindowSec: 5 } });
    const harness = await startController({
        simulator,
        settings: { '/mivoiceSuite/screenPopMode': 'answered' }
    });
    const started = Date.now();
    const expected = new Set<string>();
    const faults: Record<string, number> = { socketDrops: 0, pbxOutages: 0, failedSaves: 0, restarts: 0 };
    const view = (callId: string) => harness.state().calls.find((call) => call.callId === callId);
    const transitions: string[] = [];
    try {
        await harness.until(() => harness.state().status.phase === 'ready', 30_000);
        (
            harness.controller as unknown as {
                suite: { on(event: 'connection', listener: (status: { state: string }) => void): void };
            }
        ).suite.on('connection', (status) => transitions.push(`${status.state}@${Date.now() % 100_000}`));
        for (let index = 0; index < CALLS; index++) {
            try {
                await soakOne(index);
            } catch (error) {
                const client = (harness.controller as unknown as { suite: Record<string, unknown> }).suite;
                console.error(`call ${index} stalled; connection went ${transitions.slice(-8).join(' → ')}`);
                console.error(
                    `client: session ${client.session ? 'yes' : 'no'}, socket ${String((client.socket as { readyState?: number } | undefined)?.readyState)}, stopped ${String(client.stopped)}, sim sessions ${simulator.model.sessions.size}, product api up ${String(simulator.port)}`
                );
                throw error;
            }
        }
        async function soakOne(index: number): Promise<void> {
            const roll = random();
            if (roll < 0.01) {
                faults.socketDrops++;
                await fetch(`${simulator.controlUrl}/_sim/ws/drop`, { method: 'POST', body: '{}' });
            } else if (roll < 0.015) {
                faults.pbxOutages++;
                simulator.model.setPbxConnected(false);
                simulator.model.setPbxConnected(true);
            } else if (roll < 0.03) {
                faults.failedSaves++;
                harness.emulator.failNextSaveLogs += 1 + Math.floor(random() * 3);
            } else if (roll < 0.032) {
                faults.restarts++;
                await simulator.restart();
            }
            await harness
                .until(() => harness.state().status.phase === 'ready', 30_000)
                .catch((error: unknown) => {
                    console.error(`not ready after call ${index}: ${transitions.slice(-6).join(' → ')}`);
                    throw error;
                });
            const callId = simulator.model.ringInbound('2001', {
                number: `01632 96${String(index % 10_000).padStart(4, '0')}`,
                name: `Caller ${index}`
            }).callId;
            const outcome = random();
            if (outcome < 0.1) {
                simulator.model.remote(callId, 'answered-elsewhere');
            } else if (outcome < 0.25) {
                expected.add(callId);
                simulator.model.remote(callId, 'hangup');
            } else {
                expected.add(callId);
                await harness.until(() => view(callId)?.state === 'ringing', 30_000);
                harness.intent({ type: 'answer', callId });
                await harness.until(
                    () => view(callId)?.state === 'connected' || !simulator.model.legs.has(callId),
                    10_000
                );
                if (outcome > 0.9) {
                    harness.intent({ type: 'hold', callId });
                    await harness.until(() => view(callId)?.state === 'held', 30_000);
                }
                if (simulator.model.legs.get(callId)?.state !== 'cleared')
                    simulator.model.remote(callId, 'hangup');
            }
            await harness.until(() => !view(callId), 30_000);
            if (index % 1000 === 999)
                console.log(
                    `${index + 1} calls, ${harness.emulator.tasks.size} Tasks, ${Math.round((Date.now() - started) / 1000)} s`
                );
        }
        await harness
            .until(
                () =>
                    [...expected].every((callId) =>
                        [...harness.emulator.tasks.values()].some((task) => task.CallObject === callId)
                    ),
                120_000
            )
            .catch(() => undefined);
        await new Promise((resolve) => setTimeout(resolve, 500));
        const logged = [...harness.emulator.tasks.values()].map((task) => String(task.CallObject));
        const loggedSet = new Set(logged);
        const lost = [...expected].filter((callId) => !loggedSet.has(callId)).length;
        for (const callId of [...expected].filter((id) => !loggedSet.has(id))) {
            const queued = harness.storage.getItem(`mivoice.taskLog.alice@example.com.${callId}`);
            const saves = harness.emulator.requests.filter((request) =>
                JSON.stringify(request.args).includes(callId)
            ).length;
            console.log(`lost ${callId}: queue entry ${queued ?? 'none'}, ${saves} requests mention it`);
        }
        const duplicates = logged.length - new Set(logged).size;
        const unexpected = logged.filter((callId) => !expected.has(callId)).length;
        console.log(
            JSON.stringify({
                calls: CALLS,
                handled: expected.size,
                tasks: logged.length,
                lost,
                duplicates,
                unexpected,
                faults,
                seconds: Math.round((Date.now() - started) / 1000)
            })
        );
        const failed = [lost, duplicates, unexpected].filter((count) => count > 0).length;
        console.log(`${3 - failed} passed, ${failed} failed`);
        process.exitCode = failed > 0 ? 1 : 0;
    } finally {
        harness.stop();
        await simulator.stop();
    }
}

main().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
});
