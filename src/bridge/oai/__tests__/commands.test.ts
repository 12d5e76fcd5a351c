// Expected lines are written by hand from the field lists in docs/oai-protocol.md.
import { encodeCommand, nextInvokeId, type OaiCommand } from '../commands';

describe('OAI command encoders', () => {
    it.each<[string, OaiCommand, number, string]>([
        [
            '_MC make call: <Affected_Ext>,<Digit_String>',
            { code: '_MC', extension: '2001', digits: '901632960123' },
            7,
            '_MC,7,2001,901632960123'
        ],
        [
            '_MC transfer-announce: <Account_Code> and <Is_Call_Return_Message> blank (their defaults), <Call_ID_Of_Call_To_Transfer>',
            { code: '_MC', extension: '2001', digits: '2002', transferCallId: '4711' },
            8,
            '_MC,8,2001,2002,,,4711'
        ],
        [
            '_AC answer (Issue 9.0): <Affected_Ext>,<Call_ID>',
            { code: '_AC', extension: '2001', callId: '4711' },
            6,
            '_AC,6,2001,4711'
        ],
        [
            '_HC hold: <Affected_Ext>,<Call_ID>',
            { code: '_HC', extension: '2001', callId: '4711' },
            9,
            '_HC,9,2001,4711'
        ],
        [
            '_RV retrieve: <Affected_Ext>,<Call_ID>',
            { code: '_RV', extension: '2001', callId: '4711' },
            10,
            '_RV,10,2001,4711'
        ],
        [
            '_CC clear call: <Affected_Ext>,<Call_ID>',
            { code: '_CC', extension: '2001', callId: '4711' },
            11,
            '_CC,11,2001,4711'
        ],
        [
            '_CX clear connection: <Affected_Ext>,<Call_ID> (Complete_Transfer left off: V < 05.15 has no such field)',
            { code: '_CX', extension: '2001', callId: '4711' },
            12,
            '_CX,12,2001,4711'
        ],
        [
            '_CX completing a transfer',
            { code: '_CX', extension: '2001', callId: '4712', completeTransfer: true },
            13,
            '_CX,13,2001,4712,1'
        ],
        [
            '_TR transfer to ring: <Affected_Ext>,<Held_Call_ID>,<Announcement_Call_ID> (Transfer_Type left at its default)',
            { code: '_TR', extension: '2001', heldCallId: '4711', announcementCallId: '4712' },
            14,
            '_TR,14,2001,4711,4712'
        ],
        [
            '_TR transfer to hold: <Transfer_Type> 1',
            { code: '_TR', extension: '2001', heldCallId: '4711', announcementCallId: '4712', toHold: true },
            14,
            '_TR,14,2001,4711,4712,1'
        ],
        [
            '_TO one-step transfer: <Affected_Ext>,<Call_ID>,<Destination_Number>, the optional fields left off',
            { code: '_TO', extension: '2001', callId: '4711', destination: '2003' },
            15,
            '_TO,15,2001,4711,2003'
        ],
        [
            '_EF feature, no call: <Affected_Ext>,<Call_ID>,<Extension/Feature_String>',
            { code: '_EF', extension: '2001', feature: '370' },
            16,
            '_EF,16,2001,,370'
        ],
        [
            '_EF feature on a call',
            { code: '_EF', extension: '2001', callId: '4711', feature: '!371' },
            17,
            '_EF,17,2001,4711,!371'
        ],
        [
            '_MS device monitor: <Affected_ID>,<Monitor_Type>,<Filter_List>',
            { code: '_MS', device: '2001', monitorType: 1 },
            18,
            '_MS,18,2001,1,A:0000,C:FFFF,F:FFFF'
        ],
        [
            '_MS calls via a hunt group',
            { code: '_MS', device: '2100', monitorType: 2, filters: ['C:FFFF'] },
            19,
            '_MS,19,2100,2,C:FFFF'
        ],
        ['_RR every monitor: no <Affected_Ext> (Issue 9.0: `_RR,974`)', { code: '_RR' }, 20, '_RR,20'],
        ['RR before V06.00: no invoke id', { code: 'RR', extension: '2001' }, 1, 'RR,2001'],
        [
            '_SD DND on, no message number',
            { code: '_SD', extension: '2001', enabled: true },
            22,
            '_SD,22,2001,1'
        ],
        [
            '_SD DND off, nothing after it',
            { code: '_SD', extension: '2001', enabled: false },
            23,
            '_SD,23,2001,0'
        ],
        [
            '_SD DND on with a message number and text',
            { code: '_SD', extension: '100', enabled: true, messageIndex: 19, customText: 'Until 10/19' },
            24,
            '_SD,24,100,1,19,|Until 10/19|'
        ],
        [
            '_EF DND with a message number after the feature code',
            { code: '_EF', extension: '101', feature: '370', dndMessage: 19 },
            7,
            '_EF,7,101,,37019'
        ],
        [
            '_TO with a blank call id: the call connected at the station now',
            { code: '_TO', extension: '111', destination: '100' },
            25,
            '_TO,25,111,,100'
        ],
        ['_RR one extension', { code: '_RR', extension: '2001' }, 21, '_RR,21,2001'],
        ['_NO keep-alive', { code: '_NO' }, 65534, '_NO,65534']
    ])('%s', (_name, command, invokeId, line) => {
        expect(encodeCommand(command, invokeId)).toBe(line);
    });

    it.each<[string, OaiCommand, number]>([
        ['invoke id 0', { code: '_NO' }, 0],
        ['invoke id above 65534', { code: '_NO' }, 65535],
        ['a comma in an extension', { code: '_HC', extension: '20,01', callId: '1' }, 1],
        ['a digit string starting with a pause', { code: '_MC', extension: '2001', digits: 'P123' }, 1],
        ['letters in a digit string', { code: '_MC', extension: '2001', digits: '12AB' }, 1],
        ['49 digits', { code: '_MC', extension: '2001', digits: '1'.repeat(49) }, 1],
        ['an empty call id', { code: '_RV', extension: '2001', callId: '' }, 1],
        ['an unknown monitor type', { code: '_MS', device: '2001', monitorType: 12 }, 1],
        ['a filter with a comma', { code: '_MS', device: '2001', monitorType: 1, filters: ['A:FF,C'] }, 1],
        ['a call id with a comma', { code: '_HC', extension: '2001', callId: '@0,1' }, 1],
        ['a call id with a space', { code: '_HC', extension: '2001', callId: '@0 1' }, 1],
        [
            'a DND message number above 20',
            { code: '_SD', extension: '2001', enabled: true, messageIndex: 21 },
            1
        ],
        [
            'DND text over 16 characters',
            { code: '_SD', extension: '2001', enabled: true, customText: 'x'.repeat(17) },
            1
        ]
    ])('refuses %s with a clear error', (_name, command, invokeId) => {
        expect(() => encodeCommand(command, invokeId)).toThrow(
            expect.objectContaining({ name: 'OaiEncodeError' })
        );
    });

    it.each(['@001', '@103', '*01', '#01', '1F01', '5484', '86415', '1:@002'])(
        'accepts the call id %s in the form the manual prints it',
        (callId) => {
            expect(encodeCommand({ code: '_HC', extension: '110', callId }, 1)).toBe(`_HC,1,110,${callId}`);
        }
    );

    it('accepts the PBX-ignored separators in a digit string, 48 digits long', () => {
        const digits = '(0163) 296-0123;' + '1'.repeat(37);
        expect(encodeCommand({ code: '_MC', extension: '2001', digits }, 1)).toBe(`_MC,1,2001,${digits}`);
    });
});

describe('OAI invoke ids', () => {
    it('count 1…65534, then start again at 1', () => {
        expect(nextInvokeId(0)).toBe(1);
        expect(nextInvokeId(41)).toBe(42);
        expect(nextInvokeId(65533)).toBe(65534);
        expect(nextInvokeId(65534)).toBe(1);
    });

    it('skip an id still waiting for its confirmation, also across the wrap', () => {
        expect(nextInvokeId(3, (id) => id === 4)).toBe(5);
        expect(nextInvokeId(65533, (id) => id === 65534 || id === 1)).toBe(2);
    });

    it('refuse when every id is in use', () => {
        expect(() => nextInvokeId(1, () => true)).toThrow(/every OAI invoke id/);
    });
});
