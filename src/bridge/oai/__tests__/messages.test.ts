// Every line is written by hand from the manual's field lists (docs/oai-protocol.md), with the
// sequence number the PBX puts first; the expected objects name each field.
import { decodeLine } from '../messages';

describe('OAI event decoders', () => {
    it.each<[string, string, Record<string, unknown>]>([
        [
            'DE Delivered: an outside call ringing at 2001',
            '012,DE,,005,1234,2001,,I,9001,|ACME, LTD|,01632960123,|MAIN LINE|,4005551000,E,2001,,,A,22,',
            {
                code: 'DE',
                sequence: '012',
                resyncCode: '',
                monCrossRefId: '005',
                callId: '1234',
                alertingExt: '2001',
                alertingOutsideNumber: '',
                alertingDeviceType: 'I',
                internalCallingExt: '9001',
                outsideCallerName: 'ACME, LTD',
                outsideCallerNumber: '01632960123',
                trunkName: 'MAIN LINE',
                trunkOutsideNumber: '4005551000',
                callingDeviceType: 'E',
                originallyCalledDevice: '2001',
                lastRedirectionExt: '',
                accountCode: '',
                localState: 'A',
                cause: 22,
                acdGroup: ''
            }
        ],
        [
            'DE without the trailing ACD/UCD group, from a hunt group',
            '013,DE,,006,1235,2002,,I,9001,|ACME|,01632960123,|MAIN|,4005551000,E,2100,,,A,22',
            { code: 'DE', callId: '1235', alertingExt: '2002', originallyCalledDevice: '2100', acdGroup: '' }
        ],
        [
            'ES Established: 2001 answered',
            '014,ES,,005,1234,2001,,I,9001,01632960123,4005551000,E,2001,,C,35',
            {
                code: 'ES',
                monCrossRefId: '005',
                callId: '1234',
                answeringExt: '2001',
                answeringOutsideNumber: '',
                answeringDeviceType: 'I',
                internalCallingExt: '9001',
                outsideCallerNumber: '01632960123',
                trunkOutsideNumber: '4005551000',
                callingDeviceType: 'E',
                originallyCalledDevice: '2001',
                lastRedirectionExt: '',
                localState: 'C',
                cause: 35
            }
        ],
        [
            'HE Held, in a resync answering _RR,7',
            '015,HE,7,005,1234,2001,H,42',
            { code: 'HE', resyncCode: '7', callId: '1234', holdingExt: '2001', localState: 'H', cause: 42 }
        ],
        [
            'RE Retrieved',
            '016,RE,,005,1234,2001,C,22,9001,01632960123,4005551000,E',
            {
                code: 'RE',
                callId: '1234',
                retrievingExt: '2001',
                localState: 'C',
                cause: 22,
                retrievedExt: '9001',
                retrievedOutsideNumber: '01632960123',
                retrievedTrunkNumber: '4005551000',
                retrievedDeviceType: 'E'
            }
        ],
        [
            'TR Transferred to 2003',
            '017,TR,,005,1234,2001,9001,1240,2003,|ACME|,01632960123,|MAIN|,4005551000,N,32',
            {
                code: 'TR',
                callId: '1234',
                transferringExt: '2001',
                transferredExt: '9001',
                announcementCallId: '1240',
                destinationExt: '2003',
                outsideCallerName: 'ACME',
                outsideCallerNumber: '01632960123',
                trunkName: 'MAIN',
                trunkOutsideNumber: '4005551000',
                localState: 'N',
                cause: 32
            }
        ],
        [
            'XC Connection Cleared: the caller hung up',
            '018,XC,,005,1234,2001,9001,N,36',
            {
                code: 'XC',
                callId: '1234',
                clearedExt: '2001',
                terminatingExt: '9001',
                localState: 'N',
                cause: 36
            }
        ],
        [
            'CC Call Cleared after a transfer',
            '019,CC,,009,1234,32,1234,2003',
            {
                code: 'CC',
                monCrossRefId: '009',
                callId: '1234',
                cause: 32,
                transferredCallId: '1234',
                transferDestination: '2003'
            }
        ],
        [
            'CC Call Cleared, normal clear, without the transfer fields',
            '020,CC,,009,1234,36',
            { code: 'CC', callId: '1234', cause: 36, transferredCallId: '', transferDestination: '' }
        ],
        [
            'QU Queued (camped on)',
            '021,QU,,005,1236,2001,9002,|BETA|,01632960999,|MAIN|,4005551000,E,2001,,2,,Q,12',
            {
                code: 'QU',
                callId: '1236',
                queuedExt: '2001',
                internalCallingExt: '9002',
                outsideCallerName: 'BETA',
                outsideCallerNumber: '01632960999',
                trunkName: 'MAIN',
                trunkOutsideNumber: '4005551000',
                callingDeviceType: 'E',
                originallyCalledDevice: '2001',
                lastRedirectionExt: '',
                numberQueued: '2',
                accountCode: '',
                localState: 'Q',
                cause: 12
            }
        ],
        [
            'DI Diverted: a transfer recalls to 2001',
            '022,DI,,005,1234,2003,2001,,A,27',
            {
                code: 'DI',
                callId: '1234',
                divertedFromExt: '2003',
                newDestinationExt: '2001',
                divertedToOutsideNumber: '',
                localState: 'A',
                cause: 27
            }
        ],
        [
            'CO Conferenced, numbered form with two parties',
            '023,CO,,005,2001,1234,1240,2001,2,9001,1234,2003,1240,C,41',
            {
                code: 'CO',
                monCrossRefId: '005',
                subjectExt: '2001',
                primaryCallId: '1234',
                secondaryCallId: '1240',
                controllingExt: '2001',
                parties: [
                    { extension: '9001', callId: '1234' },
                    { extension: '2003', callId: '1240' }
                ],
                localState: 'C',
                cause: 41
            }
        ],
        [
            'FA Failed: busy',
            '024,FA,,005,1237,2001,2002,F,03',
            { code: 'FA', callId: '1237', failedExt: '2001', calledNumber: '2002', localState: 'F', cause: 3 }
        ],
        [
            'DND on, with a message and text',
            '025,DND,,005,2001,|IN A MEETING|,|back at 3|',
            {
                code: 'DND',
                monCrossRefId: '005',
                extension: '2001',
                enabled: true,
                message: 'IN A MEETING',
                text: 'back at 3'
            }
        ],
        [
            'DND off: blank message',
            '026,DND,,005,2001,,',
            { code: 'DND', extension: '2001', enabled: false, message: '', text: '' }
        ],
        [
            'OL Device Offline',
            '027,OL,,005,2001,0,1,0',
            { code: 'OL', extension: '2001', online: false, deviceType: '1', physicalDeviceType: '0' }
        ],
        [
            'OL back online',
            '028,OL,,005,2001,1,1,34',
            { code: 'OL', extension: '2001', online: true, physicalDeviceType: '34' }
        ],
        [
            'RS Resync Response, the library example at power-up',
            '000,RS,0,02:04,070515,V10.20,V6.0.11.113,3,0,1,3,1',
            {
                code: 'RS',
                sequence: '000',
                resyncCode: '0',
                time: '02:04',
                date: '070515',
                protocolVersion: 'V10.20',
                ksuSoftwareVersion: 'V6.0.11.113',
                premiumFeatureStatus: 3,
                networkNodeNumber: '0',
                networkingEnabled: '1',
                countryCode: '3',
                tcpipFlag: '1'
            }
        ],
        [
            'RD Resync Ended, the library example',
            '001,RD,0,',
            { code: 'RD', resyncCode: '0', specificExtension: '' }
        ],
        [
            'RD for one extension',
            '040,RD,12,2001',
            { code: 'RD', resyncCode: '12', specificExtension: '2001' }
        ],
        ['ME Monitor Ended', '041,ME,,005,19', { code: 'ME', monCrossRefId: '005', cause: 19 }]
    ])('%s', (_name, line, expected) => {
        expect(decodeLine(line)).toEqual(expect.objectContaining({ kind: 'event', ...expected }));
    });

    it('ignores fields a newer release may append', () => {
        expect(decodeLine('042,HE,,005,1234,2001,H,42,NEW,FIELDS')).toEqual(
            expect.objectContaining({ code: 'HE', callId: '1234', cause: 42 })
        );
    });

    it('reads a blank event cause as undefined', () => {
        expect(decodeLine('043,XC,,005,1234,2001,2001,N,')).toEqual(
            expect.objectContaining({ code: 'XC', cause: undefined })
        );
    });
});

describe('OAI confirmation decoders', () => {
    it.each<[string, string, Record<string, unknown>]>([
        [
            '_MC with <Call_ID>,<Affected_Ext>',
            '030,CF,_MC,7,0,1238,2001',
            {
                command: '_MC',
                invokeId: 7,
                outcome: 0,
                rest: ['1238', '2001'],
                detail: { command: '_MC', fields: ['1238', '2001'] }
            }
        ],
        [
            '_MS, the library example through the Gateway',
            '004,CF,_MS,3,0,0002,000243,1:,000244,2:,S:00FE',
            {
                command: '_MS',
                invokeId: 3,
                detail: {
                    command: '_MS',
                    monitors: [
                        { monCrossRefId: '000243', device: '1:' },
                        { monCrossRefId: '000244', device: '2:' }
                    ],
                    filters: ['S:00FE']
                }
            }
        ],
        [
            '_MS for one device',
            '031,CF,_MS,18,0,0001,005,2001,A:FFFF,C:FFFF,F:FFFF',
            {
                invokeId: 18,
                detail: {
                    command: '_MS',
                    monitors: [{ monCrossRefId: '005', device: '2001' }],
                    filters: ['A:FFFF', 'C:FFFF', 'F:FFFF']
                }
            }
        ],
        [
            '_TR with <New_Call_ID>,<Destination_Ext>,…',
            '032,CF,_TR,14,0,1234,2003,9001,|ACME|,01632960123,|MAIN|,4005551000',
            {
                command: '_TR',
                detail: {
                    command: '_TR',
                    newCallId: '1234',
                    destinationExt: '2003',
                    transferredExt: '9001',
                    outsideCallerName: 'ACME',
                    outsideCallerNumber: '01632960123'
                }
            }
        ],
        [
            '_NA, the library example',
            '002,CF,_NA,1,0,1',
            { command: '_NA', invokeId: 1, outcome: 0, rest: ['1'] }
        ],
        [
            '_NO',
            '033,CF,_NO,65534,0',
            { command: '_NO', invokeId: 65534, outcome: 0, rest: [], detail: { command: '_NO', nodes: [] } }
        ],
        [
            'a successful _MC without its call id: settles the command, no detail',
            '057,CF,_MC,7,0',
            { command: '_MC', invokeId: 7, outcome: 0, rest: [] }
        ],
        [
            'a _MS count longer than the line: the sessions it has',
            '058,CF,_MS,3,0,0002,000243,1:',
            { detail: { command: '_MS', monitors: [{ monCrossRefId: '000243', device: '1:' }], filters: [] } }
        ],
        [
            'a failed command: no detail is read from a non-zero outcome',
            '034,CF,_MC,9,12',
            { command: '_MC', invokeId: 9, outcome: 12, rest: [] }
        ]
    ])('%s', (_name, line, expected) => {
        const decoded = decodeLine(line);
        expect(decoded).toEqual(expect.objectContaining({ kind: 'confirmation', ...expected }));
        if (!('detail' in expected)) expect(decoded).not.toHaveProperty('detail');
    });
});

describe('OAI lines that cannot be read', () => {
    it.each<[string, string, string, string | undefined, RegExp]>([
        [
            'an unknown local connection state',
            '050,HE,,005,1234,2001,Z,42',
            'malformed',
            'HE',
            /local connection state "Z"/
        ],
        ['a non-numeric cause', '051,XC,,005,1234,2001,2001,N,xx', 'malformed', 'XC', /event cause "xx"/],
        ['too few fields', '052,ES,,005,1234,2001', 'malformed', 'ES', /ES needs 16 fields, got 6/],
        [
            'an unclosed text field',
            '053,DE,,005,1234,2001,,I,9001,|ACME,0163',
            'malformed',
            undefined,
            /not closed/
        ],
        ['no event code', '054', 'malformed', undefined, /no event code/],
        [
            'a CO whose party count does not fit',
            '055,CO,,005,2001,1234,1240,2001,3,9001,1234,C,41',
            'malformed',
            'CO',
            /3 parties/
        ],
        ['a CF without an invoke id', '056,CF,_MC,,0', 'malformed', 'CF', /invoke id/],
        ['an online flag other than 0 or 1', '059,OL,,005,2001,2,1,0', 'malformed', 'OL', /flag "2"/],
        [
            'an agent event the manual lists and the bridge does not use',
            '060,LN,,005,2001,77,|Agent|,2100',
            'ignored',
            'LN',
            /event LN/
        ],
        ['an event neither reading lists', '061,ZZ,,005,2001', 'unknown', 'ZZ', /event ZZ/],
        ['a DND about no extension', '062,DND,,005,', 'malformed', 'DND', /extension is blank/]
    ])('%s gives a typed error', (_name, line, reason, code, detail) => {
        expect(decodeLine(line)).toEqual({
            kind: 'error',
            reason,
            code,
            line,
            detail: expect.stringMatching(detail)
        });
    });

    it('never throws, whatever the bytes', () => {
        for (const line of ['', ',', '|', ',,,,', 'CF', '1,CF', '\u0000\u00ff', ',DE,'.repeat(50)]) {
            expect(() => decodeLine(line)).not.toThrow();
            expect(decodeLine(line).kind).toBe('error');
        }
    });
});
