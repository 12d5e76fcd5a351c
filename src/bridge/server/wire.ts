// Contract v1 call objects as they go on the wire (docs/suite-api.md, "Call").
import type { SuiteCall } from '../../core/suite/types';

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

/** The event name for a call change, as the Suite simulator names them. */
export function callEventName(call: SuiteCall): string {
    return call.state === 'cleared' && call.cause === 'transfer' ? 'call.transferred' : `call.${call.state}`;
}
