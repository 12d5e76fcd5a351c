// npm run bench:opencti: Open CTI requests per telephone call, per hold/retrieve and while idle,
// for screen pop on/off × Task creation on/off. Inbound calls (the costliest kind: the panel is
// opened, the caller searched, the Task saved) each with three hold/retrieve cycles, driven
// through the real controller against the Open CTI emulator and the Suite simulator. Then what
// wrap-up costs: one request for a call whose Task the agent edited after it, none for one untouched.
import { startSimulator } from '../src/stand-ins/suite-simulator/simulator';
import { startController } from '../test/support/controllerHarness';
import { usageOrExit } from './usage.mjs';

usageOrExit(
    'Usage: npm run bench:opencti\n  Open CTI requests per call, per hold/retrieve and while idle (screen pop × Tasks on/off), and per wrap-up (edited, untouched); prints one JSON line.'
);

const CALLS_PER_COMBINATION = 10;
const HOLD_CYCLES = 3;
const IDLE_SAMPLE_MS = 3000;

async function measure(popOn: boolean, taskOn: boolean) {
    const simulator = await startSimulator({ config: { heartbeatSec: 1 } });
    let agentMinutes = 0;
    const harness = await startController({
        simulator,
        settings: {
            '/mivoiceSuite/screenPopMode': popOn ? 'answered' : 'manual',
            '/mivoiceSuite/createTasks': String(taskOn)
        },
        // An agent's calls are minutes apart; the benchmark places them back to back, so its clock
        // moves on a minute per call and the automatic-pop rate limit sees calls as an agent makes them.
        now: () => Date.now() + agentMinutes * 60_000
    });
    try {
        await harness.until(() => harness.state().status.phase === 'ready');
        await harness.opencti.settle();
        const startupRequests = harness.emulator.count();
        let holdRequests = 0;
        for (let call = 0; call < CALLS_PER_COMBINATION; call++) {
            agentMinutes++;
            const callId = simulator.model.ringInbound('2001', {
                number: '01632 960123',
                name: 'ACME LTD'
            }).callId;
            await harness.until(() =>
                harness.state().calls.some((view) => view.callId === callId && view.state === 'ringing')
            );
            harness.intent({ type: 'answer', callId });
            await harness.until(() =>
                harness.state().calls.some((view) => view.callId === callId && view.state === 'connected')
            );
            if (popOn)
                await harness.until(() =>
                    harness
                        .state()
                        .calls.some((view) => view.callId === callId && view.match.kind === 'single')
                );
            await harness.opencti.settle();
            const beforeHolds = harness.emulator.count();
            for (let cycle = 0; cycle < HOLD_CYCLES; cycle++) {
                harness.intent({ type: 'hold', callId });
                await harness.until(() =>
                    harness.state().calls.some((view) => view.callId === callId && view.state === 'held')
                );
                harness.intent({ type: 'retrieve', callId });
                await harness.until(() =>
                    harness.state().calls.some((view) => view.callId === callId && view.state === 'connected')
                );
            }
            await harness.opencti.settle();
            holdRequests += harness.emulator.count() - beforeHolds;
            simulator.model.remote(callId, 'hangup');
            await harness.until(() => harness.state().calls.every((view) => view.wrapUp));
            if (taskOn) await harness.until(() => harness.emulator.tasks.size === call + 1);
            // Wrap-up left untouched: Done sends nothing.
            harness.intent({ type: 'wrapupdone', callId, changes: {} });
            await harness.until(() => harness.state().calls.length === 0);
            await new Promise((resolve) => setTimeout(resolve, 20));
            await harness.opencti.settle();
        }
        const perCall = (harness.emulator.count() - startupRequests) / CALLS_PER_COMBINATION;
        const beforeIdle = harness.emulator.count();
        await new Promise((resolve) => setTimeout(resolve, IDLE_SAMPLE_MS));
        const idlePerHour = ((harness.emulator.count() - beforeIdle) * 3_600_000) / IDLE_SAMPLE_MS;
        const methods = harness.emulator.requests.slice(startupRequests).map((request) => request.method);
        return {
            perCall,
            perHold: holdRequests / (CALLS_PER_COMBINATION * HOLD_CYCLES * 2),
            idlePerHour,
            methods
        };
    } finally {
        harness.stop();
        await simulator.stop();
    }
}

/** Requests wrap-up costs per call (screen pop and Tasks on): with an edit (result and notes), and untouched. */
async function measureWrapUp(): Promise<{ edited: number; untouched: number }> {
    const simulator = await startSimulator({ config: { heartbeatSec: 1 } });
    let agentMinutes = 0;
    const harness = await startController({ simulator, now: () => Date.now() + agentMinutes * 60_000 });
    const spent = { edited: 0, untouched: 0 };
    try {
        await harness.until(() => harness.state().status.phase === 'ready');
        for (let call = 0; call < CALLS_PER_COMBINATION; call++) {
            agentMinutes++;
            const callId = simulator.model.ringInbound('2001', {
                number: '01632 960123',
                name: 'ACME LTD'
            }).callId;
            await harness.until(() => harness.state().calls.some((view) => view.callId === callId));
            harness.intent({ type: 'answer', callId });
            await harness.until(() =>
                harness.state().calls.some((view) => view.callId === callId && view.match.kind === 'single')
            );
            simulator.model.remote(callId, 'hangup');
            await harness.until(() =>
                harness.state().calls.some((view) => view.callId === callId && view.wrapUp)
            );
            await harness.until(() => harness.emulator.tasks.size === call + 1);
            await harness.taskLogSettled();
            await harness.opencti.settle();
            const before = harness.emulator.count();
            const edited = call % 2 === 0;
            if (edited) {
                harness.intent({ type: 'wrapupchange', callId, field: 'result', value: 'Resolved' });
                harness.intent({ type: 'notes', callId, text: 'Typed after the call' });
            }
            harness.intent({ type: 'wrapupdone', callId, changes: {} });
            await harness.until(() => harness.state().calls.length === 0);
            await harness.taskLogSettled();
            await new Promise((resolve) => setTimeout(resolve, 20));
            await harness.opencti.settle();
            spent[edited ? 'edited' : 'untouched'] += harness.emulator.count() - before;
        }
        const half = CALLS_PER_COMBINATION / 2;
        return { edited: spent.edited / half, untouched: spent.untouched / half };
    } finally {
        harness.stop();
        await simulator.stop();
    }
}

async function main(): Promise<void> {
    const combinations = {
        popOn_taskOn: [true, true],
        popOff_taskOn: [false, true],
        popOn_taskOff: [true, false],
        popOff_taskOff: [false, false]
    } as const;
    const perCall: Record<string, number> = {};
    let perHold = 0;
    let idle = 0;
    for (const [name, [popOn, taskOn]] of Object.entries(combinations)) {
        const result = await measure(popOn, taskOn);
        perCall[name] = result.perCall;
        perHold = Math.max(perHold, result.perHold);
        idle = Math.max(idle, result.idlePerHour);
        const kinds = [...new Set(result.methods)].map(
            (method) =>
                `${method}×${result.methods.filter((m) => m === method).length / CALLS_PER_COMBINATION}`
        );
        console.log(`${name}: ${result.perCall} requests per call (${kinds.join(', ')})`);
    }
    const wrapUp = await measureWrapUp();
    console.log(
        `wrap-up: ${wrapUp.edited} requests per edited call (saveLog by Id), ${wrapUp.untouched} per untouched call`
    );
    console.log(
        'Targets: at most 5 / 4 / 3 / 2 per call, 0 per hold or retrieve, 0 while idle (the product we replace: about 10 / 9 / 8 / 7); wrap-up: 1 per edited call, 0 untouched.'
    );
    console.log(
        JSON.stringify({
            openctiRequestsPerCall: perCall,
            openctiRequestsPerHold: perHold,
            openctiRequestsIdlePerHour: idle,
            openctiRequestsPerWrapUp: wrapUp
        })
    );
}

main().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
});
