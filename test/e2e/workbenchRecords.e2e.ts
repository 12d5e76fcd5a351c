// The workbench's emulated console lists the emulated org's records, the Person Account among them.
import { startHarness, type Harness } from './support/workbench';

jest.setTimeout(60_000);

let harness: Harness;

beforeAll(async () => {
    harness = await startHarness();
});

afterAll(() => harness?.close());

beforeEach(() => harness.reset());

describe('the console record list', () => {
    it('shows the Person Account like the other records, and opens it', async () => {
        const agent = await harness.open();
        const rows = agent.page.locator('#wb-record-list tbody tr');
        await rows.first().waitFor();
        const table = await rows.evaluateAll((found) =>
            found.map((row) => Array.from(row.querySelectorAll('td'), (cell) => cell.textContent))
        );
        expect(table).toContainEqual(['Rosalind Franklin', 'Person Account', '01632 960321']);
        expect(table).toContainEqual(['ACME Ltd', 'Account', '01632 960100']);
        await agent.page.locator('.wb-open-record', { hasText: 'Rosalind Franklin' }).click();
        await agent.page
            .locator('#wb-record-view', { hasText: 'Person Account · 01632 960321' })
            .waitFor({ timeout: 5_000 });
        expect(agent.errors).toEqual([]);
    });
});
