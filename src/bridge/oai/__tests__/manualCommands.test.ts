// Every literal command and confirmation example of both readings of the manual for the commands the
// bridge sends: commands encoded byte for byte, confirmations decoded. Sources as in
// manualEvents.test.ts: willitscale/oaigatewayrelay (Issue 9.0, src/uk/co/n3tw0rk/oaigatewayrelay/
// commands/pbx/<Name>.java, EXAMPLES) and willitscale/OAI-Mitel-Inter-Tel-Library (Issue 10.20,
// OAI/Sequences/*.cs). `<InvokeID>` is filled in as 7; the transcription's space after a comma
// (`_MC, <InvokeID>`) is not part of the frame.
import { encodeCommand, type OaiCommand } from '../commands';
import { makeCallCallId } from '../confirmations';
import { decodeLine } from '../messages';
import { summary } from './oaiSummary';

describe('Issue 9.0 example commands, encoded byte for byte', () => {
    it.each<[string, string, OaiCommand, number?]>([
        ['AnswerCall', '_AC,<InvokeID>,107,@004', { code: '_AC', extension: '107', callId: '@004' }],
        ['AnswerCall', '_AC,1,1001,1F01', { code: '_AC', extension: '1001', callId: '1F01' }, 1],
        ['ClearCall', '_CC,<InvokeID>,109,@103', { code: '_CC', extension: '109', callId: '@103' }],
        ['ClearConnection', '_CX,<InvokeID>,112,@103', { code: '_CX', extension: '112', callId: '@103' }],
        ['ClearConnection', '_CX,1,1001,1F01', { code: '_CX', extension: '1001', callId: '1F01' }, 1],
        ['ExtensionFeature', '_EF, <InvokeID>,111,,316', { code: '_EF', extension: '111', feature: '316' }],
        ['ExtensionFeature', '_EF, <InvokeID>,111,,4125', { code: '_EF', extension: '111', feature: '4125' }],
        ['ExtensionFeature', '_EF, <InvokeID>,111,,4235', { code: '_EF', extension: '111', feature: '4235' }],
        [
            'ExtensionFeature',
            '_EF, <InvokeID>,101,,367123',
            { code: '_EF', extension: '101', feature: '367123' }
        ],
        [
            'ExtensionFeature (DND "GONE HOME": feature code 370, message 19)',
            '_EF, <InvokeID>,101,,37019',
            { code: '_EF', extension: '101', feature: '370', dndMessage: 19 }
        ],
        [
            'ExtensionFeature',
            '_EF, <InvokeID>,101,,357299',
            { code: '_EF', extension: '101', feature: '357299' }
        ],
        ['ExtensionFeature', '_EF, <InvokeID>,101,,!301', { code: '_EF', extension: '101', feature: '!301' }],
        ['HoldCall', '_HC,<InvokeID>,110,@103', { code: '_HC', extension: '110', callId: '@103' }],
        ['MakeCall', '_MC,<InvokeID>,111,122', { code: '_MC', extension: '111', digits: '122' }],
        ['MakeCall', '_MC, <InvokeID>,111,89619000', { code: '_MC', extension: '111', digits: '89619000' }],
        ['MakeCall', '_MC,246,100,101', { code: '_MC', extension: '100', digits: '101' }, 246],
        ['MonitorStart', '_MS,<InvokeID>,101,1', { code: '_MS', device: '101', monitorType: 1, filters: [] }],
        [
            'MonitorStart',
            '_MS,<InvokeID>,101,1,A:0,,F:0',
            { code: '_MS', device: '101', monitorType: 1, filters: ['A:0', '', 'F:0'] }
        ],
        ['MonitorStart', '_MS,<InvokeID>,11,7', { code: '_MS', device: '11', monitorType: 7, filters: [] }],
        [
            'MonitorStart',
            '_MS,<InvokeID>,11,7,A:C0,C:0,F:0',
            { code: '_MS', device: '11', monitorType: 7, filters: ['A:C0', 'C:0', 'F:0'] }
        ],
        [
            'MonitorStart',
            '_MS,<InvokeID>,1:,11,S:00F4',
            { code: '_MS', device: '1:', monitorType: 11, filters: ['S:00F4'] }
        ],
        ['NoOperation', '_NO,<InvokeID>', { code: '_NO' }],
        ['QueryDeviceInfo', '_QI,1,1000', { code: '_QI', device: '1000' }, 1],
        ['QueryDeviceInfo', '_QI,245,94202', { code: '_QI', device: '94202' }, 245],
        ['ResyncRequest', 'RR', { code: 'RR' }],
        ['ResyncRequest', 'RR,100', { code: 'RR', extension: '100' }],
        ['ResyncRequest', 'RR,2:', { code: 'RR', extension: '2:' }],
        ['ResyncRequestNew', '_RR,245,100', { code: '_RR', extension: '100' }, 245],
        ['ResyncRequestNew', '_RR,974', { code: '_RR' }, 974],
        ['ResyncRequestNew', '_RR,541,1:', { code: '_RR', extension: '1:' }, 541],
        ['RetrieveCall', '_RV, <InvokeID>,100,@001', { code: '_RV', extension: '100', callId: '@001' }],
        [
            'SetDoNotDisturb',
            '_SD,<InvokeID>,100,1,19',
            { code: '_SD', extension: '100', enabled: true, messageIndex: 19 }
        ],
        ['SetDoNotDisturb', '_SD,<InvokeID>,100,1', { code: '_SD', extension: '100', enabled: true }],
        ['SetDoNotDisturb', '_SD,<InvokeID>,100,0', { code: '_SD', extension: '100', enabled: false }],
        [
            'SetDoNotDisturb',
            '_SD,<InvokeID>,100,1,19,|Until 10/19|',
            { code: '_SD', extension: '100', enabled: true, messageIndex: 19, customText: 'Until 10/19' }
        ],
        [
            'TransferCall',
            '_TR,<InvokeID>,111,@103,@001',
            { code: '_TR', extension: '111', heldCallId: '@103', announcementCallId: '@001' }
        ],
        [
            'TransferCallOneStep',
            '_TO,<InvokeID>,111,,100',
            { code: '_TO', extension: '111', destination: '100' }
        ],
        [
            'TransferCallOneStep',
            '_TO,<InvokeID>,111,,89619000',
            { code: '_TO', extension: '111', destination: '89619000' }
        ],
        [
            'TransferCallOneStep',
            '_TO,<InvokeID>,111,@103,120',
            { code: '_TO', extension: '111', callId: '@103', destination: '120' }
        ]
    ])('%s: %s', (_source, printed, command, invokeId = 7) => {
        const frame = printed.replace(/<InvokeID>/g, '7').replace(/, /g, ',');
        expect(encodeCommand(command, invokeId)).toBe(frame);
    });

    // Examples of what the bridge never sends, so not encoded: `_MC,245,100,101,,,,,1` (override DND),
    // `_MS,<InvokeID>,,11,S:FC` (a system monitor: no device), and `_TO,<InvokeID>,111,,100,,1`, whose
    // `1` for "Override DND" stands where V08.10's syntax has Station_For_Toll_Restrict (a manual typo:
    // Override_DND is the field after it).
});

describe('Issue 9.0 and 10.20 example confirmations, decoded', () => {
    it.each<[string, string, string]>([
        ['AnswerCall', '001,CF,_AC,<InvokeID>,0', 'CF _AC 7 0'],
        ['AnswerCall', '002,CF,_AC,1,0', 'CF _AC 1 0'],
        ['ClearCall', '001,CF,_CC,<InvokeID>,0', 'CF _CC 7 0'],
        ['ClearConnection', '002,CF,_CX,1,0', 'CF _CX 1 0'],
        ['ExtensionFeature', '001,CF,_EF,<InvokeID>,0', 'CF _EF 7 0'],
        ['HoldCall', '001,CF,_HC,<InvokeID>,0', 'CF _HC 7 0'],
        ['RetrieveCall', '001,CF,_RV,<InvokeID>,0', 'CF _RV 7 0'],
        ['MonitorStart (before V05.00)', '001,CF,_MS,<InvokeID>,0,1,1,101', monitors('1:101')],
        [
            'MonitorStart',
            '001,CF,_MS,<InvokeID>,0,1,1,101,A:00FC,C:FFFC,F:00F0',
            monitors('1:101', 'A:00FC C:FFFC F:00F0')
        ],
        [
            'MonitorStart',
            '001,CF,_MS,<InvokeID>,0,1,001,101,A:0000,C:FFFC,F:0000',
            monitors('001:101', 'A:0000 C:FFFC F:0000')
        ],
        [
            'MonitorStart',
            '001,CF,_MS,<InvokeID>,0,1,001,11,A:00C0,C:0000,F:0000',
            monitors('001:11', 'A:00C0 C:0000 F:0000')
        ],
        ['MonitorStart', '001,CF,_MS,<InvokeID>,0,1,001,1:,S:00FC', monitors('001:1:', 'S:00FC')],
        [
            'MonitorStart',
            '001,CF,_MS,<InvokeID>,0,0003,000001,1:,000002,2:,000003,3:,S:00FC',
            monitors('000001:1: 000002:2: 000003:3:', 'S:00FC')
        ],
        [
            'ResyncEnded (monitor with resync: the manual prints no Monitored_Ext; the one session is still read)',
            '001,CF,_MS,1,0,1,005',
            'CF _MS 1 0 {"command":"_MS","monitors":[{"monCrossRefId":"005","device":""}],"filters":[]}'
        ],
        [
            'OAI/Sequences/OAIDeviceSequence.cs (10.20, through a Gateway)',
            '004,CF,_MS,3,0,0002,000243,1:,000244,2:,S:00FE',
            'CF _MS 3 0 {"command":"_MS","monitors":[{"monCrossRefId":"000243","device":"1:"},{"monCrossRefId":"000244","device":"2:"}],"filters":["S:00FE"]}'
        ],
        ['OAI/Sequences/OAIDeviceSequence.cs (10.20)', '002,CF,_NA,1,0,1', 'CF _NA 1 0'],
        ['NoOperation', '001,CF,_NO,<InvokeID>,0', 'CF _NO 7 0 {"command":"_NO","nodes":[]}'],
        [
            'NoOperation (node-aware Gateway, node 3 silent)',
            '001,CF,_NO,<InvokeID>,0,3,1,1,2,1,3,0',
            'CF _NO 7 0 {"command":"_NO","nodes":[{"node":"1","answered":true},{"node":"2","answered":true},{"node":"3","answered":false}]}'
        ],
        // The manual wraps these lines in print; each is one line on the wire.
        [
            'QueryDeviceInfo (keyset 1000)',
            '001,CF,_QI,1,0,1000,0,0,| Extension 1000|,|1000|,0,1,,0000,0000,2599,1',
            'CF _QI 1 0 {"command":"_QI","device":"1000","deviceType":0}'
        ],
        [
            'QueryDeviceInfo (keyset 1000 with two speed-dial bins, a Model 8660)',
            '001,CF,_QI,1,0,1000,0,0,| Extension 1000|,|1000|,0,1,,0000,0000,2599,1,2,5,9619000,|SomeNumber|,9,18005551212,|Information|,43',
            'CF _QI 1 0 {"command":"_QI","device":"1000","deviceType":0}'
        ],
        [
            'QueryDeviceInfo (keyset 1001, no speed-dial bins)',
            '001,CF,_QI,2,0,1001,0,0,| Extension 1001|,|1001|,0,1,,0000,0000,2599,1,2,0',
            'CF _QI 2 0 {"command":"_QI","device":"1001","deviceType":0}'
        ],
        [
            'QueryDeviceInfo (trunk 94202, E&M)',
            '003,CF,_QI,245,0,94202,8,0,|Trunk 94202|,|94202|,2',
            'CF _QI 245 0 {"command":"_QI","device":"94202","deviceType":8}'
        ],
        [
            'QueryDeviceInfo (DID trunk)',
            '003,CF,_QI,245,0,94202,7,0,|DID Trunk 94301|,|94301|,0',
            'CF _QI 245 0 {"command":"_QI","device":"94202","deviceType":7}'
        ],
        ['QueryDeviceInfo (no such device: Invalid_Device_Identifier)', '001,CF,_QI,3,9', 'CF _QI 3 9'],
        ['ResyncRequestNew', '003,CF,_RR,245,0,100', 'CF _RR 245 0 {"command":"_RR","extension":"100"}'],
        ['ResyncRequestNew', '003,CF,_RR,974,0', 'CF _RR 974 0 {"command":"_RR","extension":""}'],
        ['ResyncRequestNew', '003,CF,_RR,541,0,1:', 'CF _RR 541 0 {"command":"_RR","extension":"1:"}'],
        [
            'ResyncRequestNew (100 not monitored: Invalid_Object_State)',
            '003,CF,_RR,974,14,100',
            'CF _RR 974 14'
        ],
        ['SetDoNotDisturb', '001,CF,_SD,<InvokeID>,0', 'CF _SD 7 0'],
        [
            'SetDoNotDisturb (manual typo: no sequence number, so CF is read as the event code)',
            'CF,_SD,<InvokeID>,0',
            'unknown _SD: event _SD'
        ],
        ['SetDoNotDisturb (manual typo: `SD` for `CF,_SD`)', '001,SD,<InvokeID>,0', 'unknown SD: event SD'],
        [
            'TransferCall (the held call keeps its id: New_Call_ID @103)',
            '001,CF,_TR,<InvokeID>,0,@103,120,101,,,,',
            'CF _TR 7 0 {"command":"_TR","newCallId":"@103","destinationExt":"120","transferredExt":"101","outsideCallerName":"","outsideCallerNumber":""}'
        ],
        [
            'TransferCallOneStep (to the trunk 97061)',
            '001,CF,_TO,<InvokeID>,0,@002,97061,101,,,,',
            'CF _TO 7 0 {"command":"_TO","newCallId":"@002","destinationExt":"97061","transferredExt":"101","outsideCallerName":"","outsideCallerNumber":""}'
        ],
        [
            'TransferCallOneStep',
            '001,CF,_TO,<InvokeID>,0,@002,100,101,,,,',
            'CF _TO 7 0 {"command":"_TO","newCallId":"@002","destinationExt":"100","transferredExt":"101","outsideCallerName":"","outsideCallerNumber":""}'
        ]
    ])('%s: %s', (_source, printed, meaning) => {
        expect(summary(decodeLine(printed.replace(/<InvokeID>/g, '7')))).toBe(meaning);
    });

    it.each<[string, string, string]>([
        ['<Call_ID>,<Affected_Ext>', '001,CF,_MC,7,0,@001,111', '@001'],
        ['<Affected_Ext>,<Call_ID>, a `*` call id', '003,CF,_MC,245,0,100,*01', '*01'],
        ['<Affected_Ext>,<Call_ID>, a `#` call id', '004,CF,_MC,246,0,100,#01', '#01']
    ])('MakeCall confirmation %s: %s gives the call id %s', (_order, line, callId) => {
        const decoded = decodeLine(line);
        if (decoded.kind !== 'confirmation') throw new Error(summary(decoded));
        const extension = line.endsWith('111') ? '111' : '100';
        expect(makeCallCallId(decoded, extension)).toBe(callId);
    });
});

function monitors(pairs: string, filters = ''): string {
    const list = pairs.split(' ').map((pair) => {
        const at = pair.indexOf(':');
        return { monCrossRefId: pair.slice(0, at), device: pair.slice(at + 1) };
    });
    const detail = { command: '_MS', monitors: list, filters: filters ? filters.split(' ') : [] };
    return `CF _MS 7 0 ${JSON.stringify(detail)}`;
}
