// Every way an agent places a call dials the same string: the number clicked on a record, keyed on
// the dial pad, pasted into the number field or redialled from the recent numbers, and a transfer
// target. The dial string is what the real simulator received over TLS, for each site's settings.
import { DIALING_CASES, SITES, type DialingCase, type SiteName } from '../support/dialingCases';
import type { ControllerHarness } from '../support/controllerHarness';
import { useSimulator } from '../support/simulatorFixture';

jest.setTimeout(60_000);

const fixture = useSimulator();
const AGENT_EXTENSION = '2001';

async function siteController(site: SiteName): Promise<ControllerHarness> {
    const harness = await fixture.controller({
        settings: { ...SITES[site], '/mivoiceSuite/createTasks': 'false' }
    });
    await harness.until(() => harness.state().status.phase === 'ready');
    return harness;
}

/** What the PBX was asked to dial after `place`, or the notice the agent saw instead. */
async function dialled(harness: ControllerHarness, place: () => void): Promise<string> {
    const model = fixture.simulator.model;
    const before = new Set(model.legs.keys());
    const noticeBefore = harness.state().notice;
    place();
    const outcome = await harness.until(() => {
        const leg = [...model.legs.values()].find(
            (candidate) => !before.has(candidate.callId) && candidate.extension === AGENT_EXTENSION
        );
        if (leg) return { leg };
        const notice = harness.state().notice;
        return notice && notice !== noticeBefore ? { refused: notice.code } : undefined;
    });
    if ('refused' in outcome) return `refused: ${outcome.refused}`;
    const { callId } = outcome.leg;
    model.remote(callId, 'hangup');
    await harness.until(() => !harness.state().calls.some((call) => call.callId === callId));
    return outcome.leg.remote.number;
}

const bySite = new Map<SiteName, DialingCase[]>();
for (const row of DIALING_CASES) bySite.set(row.site, [...(bySite.get(row.site) ?? []), row]);

describe.each([...bySite.keys()])('a %s site', (site) => {
    it('sends the PBX the same dial string from a record, the dial pad, a paste and a redial', async () => {
        const harness = await siteController(site);
        const seen: string[][] = [];
        const expected: string[][] = [];
        for (const row of bySite.get(site) ?? []) {
            const fromRecord = await dialled(harness, () =>
                harness.opencti.clickToDial({
                    number: row.record,
                    recordId: '0035g00000AdaLov',
                    recordName: 'Ada Lovelace',
                    objectType: 'Contact'
                })
            );
            const fromDialPad = await dialled(harness, () =>
                harness.intent({ type: 'dial', number: row.keyed })
            );
            const fromPaste = await dialled(harness, () =>
                harness.intent({ type: 'dial', number: row.pasted })
            );
            const [recent] = harness.state().history?.entries ?? [];
            const fromRedial = await dialled(harness, () =>
                harness.intent({ type: 'callback', callId: recent.callId })
            );
            seen.push([row.record, fromRecord, fromDialPad, fromPaste, fromRedial]);
            expected.push([row.record, row.pbx, row.pbx, row.pbx, row.pbx]);
        }
        expect(seen).toEqual(expected);
    });
});

describe('transfers', () => {
    it.each([
        ['blind', 'transfer'],
        ['consult', 'consult']
    ] as const)('%s: the target goes through the same rules', async (_name, type) => {
        const harness = await siteController('uk');
        const model = fixture.simulator.model;
        const callId = model.ringInbound(AGENT_EXTENSION, { number: '01632960123', name: 'ACME LTD' }).callId;
        await harness.until(() => harness.state().calls.some((call) => call.callId === callId));
        harness.intent({ type: 'answer', callId });
        await harness.until(() => model.legs.get(callId)?.state === 'connected');
        harness.intent({ type, callId, to: '+44 (0)20 7946 0018' });
        const target = await harness.until(() =>
            type === 'transfer'
                ? model.legs.get(callId)?.transferredTo
                : [...model.legs.values()].find((leg) => leg.relatedCallId === callId)?.remote.number
        );
        expect(target).toBe('902079460018');
    });
});

describe('the simulator, like a PBX, takes only a dial string', () => {
    it.each(['+442079460018', '020 7946 0018', '(020)79460018'])(
        'refuses %p instead of cleaning it up',
        async (to) => {
            const harness = await siteController('uk');
            await expect(fixture.simulator.model.makeCall('2001', to)).rejects.toThrow(/cannot dial/);
            expect(harness.state().calls).toEqual([]);
        }
    );
});
