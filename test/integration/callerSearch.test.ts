// The caller's number steers the automatic screen pop only when it is a dialable number: the pop is
// Salesforce's free-text search (the Open CTI emulator searches as Salesforce does), so a caller ID
// holding an email address or a name would pop, name and link whichever record holds that text.
import { OpenCtiEmulator, type EmulatedRecord } from '../../src/stand-ins/opencti-emulator/emulator';
import type { ControllerHarness } from '../support/controllerHarness';
import { useSimulator } from '../support/simulatorFixture';

jest.setTimeout(20_000);

const fixture = useSimulator();

const JANE: EmulatedRecord = {
    Id: '0035g00000JaneDo',
    Name: 'Jane Doe',
    objectType: 'Contact',
    Phone: '020 7946 0999',
    Email: 'jane.doe@bigcustomer.com'
};

async function answered(
    callerId: string,
    mode = 'answered'
): Promise<{ harness: ControllerHarness; callId: string }> {
    const emulator = new OpenCtiEmulator({ records: [JANE] });
    const harness = await fixture.controller({ emulator, settings: { '/mivoiceSuite/screenPopMode': mode } });
    await harness.until(() => harness.state().status.phase === 'ready');
    const callId = fixture.simulator.model.ringInbound('2001', { number: callerId, name: 'Caller' }).callId;
    await harness.until(() => harness.state().calls.some((call) => call.callId === callId));
    harness.intent({ type: 'answer', callId });
    await harness.until(
        () => harness.state().calls.find((call) => call.callId === callId)?.state === 'connected'
    );
    return { harness, callId };
}

const view = (harness: ControllerHarness, callId: string) =>
    harness.state().calls.find((call) => call.callId === callId);

describe('automatic screen pops search only a dialable caller number', () => {
    it('pops the record of a dialable number (formatting aside)', async () => {
        const { harness, callId } = await answered('+44 20 7946 0999');
        const call = await harness.until(() =>
            view(harness, callId)?.match.kind === 'single' ? view(harness, callId) : undefined
        );
        expect(call.match.recordName).toBe('Jane Doe');
    });

    it.each(['jane.doe@bigcustomer.com', 'Jane Doe', 'Anonymous', '12'])(
        'does not search on the caller ID %p, and the Task is linked to no one',
        async (callerId) => {
            const { harness, callId } = await answered(callerId, 'ringing');
            // The Find Caller button stays, for the agent to decide.
            expect(view(harness, callId)).toMatchObject({ match: { kind: 'notSearched' }, canPop: true });
            fixture.simulator.model.remote(callId, 'hangup');
            const [task] = await harness.until(() => {
                const saved = [...harness.emulator.tasks.values()];
                return saved.length > 0 ? saved : undefined;
            });
            expect(harness.emulator.count('searchAndScreenPop')).toBe(0);
            expect(task.WhoId).toBeUndefined();
            expect(task.WhatId).toBeUndefined();
        }
    );

    it('still searches when the agent presses Find Caller: the agent chose to', async () => {
        const { harness, callId } = await answered('jane.doe@bigcustomer.com');
        expect(harness.emulator.count('searchAndScreenPop')).toBe(0);
        harness.intent({ type: 'pop', callId });
        await harness.until(() => view(harness, callId)?.match.kind === 'single');
        expect(
            harness.emulator.requests.find((request) => request.method === 'searchAndScreenPop')?.args
        ).toMatchObject({
            searchParams: 'jane.doe@bigcustomer.com'
        });
    });
});
