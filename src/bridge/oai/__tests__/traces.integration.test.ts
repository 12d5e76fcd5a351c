// The manual's example sequences (./traces/, each naming its source and the typos it corrects)
// replayed through the bridge's OAI layer as `npm run bridge:replay` does: a stand-in PBX on loopback,
// the OAI client, routing and the call models. Each line is a contract change: the station, the
// event, the call (numbered in order of first appearance, so a call that keeps its id keeps its
// number), direction, far end, cause.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { replayTrace } from '../replay';
import type { StationChange } from '../stations';

const TRACES = join(__dirname, '..', 'traces');

function describeChanges(changes: StationChange[]): string[] {
    const numbers = new Map<string, number>();
    return changes.map((change) => {
        if (change.kind === 'dnd') return `${change.extension} dnd ${change.enabled ? 'on' : 'off'}`;
        const { call } = change;
        // Contract call ids are a station's own: two stations on one OAI call may get the same text.
        const key = `${change.extension} ${call.callId}`;
        if (!numbers.has(key)) numbers.set(key, numbers.size + 1);
        const event = call.state === 'cleared' && call.cause === 'transfer' ? 'transferred' : call.state;
        const remote = call.remote.number || '-';
        return `${change.extension} ${event} #${numbers.get(key)} ${call.direction} ${remote} ${call.cause}`;
    });
}

describe('the manual example sequences, replayed', () => {
    it.each<[string, string[]]>([
        [
            'established-internal',
            [
                '100 dialing #1 internal 101 newCall',
                '101 ringing #2 internal 100 newCall',
                '100 connected #1 internal 101 answered',
                '101 connected #2 internal 100 answered'
            ]
        ],
        [
            'established-inbound',
            ['105 ringing #1 inbound 6025551212 newCall', '105 connected #1 inbound 6025551212 answered']
        ],
        [
            'held',
            [
                '100 dialing #1 internal 101 newCall',
                '101 ringing #2 internal 100 newCall',
                '100 connected #1 internal 101 answered',
                '101 connected #2 internal 100 answered',
                // 101's HE (state C) changes nothing at 101: it is not the one holding.
                '100 held #1 internal 101 holdIndividual'
            ]
        ],
        [
            'retrieved',
            [
                '105 dialing #1 internal 101 newCall',
                '101 ringing #2 internal 105 newCall',
                '105 connected #1 internal 101 answered',
                '101 connected #2 internal 105 answered',
                // The manual prints HE with cause 22 here (not 42): read as printed.
                '105 held #1 internal 101 newCall',
                '105 connected #1 internal 101 retrieved'
            ]
        ],
        [
            'transferred',
            [
                '100 dialing #1 internal 101 newCall',
                '101 ringing #2 internal 100 newCall',
                '100 connected #1 internal 101 answered',
                '101 connected #2 internal 100 answered',
                '100 held #1 internal 101 holdForTransfer',
                '100 dialing #3 internal 102 newCall',
                '102 ringing #4 internal 100 transferAnnouncement',
                '100 dialing #3 internal 102 transferAnnouncement',
                // The consult ends by the transfer too (its XC, cause 36, follows and changes nothing).
                '100 transferred #3 internal 102 transfer',
                '100 transferred #1 internal 101 transfer',
                // The transferred party stays connected, now with 102; 102's TR (A) is 102's alone.
                '101 connected #2 internal 102 transfer',
                // At 102 the announcement call becomes the transferred call: the same call for the agent.
                '102 ringing #4 internal 101 transfer'
            ]
        ],
        [
            'conferenced',
            [
                '100 dialing #1 internal 101 newCall',
                '101 ringing #2 internal 100 newCall',
                '100 connected #1 internal 101 answered',
                '101 connected #2 internal 100 answered',
                '100 held #1 internal 101 holdForConference',
                '100 dialing #3 internal 102 newCall',
                '102 ringing #4 internal 100 newCall',
                '100 connected #3 internal 102 answered',
                '102 connected #4 internal 100 answered',
                '100 held #3 internal 102 holdForConference',
                // One conference call at 100: the second call ends into it, the first goes on.
                '100 cleared #3 internal 102 conference',
                '100 connected #1 internal 101 conference',
                '101 connected #2 internal 100 conference',
                '102 connected #4 internal 100 conference'
            ]
        ],
        [
            'failed-dnd',
            [
                '1000 dialing #1 internal 1001 newCall',
                // FA names the DND station: the caller's call stays, with the failure, until it hangs up.
                '1000 dialing #1 internal 1001 doNotDisturb',
                '1000 cleared #1 internal 1001 doNotDisturb'
            ]
        ],
        [
            'diverted-forward',
            [
                '100 dialing #1 internal 101 newCall',
                '101 ringing #2 internal 100 newCall',
                '101 cleared #2 internal 100 callForwardNoAnswer',
                '100 dialing #1 internal 102 newCall',
                '102 ringing #3 internal 100 callForward',
                '100 dialing #1 internal 102 callForward'
            ]
        ],
        [
            'outgoing-trunk',
            [
                '100 dialing #1 internal 97061 newCall',
                '100 dialing #1 outbound 97061 newCall',
                '100 dialing #1 outbound 9619000 newCall',
                '100 connected #1 outbound 9619000 answered'
            ]
        ],
        [
            'resync-held',
            [
                '100 connected #1 internal 101 answered',
                // Reported by HE alone: held at 100, far end unknown.
                '100 held #2 internal - holdForConference',
                '100 dnd on'
            ]
        ],
        ['dnd', ['105 dnd on', '105 dnd off']]
    ])('%s', async (name, expected) => {
        const result = await replayTrace(readFileSync(join(TRACES, `${name}.trace`), 'utf8'));
        expect(result.lineErrors).toEqual([]);
        expect(describeChanges(result.changes)).toEqual(expected);
    });
});
