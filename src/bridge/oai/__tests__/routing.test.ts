// Which stations an OAI event reaches: the one whose monitor reported it, every followed station its
// extension fields name, and every station following its call; from the field lists, written by hand.
import { decodeLine, type OaiEvent } from '../messages';
import { OaiCallModel } from '../callModel';
import { callIdsOf, namedDevices, routeEvent, type RoutingView } from '../routing';

function event(line: string): OaiEvent {
    const decoded = decodeLine(line);
    if (decoded.kind !== 'event') throw new Error(`test line does not decode: ${JSON.stringify(decoded)}`);
    return decoded;
}

/** 2001 under monitor 005, 2002 under 006 on the current link; 2002 follows call 1300. */
function view(): RoutingView {
    const monitors = new Map([
        ['005', '2001'],
        ['006', '2002']
    ]);
    const followed = ['2001', '2002'];
    return {
        deviceOfMonitor: (id) => monitors.get(id),
        follows: (device) => followed.includes(device),
        tracks: (device, callId) => device === '2002' && callId === '1300',
        trackers: (callId) => (callId === '1300' ? ['2002'] : [])
    };
}

const route = (line: string) => Object.fromEntries(routeEvent(event(line), view()));

describe('the extension fields of each event', () => {
    it.each<[string, string, string[]]>([
        ['DE', '001,DE,,005,1234,2002,,I,2001,,,,,I,2002,,,A,22,', ['2002', '2001']],
        ['ES', '002,ES,,005,1234,2002,,I,2001,,,I,2002,,C,35', ['2002', '2001']],
        ['HE', '003,HE,,005,1234,2002,H,42', ['2002']],
        ['RE', '004,RE,,005,1234,2002,C,22,2001,,,I', ['2002', '2001']],
        ['TR', '005,TR,,005,1234,2001,9001,1235,2002,,01632960123,|MAIN|,,C,32', ['2001', '9001', '2002']],
        ['XC', '006,XC,,005,1234,2002,2001,N,36', ['2002']],
        ['QU', '007,QU,,005,1234,2002,2001,,,,,I,2002,,1,,Q,12', ['2002', '2001']],
        ['DI', '008,DI,,005,1234,2002,2003,,N,9', ['2002', '2003']],
        ['FA', '009,FA,,005,1234,2002,2003,F,14', ['2002']],
        ['DND', '010,DND,,005,2002,1,|DO NOT DISTURB|,', ['2002']],
        ['OL', '011,OL,,005,2002,0,1,0', ['2002']]
    ])('%s names %j', (_code, line, devices) => {
        expect(namedDevices(event(line)).filter(Boolean)).toEqual(devices);
    });

    it('a transfer is about the transferred call and its announcement call', () => {
        expect(callIdsOf(event('005,TR,,005,1234,2001,9001,1235,2002,,,,,C,32'))).toEqual(['1234', '1235']);
    });
});

describe('routing an event', () => {
    it('reaches the station whose monitor reported it, as its own', () => {
        expect(route('003,HE,,005,1234,2001,H,42')).toEqual({ '2001': { own: true } });
    });

    it('reaches a station it names that another monitor reported it under (the first-monitor rule)', () => {
        expect(route('001,DE,,005,1234,2002,,I,2001,,,,,I,2002,,,A,22,')).toEqual({
            '2001': { own: true },
            '2002': { own: false }
        });
    });

    it('reaches the station it names under a Mon_Cross_Ref_ID from before a reconnect', () => {
        expect(route('003,HE,,001,1234,2001,H,42')).toEqual({ '2001': { own: false } });
    });

    it('reaches the station following its call when it names no followed station', () => {
        expect(route('006,XC,,001,1300,9001,9001,N,36')).toEqual({ '2002': { own: false } });
    });

    it('does not reach its monitor’s station when it neither names it nor is about its calls', () => {
        // The far end answering a call 2001 transferred away: still reported under 2001's monitor.
        expect(route('012,ES,,005,1234,2003,,I,9001,01632960123,,E,2003,2001,C,35')).toEqual({});
    });

    it('reaches nobody when it concerns no followed station or call', () => {
        expect(route('003,HE,,001,1234,2003,H,42')).toEqual({});
    });
});

describe('the call model, for an event under another monitor', () => {
    const model = () => new OaiCallModel({ extension: '2002', now: () => 1_000_000 });
    /** A call from 2001 to 2002 as 2001's monitor (005) reports it: each line its own station's. */
    const CALLER_DE = '001,DE,,005,1234,2002,,I,2001,,,,,I,2002,,,C,22,';
    const CALLED_DE = '002,DE,,005,1234,2002,,I,2001,,,,,I,2002,,,A,22,';

    it("rings at the called station; the caller's own line does not make it a dialing call", () => {
        const calls = model();
        expect(calls.apply(event(CALLER_DE), false)).toEqual([]);
        expect(calls.apply(event(CALLED_DE), false)).toEqual([
            expect.objectContaining({
                state: 'ringing',
                direction: 'internal',
                remote: { number: '2001', name: '' }
            })
        ]);
    });

    it('is connected when it answers, held only when it holds, and reports an event heard twice once', () => {
        const calls = model();
        calls.apply(event(CALLED_DE), false);
        const answered = '003,ES,,005,1234,2002,,I,2001,,,I,2002,,C,35';
        expect(calls.apply(event(answered), false)).toEqual([
            expect.objectContaining({ state: 'connected' })
        ]);
        expect(calls.apply(event(answered), false)).toEqual([]);
        expect(calls.apply(event('004,HE,,005,1234,2001,H,42'), false)).toEqual([]);
        expect(calls.apply(event('005,HE,,005,1234,2002,C,42'), false)).toEqual([
            expect.objectContaining({ state: 'held' })
        ]);
        expect(calls.apply(event('006,RE,,005,1234,2001,C,22,2002,,,I'), false)).toEqual([]);
        expect(calls.apply(event('007,RE,,005,1234,2002,C,22,2001,,,I'), false)).toEqual([
            expect.objectContaining({ state: 'connected' })
        ]);
    });

    it('a blind transfer to it does not connect a call before it rings', () => {
        const calls = model();
        expect(calls.apply(event('008,TR,,005,1234,2001,9001,,2002,,01632960123,,,C,32'), false)).toEqual([]);
        expect(calls.calls()).toEqual([]);
    });
});
