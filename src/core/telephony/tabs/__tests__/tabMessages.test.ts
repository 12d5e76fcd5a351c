import { COMMAND_ARGS, COMMANDS, parseFollowerMessage } from '../tabMessages';

const command = (name: string, args: unknown[]) => ({ kind: 'command', id: 7, from: 'tab1', name, args });

/** A well-formed value for each kind of argument, and values of the wrong kind or out of bounds. */
const GOOD = { callId: 'c_000001_ab12', dial: '901632960123', flag: false };
const BAD = {
    callId: ['', 'c'.repeat(129), 42, null],
    dial: ['9'.repeat(65), 9016, null],
    flag: ['true', 1, null]
};

describe('the commands a tab may send the leading tab', () => {
    it('are the nine commands of the client', () => {
        expect(COMMANDS).toEqual([
            'makeCall',
            'answer',
            'hold',
            'retrieve',
            'clear',
            'blindTransfer',
            'consult',
            'completeTransfer',
            'setDnd'
        ]);
    });

    it.each(COMMANDS)('%s is taken with the arguments it takes, and with no other', (name) => {
        const kinds = COMMAND_ARGS[name];
        const args = kinds.map((kind) => GOOD[kind]);
        expect(parseFollowerMessage(command(name, args))).toEqual({
            kind: 'command',
            id: 7,
            from: 'tab1',
            name,
            args
        });
        // One argument too few, one too many.
        expect(parseFollowerMessage(command(name, args.slice(1)))).toBeUndefined();
        expect(parseFollowerMessage(command(name, [...args, GOOD.callId]))).toBeUndefined();
        // Each argument of the wrong kind, or out of bounds.
        kinds.forEach((kind, index) => {
            for (const bad of BAD[kind]) {
                const wrong = args.map((value, at) => (at === index ? bad : value));
                expect([name, index, bad, parseFollowerMessage(command(name, wrong))]).toEqual([
                    name,
                    index,
                    bad,
                    undefined
                ]);
            }
        });
    });

    it('names a command of the table only', () => {
        for (const name of ['constructor', 'start', 'stop', 'checkServer', 'toString'])
            expect(parseFollowerMessage(command(name, []))).toBeUndefined();
    });
});
