// Which client addresses count as this machine's: the default rule for who sees the health counters.
import { isLoopback } from '../operators';

it.each([
    ['127.0.0.1', true],
    ['127.8.9.10', true],
    ['::1', true],
    ['0:0:0:0:0:0:0:1', true],
    ['::ffff:127.0.0.1', true],
    ['10.0.0.1', false],
    ['::ffff:10.0.0.1', false],
    ['128.0.0.1', false],
    ['::2', false],
    ['fe80::1', false],
    ['', false],
    [undefined, false]
])('%s is loopback: %s', (address, loopback) => {
    expect(isLoopback(address)).toBe(loopback);
});
