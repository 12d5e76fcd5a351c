// What the bridge answers to `GET /api/v1/server`: the contract level the softphone requires (5.2)
// as its release, and its own version beside it.
import type { ServerInfo } from '../server/phoneSystem';

export const CONTRACT_RELEASE = '5.2';
export const BRIDGE_VERSION = '0.1.0';

export const BRIDGE_INFO: ServerInfo = {
    product: 'MiVoice OAI bridge',
    version: CONTRACT_RELEASE,
    features: ['dnd', 'consultTransfer'],
    details: { bridgeVersion: BRIDGE_VERSION }
};
