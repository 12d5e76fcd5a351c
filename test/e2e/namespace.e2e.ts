// The same build as an unlocked package without a namespace and as a managed package with one:
// the emulated org serves the static resource, the Apex classes, the Lightning Out app and the panel
// component under the namespace only, and the Visualforce page from the namespace's own domain, so a
// name the softphone hard-coded instead of deriving would stop it here.
import { CONSOLE_HOST, SOFTPHONE_HOST, eventually, startHarness, type Harness } from './support/workbench';

jest.setTimeout(90_000);

describe.each([
    ['an unlocked package without a namespace', '', SOFTPHONE_HOST],
    ['a managed package with the namespace mvsp', 'mvsp', 'acme--mvsp.vf.force.com']
])('as %s', (_variant, namespace, softphoneHost) => {
    let harness: Harness;

    beforeAll(async () => {
        harness = await startHarness({ namespace, softphoneHost, consoleHost: CONSOLE_HOST });
    });

    afterAll(() => harness?.close());

    it('starts, calls Apex under the right name, and logs a call', async () => {
        const { emulator, simulator } = harness.stack;
        const agent = await harness.open();
        await agent.waitForText('Ready · Alice Agent, extension 2001');
        const prefix = namespace || 'c';
        expect(await agent.panel.locator(`${prefix}-softphone`).count()).toBe(1);
        expect(emulator.settings['/reqGeneralInfo/reqAdapterUrl']).toBe(
            namespace ? '/apex/mvsp__MiVoiceSoftphone' : '/apex/MiVoiceSoftphone'
        );
        const apexClasses = emulator.requests
            .filter((request) => request.method === 'runApex')
            .map((request) => request.args.apexClass);
        expect(apexClasses).toEqual([namespace ? 'mvsp.SoftphoneIdentity' : 'SoftphoneIdentity']);
        // The Suite allows exactly this Visualforce origin, and the event channel is open.
        expect(simulator.model.config.allowedOrigins).toEqual([
            `https://${softphoneHost}:${harness.stack.workbench.port}`
        ]);

        simulator.model.ringInbound('2001', { number: '01632 960123', name: 'ACME LTD' });
        await agent.click('Answer');
        await agent.waitForText('Connected');
        await agent.click('End Call');
        const [task] = await eventually(() => emulator.tasks.size > 0 && [...emulator.tasks.values()]);
        expect(task).toMatchObject({ CallType: 'Inbound' });
        expect(emulator.tasks.size).toBe(1);
        expect(agent.errors).toEqual([]);
    });
});
