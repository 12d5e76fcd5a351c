import {
    decodeLoginBody,
    encodeFrame,
    encodeLineFrame,
    encodeLoginFrame,
    FrameDecoder,
    lineFromBody
} from '../framing';

const hex = (buffer: Buffer): string => buffer.toString('hex').replace(/(..)/g, '$1 ').trim();

describe('OAI framing', () => {
    it('writes the length least significant byte first and counts the CR of a command', () => {
        // "_NO,1" + CR is 6 bytes.
        expect(hex(encodeLineFrame('_NO,1'))).toBe('06 00 00 00 5f 4e 4f 2c 31 0d');
    });

    it('writes lengths above 255 across the header bytes, low byte first', () => {
        const frame = encodeFrame(Buffer.alloc(0x012c, 0x41));
        expect(hex(frame.subarray(0, 4))).toBe('2c 01 00 00');
        expect(frame.length).toBe(4 + 300);
    });

    it('builds the login frame: type 0x87, password, NUL, application name, NUL, no CR', () => {
        const frame = encodeLoginFrame({ password: 'secret', applicationName: 'Bridge' });
        expect(hex(frame)).toBe('0f 00 00 00 87 73 65 63 72 65 74 00 42 72 69 64 67 65 00');
        expect(decodeLoginBody(frame.subarray(4))).toEqual({
            type: 0x87,
            password: 'secret',
            applicationName: 'Bridge'
        });
    });

    it('accepts an empty password, as the library does by default', () => {
        expect(hex(encodeLoginFrame({ password: '', applicationName: 'B' }))).toBe('04 00 00 00 87 00 42 00');
    });

    it('refuses non-ASCII and NUL in what it sends', () => {
        expect(() => encodeLineFrame('_MC,1,2001,é')).toThrow(/ASCII/);
        expect(() => encodeLoginFrame({ password: 'a\0b', applicationName: 'B' })).toThrow(/NUL/);
    });

    it('strips the CR LF the PBX ends its lines with', () => {
        expect(lineFromBody(Buffer.from('001,RD,0,\r\n', 'latin1'))).toBe('001,RD,0,');
        expect(lineFromBody(Buffer.from('001,RD,0,\r', 'latin1'))).toBe('001,RD,0,');
    });
});

describe('FrameDecoder', () => {
    const wire = Buffer.from(
        '06000000' + Buffer.from('_NO,1\r').toString('hex') + '03000000' + '414243',
        'hex'
    );

    const bodies = (decoder: FrameDecoder, chunks: Buffer[]): string[] =>
        chunks.flatMap((chunk) =>
            decoder
                .push(chunk)
                .map((out) => (out.kind === 'frame' ? out.body.toString('latin1') : `error:${out.reason}`))
        );

    it('reassembles frames delivered one byte at a time', () => {
        const decoder = new FrameDecoder();
        const chunks = [...wire].map((byte) => Buffer.from([byte]));
        expect(bodies(decoder, chunks)).toEqual(['_NO,1\r', 'ABC']);
        expect(decoder.bufferedBytes).toBe(0);
    });

    it('splits frames coalesced into one chunk, and keeps a partial tail for later', () => {
        const decoder = new FrameDecoder();
        expect(bodies(decoder, [wire.subarray(0, 12)])).toEqual(['_NO,1\r']);
        expect(decoder.bufferedBytes).toBe(2);
        expect(bodies(decoder, [wire.subarray(12)])).toEqual(['ABC']);
    });

    it('skips empty frames', () => {
        const decoder = new FrameDecoder();
        expect(bodies(decoder, [Buffer.from('00000000' + '01000000' + '5a', 'hex')])).toEqual(['Z']);
    });

    it('reports a frame over the limit once, then reads nothing more', () => {
        const decoder = new FrameDecoder(16);
        const oversize = Buffer.from('11000000', 'hex'); // 17 bytes declared
        const outputs = decoder.push(Buffer.concat([wire.subarray(0, 10), oversize]));
        expect(outputs.map((out) => out.kind)).toEqual(['frame', 'error']);
        expect(outputs[1]).toEqual({
            kind: 'error',
            reason: 'frameTooLarge',
            declaredBytes: 17,
            maxFrameBytes: 16
        });
        expect(decoder.failed).toBe(true);
        expect(decoder.push(wire)).toEqual([]);
    });

    it('accepts a frame exactly at the limit', () => {
        const decoder = new FrameDecoder(3);
        expect(bodies(decoder, [wire.subarray(10)])).toEqual(['ABC']);
    });
});
