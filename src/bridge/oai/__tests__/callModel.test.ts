// OAI events, written by hand from the field lists, as contract v1 calls of station 2001.
import { OaiCallModel } from '../callModel';
import { decodeLine, type OaiEvent } from '../messages';

let clock = 1_000_000;
const model = () => new OaiCallModel({ extension: '2001', huntGroups: ['2100'], now: () => clock });

function event(line: string): OaiEvent {
    const decoded = decodeLine(line);
    if (decoded.kind !== 'event') throw new Error(`test line does not decode: ${JSON.stringify(decoded)}`);
    return decoded;
}

/** Applies the lines one second apart; returns what each changed. */
function feed(calls: OaiCallModel, ...lines: string[]) {
    return lines.map((line) => {
        clock += 1000;
        return calls.apply(event(line));
    });
}

const INBOUND_DE = '001,DE,,005,1234,2001,,I,9001,|ACME, LTD|,01632960123,|MAIN|,4005551000,E,2001,,,A,22,';
const INBOUND_ES = '002,ES,,005,1234,2001,,I,9001,01632960123,4005551000,E,2001,,C,35';

beforeEach(() => {
    clock = 1_000_000;
});

describe('OAI call model', () => {
    it('inbound: ringing, connected, held, connected again, cleared when the caller hangs up', () => {
        const calls = model();
        const [[ringing], [connected], [held], [retrieved], [cleared]] = feed(
            calls,
            INBOUND_DE,
            INBOUND_ES,
            '003,HE,,005,1234,2001,H,42',
            '004,RE,,005,1234,2001,C,22,9001,01632960123,4005551000,E',
            '005,XC,,005,1234,2001,9001,N,36'
        );
        expect(ringing).toEqual({
            callId: `oai-1234-${(1_001_000).toString(36)}`,
            state: 'ringing',
            direction: 'inbound',
            remote: { number: '01632960123', name: 'ACME, LTD' },
            startTime: 1_001_000,
            cause: 'newCall',
            capabilities: ['answer', 'clear']
        });
        expect(connected).toMatchObject({
            callId: ringing.callId,
            state: 'connected',
            answerTime: 1_002_000,
            remote: { number: '01632960123', name: 'ACME, LTD' },
            cause: 'answered',
            capabilities: ['hold', 'clear', 'transfer', 'consult']
        });
        expect(held).toMatchObject({
            state: 'held',
            cause: 'holdIndividual',
            capabilities: ['retrieve', 'clear', 'transfer']
        });
        expect(retrieved).toMatchObject({
            state: 'connected',
            answerTime: 1_002_000,
            capabilities: ['hold', 'clear', 'transfer', 'consult']
        });
        expect(cleared).toMatchObject({
            callId: ringing.callId,
            state: 'cleared',
            cause: 'normalClear',
            endTime: 1_005_000,
            capabilities: []
        });
        expect(calls.calls()).toEqual([]);
    });

    it('a hunt group call names the group, and answered at another member it ends as answeredElsewhere', () => {
        const calls = model();
        const [[ringing], [cleared]] = feed(
            calls,
            '010,DE,,005,1240,2001,,I,9001,|ACME|,01632960123,|MAIN|,4005551000,E,2100,,,A,22,',
            '011,XC,,005,1240,2001,2002,N,35'
        );
        expect(ringing).toMatchObject({ state: 'ringing', huntGroup: '2100' });
        expect(cleared).toMatchObject({ state: 'cleared', cause: 'answeredElsewhere' });
    });

    it('outbound to an outside number: dialing until the far end answers, then connected', () => {
        const calls = model();
        const [[dialing], [connected]] = feed(
            calls,
            '020,DE,,005,1300,9001,01632960123,E,2001,,,,,I,01632960123,,,C,22,',
            '021,ES,,005,1300,9001,01632960123,E,2001,,,I,01632960123,,C,35'
        );
        expect(dialing).toMatchObject({
            state: 'dialing',
            direction: 'outbound',
            remote: { number: '01632960123', name: '' },
            capabilities: ['clear']
        });
        expect(dialing).not.toHaveProperty('answerTime');
        expect(connected).toMatchObject({
            callId: dialing.callId,
            state: 'connected',
            direction: 'outbound',
            answerTime: clock
        });
    });

    it('consult then transfer: the new call is related to the held one, and both end as transfer', () => {
        const calls = model();
        feed(calls, INBOUND_DE, INBOUND_ES, '003,HE,,005,1234,2001,H,42');
        const heldId = calls.calls()[0].callId;
        const [[consult], answered, [consultEnded, transferred], afterXc] = feed(
            calls,
            '030,DE,,005,1301,2002,,I,2001,||,,||,,I,2002,,,C,22,',
            '031,ES,,005,1301,2002,,I,2001,,,I,2002,,C,35',
            '032,TR,,005,1234,2001,9001,1301,2002,|ACME|,01632960123,|MAIN|,4005551000,N,32',
            '033,XC,,005,1301,2001,2001,N,32'
        );
        expect(consult).toMatchObject({
            state: 'dialing',
            direction: 'internal',
            remote: { number: '2002' },
            relatedCallId: heldId
        });
        expect(answered[0]).toMatchObject({
            state: 'connected',
            capabilities: ['clear', 'completeTransfer', 'cancelTransfer']
        });
        expect(transferred).toMatchObject({
            callId: heldId,
            state: 'cleared',
            cause: 'transfer',
            transferredTo: '2002'
        });
        // The consult ends with the transfer (TR), not by the XC that follows.
        expect(consultEnded).toMatchObject({ callId: consult.callId, state: 'cleared', cause: 'transfer' });
        expect(afterXc).toEqual([]);
        expect(calls.calls()).toEqual([]);
    });

    it('blind transfer ends the call here; its recall rings here again as a new call', () => {
        const calls = model();
        feed(calls, INBOUND_DE, INBOUND_ES);
        const firstId = calls.calls()[0].callId;
        const [[transferred], [recall]] = feed(
            calls,
            '040,TR,,005,1234,2001,9001,,2003,|ACME|,01632960123,|MAIN|,4005551000,N,32',
            '041,DE,,005,1234,2001,,I,9001,|ACME|,01632960123,|MAIN|,4005551000,E,2003,2003,,A,27,'
        );
        expect(transferred).toMatchObject({
            callId: firstId,
            state: 'cleared',
            cause: 'transfer',
            transferredTo: '2003'
        });
        expect(recall).toMatchObject({
            state: 'ringing',
            cause: 'recall',
            remote: { number: '01632960123' }
        });
        expect(recall.callId).not.toBe(firstId);
    });

    it('a DND destination: FA names it, the caller still hears the call, which ends with that cause', () => {
        const calls = model();
        const [, [failed], [ended]] = feed(
            calls,
            '050,DE,,005,1302,2002,,I,2001,||,,||,,I,2002,,,C,22,',
            // Issue 9.0 FA: Failed_Ext is the station that made the call fail, here the DND station 2002.
            '051,FA,,005,1302,2002,2002,C,14',
            '052,XC,,005,1302,2001,2001,N,36'
        );
        expect(failed).toMatchObject({ state: 'dialing', cause: 'doNotDisturb', capabilities: ['clear'] });
        expect(ended).toMatchObject({ callId: failed.callId, state: 'cleared', cause: 'doNotDisturb' });
    });

    it('a failure the caller no longer hears (its state N) ends the call at once', () => {
        const calls = model();
        const [, [failed]] = feed(
            calls,
            '053,DE,,005,1303,9001,901632960123,E,2001,,,,,I,901632960123,,,C,22,',
            '054,FA,,005,1303,9001,901632960123,N,33'
        );
        expect(failed).toMatchObject({ state: 'cleared', cause: 'trunksBusy' });
    });

    it("the destination's TR (A 32) leaves the transferred party connected, whichever monitor it came under", () => {
        const calls = new OaiCallModel({ extension: '2002', now: () => clock });
        const [[ringing], [connected], [transferred], after] = feed(
            calls,
            '056,DE,,006,1500,2002,,I,2001,,,,,I,2002,,,A,22,',
            '057,ES,,006,1500,2002,,I,2001,,,I,2002,,C,35',
            // The transferred party's own line: no announcement call id, its own state.
            '058,TR,,006,1500,2001,2002,,2003,,,,,C,32',
            // The destination's line, under 2002's monitor id (the first-monitor rule): not 2002's state.
            '059,TR,,006,1500,2001,2002,1501,2003,,,,,A,32'
        );
        expect(ringing).toMatchObject({ state: 'ringing' });
        expect(connected).toMatchObject({ callId: ringing.callId, state: 'connected' });
        expect(transferred).toMatchObject({
            state: 'connected',
            cause: 'transfer',
            remote: { number: '2003' }
        });
        expect(after).toEqual([]);
    });

    it('a held call reported by HE alone (Issue 9.0 _RR example) is held here', () => {
        const calls = model();
        const [[held]] = feed(calls, '055,HE,245,005,222,2001,H,39');
        expect(held).toMatchObject({ state: 'held', cause: 'holdForConference', remote: { number: '' } });
    });

    it('follows the DND and online status of its own station only', () => {
        const calls = model();
        feed(calls, '060,DND,,005,2001,|DO NOT DISTURB|,||', '061,DND,,006,2002,,');
        expect(calls.dnd).toBe(true);
        feed(calls, '062,DND,,005,2001,,', '063,OL,,005,2001,0,1,0');
        expect(calls.dnd).toBe(false);
        expect(calls.deviceOnline).toBe(false);
    });

    it('after a resync, a call it did not report again has ended, the others live on', () => {
        const calls = model();
        feed(
            calls,
            INBOUND_DE,
            INBOUND_ES,
            '070,DE,,005,1235,2001,,I,9001,|BETA|,01632960999,|MAIN|,4005551000,E,2001,,,A,22,'
        );
        const [connected, ringing] = calls.calls();
        calls.beginResync();
        feed(calls, '071,ES,9,005,1234,2001,,I,9001,01632960123,4005551000,E,2001,,C,35');
        const ended = calls.endResync();
        expect(ended).toEqual([
            expect.objectContaining({
                callId: ringing.callId,
                state: 'cleared',
                endTime: clock,
                capabilities: []
            })
        ]);
        expect(calls.calls()).toEqual([
            expect.objectContaining({ callId: connected.callId, state: 'connected' })
        ]);
    });

    it('learns a call it first hears of in a resync', () => {
        const calls = model();
        calls.beginResync();
        feed(
            calls,
            '080,ES,4,005,1236,2001,,I,9001,01632960123,4005551000,E,2001,,C,35',
            '081,HE,4,005,1236,2001,H,42'
        );
        expect(calls.endResync()).toEqual([]);
        expect(calls.calls()).toEqual([
            expect.objectContaining({
                state: 'held',
                direction: 'inbound',
                remote: { number: '01632960123', name: '' }
            })
        ]);
    });

    it('ignores events for calls it does not know, and another station leaving a call', () => {
        const calls = model();
        feed(calls, INBOUND_DE, INBOUND_ES);
        expect(
            feed(
                calls,
                '090,XC,,005,4444,2001,2001,N,36',
                '091,HE,,005,4444,2002,C,42',
                '092,XC,,005,1234,2002,2002,N,36'
            )
        ).toEqual([[], [], []]);
        expect(calls.calls()).toEqual([expect.objectContaining({ state: 'connected' })]);
    });
});
