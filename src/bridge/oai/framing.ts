// System OAI framing (docs/oai-protocol.md): every frame is a 4-byte body length, least significant
// byte first, then the body. Commands are one line ending in CR; the login frame is binary.

export const FRAME_HEADER_BYTES = 4;
/** Larger than any line the field lists allow (the longest list-query answers stay far below it). */
export const DEFAULT_MAX_FRAME_BYTES = 64 * 1024;
export const SYSTEM_OAI_LOGIN = 0x87;

const CR = 0x0d;
const NUL = 0x00;

export function encodeFrame(body: Uint8Array): Buffer {
    const frame = Buffer.alloc(FRAME_HEADER_BYTES + body.length);
    frame.writeUInt32LE(body.length, 0);
    frame.set(body, FRAME_HEADER_BYTES);
    return frame;
}

/** One command line, CR appended; the CR counts in the frame length. */
export function encodeLineFrame(line: string): Buffer {
    return encodeFrame(Buffer.concat([asciiBytes(line, 'line'), Buffer.from([CR])]));
}

export interface LoginCredentials {
    password: string;
    applicationName: string;
    /** 0x87 System OAI unless told otherwise. */
    type?: number;
}

/** `<type><password>NUL<application name>NUL`, framed, no CR. */
export function encodeLoginFrame(credentials: LoginCredentials): Buffer {
    const type = credentials.type ?? SYSTEM_OAI_LOGIN;
    if (!Number.isInteger(type) || type < 0 || type > 0xff) {
        throw new RangeError(`OAI login type must be one byte, got ${type}`);
    }
    for (const [name, value] of [
        ['password', credentials.password],
        ['application name', credentials.applicationName]
    ] as const) {
        if (value.includes('\0')) throw new RangeError(`OAI login ${name} must not contain NUL`);
    }
    return encodeFrame(
        Buffer.concat([
            Buffer.from([type]),
            asciiBytes(credentials.password, 'password'),
            Buffer.from([NUL]),
            asciiBytes(credentials.applicationName, 'application name'),
            Buffer.from([NUL])
        ])
    );
}

export interface DecodedLogin {
    type: number;
    password: string;
    applicationName: string;
}

/** The simulator's side of the login; undefined for a body that is not a login. */
export function decodeLoginBody(body: Buffer): DecodedLogin | undefined {
    if (body.length < 3 || body[body.length - 1] !== NUL) return undefined;
    const firstNul = body.indexOf(NUL, 1);
    if (firstNul === body.length - 1) return undefined;
    return {
        type: body[0],
        password: body.subarray(1, firstNul).toString('latin1'),
        applicationName: body.subarray(firstNul + 1, body.length - 1).toString('latin1')
    };
}

/** A line body as text: Latin-1 so no byte is lost, trailing CR / LF removed. */
export function lineFromBody(body: Buffer): string {
    return body.toString('latin1').replace(/[\r\n]+$/, '');
}

export type FrameOutput =
    | { kind: 'frame'; body: Buffer }
    | { kind: 'error'; reason: 'frameTooLarge'; declaredBytes: number; maxFrameBytes: number };

/**
 * Reassembles frames from TCP chunks however they are split or coalesced. A frame longer than the
 * limit means the stream is lost (or hostile): it is reported once and the decoder stops, since no
 * later byte can be trusted to start a frame.
 */
export class FrameDecoder {
    private readonly maxFrameBytes: number;
    private pending: Buffer = Buffer.alloc(0);
    private stopped = false;

    constructor(maxFrameBytes = DEFAULT_MAX_FRAME_BYTES) {
        this.maxFrameBytes = maxFrameBytes;
    }

    get failed(): boolean {
        return this.stopped;
    }

    /** Bytes received that do not yet make a whole frame. */
    get bufferedBytes(): number {
        return this.pending.length;
    }

    push(chunk: Uint8Array): FrameOutput[] {
        if (this.stopped) return [];
        this.pending = this.pending.length ? Buffer.concat([this.pending, chunk]) : Buffer.from(chunk);
        const out: FrameOutput[] = [];
        let offset = 0;
        while (this.pending.length - offset >= FRAME_HEADER_BYTES) {
            const declaredBytes = this.pending.readUInt32LE(offset);
            if (declaredBytes > this.maxFrameBytes) {
                out.push({
                    kind: 'error',
                    reason: 'frameTooLarge',
                    declaredBytes,
                    maxFrameBytes: this.maxFrameBytes
                });
                this.stopped = true;
                this.pending = Buffer.alloc(0);
                return out;
            }
            const end = offset + FRAME_HEADER_BYTES + declaredBytes;
            if (end > this.pending.length) break;
            // An empty frame carries nothing; the library skips it too.
            if (declaredBytes > 0) {
                out.push({
                    kind: 'frame',
                    body: Buffer.from(this.pending.subarray(offset + FRAME_HEADER_BYTES, end))
                });
            }
            offset = end;
        }
        this.pending = this.pending.subarray(offset);
        return out;
    }
}

function asciiBytes(text: string, what: string): Buffer {
    if (!/^[\x00-\x7f]*$/.test(text))
        throw new RangeError(`OAI ${what} must be ASCII: ${JSON.stringify(text)}`);
    return Buffer.from(text, 'latin1');
}
