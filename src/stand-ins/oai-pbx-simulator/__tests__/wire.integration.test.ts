// The OAI simulator on the wire, byte for byte, without the bridge's client.
import { connect, type Socket } from 'node:net';
import { OaiSimulator } from '../server';

let simulator: OaiSimulator;
let socket: Socket;

beforeEach(async () => {
    simulator = new OaiSimulator({ password: 'pw' });
    await simulator.start();
});

afterEach(async () => {
    socket?.destroy();
    await simulator.stop();
});

const frame = (body: Buffer) => {
    const header = Buffer.alloc(4);
    header.writeUInt32LE(body.length);
    return Buffer.concat([header, body]);
};
const login = (password: string) => frame(Buffer.from(`\x87${password}\0wire-test\0`, 'latin1'));
const command = (line: string) => frame(Buffer.from(`${line}\r`, 'latin1'));

/** Collects whole lines as the simulator frames them, and whether it hung up. */
function open(): Promise<{
    lines: string[];
    closed: () => boolean;
    next: (count: number) => Promise<string[]>;
}> {
    return new Promise((resolve) => {
        const lines: string[] = [];
        let pending = Buffer.alloc(0);
        let closed = false;
        const waiters: (() => void)[] = [];
        socket = connect(simulator.port, '127.0.0.1', () =>
            resolve({
                lines,
                closed: () => closed,
                next: (count) =>
                    new Promise((done) => {
                        const start = lines.length;
                        const check = () =>
                            lines.length >= start + count
                                ? done(lines.slice(start, start + count))
                                : waiters.push(check);
                        check();
                    })
            })
        );
        socket.on('data', (chunk) => {
            pending = Buffer.concat([pending, chunk]);
            while (pending.length >= 4 && pending.length >= 4 + pending.readUInt32LE(0)) {
                const length = pending.readUInt32LE(0);
                lines.push(pending.subarray(4, 4 + length).toString('latin1'));
                pending = pending.subarray(4 + length);
            }
            waiters.splice(0).forEach((waiter) => waiter());
        });
        socket.on('close', () => {
            closed = true;
            waiters.splice(0).forEach((waiter) => waiter());
        });
    });
}

describe('OAI simulator wire', () => {
    it('answers a login with RS (no TCPIP_Flag: no CT Gateway) then RD, numbered from 000, each line ending in CR LF', async () => {
        const wire = await open();
        socket.write(login('pw'));
        const [rs, rd] = await wire.next(2);
        expect(rs).toMatch(/^000,RS,0,\d\d:\d\d,\d{6},V10\.20,V6\.0\.11\.113,3,1,0,1\r\n$/);
        expect(rd).toBe('001,RD,0,\r\n');
    });

    it('confirms a command with its invoke id, and refuses one missing its arguments with the manual outcome', async () => {
        const wire = await open();
        socket.write(login('pw'));
        await wire.next(2);
        socket.write(
            Buffer.concat([
                command('_NO,17'),
                command('_MC,18,2001'),
                command('_EF,19,2001,,'),
                command('_SD,20,2001,1,21'),
                command('_HC,21,,@001'),
                command('_XX,22,2001')
            ])
        );
        expect(await wire.next(6)).toEqual([
            '002,CF,_NO,17,0\r\n',
            // Invalid_Called_Device (7), Invalid_Feature (10), Value_Out_of_Range (31), Invalid_Device_Identifier (9).
            '003,CF,_MC,18,7\r\n',
            '004,CF,_EF,19,10\r\n',
            '005,CF,_SD,20,31\r\n',
            '006,CF,_HC,21,9\r\n',
            '007,CF,_XX,22,1\r\n'
        ]);
    });

    it('answers Query Device Info in the manual layout of its protocol version, and 9 for no such device', async () => {
        const wire = await open();
        socket.write(login('pw'));
        await wire.next(2);
        socket.write(
            Buffer.concat([
                command('_QI,1,2001'),
                command('_QI,2,2100'),
                command('_QI,3,9001'),
                command('_QI,4,2999'),
                command('_QI,5')
            ])
        );
        expect(await wire.next(5)).toEqual([
            // V10.20: a keyset (0) with every field through Account_Code_Validated_Flag, online (a Model 8660, 43).
            '002,CF,_QI,1,0,2001,0,0,|Alice|,|2001|,0,0,,0000,0000,,0,0,43,0,0\r\n',
            // A hunt group (2) and an ISDN trunk (9, answer supervision 6): no station fields.
            '003,CF,_QI,2,0,2100,2,0,|SALES|,|2100|\r\n',
            '004,CF,_QI,3,0,9001,9,0,|MAIN|,|9001|,6\r\n',
            '005,CF,_QI,4,9\r\n',
            '006,CF,_QI,5,9\r\n'
        ]);
    });

    it('answers Query Device Info of an older PBX (V05.10) without the fields later versions added', async () => {
        await simulator.stop();
        simulator = new OaiSimulator({ password: 'pw', protocolVersion: 'V05.10' });
        await simulator.start();
        const wire = await open();
        socket.write(login('pw'));
        await wire.next(2);
        socket.write(command('_QI,1,2002'));
        expect(await wire.next(1)).toEqual(['002,CF,_QI,1,0,2002,0,0,|Bob|,|2002|,0,0,,0000,0000,\r\n']);
    });

    it('through a CT Gateway (V06.00 and later) adds the TCPIP_Flag to its RS, and six-digit monitor ids', async () => {
        await simulator.stop();
        simulator = new OaiSimulator({ password: 'pw', gateway: true });
        await simulator.start();
        const wire = await open();
        socket.write(login('pw'));
        const [rs] = await wire.next(2);
        expect(rs).toMatch(/^000,RS,0,\d\d:\d\d,\d{6},V10\.20,V6\.0\.11\.113,3,0,0,1,1\r\n$/);
        socket.write(command('_MS,1,2001,1'));
        expect(await wire.next(1)).toEqual(['002,CF,_MS,1,0,1,000001,2001,A:00FC,C:FFFC,F:00F0\r\n']);
    });

    it('hangs up on a wrong password without a word', async () => {
        const wire = await open();
        socket.write(login('nope'));
        await new Promise<void>((resolve) => socket.on('close', () => resolve()));
        expect(wire.lines).toEqual([]);
        expect(simulator.loginCount).toBe(0);
    });
});
