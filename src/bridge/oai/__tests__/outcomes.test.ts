// The manual's COMMON FAILURE OUTCOME VALUES of each command the bridge sends (Issue 9.0,
// oaigatewayrelay commands/pbx/*.java), and the contract error each becomes.
import { contractErrorForOutcome, OUTCOME_NAMES } from '../outcomes';

describe('OAI outcome codes as contract errors', () => {
    it.each<[string, number, string, number]>([
        ['_AC', 3, 'device_unavailable', 409],
        ['_AC', 8, 'call_not_found', 404],
        ['_AC', 9, 'device_unavailable', 409],
        // Another tab answered first, or the station is on another call.
        ['_AC', 14, 'invalid_state', 409],
        ['_AC', 15, 'device_unavailable', 409],
        // The call no longer rings there (answered elsewhere, the caller hung up).
        ['_AC', 20, 'call_not_found', 404],
        ['_AC', 24, 'device_busy', 409],
        ['_AC', 41, 'invalid_state', 409],
        ['_HC', 1, 'invalid_state', 409],
        ['_HC', 8, 'call_not_found', 404],
        ['_HC', 14, 'invalid_state', 409],
        ['_HC', 15, 'device_unavailable', 409],
        // Retrieved already (two tabs): the goal is reached, which the client takes as done.
        ['_RV', 17, 'invalid_state', 409],
        ['_RV', 24, 'device_busy', 409],
        ['_CC', 18, 'invalid_state', 409],
        ['_CX', 19, 'invalid_state', 409],
        ['_CX', 1, 'invalid_state', 409],
        ['_MC', 7, 'invalid_number', 400],
        ['_MC', 9, 'device_unavailable', 409],
        // The calling station is on another call, offline, or an on-hook single-line set.
        ['_MC', 15, 'device_busy', 409],
        ['_MC', 31, 'invalid_state', 409],
        ['_TR', 16, 'invalid_state', 409],
        ['_TR', 17, 'invalid_state', 409],
        ['_TO', 11, 'invalid_number', 400],
        ['_TO', 16, 'invalid_state', 409],
        ['_TO', 51, 'call_not_found', 404],
        ['_SD', 15, 'device_unavailable', 409],
        ['_SD', 31, 'invalid_state', 409],
        ['_EF', 10, 'invalid_state', 409],
        ['_MC', 99, 'invalid_state', 409]
    ])('%s outcome %i is %s', (command, outcome, code, status) => {
        const error = contractErrorForOutcome(command, outcome);
        expect(error).toMatchObject({ code, status });
        expect(error.message).toContain(`(${outcome})`);
        expect(error.message).toContain(OUTCOME_NAMES[outcome] ?? 'an outcome the manual does not list');
    });

    it('names every outcome the manual lists for the commands the bridge sends', () => {
        for (const outcome of [1, 3, 7, 8, 9, 10, 11, 14, 15, 16, 17, 18, 19, 20, 24, 28, 31, 41, 51])
            expect(OUTCOME_NAMES[outcome]).toMatch(/^[A-Z][A-Za-z_]+$/);
    });
});
