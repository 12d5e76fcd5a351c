// The setup check view lists the failures the softphone recorded without showing the agent.
import { Diagnostics } from '../../../telephony/diagnostics';
import { SetupCheck, checkLinks } from '../setupCheck';

describe('SetupCheck', () => {
    it('shows the recorded failures with the links, as they stand when the check ends', async () => {
        const diagnostics = new Diagnostics(() => 7);
        diagnostics.record('opencti.notifyInitializationComplete', new Error('not acknowledged'));
        let draws = 0;
        const check = new SetupCheck(
            () => draws++,
            async () => checkLinks
        );
        let answerSettings: (value: unknown) => void = () => undefined;
        // The check itself arrives with the second part of the core: the settings are asked after it.
        let asked: () => void = () => undefined;
        const settingsAsked = new Promise<void>((resolve) => (asked = resolve));
        const running = check.run({
            fetchSettings: () => {
                asked();
                return new Promise((resolve) => (answerSettings = resolve));
            },
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
        await settingsAsked;
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

    it('checks nothing when its part of the core does not load, and shows why under the links', async () => {
        const diagnostics = new Diagnostics(() => 7);
        // As the controller's loader does: the reason is recorded before the load is refused.
        const check = new SetupCheck(
            () => undefined,
            () => {
                const error = new Error('/resource/1/SoftphoneExtras did not load');
                diagnostics.record('softphone.loadExtras', error);
                return Promise.reject(error);
            }
        );
        await check.run({
            fetchSettings: () => Promise.resolve({}),
            email: 'alice@example.com',
            startupProblem: undefined,
            checkServer: () => Promise.resolve({ version: '6.1.0' }),
            suite: undefined,
            automaticPopsSkipped: 0,
            diagnostics
        });
        expect(check.view?.running).toBe(false);
        expect(check.view?.checks.every((link) => link.result === 'notChecked')).toBe(true);
        expect(check.view?.diagnostics).toEqual([
            { at: 7, operation: 'softphone.loadExtras', detail: '/resource/1/SoftphoneExtras did not load' }
        ]);
    });
});
