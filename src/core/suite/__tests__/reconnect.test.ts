// How soon the client tries again: within moments while the Suite is away, politely while it refuses.
import { SuiteError } from '../errors';
import { AWAY_CEILING_MS, reconnectDelay } from '../reconnect';

const unreachable = new SuiteError('suiteUnreachable', { host: 'suite', port: '8204' });
const limited = new SuiteError('rateLimited', { host: 'suite', port: '8204' });
const delays = (error: SuiteError | undefined, random: number) =>
    Array.from({ length: 12 }, (_, attempt) => Math.round(reconnectDelay(attempt, error, undefined, random)));

describe('reconnectDelay', () => {
    it('never waits longer than the ceiling (with its jitter) while the Suite does not answer or the link dropped', () => {
        for (const error of [unreachable, undefined]) {
            expect(delays(error, 0.5)).toEqual([250, 1000, ...Array(10).fill(AWAY_CEILING_MS)]);
            expect(Math.max(...delays(error, 1))).toBe(AWAY_CEILING_MS * 1.2);
        }
    });

    it('backs off up to 30 s from a Suite that answers too many requests', () => {
        expect(delays(limited, 0.5).slice(-1)).toEqual([30_000]);
    });
});
