// The setup check view lists the failures the softphone recorded without showing the agent.
import { Diagnostics } from '../../../telephony/diagnostics';
import { SetupCheck } from '../setupCheck';

describe('SetupCheck', () => {
    it('shows the recorded failures with the links, as they stand when the check ends', async () => {
        const diagnostics = new Diagnostics(() => 7);
        diagnostics.record('opencti.notifyInitializationComplete', new Error('not acknowledged'));
        let draws = 0;
        const check = new SetupCheck(() => draws++);
        let answerSettings: (value: unknown) => void = () => undefined;
        const running = check.run({
            fetchSettings: () => new Promise((resolve) => (answerSettings = resolve)),
            email: 'alice@example.com',
            startupProblem: undefined,
            checkServer: () => Promise.resolve({ version: '6.1.0' }),
            suite: undefined,
            automaticPopsSkipped: 0,
            diagnostics
        });
        expect(check.view).toMatchObject({
            running: true,
            diagnostics: [
                { at: 7, operation: 'opencti.notifyInitializationComplete', detail: 'not acknowledged' }
            ]
        });
        diagnostics.record('opencti.refreshView', { code: 'NOT_AVAILABLE' });
        answerSettings({});
        await running;
        expect(check.view?.running).toBe(false);
        expect(check.view?.checks.find((link) => link.id === 'userEmail')).toMatchObject({ result: 'pass' });
        expect(check.view?.diagnostics?.map((entry) => entry.operation)).toEqual([
            'opencti.notifyInitializationComplete',
            'opencti.refreshView'
        ]);
        check.close();
        expect(check.view).toBeUndefined();
        expect(draws).toBe(3);
    });
});
