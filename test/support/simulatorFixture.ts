// For test files that run controllers against the real simulator: one simulator per file, reset
// after each test, and every controller a test started stopped after it.
import { callControl } from '../../src/stand-ins/suite-simulator/controlClient';
import { startSimulator, type Simulator } from '../../src/stand-ins/suite-simulator/simulator';
import { startController, type ControllerHarness, type HarnessOptions } from './controllerHarness';

export interface SimulatorFixture {
    readonly simulator: Simulator;
    /** Starts a controller (by default against this file's simulator); it is stopped after the test. */
    controller(options?: Partial<HarnessOptions>): Promise<ControllerHarness>;
}

export function useSimulator(): SimulatorFixture {
    let simulator: Simulator | undefined;
    const running: ControllerHarness[] = [];

    beforeAll(async () => {
        simulator = await startSimulator({ config: { heartbeatSec: 1 } });
    });

    afterEach(async () => {
        for (const harness of running.splice(0)) harness.stop();
        if (!simulator) return;
        await callControl(simulator.controlUrl, 'POST', '/_sim/reset');
        await callControl(simulator.controlUrl, 'PUT', '/_sim/config', { heartbeatSec: 1 });
    });

    afterAll(() => simulator?.stop());

    const fixture: SimulatorFixture = {
        get simulator(): Simulator {
            if (!simulator) throw new Error('the simulator starts in beforeAll');
            return simulator;
        },
        async controller(options = {}) {
            const harness = await startController({
                ...options,
                simulator: options.simulator ?? fixture.simulator
            });
            running.push(harness);
            return harness;
        }
    };
    return fixture;
}
