import { formatDuration, startTicker } from 'c/softphoneClock';

describe('formatDuration', () => {
    it.each([
        [0, '0:00'],
        [9.9, '0:09'],
        [65, '1:05'],
        [3599, '59:59'],
        [3600, '1:00:00'],
        [36_061, '10:01:01'],
        [-4, '0:00']
    ])('%d s -> %s', (seconds, text) => {
        expect(formatDuration(seconds)).toBe(text);
    });
});

describe('startTicker', () => {
    afterEach(() => jest.useRealTimers());

    it('ticks every second until stopped', () => {
        jest.useFakeTimers();
        const tick = jest.fn();
        const stop = startTicker(tick);
        jest.advanceTimersByTime(999);
        expect(tick).not.toHaveBeenCalled();
        jest.advanceTimersByTime(2001);
        expect(tick).toHaveBeenCalledTimes(3);
        stop();
        jest.advanceTimersByTime(3000);
        expect(tick).toHaveBeenCalledTimes(3);
        expect(jest.getTimerCount()).toBe(0);
    });
});
