import { BroadcastChannel } from 'node:worker_threads';
import { tabChannel, type TabChannel } from '../../core/telephony/tabs/tabChannel';
import type { SuiteCall } from '../../core/suite/types';
import { callerNumber, createVoiceCallRecords, type CreateVoiceCall } from '../voiceCalls';

const call: SuiteCall = {
    callId: 'suite-call-9',
    state: 'ringing',
    direction: 'inbound',
    remote: { number: '+441632960123', name: 'Pat Caller' },
    startTime: 1_800_000_000_000,
    cause: 'newCall',
    capabilities: ['answer', 'clear']
};

const opened: { close(): void }[] = [];
afterEach(() => {
    for (const item of opened.splice(0)) item.close();
});

function channel(name: string): TabChannel {
    const wrapped = tabChannel(new BroadcastChannel(name) as unknown as Parameters<typeof tabChannel>[0]);
    opened.push(wrapped);
    return wrapped;
}

function tab(leader: boolean, create: CreateVoiceCall | undefined, name: string, followerWaitMs = 2000) {
    const records = createVoiceCallRecords({
        isLeader: () => leader,
        create,
        channel: channel(name),
        calledNumber: () => '2001',
        followerWaitMs
    });
    opened.push(records);
    return records;
}

it('two tabs of the agent: the leader asks once, the follower gets the same VoiceCall without asking', async () => {
    const asked: Parameters<CreateVoiceCall>[] = [];
    const create: CreateVoiceCall = async (...args) => {
        asked.push(args);
        await new Promise((resolve) => setTimeout(resolve, 50));
        return { status: 'created', voiceCallId: '0LQ000000000001AAA' };
    };
    const leader = tab(true, create, 'voicecalls-two-tabs');
    const follower = tab(false, create, 'voicecalls-two-tabs');

    const [fromFollower, fromLeader, again] = await Promise.all([
        follower.forInbound(call),
        leader.forInbound(call),
        leader.forInbound(call)
    ]);
    expect(fromLeader).toBe('0LQ000000000001AAA');
    expect(again).toBe('0LQ000000000001AAA');
    expect(fromFollower).toBe('0LQ000000000001AAA');
    expect(asked).toEqual([['suite-call-9', '+441632960123', '2001']]);
    expect(follower.known('suite-call-9')).toBe('0LQ000000000001AAA');
});

it('a follower without word from a leader starts the call without a VoiceCall', async () => {
    const create = jest.fn<ReturnType<CreateVoiceCall>, Parameters<CreateVoiceCall>>();
    const follower = tab(false, create, 'voicecalls-alone', 100);
    await expect(follower.forInbound(call)).resolves.toBeUndefined();
    expect(create).not.toHaveBeenCalled();
});

it('ignores a message that is not a VoiceCall Id for a call id', async () => {
    const follower = tab(false, undefined, 'voicecalls-forged', 300);
    const forger = channel('voicecalls-forged');
    const pending = follower.forInbound(call);
    forger.postMessage({ kind: 'voiceCall', callId: 'suite-call-9', voiceCallId: '<img src=x>' });
    await expect(pending).resolves.toBeUndefined();
    expect(follower.known('suite-call-9')).toBeUndefined();
});

it('the setting off in Apex: no VoiceCall Id, and none is invented', async () => {
    const leader = tab(true, async () => ({ status: 'disabled', voiceCallId: null }), 'voicecalls-off');
    await expect(leader.forInbound(call)).resolves.toBeUndefined();
});

it.each([
    ['+441632960123', '+441632960123'],
    ['01632960123', '01632960123'],
    ['', 'anonymous'],
    ['Private', 'anonymous'],
    ['01632 960123', 'anonymous']
])(
    'asks for the VoiceCall of a caller reported as %j as %j (the remote action refuses anything else)',
    (number, asked) => {
        expect(callerNumber({ ...call, remote: { number, name: '' } })).toBe(asked);
    }
);
