// Dialling in the real panel, in Chromium: a number clicked on a record, keyed on the dial pad and
// pasted into the number field reaches the PBX as one dial string, built by the site's rules.
import { SITES } from '../support/dialingCases';
import { eventually, startHarness, type AgentView, type Harness } from './support/workbench';

jest.setTimeout(60_000);

let harness: Harness;

const TRUNK_ZERO = {
    Id: '0035g00000TrunkZ',
    Name: 'Trunk Zero Ltd',
    objectType: 'Contact' as const,
    Phone: '+44 (0)20 7946 0018'
};

beforeAll(async () => {
    harness = await startHarness();
    Object.assign(harness.stack.emulator.settings, SITES.uk);
    harness.stack.emulator.records.push(TRUNK_ZERO);
});

afterAll(() => harness?.close());

beforeEach(() => harness.reset());

async function readyAgent(): Promise<AgentView> {
    const agent = await harness.open();
    await agent.waitForText('Ready · Alice Agent, extension 2001');
    return agent;
}

/** The dial string of the agent's next call, which the far end then hangs up. */
async function nextDialString(agent: AgentView): Promise<string> {
    const model = harness.stack.simulator.model;
    const leg = await eventually(() =>
        [...model.legs.values()].find(
            (candidate) => candidate.extension === '2001' && candidate.state !== 'cleared'
        )
    );
    model.remote(leg.callId, 'hangup');
    await agent.waitForText('Ready · Alice Agent, extension 2001');
    return leg.remote.number;
}

describe('a UK site (outside 9, country 44, national prefix 0)', () => {
    it('dials +44 (0)20 7946 0018 nationally, the same from the record, the dial pad and a paste', async () => {
        const agent = await readyAgent();
        const dialled: string[] = [];

        await agent.page.locator('.wb-click-to-dial-number', { hasText: TRUNK_ZERO.Phone }).click();
        dialled.push(await nextDialString(agent));

        for (const key of '02079460018') await agent.panel.locator(`[data-key="${key}"]`).click();
        await agent.click('Call');
        dialled.push(await nextDialString(agent));

        await agent.panel.getByLabel('Phone number').fill('Tel: +44 (0)20 7946 0018 ext. 204');
        await agent.click('Call');
        dialled.push(await nextDialString(agent));

        expect(dialled).toEqual(['902079460018', '902079460018', '902079460018']);
        expect(agent.errors).toEqual([]);
    });

    it('keeps Call disabled for a field without a digit, and says why a number cannot be dialled', async () => {
        const agent = await readyAgent();
        const field = agent.panel.getByLabel('Phone number');
        const call = agent.panel.getByRole('button', { name: 'Call', exact: true });
        await field.fill('jane.doe@bigcustomer.com');
        await expect(call.isDisabled()).resolves.toBe(true);
        await field.fill('0800 FLOWERS');
        await call.click();
        await agent.waitForText('0800 FLOWERS cannot be dialled');
        expect([...harness.stack.simulator.model.legs.values()]).toEqual([]);
    });
});
