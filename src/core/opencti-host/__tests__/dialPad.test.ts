// Placing a call: what the PBX is asked to dial, the record the call is linked to, and the
// numbers the agent finds again under "recent".
import { AgentStorage } from '../../telephony/storage/agentStorage';
import { MemoryStore } from '../../telephony/storage/keyValueStore';
import { parseCallCenterSettings } from '../../telephony/settings/parse';
import type { SoftphoneSettings } from '../../telephony/settings/schema';
import { SuiteError, type SuiteClient } from '../../suite/types';
import { DEFAULT_SETTINGS } from '../../../stand-ins/opencti-emulator/emulator';
import { DialPad, clickToDialRequest } from '../dialPad';
import { RecordLinks } from '../records/recordLinks';

const ada = { recordId: '0035g00000AdaLov', name: 'Ada Lovelace', objectType: 'Contact' };

function setup(makeCall: (to: string) => Promise<void> = () => Promise.resolve(), ready = true) {
    const parsed = parseCallCenterSettings({
        ...DEFAULT_SETTINGS,
        '/reqDialingOptions/reqOutsidePrefix': '9'
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
    const pad = new DialPad(storage, links, {
        suite: () => suite,
        ready: () => ready,
        settings: () => settings,
        notify: (code) => notices.push(code),
        changed: () => undefined
    });
    return { pad, links, store, storage, notices, dialled };
}

describe('DialPad', () => {
    it('dials what the PBX needs, links the call to the record, and keeps the number as typed among the recent ones', async () => {
        const { pad, links, store, notices, dialled } = setup();
        await pad.dial(' 01632 960123 ', ada);
        expect(dialled).toEqual(['901632960123']);
        expect(links.open('c_out', false).linked).toEqual(ada);
        await pad.dial('2002');
        await pad.dial('01632 960123');
        expect(pad.recent).toEqual(['01632 960123', '2002']);
        expect(store.getItem('mivoice.recent.alice@example.com')).toBe('["01632 960123","2002"]');
        expect(notices).toEqual([]);
    });

    it('dials nothing it could not make sense of, nor while not connected, and says why', async () => {
        const notReady = setup(undefined, false);
        await notReady.pad.dial('2002');
        expect(notReady.notices).toEqual(['dialFailed']);
        const { pad, notices, dialled } = setup();
        await pad.dial('call me');
        expect(notices).toEqual(['numberInvalid']);
        expect(dialled).toEqual([]);
    });

    it('links nothing and remembers nothing when the Suite refuses the call', async () => {
        const refused = () => Promise.reject(new SuiteError('deviceBusy', { host: 'suite', port: '8204' }));
        const { pad, links, notices } = setup(refused);
        await pad.dial('2002', ada);
        expect(notices).toEqual(['dialFailed']);
        expect(pad.recent).toEqual([]);
        expect(links.open('c_out', false).linked).toBeUndefined();
    });

    it('loads the recent numbers the agent’s other tabs stored', () => {
        const { pad, storage } = setup();
        storage.recentNumbers().write(['2003']);
        pad.load();
        expect(pad.recent).toEqual(['2003']);
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
