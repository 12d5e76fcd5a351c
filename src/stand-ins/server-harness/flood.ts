// A snapshot far bigger than a phone can have, as a misbehaving server would send it.

/** `snapshot` with made-up calls added: `liveCalls` ringing and `recentCalls` ended (ids c_flood_…). */
export function floodedSnapshot(
    snapshot: Record<string, unknown>,
    flood: { liveCalls: number; recentCalls: number; extension: string }
): Record<string, unknown> {
    const call = (index: number, state: string) => ({
        callId: `c_flood_${state}_${index}`,
        extension: flood.extension,
        state,
        direction: 'inbound',
        type: 'external',
        remote: { number: `0163296${String(index).padStart(4, '0')}`, name: `Flood ${index}` },
        startTime: new Date().toISOString(),
        endTime: state === 'cleared' ? new Date().toISOString() : null,
        cause: state === 'cleared' ? 'normalClear' : 'newCall',
        capabilities: state === 'cleared' ? [] : ['answer', 'clear']
    });
    const made = (count: number, state: string) =>
        Array.from({ length: count }, (_, index) => call(index, state));
    return {
        ...snapshot,
        calls: [...(snapshot.calls as unknown[]), ...made(flood.liveCalls, 'ringing')],
        recentCalls: [...(snapshot.recentCalls as unknown[]), ...made(flood.recentCalls, 'cleared')]
    };
}
