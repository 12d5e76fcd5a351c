// Placing a call: what the PBX is asked to dial, the record the call is linked to, how the number
// typed reads back, and what the agent is told when the call could not be placed.
import { AgentStorage } from '../../telephony/storage/agentStorage';
import { MemoryStore } from '../../telephony/storage/keyValueStore';
import { parseCallCenterSettings } from '../../telephony/settings/parse';
import type { SoftphoneSettings } from '../../telephony/settings/schema';
import { SuiteError, type SuiteClient } from '../../suite/types';
import { DEFAULT_SETTINGS } from '../../../stand-ins/opencti-emulator/emulator';
import { Diagnostics } from '../../telephony/diagnostics';
import { DialPad, clickToDialRequest } from '../dialPad';
import { RecordLinks } from '../records/recordLinks';

const ada = { recordId: '0035g00000AdaLov', name: 'Ada Lovelace', objectType: 'Contact' };

function setup(makeCall: (to: string) => Promise<void> = () => Promise.resolve(), ready = true) {
    const parsed = parseCallCenterSettings({
        ...DEFAULT_SETTINGS,
        '/reqDialingOptions/reqOutsidePrefix': '9',
        '/mivoiceDialing/siteCountryCode': '44',
        '/mivoiceDialing/siteNationalPrefix': '0'
    });
    if (!parsed.ok) throw new Error('bad settings');
    const settings: SoftphoneSettings = parsed.settings;
    const store = new MemoryStore();
    const storage = new AgentStorage(store, 'alice@example.com');
    const links = new RecordLinks(storage, Date.now);
    const notices: string[] = [];
    const dialled: string[] = [];
    const suite = {
        makeCall: (to: string) => (dialled.push(to), makeCall(to))
    } as unknown as SuiteClient;
    const diagnostics = new Diagnostics();
    const pad = new DialPad(links, {
        suite: () => suite,
        ready: () => ready,
        settings: () => settings,
        notify: (code) => notices.push(code),
        placed: () => undefined,
        changed: () => undefined,
        diagnostics
    });
    return { pad, links, store, storage, notices, dialled, diagnostics };
}

describe('DialPad', () => {
    it('dials what the PBX needs and links the call to the record', async () => {
        const { pad, links, notices, dialled } = setup();
        await pad.dial(' 01632 960123 ', ada);
        expect(dialled).toEqual(['901632960123']);
        expect(links.open('c_out', false).linked).toEqual(ada);
        expect(notices).toEqual([]);
    });

    it('reads the number typed back as the call card will show it, its extension apart', () => {
        const { pad } = setup();
        pad.input('tel:+44 (0)20 7946-0018 x204');
        expect(pad.view).toEqual({
            input: 'tel:+44 (0)20 7946-0018 x204',
            echo: { text: '020 7946 0018', extension: '204' },
            placed: 0
        });
        pad.input('call me');
        expect(pad.view.echo).toBeUndefined();
    });

    it('counts a call placed from the pad, so the field that dialled it clears; a click-to-dial leaves it', async () => {
        const { pad } = setup();
        pad.input('2002');
        await pad.dial('2002', undefined, true);
        expect(pad.view).toEqual({ input: '', placed: 1 });
        await pad.dial('2003');
        expect(pad.view.placed).toBe(1);
    });

    it('dials nothing it could not make sense of, nor while not connected, and says why', async () => {
        const notReady = setup(undefined, false);
        await notReady.pad.dial('2002');
        expect(notReady.notices).toEqual(['notConnected']);
        const { pad, notices, dialled } = setup();
        await pad.dial('call me');
        expect(notices).toEqual(['numberInvalid']);
        expect(dialled).toEqual([]);
    });

    it('links nothing, keeps the number typed, and says why in words when the Suite refuses the call', async () => {
        const refused = () => Promise.reject(new SuiteError('deviceBusy', { host: 'suite', port: '8204' }));
        const { pad, links, notices, diagnostics } = setup(refused);
        pad.input('2002');
        await pad.dial('2002', ada, true);
        expect(notices).toEqual(['phoneBusy']);
        expect(pad.view).toMatchObject({ input: '2002', placed: 0 });
        expect(links.open('c_out', false).linked).toBeUndefined();
        // The code is for the setup check, not for the agent.
        expect(diagnostics.entries().map((entry) => [entry.operation, entry.detail])).toEqual([
            ['command.dial', 'deviceBusy']
        ]);
    });
});

describe('clickToDialRequest', () => {
    it('takes the number and the record from a click-to-dial, and nothing that is not text', () => {
        expect(
            clickToDialRequest({
                number: '2002',
                recordId: ada.recordId,
                recordName: ada.name,
                objectType: 'Contact'
            })
        ).toEqual({ number: '2002', record: ada });
        expect(clickToDialRequest({ number: 42, recordId: '' })).toEqual({ number: '', record: undefined });
    });
});
