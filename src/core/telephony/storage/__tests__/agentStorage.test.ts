// One agent's shared names: the durable ones exactly as earlier releases wrote them, the rest per
// agent, and everything read back through a codec that refuses what this softphone would not write.
import {
    AgentStorage,
    DROPPABLE_PREFIXES,
    agentChannelNames,
    agentNamespace,
    jsonCodec,
    markTimeCodec
} from '../agentStorage';
import { MemoryStore } from '../keyValueStore';

const NOW = 1_800_000_000_000;

describe('AgentStorage', () => {
    it('keeps the durable Task queue keys of earlier releases, byte for byte', () => {
        const store = new MemoryStore();
        const agent = new AgentStorage(store, agentNamespace(' Alice@Example.com '));
        expect(agent.taskLog).toEqual({
            pending: 'mivoice.taskLog.alice@example.com.',
            saved: 'mivoice.taskSaved.alice@example.com.'
        });
    });

    it('names the locks and the channel per agent', () => {
        const agent = new AgentStorage(new MemoryStore(), 'alice@example.com');
        expect([agent.taskLogLock, agent.connectionLock, agent.suiteChannel, agent.popLock('c_1')]).toEqual([
            'mivoice-softphone-alice@example.com',
            'mivoice-connection-alice@example.com',
            'mivoice-suite-alice@example.com',
            'mivoice-pop-alice@example.com-c_1'
        ]);
    });

    it('gives the Voice connector the Open CTI host’s connection names, so both share one Suite session', () => {
        const voice = agentChannelNames(agentNamespace('Alice@Example.com'));
        const openCti = new AgentStorage(new MemoryStore(), agentNamespace('alice@example.com'));
        expect([voice.connectionLock, voice.suiteChannel]).toEqual([
            openCti.connectionLock,
            openCti.suiteChannel
        ]);
        expect([voice.voiceCallLock, voice.voiceCallChannel]).toEqual([
            'mivoice-voice-alice@example.com',
            'mivoice-voicecalls-alice@example.com'
        ]);
    });

    it('keeps one agent’s notes, call links and pop marks from another’s', () => {
        const store = new MemoryStore();
        const alice = new AgentStorage(store, 'alice@example.com', () => NOW);
        const bob = new AgentStorage(store, 'bob@example.com', () => NOW);
        alice.notes('c_1').write('Alice’s notes');
        alice.popMark('c_1').write(NOW);
        const link = jsonCodec((value) => (typeof value === 'string' ? value : undefined));
        alice.callLink('c_1', link).write('linked');
        expect(bob.notes('c_1').read()).toBeUndefined();
        expect(bob.popMark('c_1').read()).toBeUndefined();
        expect(bob.callLink('c_1', link).read()).toBeUndefined();
        expect(alice.callLink('c_1', link).read()).toBe('linked');
        alice.forgetCall('c_1');
        expect(alice.notes('c_1').read()).toBeUndefined();
        expect(alice.callLink('c_1', link).read()).toBeUndefined();
    });

    it('reads back only what it would write: bounded notes, past marks', () => {
        const store = new MemoryStore();
        const agent = new AgentStorage(store, 'alice@example.com', () => NOW);
        store.setItem('mivoice.callNotes.alice@example.com.c_1', 'n'.repeat(40_000));
        expect(agent.notes('c_1').read()).toHaveLength(32_000);
        expect(markTimeCodec.decode(String(NOW - 1), NOW)).toBe(NOW - 1);
        expect(markTimeCodec.decode(String(NOW + 1), NOW)).toBeUndefined();
        expect(markTimeCodec.decode('soon', NOW)).toBeUndefined();
    });

    it('lets a full storage drop pop marks and recent numbers (and old pop marks), never Tasks or notes', () => {
        const droppable = (key: string) => DROPPABLE_PREFIXES.some((prefix) => key.startsWith(prefix));
        expect(droppable('mivoice.popMark.alice@example.com.c_1')).toBe(true);
        expect(droppable('mivoice.popped.c_1')).toBe(true);
        expect(droppable('mivoice.recent.alice@example.com')).toBe(true);
        expect(droppable('mivoice.taskLog.alice@example.com.c_1')).toBe(false);
        expect(droppable('mivoice.callNotes.alice@example.com.c_1')).toBe(false);
        expect(droppable('mivoice.callLink.alice@example.com.c_1')).toBe(false);
    });
});
