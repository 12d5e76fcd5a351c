// Contract v1's rule for what a call offers in each state (docs/suite-api.md, the call object): one
// place for every server of the contract, the Suite simulator and the OAI bridge alike.
import type { CallCapability, CallState } from './types';

/** What a call in `state` offers; `relatedHeld` is true when its related call is on hold (a consult). */
export function contractCapabilities(state: CallState, relatedHeld: boolean): CallCapability[] {
    switch (state) {
        case 'ringing':
            return ['answer', 'clear'];
        case 'dialing':
        case 'queued':
            return ['clear'];
        case 'connected':
            return relatedHeld
                ? ['clear', 'completeTransfer', 'cancelTransfer']
                : ['hold', 'clear', 'transfer', 'consult'];
        case 'held':
            return ['retrieve', 'clear', 'transfer'];
        default:
            return [];
    }
}
