// When a call pops without the agent asking, and in how many tabs.
import { AgentStorage } from '../../../telephony/storage/agentStorage';
import { MemoryStore } from '../../../telephony/storage/keyValueStore';
import type { SuiteCall } from '../../../suite/types';
import { AutoPops, automaticPopDue } from '../popPolicy';

const call = (state: SuiteCall['state'], extra: Partial<SuiteCall> = {}): SuiteCall => ({
    callId: 'c_1',
    state,
    direction: 'inbound',
    remote: { number: '01632 960123', name: '' },
    startTime: 0,
    cause: '',
    capabilities: [],
    ...extra
});
const fresh = { popRequested: false };

describe('automaticPopDue', () => {
    it('pops on the report the mode names, never in manual mode', () => {
        expect(automaticPopDue('ringing', call('ringing'), fresh)).toBe(true);
        expect(automaticPopDue('ringing', call('connected'), fresh)).toBe(true);
        expect(automaticPopDue('answered', call('ringing'), fresh)).toBe(false);
        expect(automaticPopDue('answered', call('connected'), fresh)).toBe(true);
        expect(automaticPopDue('manual', call('connected'), fresh)).toBe(false);
    });

    it('never pops a call popped or linked already, an internal call, or a number no search can find', () => {
        expect(automaticPopDue('ringing', call('ringing'), { popRequested: true })).toBe(false);
        expect(automaticPopDue('ringing', call('ringing'), { popRequested: false, linked: {} })).toBe(false);
        expect(automaticPopDue('ringing', call('ringing', { direction: 'internal' }), fresh)).toBe(false);
        expect(automaticPopDue('ringing', call('ringing', { remote: { number: '', name: '' } }), fresh)).toBe(
            false
        );
    });
});

describe('AutoPops', () => {
    const pops = (store: MemoryStore, visible = true) =>
        new AutoPops({
            storage: new AgentStorage(store, 'alice@example.com'),
            locks: undefined,
            isVisible: () => visible,
            hasFocus: () => true,
            now: Date.now
        });

    it('lets one tab of the agent pop each call, and a hidden tab none', async () => {
        const store = new MemoryStore();
        await expect(pops(store, false).claim('c_1')).resolves.toBe(false);
        await expect(pops(store).claim('c_1')).resolves.toBe(true);
        await expect(pops(store).claim('c_1')).resolves.toBe(false);
    });

    it('holds back a burst of pops and counts them for the setup check', async () => {
        const autoPops = pops(new MemoryStore());
        const claimed = [];
        for (const id of ['c_1', 'c_2', 'c_3', 'c_4', 'c_5']) claimed.push(await autoPops.claim(id));
        expect(claimed).toEqual([true, true, true, false, false]);
        expect(autoPops.skipped).toBe(2);
        expect(autoPops.decided).toBe(true);
    });
});
