import { heartbeatSeconds } from '../wire';

describe('the heartbeat a session announces', () => {
    it.each([
        ['1e400 on the wire (Infinity)', JSON.parse('{"heartbeatSec": 1e400}').heartbeatSec, 300],
        ['a day', 86_400, 300],
        ['a tenth of a second', 0.1, 1],
        ['20 seconds', 20, 20]
    ])('%s is clamped to 1..300 s', (_case, announced, used) => {
        expect(heartbeatSeconds(announced)).toBe(used);
    });

    it.each([
        ['absent', undefined],
        ['zero', 0],
        ['negative', -5],
        ['not a number', 'soon'],
        ['NaN', Number.NaN]
    ])('%s takes the default of 20 s', (_case, announced) => {
        expect(heartbeatSeconds(announced)).toBe(20);
    });
});
