// Every literal event frame of both readings of the System OAI manual, part 3: the event lines of the
// commands' examples, feature and resync events.
// Sources: willitscale/oaigatewayrelay (Issue 9.0, April 2005: the EXAMPLES of each class comment,
// paths below src/uk/co/n3tw0rk/oaigatewayrelay/) and willitscale/OAI-Mitel-Inter-Tel-Library
// (Issue 10.20: OAI/Sequences/*.cs). Each frame is decoded and said in a few words (./oaiSummary.ts);
// the manual's placeholders are filled in (`<MON100>` is the monitor id `100`). A line the manual
// got wrong is named as its typo; the decoder is not bent around it.
import { decodeLine } from '../messages';
import { fill, summary } from './oaiSummary';

describe('Issue 9.0 example event frames (oaigatewayrelay): commands, features, resync', () => {
    it.each<[string, string, string, string?]>([
        ['commands/pbx/AnswerCall', '001,SI,,<MON1001>,1F01,1001,I,04,1002', 'ignored SI: event SI'],
        [
            'commands/pbx/AnswerCall',
            '003,CB,,<MON1001>,0,1001,1002,|USER1002|,|1002Description|,,',
            'ignored CB: event CB'
        ],
        [
            'commands/pbx/AnswerCall',
            '004,OR,,<MON1001>,1F01,1001,,I,1002,,C,04',
            'OR 1F01 from 1001 I dialled 1002 C 4'
        ],
        [
            'commands/pbx/AnswerCall',
            '005,DE,,<MON1002>,1F01,1002,,I,1001,,,,,I,1002,,,A,22,',
            'DE 1F01 at 1002 I from 1001 I called 1002 A 22'
        ],
        [
            'commands/pbx/AnswerCall',
            '006,DE,,<MON1001>,1F01,1002,,I,1001,,,,,I,1002,,,C,22,',
            'DE 1F01 at 1002 I from 1001 I called 1002 C 22'
        ],
        ['commands/pbx/ClearConnection', '001,SI,,<MON1001>,1F01,1001,I,04,1002', 'ignored SI: event SI'],
        [
            'commands/pbx/ClearConnection',
            '003,CB,,<MON1001>,0,1001,1002,|USER1002|,|1002Description|,,',
            'ignored CB: event CB'
        ],
        [
            'commands/pbx/ClearConnection',
            '004,XC,,<MON1001>,1F01,1002,1002,N,36',
            'XC 1F01 1002 by 1002 N 36'
        ],
        [
            'commands/pbx/ResyncRequest',
            '000,RS,1,05:25,012400,V05.20,V05.200,3,1,1,1',
            '[resync 1] RS V05.20 V05.200 premium 3'
        ],
        [
            'commands/pbx/ResyncRequest',
            '000,RS,1,05:25,012400,V05.20,V05.200,3,2,1,1',
            '[resync 1] RS V05.20 V05.200 premium 3'
        ],
        [
            'commands/pbx/ResyncRequestNew',
            '004,ES,245,<MON100>,2001,101,,|,100,,,|,101,,C,35',
            'malformed ES: ES needs 16 fields, got 12',
            'transcription typo: `|` printed for the letter I (Answering_Device_Type and Calling_Device_Type)'
        ],
        [
            'commands/pbx/ResyncRequestNew',
            '005,HE,245,<MON100>,222,100,H,39',
            '[resync 245] HE 222 by 100 H 39'
        ],
        [
            'commands/pbx/ResyncRequestNew',
            '006,DND,245,<MON100>,100,|OUT TO LUNCH|,|UNTIL 1PM|',
            '[resync 245] DND 100 on OUT TO LUNCH | UNTIL 1PM'
        ],
        ['commands/pbx/ResyncRequestNew', '007,FW,245,<MON100>,,,N', 'ignored FW: event FW'],
        ['commands/pbx/ResyncRequestNew', '008,RD,245,100', '[resync 245] RD 100'],
        ['commands/pbx/ResyncRequestNew', '008,RD,974,', '[resync 974] RD -'],
        ['commands/pbx/ResyncRequestNew', '004,RD,541,1:', '[resync 541] RD 1:'],
        ['commands/pbx/ResyncRequestNew', '004,RD,974,', '[resync 974] RD -'],
        ['commands/pbx/SetDoNotDisturb', 'CF,_SD,<InvokeID>,0', 'unknown _SD: event _SD'],
        ['commands/pbx/SetDoNotDisturb', '001,SD,<InvokeID>,0', 'unknown SD: event SD'],
        [
            'events/feature/DoNotDisturb',
            '001,DND,,<MON105>,105,|OUT TO LUNCH|,|UNTIL 1PM|',
            'DND 105 on OUT TO LUNCH | UNTIL 1PM'
        ],
        [
            'events/feature/DoNotDisturb',
            '001,DND,<MON105>,105',
            'malformed DND: DND needs 5 fields, got 4',
            'manual typo: the blank Resync_Code field is missing, so the extension falls on the monitor id'
        ],
        [
            'events/feature/DoNotDisturb',
            '001,DND,<MON105>,105|OUT TO LUNCH|',
            'malformed DND: DND needs 5 fields, got 4',
            'manual typo: the blank Resync_Code field is missing, so the extension falls on the monitor id'
        ],
        [
            'events/feature/DeviceOffline',
            '001,OL,,<MON94017>,94017,1,3,0',
            'OL 94017 online type 3 physical 0'
        ],
        ['events/feature/DeviceOffline', '001,OL,,<MON1001>,1001,0,0,0', 'OL 1001 offline type 0 physical 0'],
        [
            'events/feature/DeviceOffline',
            '001,OL,,<MON1001>,1001,1,0,15',
            'OL 1001 online type 0 physical 15'
        ],
        [
            'events/feature/DeviceOffline',
            '001,OL,,<MON1001>,1001,1,0,13',
            'OL 1001 online type 0 physical 13'
        ],
        [
            'events/miscellaneous/ResyncResponse',
            '000,RS,1,22:25,012494,V02.10,V03.1,3,1,1,1',
            '[resync 1] RS V02.10 V03.1 premium 3',
            'the example carries fields its own syntax line (V < 05.00) does not have; read as printed'
        ],
        [
            'events/miscellaneous/ResyncEnded',
            '001,DND,1,<Mon_Cross_Ref_ID>,1000,,',
            '[resync 1] DND 1000 off'
        ],
        ['events/miscellaneous/ResyncEnded', '002,FW,1,<Mon_Cross_Ref_ID>,1000,,,N', 'ignored FW: event FW'],
        ['events/miscellaneous/ResyncEnded', '003,RD,1,1000', '[resync 1] RD 1000'],
        ['events/miscellaneous/ResyncEnded', '001,RD,1,', '[resync 1] RD -'],
        [
            'events/miscellaneous/ResyncEnded',
            '002,DND,1,<Mon_Cross_Ref_ID>,1000,,',
            '[resync 1] DND 1000 off'
        ],
        ['events/miscellaneous/ResyncEnded', '003,FW,1,<Mon_Cross_Ref_ID>,1000,,,N', 'ignored FW: event FW'],
        ['events/miscellaneous/ResyncEnded', '004,RD,1,1000', '[resync 1] RD 1000'],
        ['events/miscellaneous/MonitorEnded', '001,ME,,001,36', 'ME 001 36']
    ])('%s: %s', (_source, printed, meaning) => {
        expect(summary(decodeLine(fill(printed)))).toBe(meaning);
    });
});
