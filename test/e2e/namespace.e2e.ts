// The same build as an unlocked package without a namespace and as a managed package with one:
// the emulated org serves the static resource, the Apex classes, the Lightning Out app and the panel
// component under the namespace only, and the Visualforce page from the namespace's own domain, so a
// name the softphone hard-coded instead of deriving would stop it here.
import { CONSOLE_HOST, eventually, startHarness, type AgentView, type Harness } from './support/workbench';

jest.setTimeout(90_000);

/** The origin the softphone frame really runs at, as Chromium reports it. */
async function frameOrigin(agent: AgentView): Promise<string> {
    const frame = await (await agent.page.$('#wb-softphone'))?.contentFrame();
    return new URL(frame?.url() ?? 'about:blank').origin;
}

// Each variant's Visualforce host, and the other variant's: a Suite that allows only the other one
// must refuse this softphone.
describe.each([
    ['an unlocked package without a namespace', '', 'acme--c.vf.force.com', 'acme--mvsp.vf.force.com'],
    ['a managed package with the namespace mvsp', 'mvsp', 'acme--mvsp.vf.force.com', 'acme--c.vf.force.com']
])('as %s', (_variant, namespace, softphoneHost, otherHost) => {
    let harness: Harness;

    beforeAll(async () => {
        harness = await startHarness({ namespace, softphoneHost, consoleHost: CONSOLE_HOST });
    });

    afterAll(() => harness?.close());

    // Proven only here: the package's real Visualforce origin, and the names the emulated org serves only under the namespace.
    it('starts, calls Apex under the right name, and logs a call', async () => {
        const { emulator, simulator } = harness.stack;
        // The Suite allows exactly the package's own Visualforce origin, written out here.
        const origin = `https://${softphoneHost}:${harness.stack.workbench.port}`;
        simulator.settings.allowedOrigins = [origin];
        const agent = await harness.open();
        await agent.waitForText('Ready · Alice Agent, extension 2001');
        expect(await frameOrigin(agent)).toBe(origin);
        const prefix = namespace || 'c';
        expect(await agent.panel.locator(`${prefix}-softphone`).count()).toBe(1);
        expect(emulator.settings['/reqGeneralInfo/reqAdapterUrl']).toBe(
            namespace ? '/apex/mvsp__MiVoiceSoftphone' : '/apex/MiVoiceSoftphone'
        );
        const apexClasses = emulator.requests
            .filter((request) => request.method === 'runApex')
            .map((request) => request.args.apexClass);
        expect(apexClasses).toEqual([namespace ? 'mvsp.SoftphoneIdentity' : 'SoftphoneIdentity']);

        simulator.model.ringInbound('2001', { number: '01632 960123', name: 'ACME LTD' });
        await agent.click('Answer');
        await agent.waitForText('Connected');
        await agent.click('End Call');
        const [task] = await eventually(() => emulator.tasks.size > 0 && [...emulator.tasks.values()]);
        expect(task).toMatchObject({ CallType: 'Inbound' });
        expect(emulator.tasks.size).toBe(1);
        expect(agent.errors).toEqual([]);
    });

    // Proven only here: the Origin header the browser itself sends from the other package's Visualforce origin.
    it("is refused by a Suite that allows only the other package's Visualforce origin", async () => {
        await harness.reset();
        const { emulator, simulator } = harness.stack;
        simulator.settings.allowedOrigins = [`https://${otherHost}:${harness.stack.workbench.port}`];
        const agent = await harness.open();
        await agent.waitForText(/cannot be reached/);
        expect(await agent.text()).toContain('Phone unavailable');
        expect(emulator.count('enableClickToDial')).toBe(0);
    });
});
