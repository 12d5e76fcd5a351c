// Contract v1 call objects and snapshots as they go on the wire (docs/suite-api.md, "Call").
import type { SuiteCall } from '../core/suite/types';
import type { PhoneSystem } from './phoneSystem';

const iso = (time: number | undefined) => (time === undefined ? null : new Date(time).toISOString());

export function wireCall(extension: string, call: SuiteCall): Record<string, unknown> {
    return {
        callId: call.callId,
        extension,
        state: call.state,
        direction: call.direction,
        type: call.direction === 'internal' ? 'internal' : 'external',
        remote: { number: call.remote.number, name: call.remote.name },
        huntGroup: call.huntGroup ?? null,
        relatedCallId: call.relatedCallId ?? null,
        startTime: iso(call.startTime),
        answerTime: iso(call.answerTime),
        endTime: iso(call.endTime),
        cause: call.cause,
        capabilities: [...call.capabilities],
        ...(call.transferredTo ? { transferredTo: call.transferredTo } : {})
    };
}

/** The event name for a call change: its state, or `call.transferred` for a call a transfer ended. */
export function callEventName(call: SuiteCall): string {
    return call.state === 'cleared' && call.cause === 'transfer' ? 'call.transferred' : `call.${call.state}`;
}

/** The `snapshot` frame's data for a session: its extension's calls, recent calls, DND and the link. */
export function snapshotOf(
    phone: PhoneSystem,
    session: { seq: number; extension: string },
    resync: boolean
): Record<string, unknown> {
    const { extension } = session;
    return {
        seq: session.seq,
        resync,
        calls: phone.calls(extension).map((call) => wireCall(extension, call)),
        recentCalls: phone.recentCalls(extension).map((call) => wireCall(extension, call)),
        dnd: { enabled: phone.dnd(extension) },
        system: { pbxConnected: phone.pbxConnected, version: phone.info.version }
    };
}
