// Every literal event frame of both readings of the System OAI manual, part 1: events/call A–E
// (part 2, F–T: manualEvents2.test.ts; part 3, the commands' examples, features, resync: manualEvents3.test.ts).
// Sources: willitscale/oaigatewayrelay (Issue 9.0, April 2005: the EXAMPLES of each class comment,
// paths below src/uk/co/n3tw0rk/oaigatewayrelay/) and willitscale/OAI-Mitel-Inter-Tel-Library
// (Issue 10.20: OAI/Sequences/*.cs). Each frame is decoded and said in a few words (./oaiSummary.ts);
// the manual's placeholders are filled in (`<MON100>` is the monitor id `100`). A line the manual
// got wrong is named as its typo; the decoder is not bent around it.
import { decodeLine } from '../messages';
import { fill, summary } from './oaiSummary';

describe('Issue 9.0 example event frames (oaigatewayrelay), calls A–E', () => {
    it.each<[string, string, string, string?]>([
        ['events/call/CallCleared', '001,CC,,<MON562>,562,36', 'CC 562 36'],
        ['events/call/CallCleared', '001,CC,,<MON561>,561,36,560,106', 'CC 561 36 transferred 560 to 106'],
        ['events/call/CallCleared', '001,CC,,<MON561>,563,36,,', 'CC 563 36'],
        [
            'events/call/Conferenced',
            '001,OR,,<MON100>,222,100,,I,101,,C,22',
            'OR 222 from 100 I dialled 101 C 22'
        ],
        [
            'events/call/Conferenced',
            '002,DE,,<MON101>,222,101,,I,100,,,,,I,101,,,A,22',
            'DE 222 at 101 I from 100 I called 101 A 22'
        ],
        [
            'events/call/Conferenced',
            '003,DE,,<MON100>,222,101,,I,100,,,,,I,101,,,C,22',
            'DE 222 at 101 I from 100 I called 101 C 22'
        ],
        [
            'events/call/Conferenced',
            '004,ES,,<MON100>,2001,101,,I,100,,,I,101,,C,35',
            'ES 2001 by 101 I from 100 I called 101 C 35',
            'manual typo: call id 2001 where the sequence has 222 (read as printed)'
        ],
        [
            'events/call/Conferenced',
            '005,ES,,<MON101>,222,101,,I,100,,,I,101,,C,35',
            'ES 222 by 101 I from 100 I called 101 C 35'
        ],
        ['events/call/Conferenced', '006,HE,,<MON101>,222,100,C,39', 'HE 222 by 100 C 39'],
        ['events/call/Conferenced', '007,HE,,<MON100>,222,100,H,39', 'HE 222 by 100 H 39'],
        [
            'events/call/Conferenced',
            '008,OR,,<MON100>,223,100,,I,102,,C,22',
            'OR 223 from 100 I dialled 102 C 22'
        ],
        [
            'events/call/Conferenced',
            '009,DE,,<MON102>,223,102,,I,100,,,,,I,102,,,A,22',
            'DE 223 at 102 I from 100 I called 102 A 22'
        ],
        [
            'events/call/Conferenced',
            '010,DE,,<MON100>,223,,I,100,,,,,I,102,,,C,22',
            'malformed DE: DE needs 19 fields, got 18',
            'manual typo: the alerting extension (102) is missing, so the line is a field short'
        ],
        [
            'events/call/Conferenced',
            '011,ES,,<MON100>,223,102,,I,100,,,I,102,,C, 35',
            'ES 223 by 102 I from 100 I called 102 C 35',
            'manual typo: a space before the cause (read as 35)'
        ],
        [
            'events/call/Conferenced',
            '012,ES,,<MON102>,223,102,,I,100,,,I,102,,C,3',
            'ES 223 by 102 I from 100 I called 102 C 3',
            'manual typo: cause 3 (busy) where 35 is meant; ES takes its meaning from the event, not the cause'
        ],
        ['events/call/Conferenced', '013,HE,,<MON102>,223,100,C,39', 'HE 223 by 100 C 39'],
        ['events/call/Conferenced', '014,HE,,<MON100>,223,100,H,39', 'HE 223 by 100 H 39'],
        [
            'events/call/Conferenced',
            '015,CO,,<MON100>,100,222,223,100,3,100,224,101,222,102,223,C,41',
            'CO subject 100 primary 222 secondary 223 controller 100 parties 100:224 101:222 102:223 C 41'
        ],
        [
            'events/call/Conferenced',
            '016,CO,,<MON101>,101,222,,100,3,100,224,101,222,102,223,C,41',
            'CO subject 101 primary 222 secondary - controller 100 parties 100:224 101:222 102:223 C 41'
        ],
        [
            'events/call/Conferenced',
            '017,CO,,<MON102>,102,223,,100,3,100,224,101,222,102,223,C,41',
            'CO subject 102 primary 223 secondary - controller 100 parties 100:224 101:222 102:223 C 41'
        ],
        ['events/call/ConnectionCleared', '001,XC,,<MON100>,65789,100,100,N,36', 'XC 65789 100 by 100 N 36'],
        ['events/call/ConnectionCleared', '002,XC,,<MON101>,65789,100,100,,36', 'XC 65789 100 by 100 - 36'],
        ['events/call/ConnectionCleared', '003,XC,,<MON101>,65789,101,100,N,36', 'XC 65789 101 by 100 N 36'],
        ['events/call/ConnectionCleared', '001,XC,,<MON101>,65789,101,101,N,36', 'XC 65789 101 by 101 N 36'],
        ['events/call/ConnectionCleared', '002,XC,,<MON100>,65789,101,101,,36', 'XC 65789 101 by 101 - 36'],
        ['events/call/ConnectionCleared', '003,XC,,<MON100>,65789,100,101,N,36', 'XC 65789 100 by 101 N 36'],
        [
            'events/call/Delivered',
            '001,OR,,<MON100>,5484,100,,I,101,,C,22',
            'OR 5484 from 100 I dialled 101 C 22'
        ],
        [
            'events/call/Delivered',
            '002,DE,,<MON101>,5484,101,,I,100,,,,,I,101,,,A,22,',
            'DE 5484 at 101 I from 100 I called 101 A 22'
        ],
        [
            'events/call/Delivered',
            '003,DE,,<MON100>,5484,101,,I,100,,,,,I,101,,,C,22,',
            'DE 5484 at 101 I from 100 I called 101 C 22'
        ],
        [
            'events/call/Delivered',
            '001,OR,,<MON97061>,5484,97061,6025551212,E,8002225555,,C,22',
            'OR 5484 from 97061/6025551212 E dialled 8002225555 C 22'
        ],
        [
            'events/call/Delivered',
            '002,DE,,<MON105>5484,105,,I,97061,,6025551212,,8002225555,E,105,,,A,22,',
            'malformed DE: DE localState: local connection state "22"',
            'manual typo: no comma after the monitor id, so every field shifts and the state is not one'
        ],
        [
            'events/call/Delivered',
            '003,DE,,<MON97061>,5484,105,,I,97061,,6025551212,,8002225555,E,105,,,C,22,',
            'DE 5484 at 105 I from 97061/6025551212 E called 105 C 22'
        ],
        [
            'events/call/Delivered',
            '001,OR,,<MON97061>,5484,97061,,E,101,,C,22',
            'OR 5484 from 97061 E dialled 101 C 22'
        ],
        [
            'events/call/Delivered',
            '002,DE,,<MON101>,5484,101,,I,97061,,,,,E,101,,,A,22,',
            'DE 5484 at 101 I from 97061 E called 101 A 22'
        ],
        [
            'events/call/Delivered',
            '003,DE,,<MON97061>,5484,101,,I,97061,,,,,E,101,,,C,22,',
            'DE 5484 at 101 I from 97061 E called 101 C 22'
        ],
        [
            'events/call/Delivered',
            '001,OR,,<MON100>,@001,100,,I,97061,,C,22',
            'OR @001 from 100 I dialled 97061 C 22'
        ],
        ['events/call/Delivered', '002,NT,,<MON100>,@001,97061,,C,22', 'NT @001 trunk 97061 dialled - C 22'],
        [
            'events/call/Delivered',
            '003,NT,,<MON97061>,@001,97061,9619000,A,22',
            'NT @001 trunk 97061 dialled 9619000 A 22'
        ],
        [
            'events/call/Delivered',
            '004,DE,,<MON97061>,@001,97061,9619000,E,100,,,,,I,9619000,,,A,22,',
            'DE @001 at 97061/9619000 E from 100 I called 9619000 A 22'
        ],
        [
            'events/call/Delivered',
            '005,DE,,<MON100>,@001,97061,9619000,E,100,,,,,I,9619000,,,C,22,',
            'DE @001 at 97061/9619000 E from 100 I called 9619000 C 22'
        ],
        [
            'events/call/Diverted',
            '001,OR,,<MON100>,97032,100,,I,101,C,22',
            'malformed OR: OR needs 12 fields, got 11',
            'manual typo: the Account_Code field is missing (10 fields after OR, the syntax has 11)'
        ],
        [
            'events/call/Diverted',
            '002,DE,,<MON101>,97032,101,,I,100,,,,,I,101,,,A,22',
            'DE 97032 at 101 I from 100 I called 101 A 22'
        ],
        [
            'events/call/Diverted',
            '003,DE,,<MON100>,97032,101,,I,100,,,,,,I,101,,,C,22',
            'malformed DE: DE localState: local connection state ""',
            'manual typo: one comma too many, so the state falls on a blank'
        ],
        ['events/call/Diverted', '004,DI,,<MON101>,97032,101,102,,N,08', 'DI 97032 from 101 to 102 N 8'],
        ['events/call/Diverted', '005,DI,,<MON100>,97032,101,102,,C,08', 'DI 97032 from 101 to 102 C 8'],
        [
            'events/call/Diverted',
            '006,DE,,<MON102>,97032,102,,I,100,,,,,I,101,101,,A,09',
            'DE 97032 at 102 I from 100 I called 101 via 101 A 9'
        ],
        [
            'events/call/Diverted',
            '007,DE,,<MON100>,97032,102,,I,100,,,,,I,101,101,,C,09',
            'DE 97032 at 102 I from 100 I called 101 via 101 C 9'
        ],
        ['events/call/Diverted', '001,DI,,<MON101>,97032,101,102,,N,09', 'DI 97032 from 101 to 102 N 9'],
        [
            'events/call/Diverted',
            '002,DI,,<MON101>,97032,101,102,,C,09',
            'DI 97032 from 101 to 102 C 9',
            'manual typo: under the monitor of 101 where the caller (100) is meant; read as printed'
        ],
        [
            'events/call/Diverted',
            '003,DE,,<MON102>,97032,102,,I,100,,,,,I,101,101,,A,09',
            'DE 97032 at 102 I from 100 I called 101 via 101 A 9'
        ],
        [
            'events/call/Diverted',
            '004,DE,,<MON100>,97032,102,,I,100,,,,,I,101,101,,C,09',
            'DE 97032 at 102 I from 100 I called 101 via 101 C 9'
        ],
        ['events/call/Diverted', '004,DI,,<MON101>,97032,101,102,,N,11', 'DI 97032 from 101 to 102 N 11'],
        ['events/call/Diverted', '005,DI,,<MON100>,97032,101,102,,C,11', 'DI 97032 from 101 to 102 C 11'],
        ['events/call/Diverted', '006,DI,,<MON102>,97032,101,102,,C,11', 'DI 97032 from 101 to 102 C 11'],
        [
            'events/call/Diverted',
            '007,ES,,<MON100>,97032,102,,I,100,,,I,101,,C,35',
            'ES 97032 by 102 I from 100 I called 101 C 35'
        ],
        [
            'events/call/Diverted',
            '008,ES,,<MON102>,97032,102,,I,100,,,I,101,,C,35',
            'ES 97032 by 102 I from 100 I called 101 C 35'
        ],
        [
            'events/call/Established',
            '001,OR,,<MON100>,245,100,,I,101,,C,22',
            'OR 245 from 100 I dialled 101 C 22'
        ],
        [
            'events/call/Established',
            '002,DE,,<MON101>,245,101,,I,100,,,,,I,101,,,A,22',
            'DE 245 at 101 I from 100 I called 101 A 22'
        ],
        [
            'events/call/Established',
            '003,DE,,<MON100>,245,101,,I,100,,,,,I,101,,,C,22',
            'DE 245 at 101 I from 100 I called 101 C 22'
        ],
        [
            'events/call/Established',
            '004,ES,,<MON100>,245,101,,I,100,,,I,101,,C,35',
            'ES 245 by 101 I from 100 I called 101 C 35'
        ],
        [
            'events/call/Established',
            '005,ES,,<MON101>,245,101,,I,100,,,I,101,,C,35',
            'ES 245 by 101 I from 100 I called 101 C 35'
        ],
        [
            'events/call/Established',
            '001,OR,,<MON97061>,245,97061,6025551212,E,8002225555,,C,22',
            'OR 245 from 97061/6025551212 E dialled 8002225555 C 22'
        ],
        [
            'events/call/Established',
            '002,DE,,<MON105>,245,105,,I,97061,,6025551212,,8002225555,E,105,,,A,22',
            'DE 245 at 105 I from 97061/6025551212 E called 105 A 22'
        ],
        [
            'events/call/Established',
            '003,DE,,<MON97061>,245,105,,I,97061,,6025551212,,8002225555,E,105,,,C,22',
            'DE 245 at 105 I from 97061/6025551212 E called 105 C 22'
        ],
        [
            'events/call/Established',
            '004,ES,,<MON97061>,245,105,,I,97061,6025551212,80022255555,E,105,,C,35',
            'ES 245 by 105 I from 97061/6025551212 E called 105 C 35',
            'manual typo: an 11-digit DNIS (800-222-5555 in the text); read as printed'
        ],
        [
            'events/call/Established',
            '005,ES,,<MON105>,245,105,,I,97061,6025551212,80022255555,E,105,,C,35',
            'ES 245 by 105 I from 97061/6025551212 E called 105 C 35',
            'manual typo: an 11-digit DNIS (800-222-5555 in the text); read as printed'
        ],
        [
            'events/call/Established',
            '001,OR,,<MON100>,245,100,,I,101,C,22',
            'malformed OR: OR needs 12 fields, got 11',
            'manual typo: the Account_Code field is missing (10 fields after OR, the syntax has 11)'
        ],
        [
            'events/call/Established',
            '003,DE,,<MON100>,245,101,,I,100,,,,,,I,101,,,C,22',
            'malformed DE: DE localState: local connection state ""',
            'manual typo: one comma too many, so the state falls on a blank'
        ],
        ['events/call/Established', '004,DI,,<MON101>,245,101,102,,N,11', 'DI 245 from 101 to 102 N 11'],
        ['events/call/Established', '005,DI,,<MON100>,245,101,102,,C,11', 'DI 245 from 101 to 102 C 11'],
        ['events/call/Established', '006,DI,,<MON102>,245,101,102,,C,11', 'DI 245 from 101 to 102 C 11'],
        [
            'events/call/Established',
            '007,ES,,<MON100>,245,102,,I,100,,,I,101,,C,35',
            'ES 245 by 102 I from 100 I called 101 C 35'
        ],
        [
            'events/call/Established',
            '008,ES,,<MON102>,245,102,,I,100,,,I,101,,C,35',
            'ES 245 by 102 I from 100 I called 101 C 35'
        ]
    ])('%s: %s', (_source, printed, meaning) => {
        expect(summary(decodeLine(fill(printed)))).toBe(meaning);
    });
});

describe('Issue 10.20 example event frames (OAI-Mitel-Inter-Tel-Library)', () => {
    it.each<[string, string, string]>([
        [
            'OAI/Sequences/OAIDeviceSequence.cs (login through a CT Gateway: TCPIP_Flag present)',
            '000,RS,0,02:04,070515,V10.20,V6.0.11.113,3,0,1,3,1',
            'RS V10.20 V6.0.11.113 premium 3 tcpip 1'
        ],
        ['OAI/Sequences/OAIDeviceSequence.cs', '001,RD,0,', 'RD -']
    ])('%s: %s', (_source, printed, meaning) => {
        expect(summary(decodeLine(printed))).toBe(`[resync 0] ${meaning}`);
    });
});
