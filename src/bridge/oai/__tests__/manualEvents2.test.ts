// Every literal event frame of both readings of the System OAI manual, part 2: events/call F–T.
// Sources: willitscale/oaigatewayrelay (Issue 9.0, April 2005: the EXAMPLES of each class comment,
// paths below src/uk/co/n3tw0rk/oaigatewayrelay/) and willitscale/OAI-Mitel-Inter-Tel-Library
// (Issue 10.20: OAI/Sequences/*.cs). Each frame is decoded and said in a few words (./oaiSummary.ts);
// the manual's placeholders are filled in (`<MON100>` is the monitor id `100`). A line the manual
// got wrong is named as its typo; the decoder is not bent around it.
import { decodeLine } from '../messages';
import { fill, summary } from './oaiSummary';

describe('Issue 9.0 example event frames (oaigatewayrelay), calls F–T', () => {
    it.each<[string, string, string, string?]>([
        ['events/call/Failed', '001,SI,,<MON1000>,301,1000,I,22,', 'ignored SI: event SI'],
        [
            'events/call/Failed',
            '002,OR,,<MON1000>,301,1000,,I,1001,,C,22',
            'OR 301 from 1000 I dialled 1001 C 22'
        ],
        ['events/call/Failed', '003,FA,,<MON1001>,301,1001,1001,F,14', 'FA 301 failed 1001 called 1001 F 14'],
        ['events/call/Failed', '004,FA,,<MON1000>,301,1001,1001,C,14', 'FA 301 failed 1001 called 1001 C 14'],
        ['events/call/Failed', '005,XC,,<MON1000>,301,1000,1000,N,36', 'XC 301 1000 by 1000 N 36'],
        ['events/call/Failed', '006,XC,,<MON1001>,301,1000,1000,,36', 'XC 301 1000 by 1000 - 36'],
        ['events/call/Failed', '007,XC,,<MON1001>,301,1001,1000,N,36', 'XC 301 1001 by 1000 N 36'],
        [
            'events/call/Failed',
            '001,OR,,<MON100>,86415,100,,I,97061,,C,22',
            'OR 86415 from 100 I dialled 97061 C 22'
        ],
        [
            'events/call/Failed',
            '002,FA,,<MON100>,86415,100,9619000,C,13',
            'FA 86415 failed 100 called 9619000 C 13'
        ],
        ['events/call/Failed', '003,XC,,<MON100>,86415,100,100,N,36', 'XC 86415 100 by 100 N 36'],
        ['events/call/Failed', '001,SI,,<MON1000>,701,1000,I,22,', 'ignored SI: event SI'],
        [
            'events/call/Failed',
            '002,OR,,<MON1000>,701,1000,,I,2001,,C,22',
            'OR 701 from 1000 I dialled 2001 C 22'
        ],
        ['events/call/Failed', '003,FA,,<MON1000>,701,2001,2001,C,3', 'FA 701 failed 2001 called 2001 C 3'],
        ['events/call/Failed', '004,XC,,<MON1000>,701,1000,1000,N,36', 'XC 701 1000 by 1000 N 36'],
        ['events/call/Failed', '001,FA,,<MON1000>,,1000,1234,N,29', 'FA - failed 1000 called 1234 N 29'],
        [
            'events/call/Held',
            '001,OR,,<MON100>,86415,100,,I,101,,C,22',
            'OR 86415 from 100 I dialled 101 C 22'
        ],
        [
            'events/call/Held',
            '002,DE,,<MON101>,86415,101,,I,100,,,,,I,101,,,A,22',
            'DE 86415 at 101 I from 100 I called 101 A 22'
        ],
        [
            'events/call/Held',
            '003,DE,,<MON100>,86415,101,,I,100,,,,,I,101,,,C,22',
            'DE 86415 at 101 I from 100 I called 101 C 22'
        ],
        [
            'events/call/Held',
            '004,ES,,<MON100>,86415,101,,I,100,,,I,101,,C,35',
            'ES 86415 by 101 I from 100 I called 101 C 35'
        ],
        [
            'events/call/Held',
            '005,ES,,<MON101>,86415,101,,I,100,,,I,101,,C,35',
            'ES 86415 by 101 I from 100 I called 101 C 35'
        ],
        ['events/call/Held', '006,HE,,<MON101>,86415,100,C,42', 'HE 86415 by 100 C 42'],
        ['events/call/Held', '007,HE,,<MON100>,86415,100,H,42', 'HE 86415 by 100 H 42'],
        ['events/call/Held', '006,HE,,<MON101>,86415,100,C,38', 'HE 86415 by 100 C 38'],
        ['events/call/Held', '007,HE,,<MON100>,86415,100,H,38', 'HE 86415 by 100 H 38'],
        [
            'events/call/NetworkReached',
            '001,OR,,<MON100>,123,100,,I,97061,,C,22',
            'OR 123 from 100 I dialled 97061 C 22'
        ],
        [
            'events/call/NetworkReached',
            '002,NT,,<MON100>,123,97061,,C,22',
            'NT 123 trunk 97061 dialled - C 22'
        ],
        [
            'events/call/NetworkReached',
            '003,NT,,<MON97061>,123,97061,9619000,A,22',
            'NT 123 trunk 97061 dialled 9619000 A 22'
        ],
        [
            'events/call/NetworkReached',
            '004,DE,,<MON97061>,123,97061,9619000,E,100,,,,,I,9619000,,,A,22',
            'DE 123 at 97061/9619000 E from 100 I called 9619000 A 22'
        ],
        [
            'events/call/NetworkReached',
            '005,DE,,<MON100>,123,97061,9619000,E,100,,,,,I,9619000,,,C,22',
            'DE 123 at 97061/9619000 E from 100 I called 9619000 C 22'
        ],
        [
            'events/call/NetworkReached',
            '006,ES,,<MON97061>,123,94161,9619000,E,100,,,I,9619000,,C,35',
            'ES 123 by 94161/9619000 E from 100 I called 9619000 C 35',
            'manual typo: the answering trunk printed 94161 where the sequence uses 97061; read as printed'
        ],
        [
            'events/call/NetworkReached',
            '007,ES,,<MON100>,123,94161,9619000,E,100,,,I,9619000,,C,35',
            'ES 123 by 94161/9619000 E from 100 I called 9619000 C 35',
            'manual typo: the answering trunk printed 94161 where the sequence uses 97061; read as printed'
        ],
        [
            'events/call/Originated',
            '001,OR,,<MON100>,744,100,,I,101,,C,22',
            'OR 744 from 100 I dialled 101 C 22'
        ],
        [
            'events/call/Originated',
            '002,DE,,<MON101>,744,101,,I,100,,,,,I,101,,,A,22',
            'DE 744 at 101 I from 100 I called 101 A 22'
        ],
        [
            'events/call/Originated',
            '003,DE,,<MON100>,744,101,,I,100,,,,,I,101,,,C,22',
            'DE 744 at 101 I from 100 I called 101 C 22'
        ],
        [
            'events/call/Originated',
            '001,OR,,<MON100>,744,100,,I,9619000,,C,22',
            'OR 744 from 100 I dialled 9619000 C 22'
        ],
        [
            'events/call/Originated',
            '001,OR,,<MON100>,744,100,,I,92000,C,22',
            'malformed OR: OR needs 12 fields, got 11',
            'manual typo: the Account_Code field is missing'
        ],
        [
            'events/call/Originated',
            '001,OR,,<MON97061>,744,97061,6025551212,E,8002225555,,C,22',
            'OR 744 from 97061/6025551212 E dialled 8002225555 C 22'
        ],
        [
            'events/call/Originated',
            '002,DE,,<MON105>,744,105,,I,97061,,6025551212,,8002225555,E,105,,,A,22',
            'DE 744 at 105 I from 97061/6025551212 E called 105 A 22'
        ],
        [
            'events/call/Originated',
            '003,DE,,<MON97061>,744,105,,I,97061,,6025551212,,8002225555,E,105,,,C,22',
            'DE 744 at 105 I from 97061/6025551212 E called 105 C 22'
        ],
        [
            'events/call/Originated',
            '001,OR,,<MON97061>,744,97061,,E,101,,C,22',
            'OR 744 from 97061 E dialled 101 C 22'
        ],
        [
            'events/call/Originated',
            '002,DE,,<MON101>,744,101,,I,97061,,,,,E,101,,,A,22',
            'DE 744 at 101 I from 97061 E called 101 A 22'
        ],
        [
            'events/call/Originated',
            '003,DE,,<MON97061>,744,101,,I,97061,,,,,E,101,,,C,22',
            'DE 744 at 101 I from 97061 E called 101 C 22'
        ],
        [
            'events/call/Originated',
            '001,OR,,<MON100>,744,100,,I,9619000,1234,C,22',
            'OR 744 from 100 I dialled 9619000 account 1234 C 22'
        ],
        [
            'events/call/Queued',
            '001,QU,,<MON273>,18532,273,,I,97061,,6025551212,,8002225555,E,273,,1,,Q,23',
            'malformed QU: QU localState: local connection state "1"',
            'the example has two fields more than the syntax line above it (a Queued_Outside_Number, Queued_Device_Type pair as in DE); the bridge follows the syntax, so the line is refused, not misread'
        ],
        [
            'events/call/Queued',
            '002,QU,,<MON97061>,18532,273,,I,97061,,6025551212,,8002225555,E,273,,1,,C,23',
            'malformed QU: QU localState: local connection state "1"',
            'the example has two fields more than the syntax line above it (a Queued_Outside_Number, Queued_Device_Type pair as in DE); the bridge follows the syntax, so the line is refused, not misread'
        ],
        [
            'events/call/Retrieved',
            '001,OR,,<MON105>,0014,105,,I,101,,C,22',
            'OR 0014 from 105 I dialled 101 C 22'
        ],
        [
            'events/call/Retrieved',
            '002,DE,,<MON101>,0014,101,,I,105,,,,,I,101,,,A,22',
            'DE 0014 at 101 I from 105 I called 101 A 22'
        ],
        [
            'events/call/Retrieved',
            '003,DE,,<MON105>,0014,101,,I,105,,,,,I,101,,,C,22',
            'DE 0014 at 101 I from 105 I called 101 C 22'
        ],
        [
            'events/call/Retrieved',
            '004,ES,,<MON105>,0014,101,,I,105,,,I,101,,C,35',
            'ES 0014 by 101 I from 105 I called 101 C 35'
        ],
        [
            'events/call/Retrieved',
            '005,ES,,<MON101>,0014,101,,I,105,,,I,101,,C,35',
            'ES 0014 by 101 I from 105 I called 101 C 35'
        ],
        ['events/call/Retrieved', '006,HE,,<MON101>,0014,105,C,22', 'HE 0014 by 105 C 22'],
        ['events/call/Retrieved', '007,HE,,<MON105>,0014,105,H,22', 'HE 0014 by 105 H 22'],
        [
            'events/call/Retrieved',
            '008,RE,,<MON101>,0014,105,C,35,101,,,I',
            'RE 0014 by 105 C 35 party 101 I'
        ],
        [
            'events/call/Retrieved',
            '009,RE,,<MON105>,0014,105,C,35,101,,,I',
            'RE 0014 by 105 C 35 party 101 I'
        ],
        ['events/call/ServiceInitiated', '001,SI,,<MON105>,507,105,I,22,', 'ignored SI: event SI'],
        [
            'events/call/ServiceInitiated',
            '002,OR,,<MON105>,507,105,,I,101,,C,22,',
            'OR 507 from 105 I dialled 101 C 22'
        ],
        [
            'events/call/ServiceInitiated',
            '003,DE,,<MON101>,507,101,,I,105,,,,,I,101,,,A,22,',
            'DE 507 at 101 I from 105 I called 101 A 22'
        ],
        [
            'events/call/ServiceInitiated',
            '004,DE,,<MON105>,507,101,,I,105,,,,,I,101,,,C,22,',
            'DE 507 at 101 I from 105 I called 101 C 22'
        ],
        ['events/call/ServiceInitiated', '001,SI,,<MON1001>,1F01,1001,I,4,1002,', 'ignored SI: event SI'],
        [
            'events/call/Transferred',
            '001,OR,,<MON100>,18532,100,,I,101,,C,22',
            'OR 18532 from 100 I dialled 101 C 22'
        ],
        [
            'events/call/Transferred',
            '002,DE,,<MON101>,18532,101,,I,100,,,,,I,101,,,A,22',
            'DE 18532 at 101 I from 100 I called 101 A 22'
        ],
        [
            'events/call/Transferred',
            '003,DE,,<MON100>,18532,101,,I,100,,,,,I,101,,,C,22',
            'DE 18532 at 101 I from 100 I called 101 C 22'
        ],
        [
            'events/call/Transferred',
            '004,ES,,<MON100>,18532,101,,I,100,,,I,101,,C,35',
            'ES 18532 by 101 I from 100 I called 101 C 35'
        ],
        [
            'events/call/Transferred',
            '005,ES,,<MON101>,18532,101,,I,100,,,I,101,,C,35',
            'ES 18532 by 101 I from 100 I called 101 C 35'
        ],
        ['events/call/Transferred', '006,HE,,<MON101>,18532,100,C,38', 'HE 18532 by 100 C 38'],
        ['events/call/Transferred', '007,HE,,<MON100>,18532,100,H,38', 'HE 18532 by 100 H 38'],
        [
            'events/call/Transferred',
            '008,OR,,<MON100>,18533,100,,I,102,,C,22',
            'OR 18533 from 100 I dialled 102 C 22'
        ],
        [
            'events/call/Transferred',
            '009,DE,,<MON102>,18533,102,,I,100,,,,,I,102,,,A,40',
            'DE 18533 at 102 I from 100 I called 102 A 40'
        ],
        [
            'events/call/Transferred',
            '010,DE,,<MON100>,18533,102,,I,100,,,,,I,102,,,C,40',
            'DE 18533 at 102 I from 100 I called 102 C 40'
        ],
        [
            'events/call/Transferred',
            '011,TR,,<MON100>,18532,100,101,@002,102,,,,,N,32',
            'TR 18532 by 100 of 101 announced @002 to 102 N 32',
            'manual typo: announcement call id @002 where the announcement call of the sequence is 18533'
        ],
        ['events/call/Transferred', '012,XC,,<MON100>,18533,100,100,N,36', 'XC 18533 100 by 100 N 36'],
        [
            'events/call/Transferred',
            '013,TR,,<MON101>,18532,100,101,,102,,,,,C,32',
            'TR 18532 by 100 of 101 to 102 C 32'
        ],
        [
            'events/call/Transferred',
            '014,TR,,<MON102>,18532,100,101,@002,102,,,,,A,32',
            'TR 18532 by 100 of 101 announced @002 to 102 A 32',
            'manual typo: announcement call id @002 where the announcement call of the sequence is 18533'
        ],
        ['events/call/Transferred', '015,XC,,<MON102>,18533,100,100,,36', 'XC 18533 100 by 100 - 36'],
        [
            'events/call/Transferred',
            '016,XC,,<MON102>,18532,102,100,N,36',
            'XC 18532 102 by 100 N 36',
            'manual typo: call id 18532 where the destination leaves the announcement call 18533'
        ],
        [
            'events/call/Transferred',
            '017,DE,,<MON102>,18532,102,,I,101,,,,,I,102,100,,A,32',
            'DE 18532 at 102 I from 101 I called 102 via 100 A 32'
        ],
        [
            'events/call/Transferred',
            '018,DE,,<MON101>,18532,102,,I,101,,,,,I,102,100,,C,32',
            'DE 18532 at 102 I from 101 I called 102 via 100 C 32'
        ]
    ])('%s: %s', (_source, printed, meaning) => {
        expect(summary(decodeLine(fill(printed)))).toBe(meaning);
    });
});
