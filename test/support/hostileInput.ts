// What a hostile client sends a contract server, generated from a seed so that a failure is
// reproducible: request targets, methods, headers and bodies written byte for byte (sizes, depth,
// prototype keys, odd digits, CR and LF where they do not belong, broken UTF-8, huge numbers), and
// event channel frames (garbage, binary, fragments, oversized, broken UTF-8, raw WebSocket bytes).
// Used by the fuzz tests (test/contract/hostileClient.test.ts) and the hostile soak.

/** A small seeded generator (mulberry32): the same seed gives the same sequence. */
export function seeded(seed: number): () => number {
    let state = seed >>> 0;
    return () => {
        state = (state + 0x6d2b79f5) >>> 0;
        let mixed = Math.imul(state ^ (state >>> 15), 1 | state);
        mixed = (mixed + Math.imul(mixed ^ (mixed >>> 7), 61 | mixed)) ^ mixed;
        return ((mixed ^ (mixed >>> 14)) >>> 0) / 2 ** 32;
    };
}

/** What the hostile client knows: the server's name, a token of its own user, the API key. */
export interface HostileContext {
    host: string;
    token: string;
    apiKey: string;
    allowedOrigin: string;
    /** The largest body and frame the server takes. */
    bodyBytes: number;
    frameBytes: number;
}

export interface RawRequest {
    /** The bytes as they go on the wire, request line to body. */
    bytes: Buffer;
    /** What it is, for a failure's message. */
    summary: string;
    /**
     * It promises more than it sends (a Content-Length past its body, a chunked body never ended): the
     * server may wait for the rest, as for any slow client, until its request timeout.
     */
    incomplete: boolean;
}

export type HostileFrame =
    | { kind: 'text'; data: string }
    | { kind: 'binary'; data: Buffer }
    /** A text frame whose bytes are not UTF-8. */
    | { kind: 'brokenUtf8'; data: Buffer }
    /** A message in two fragments. */
    | { kind: 'fragments'; data: [string, string] }
    /** Bytes straight onto the socket after the handshake: any framing at all. */
    | { kind: 'raw'; data: Buffer };

const PATHS = [
    '',
    '/',
    '//',
    '*',
    '/api',
    '/api/v1',
    '/api/v1/',
    '/api/v1/server',
    '/api/v1/health',
    '/api/v1/sessions',
    '/api/v1/sessions/current',
    '/api/v1/events',
    '/api/v1/calls',
    '/api/v1/calls/c1/answer',
    '/api/v1/calls/__proto__/hold',
    '/api/v1/calls/constructor/transfer',
    '/api/v1/users/me/dnd',
    '/api/v1/users/me/status',
    '/__proto__',
    '/constructor/prototype',
    '/%',
    '/%00',
    '/%ZZ',
    '/%c0%af',
    '/..%2f..%2fetc%2fpasswd',
    '/api/v1/events/../../x',
    'http://[',
    'https://evil.example.com/api/v1/server',
    '/\u00ff\u00fe',
    '/api/v1/calls/１２３/answer'
];

const QUERIES = [
    '',
    '?',
    '?access_token=',
    '?access_token=%ZZ',
    '?access_token=a&access_token=b',
    '?__proto__[polluted]=1',
    '?constructor[prototype][polluted]=1',
    '?a[b][c][d][e][f][g]=1',
    `?x=${'y'.repeat(3000)}`
];

const METHODS = [
    'GET',
    'POST',
    'PUT',
    'DELETE',
    'OPTIONS',
    'PATCH',
    'HEAD',
    'TRACE',
    'FOO',
    'get',
    'G\u00c9T'
];

const DIAL_STRINGS = [
    '2002',
    '+441632960123',
    '１２３４',
    '١٢٣٤',
    '۱۲۳',
    '9'.repeat(33),
    '',
    '*#*#',
    '12\r\n34',
    '12\u0000',
    '1e400',
    ' 2002 ',
    'tel:2002'
];

export class HostileInput {
    private readonly random: () => number;

    constructor(random: () => number) {
        this.random = random;
    }

    private pick<T>(values: readonly T[]): T {
        return values[Math.floor(this.random() * values.length)];
    }

    private chance(p: number): boolean {
        return this.random() < p;
    }

    private int(max: number): number {
        return Math.floor(this.random() * max);
    }

    path(): string {
        let path = this.pick(PATHS);
        if (this.chance(0.1)) path = `/${'a'.repeat(this.int(9000))}`;
        if (this.chance(0.1)) path += `/${'9'.repeat(this.int(400) + 1)}`;
        return path + this.pick(QUERIES);
    }

    /** A JSON-ish body: deep, wide, prototype keys, huge numbers, odd digits, broken UTF-8, or sized at the limit. */
    body(context: HostileContext): Buffer {
        switch (this.int(9)) {
            case 0: {
                const depth = this.int(5000) + 1;
                return Buffer.from(`${'['.repeat(depth)}${']'.repeat(depth)}`);
            }
            case 1:
                return Buffer.from(
                    '{"__proto__":{"polluted":1},"constructor":{"prototype":{"polluted":1}},"to":"2002"}'
                );
            case 2:
                return Buffer.from(
                    `{"to":${this.pick(['1e400', '-0', '123456789012345678901234567890', 'NaN', 'Infinity', '0x10'])}}`
                );
            case 3:
                return Buffer.from(
                    JSON.stringify({
                        to: this.pick(DIAL_STRINGS),
                        mode: this.pick(['blind', 'attended', '__proto__'])
                    })
                );
            case 4:
                return Buffer.concat([
                    Buffer.from('{"email":"'),
                    Buffer.from([0xc3, 0x28, 0xe2, 0x82, 0xff]),
                    Buffer.from('"}')
                ]);
            case 5:
                return Buffer.from(
                    JSON.stringify({ email: 'x'.repeat(context.bodyBytes + this.int(3) - 1 - 12) })
                );
            case 6:
                return Buffer.from(JSON.stringify({ enabled: this.pick(['true', 1, null, {}, []]) }));
            case 7:
                return Buffer.from(
                    JSON.stringify({
                        assertion: 'e30.e30.' + 'A'.repeat(this.int(9000)),
                        email: 'alice@example.com'
                    })
                );
            default:
                return Buffer.from(Array.from({ length: this.int(512) }, () => this.int(256)));
        }
    }

    private headers(context: HostileContext, bodyLength: number): { headers: string[]; incomplete: boolean } {
        const headers = [
            `Host: ${this.chance(0.9) ? context.host : this.pick(['', 'evil.example.com', 'x'.repeat(300)])}`
        ];
        const origin = this.pick([
            context.allowedOrigin,
            'null',
            'https://evil.example.com',
            `https://${'o'.repeat(8192)}.example.com`,
            'https://ACME--c.vf.force.com',
            `${context.allowedOrigin}.evil.example.com`,
            undefined
        ]);
        if (origin !== undefined) headers.push(`Origin: ${origin}`);
        const authorization = this.pick([
            `Bearer ${context.token}`,
            `Bearer ${context.token}x`,
            'Bearer ',
            `Basic ${Buffer.from('a:b').toString('base64')}`,
            `Bearer ${'t'.repeat(9000)}`,
            undefined
        ]);
        if (authorization !== undefined) headers.push(`Authorization: ${authorization}`);
        if (this.chance(0.3))
            headers.push(`X-Api-Key: ${this.pick([context.apiKey, '', 'wrong-key-1234', 'k'.repeat(5000)])}`);
        if (this.chance(0.7))
            headers.push(
                `Content-Type: ${this.pick(['application/json', 'text/plain', 'application/json; charset=utf-16', 'multipart/form-data; boundary=x', 'application/x-www-form-urlencoded', '*/*'])}`
            );
        const length = this.pick([
            String(bodyLength),
            String(bodyLength + 10),
            '-1',
            '99999999999999999999',
            'abc',
            undefined
        ]);
        if (length !== undefined) headers.push(`Content-Length: ${length}`);
        const chunked = this.chance(0.15);
        if (chunked) headers.push('Transfer-Encoding: chunked');
        if (this.chance(0.2))
            headers.push(
                'Connection: Upgrade',
                'Upgrade: websocket',
                `Sec-WebSocket-Version: ${this.pick(['13', '8', 'abc'])}`,
                `Sec-WebSocket-Key: ${this.pick(['dGhlIHNhbXBsZSBub25jZQ==', '', 'not base64'])}`
            );
        if (this.chance(0.1)) headers.push(`X-Folded: a\r\n  folded`);
        if (this.chance(0.1)) headers.push('X-Bare-CR: a\rb');
        if (this.chance(0.05)) headers.push(`X-${'h'.repeat(20_000)}: 1`);
        if (this.chance(0.05))
            for (let index = 0; index < 150; index++) headers.push(`X-Many-${index}: ${index}`);
        if (this.chance(0.1)) headers.push(`X-Broken: ${Buffer.from([0xc3, 0x28, 0xff]).toString('latin1')}`);
        return { headers, incomplete: chunked || length === String(bodyLength + 10) };
    }

    /** One request as bytes; the connection is asked to close after it. */
    request(context: HostileContext): RawRequest {
        const method = this.pick(METHODS);
        const target = this.path();
        const body = this.chance(0.6) ? this.body(context) : Buffer.alloc(0);
        const version = this.pick(['HTTP/1.1', 'HTTP/1.1', 'HTTP/1.1', 'HTTP/1.0', 'HTTP/9.9', '']);
        const { headers, incomplete } = this.headers(context, body.length);
        const head = [`${method} ${target} ${version}`.trimEnd(), ...headers, 'Connection: close'];
        return {
            bytes: Buffer.concat([Buffer.from(`${head.join('\r\n')}\r\n\r\n`, 'latin1'), body]),
            summary: `${method} ${target.slice(0, 80)} (${body.length} bytes of body)`,
            incomplete
        };
    }

    /** A frame for an open event channel. */
    frame(context: HostileContext): HostileFrame {
        switch (this.int(10)) {
            case 0:
                return { kind: 'text', data: `{garbage ${this.int(1000)}` };
            case 1:
                return {
                    kind: 'text',
                    data: `{"type":"resume","lastSeq":${this.pick(['-1', '1e400', '"5"', 'null', '9007199254740993', '0.5', '[]'])}}`
                };
            case 2: {
                const depth = this.int(3000) + 1;
                return { kind: 'text', data: `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}` };
            }
            case 3:
                return {
                    kind: 'text',
                    data: '{"__proto__":{"type":"resume"},"constructor":{"prototype":{"x":1}},"type":"pong"}'
                };
            case 4:
                return {
                    kind: 'binary',
                    data: Buffer.from(Array.from({ length: this.int(2048) }, () => this.int(256)))
                };
            case 5:
                return { kind: 'brokenUtf8', data: Buffer.from([0x7b, 0xc3, 0x28, 0xff, 0x7d]) };
            case 6:
                return { kind: 'fragments', data: ['{"type":', '"pong"}'] };
            case 7:
                return { kind: 'text', data: 'x'.repeat(context.frameBytes + this.int(3) - 1) };
            case 8:
                return { kind: 'raw', data: this.rawFrameBytes() };
            default:
                return {
                    kind: 'text',
                    data: JSON.stringify({
                        type: this.pick(['pong', 'subscribe', 'resume', '', '__proto__']),
                        t: this.int(1e9)
                    })
                };
        }
    }

    /** WebSocket framing gone wrong: reserved bits and opcodes, unmasked, a 2^63 length, control frames too long. */
    private rawFrameBytes(): Buffer {
        const mask = [1, 2, 3, 4];
        switch (this.int(5)) {
            case 0:
                return Buffer.from([0xf1, 0x85, ...mask, 1, 2, 3, 4, 5]);
            case 1:
                return Buffer.from([0x83, 0x80, ...mask]);
            case 2:
                return Buffer.from([0x81, 0x05, 0x68, 0x65, 0x6c, 0x6c, 0x6f]);
            case 3:
                return Buffer.from([0x81, 0xff, 0x7f, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, ...mask]);
            default:
                return Buffer.from([0x89, 0xfe, 0x00, 0xc8, ...mask, ...Array(200).fill(0)]);
        }
    }
}
